# More processes asleep than the machine has cores: a process in time.sleep gives its core
# away, as an operating system's does, so four Pool workers, four Processes and a
# ProcessPoolExecutor(6) each nap at once, and a process computes while the others sleep.
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool, Process, Queue


def nap(n):
    time.sleep(0.4)
    return n * 10


def nap_then_put(q, n):
    time.sleep(0.4)
    q.put(n)


def count(n):
    total = 0
    for i in range(n):
        total += i % 3
    return total


if __name__ == '__main__':
    start = time.perf_counter()
    with Pool(4) as pool:
        print(pool.map(nap, range(4)))
    elapsed = time.perf_counter() - start
    print('Pool(4), four naps overlap:', elapsed < 0.75)

    start = time.perf_counter()
    q = Queue()
    processes = [Process(target=nap_then_put, args=(q, n)) for n in range(4)]
    for p in processes:
        p.start()
    got = sorted([q.get() for _ in range(4)])
    for p in processes:
        p.join()
    elapsed = time.perf_counter() - start
    print(got, [p.exitcode for p in processes])
    print('four Processes, naps overlap:', elapsed < 0.75)

    start = time.perf_counter()
    with ProcessPoolExecutor(6) as executor:
        naps = [executor.submit(nap, n) for n in range(5)]
        work = executor.submit(count, 30000)
        print([f.result() for f in naps], work.result())
    elapsed = time.perf_counter() - start
    print('five naps and a count on six processes:', elapsed < 0.75)
