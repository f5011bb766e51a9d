# The sequential baseline as tutorials write it, before the pools: a function that reads the
# clock and sleeps, called by map(); a sort key that takes a lock; the same after a thread
# pool has come and gone, and inside a worker process. monty cannot suspend inside a
# built-in's callback, so the host answers these calls there at once (a sleep blocks when no
# other thread could run meanwhile).
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def download(n):
    start = time.perf_counter()
    time.sleep(0.05)
    return n * 2, time.perf_counter() - start >= 0.05


began = time.perf_counter()
results = list(map(download, [1, 2, 3]))
elapsed = time.perf_counter() - began
print('sequential:', results, elapsed >= 0.15)

lock = threading.Lock()
calls = []


def key(word):
    with lock:
        calls.append(word)
    return len(word)


print(sorted(['pear', 'fig', 'banana'], key=key), len(calls))
print(sum(time.monotonic() > 0 for _ in range(3)), max([1, 2], key=lambda n: time.time() and n))

with ThreadPoolExecutor(3) as executor:
    began = time.perf_counter()
    print('threads:', list(executor.map(download, [1, 2, 3])), time.perf_counter() - began < 0.14)

print('again:', list(map(download, [4])))


def batch(numbers):
    began = time.perf_counter()
    results = list(map(download, numbers))
    return results, time.perf_counter() - began >= 0.05 * len(numbers), sorted(numbers, key=lambda n: (os.getpid(), -n))


with ProcessPoolExecutor(2) as processes:
    print('processes:', list(processes.map(batch, [[1, 2], [3]])))
