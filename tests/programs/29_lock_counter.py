# A Lock protects a shared counter incremented by 4 threads.
import threading

counter = 0
lock = threading.Lock()


def increment(times):
    global counter
    for _ in range(times):
        with lock:
            counter += 1


threads = [threading.Thread(target=increment, args=(10000,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("final counter:", counter)

# the same with explicit acquire()/release()
total = 0


def add(n):
    global total
    for _ in range(n):
        lock.acquire()
        total += 2
        lock.release()


threads = [threading.Thread(target=add, args=(5000,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("final total:", total)
print("lock free:", not lock.locked())
