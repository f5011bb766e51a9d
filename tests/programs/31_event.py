# Event: set, wait, is_set, clear, and wait(timeout) returning False.
import threading

ready = threading.Event()
results = []


def waiter():
    ready.wait()
    results.append("waiter saw the event")


print("is_set at start:", ready.is_set())
print("wait(0.1) before set:", ready.wait(0.1))
t = threading.Thread(target=waiter)
t.start()
ready.set()
t.join()
print(results)
print("is_set after set:", ready.is_set())
print("wait() after set:", ready.wait())
ready.clear()
print("is_set after clear:", ready.is_set())
print("wait(timeout=0.05):", ready.wait(timeout=0.05))
