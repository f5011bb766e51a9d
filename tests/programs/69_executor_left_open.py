# A ThreadPoolExecutor the program never shuts down (no `with`, no shutdown()): its queued work still runs, and the program ends when the main module does, as CPython's exit handler shuts such a pool down.
import time
from concurrent.futures import ThreadPoolExecutor

done = []


def slow_square(n):
    time.sleep(0.05)
    done.append(n)
    return n * n


executor = ThreadPoolExecutor(max_workers=2)
print(executor.submit(pow, 2, 10).result())
print(list(executor.map(abs, [-1, -2, 3])))
for n in range(4):
    executor.submit(slow_square, n)


def helper():
    pool = ThreadPoolExecutor(1)
    return pool.submit(len, "abc").result()


print(helper())
print("main module ends with", len(done) < 4, "squares still to come")
