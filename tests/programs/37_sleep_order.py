# Sleep ordering: A sleeps 0.3 s, B sleeps 0.1 s, so B ends before A.
import threading
import time


def task(name, seconds):
    print(name, "start")
    time.sleep(seconds)
    print(name, "end")


a = threading.Thread(target=task, args=("A", 0.3))
b = threading.Thread(target=task, args=("B", 0.1))
a.start()
time.sleep(0.05)
b.start()
a.join()
b.join()
print("both done")
