# A tutorial's classes and helpers: a thread-safe counter whose `value` is a property read and
# written under its lock (the getter and setter wait for the lock like any method), a
# classmethod factory and a staticmethod, a timing decorator written with functools.wraps,
# and built-in methods passed as values (`d.get` as a key, `results.append` as a thread's
# target, `str.upper` mapped over a pool).
import functools
import threading
import time
from concurrent.futures import ThreadPoolExecutor


def timed(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        result = func(*args, **kwargs)
        took = time.perf_counter() - start
        timings.append((func.__name__, took >= 0))
        return result

    return wrapper


timings = []


class Counter:
    def __init__(self, start=0):
        self._lock = threading.Lock()
        self._value = start

    @property
    def value(self):
        with self._lock:
            return self._value

    @value.setter
    def value(self, new):
        with self._lock:
            self._value = new

    def increment(self):
        with self._lock:
            self._value += 1

    @classmethod
    def starting_at(cls, n):
        return cls(n)

    @staticmethod
    def describe(n):
        return f'{n} increments'


@timed
def work(counter, n):
    for _ in range(n):
        counter.increment()
    return counter.value


counter = Counter.starting_at(100)
threads = [threading.Thread(target=work, args=(counter, 250), name=f'w{i}') for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print('value:', counter.value, '-', Counter.describe(1000))
counter.value = 7
print('reset to', counter.value)
print('decorated:', work.__name__, work.__wrapped__.__name__, sorted(set(timings)))
try:
    Counter.describe = None
    counter.missing
except AttributeError as e:
    print('AttributeError:', e)

results = []
readers = [threading.Thread(target=results.append, args=(n * n,)) for n in range(5)]
for t in readers:
    t.start()
for t in readers:
    t.join()
print('appended by threads:', sorted(results))

votes = {'threads': 3, 'processes': 7, 'asyncio': 5}
print('winner:', max(votes, key=votes.get), sorted(votes, key=votes.get))

with ThreadPoolExecutor(max_workers=3) as pool:
    print(list(pool.map(str.upper, ['io', 'cpu', 'gil'])))
    print(list(pool.map(' '.join, [['a', 'b'], ['c']])))
print(type(counter), callable(counter.increment), callable(counter))
