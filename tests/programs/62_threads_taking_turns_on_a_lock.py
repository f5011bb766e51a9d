# Threads that take a lock in a tight loop still take turns with the others: the main thread's
# sleep ends on time while two threads count under one lock, and the threads' counts add up.
import threading
import time

lock = threading.Lock()
counts = {'a': 0, 'b': 0}
stop = threading.Event()


def count(name):
    while not stop.is_set():
        with lock:
            counts[name] += 1


threads = [threading.Thread(target=count, args=(name,)) for name in 'ab']
began = time.perf_counter()
for t in threads:
    t.start()
time.sleep(0.05)
woke = time.perf_counter() - began
stop.set()
for t in threads:
    t.join()
print('the main thread woke on time:', woke < 1.0)
print('both threads counted:', counts['a'] > 0 and counts['b'] > 0)
