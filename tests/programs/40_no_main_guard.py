# Tutorial style with no __main__ guard: both executors at module level.
import time
from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor


def cpu_task(n):
    return sum([i * i for i in range(n)])


def io_task(n):
    time.sleep(0.05)
    return n * 2


with ThreadPoolExecutor(max_workers=4) as executor:
    print("threads:", list(executor.map(io_task, [1, 2, 3, 4])))

with ProcessPoolExecutor(max_workers=2) as executor:
    print("processes:", list(executor.map(cpu_task, [10, 100, 1000])))

print("done")
