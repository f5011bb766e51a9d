# Results as they come: as_completed, Executor.map and Pool.imap give each result once it is ready, not after all of them, so the loop's steps interleave with the workers' and the loop can release the work it waits for; list(), sum(), zip() and the like over them wait as they read.
import threading
import time
from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor, as_completed
from multiprocessing import Pool

log = []


def task(n):
    time.sleep(n / 10)
    log.append(f"task {n} done")
    return n * 10


def square(n):
    time.sleep(n / 10)
    return n * n


if __name__ == "__main__":
    with ThreadPoolExecutor(max_workers=3) as ex:
        futures = [ex.submit(task, n) for n in (3, 1, 2)]
        for future in as_completed(futures):
            log.append(f"as_completed gave {future.result()}")
        for result in ex.map(task, [2, 1]):
            log.append(f"map gave {result}")
    print("\n".join(log))

    gate = threading.Event()

    def opened(n):
        if n == 1:
            gate.wait()
        return n

    with ThreadPoolExecutor(2) as ex:
        for result in ex.map(opened, [0, 1]):
            print("map gave", result)
            gate.set()

    with ThreadPoolExecutor(2) as ex:
        print(list(zip("ab", ex.map(square, [2, 1]))))
        print(sum(ex.map(square, [1, 2])), sorted(ex.map(square, [2, 1])), max(ex.map(square, [1, 2])))
        print(any(ex.map(square, [0, 1])), all(ex.map(square, [0, 1])), tuple(ex.map(square, [1])))
        for i, f in enumerate(as_completed([ex.submit(square, n) for n in (2, 1)]), 1):
            print(i, f.result())

    with Pool(2) as pool:
        print(list(pool.imap_unordered(square, [3, 1])))
        for result in pool.imap(square, [2, 1]):
            print("imap gave", result)
        print(pool.imap(square, [1]).next(timeout=5))

    with ProcessPoolExecutor(2) as ex:
        fs = [ex.submit(square, n) for n in (2, 1)]
        print([f.result() for f in as_completed(fs)])
