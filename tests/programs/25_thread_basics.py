# Thread(target=, args=, kwargs=, name=), start, join, is_alive, name.
import threading

results = {}


def greet(greeting, name, punctuation="."):
    results[threading.current_thread().name] = greeting + ", " + name + punctuation


t1 = threading.Thread(target=greet, args=("Hello", "Ada"), name="greeter-1")
t2 = threading.Thread(target=greet, args=("Hi",), kwargs={"name": "Bob", "punctuation": "!"}, name="greeter-2")
print(t1.name, t2.name)
print("alive before start:", t1.is_alive())
t1.start()
t2.start()
t1.join()
t2.join()
print("alive after join:", t1.is_alive(), t2.is_alive())
for key in sorted(results):
    print(key, "->", results[key])
t1.name = "renamed"
print(t1.name)
