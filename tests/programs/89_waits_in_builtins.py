# Waits inside what a built-in calls: the Python docs' worker loop `for item in
# iter(queue.get, 'STOP')`, `list(iter(...))` draining a queue a thread fills,
# and `map()`/`filter()`/`sum()` of a lambda that waits for a future's result.
import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor

tasks = queue.Queue()
done = []


def worker():
    for item in iter(tasks.get, 'STOP'):
        done.append(item * 2)
    done.append('stopped')


consumer = threading.Thread(target=worker)
consumer.start()
for i in range(4):
    tasks.put(i)
    time.sleep(0.002)
tasks.put('STOP')
consumer.join()
print(done)

filled = queue.Queue()


def producer():
    for i in range(3):
        time.sleep(0.002)
        filled.put(i)
    filled.put(None)


threading.Thread(target=producer).start()
print('drained', list(iter(filled.get, None)))


def slow_square(x):
    time.sleep(0.001 * (4 - x))
    return x * x


with ThreadPoolExecutor(max_workers=4) as executor:
    futures = [executor.submit(slow_square, i) for i in range(4)]
    print(list(map(lambda f: f.result(), futures)))
    print(len(list(filter(lambda f: f.result() % 2, futures))))
    print(sum(map(lambda f: f.result(), futures)))
    print(sorted(map(lambda f, k: f.result() * k, futures, [3, 2, 1])))

# The iterator is spent once the sentinel came: CPython drops the callable.
calls = []
counter = iter(lambda: calls.append(1) or len(calls), 3)
print([n for n in counter], next(counter, 'spent'), len(calls))


def ends_early():
    raise StopIteration


print(list(iter(ends_early, 0)))
