# timeit: a statement timed as a string (with globals, globals() and `from __main__ import`), as a callable, repeated, and the default_timer clock around a thread pool
import time
import timeit
from concurrent.futures import ThreadPoolExecutor
from timeit import default_timer as timer


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def wait(seconds):
    time.sleep(seconds)
    return seconds


start = timer()
with ThreadPoolExecutor(max_workers=4) as executor:
    print(list(executor.map(wait, [0.1, 0.1, 0.1, 0.1])))
elapsed = timer() - start
print('overlapped:', 0.1 <= elapsed < 0.35)

print(timeit.timeit(lambda: time.sleep(0.02), number=5) >= 0.1)
print(timeit.timeit('fib(12)', globals={'fib': fib}, number=3) > 0)
print(timeit.timeit('fib(12)', globals=globals(), number=3) > 0)
print(timeit.timeit('fib(12)', setup='from __main__ import fib', number=3) > 0)
times = timeit.repeat('sorted(data)', setup='data = list(range(200, 0, -1))', repeat=4, number=50)
print(len(times), all(t > 0 for t in times))
try:
    timeit.timeit('fib(3)', number=1)
except NameError as e:
    print('NameError:', e)
t = timeit.Timer(lambda: time.sleep(0.025))
number, taken = t.autorange()
print(number, taken >= 0.2)
print(timeit.default_timer is time.perf_counter)
