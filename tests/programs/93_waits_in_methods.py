# Waits inside a container's method that reads a whole iterable: `list.extend`,
# `set.update`, `set.union`, `dict.update` and `deque.extend` of an executor's
# `map`, of `as_completed` and of a `Pool.imap`, each item waiting for a worker.
import collections
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from multiprocessing import Pool


def square(x):
    time.sleep(0.001 * (4 - x))
    return x * x


def pair(x):
    return (x, x * 10)


if __name__ == '__main__':
    results = []
    with ThreadPoolExecutor(max_workers=3) as executor:
        results.extend(executor.map(square, range(4)))
        print(results)
        seen = set()
        seen.update(executor.map(square, [1, 2, 2, 3]))
        print(sorted(seen))
        print(sorted({0}.union(executor.map(square, range(3)))))
        print(frozenset([1, 4]).issubset(executor.map(square, range(4))))
        table = {}
        table.update(executor.map(pair, range(3)))
        print(table)
        futures = [executor.submit(square, i) for i in range(4)]
        finished = set()
        finished.update(as_completed(futures))
        print(len(finished), all(f.done() for f in finished))
        recent = collections.deque(maxlen=2)
        recent.extend(executor.map(square, range(4)))
        print(recent)
        counts = collections.Counter()
        counts.update(executor.map(square, [1, 1, 2]))
        print(counts)

    with ProcessPoolExecutor(max_workers=2) as executor:
        totals = [0]
        totals.extend(executor.map(square, range(4)))
        print(totals)

    with Pool(2) as pool:
        squares = []
        squares.extend(pool.imap(square, range(4)))
        squares.extend(pool.imap_unordered(square, [4]))
        print(squares)

    try:
        [].extend(ThreadPoolExecutor(1).map(int, ['1', 'x']))
    except ValueError as error:
        print('ValueError:', error)
