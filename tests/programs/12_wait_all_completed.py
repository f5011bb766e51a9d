# concurrent.futures.wait with ALL_COMPLETED (the default) and a timeout.
import time
from concurrent.futures import ThreadPoolExecutor, wait, ALL_COMPLETED


def task(n):
    time.sleep(0.05)
    return n + 100


with ThreadPoolExecutor(max_workers=3) as executor:
    futures = [executor.submit(task, n) for n in range(5)]
    done, not_done = wait(futures, return_when=ALL_COMPLETED)
    print(len(done), len(not_done))
    print(sorted([f.result() for f in done]))

    more = [executor.submit(task, n) for n in range(3)]
    done, not_done = wait(more, timeout=5)
    print(len(done), len(not_done))
    print(sorted([f.result() for f in done]))
