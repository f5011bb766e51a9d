# What a tutorial's helpers use: a decorator that names the function it wraps, a class with
# __len__ and __bool__ shared by threads under a lock, and the KeyError of a missing task id.
import threading
import time
from concurrent.futures import ThreadPoolExecutor

calls = []


def logged(func):
    def wrapper(*args):
        calls.append(func.__name__)
        return func(*args)

    return wrapper


@logged
def square(n):
    time.sleep(0.01)
    return n * n


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.by_id = {}

    def add(self, task_id, value):
        with self.lock:
            self.by_id[task_id] = value

    def __len__(self):
        return len(self.by_id)


results = Results()
print('empty:', len(results), bool(results), 'yes' if results else 'no')
with ThreadPoolExecutor(4) as executor:
    for n, value in zip(range(6), executor.map(square, range(6))):
        results.add(n, value)
print('done:', len(results), bool(results))
print(sorted(calls), square.__name__, logged.__name__)
try:
    results.by_id[42]
except KeyError as e:
    print('missing task', str(e), repr(e), e.__class__.__name__)
print([results.by_id[n] for n in sorted(results.by_id)])
