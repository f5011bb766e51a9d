# A thread-safe least-recently-used cache on collections.OrderedDict; an OrderedDict sent to and back from a process pool.
import threading
from collections import Counter, OrderedDict
from concurrent.futures import ProcessPoolExecutor


class LRUCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self.cache = OrderedDict()
        self.lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key, compute):
        with self.lock:
            if key in self.cache:
                self.cache.move_to_end(key)
                self.hits += 1
                return self.cache[key]
            self.misses += 1
        value = compute(key)
        with self.lock:
            self.cache[key] = value
            if len(self.cache) > self.capacity:
                self.cache.popitem(last=False)
        return value


def square(n):
    return n * n


def ranked(scores):
    return OrderedDict(sorted(scores.items(), key=lambda item: -item[1]))


if __name__ == '__main__':
    cache = LRUCache(3)
    threads = [threading.Thread(target=lambda: [cache.get(k, square) for k in [1, 2, 3, 1, 4]])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(cache.cache, cache.hits, cache.misses)
    with ProcessPoolExecutor(max_workers=2) as executor:
        top = executor.submit(ranked, {'ann': 3, 'bob': 9, 'cy': 5}).result()
        print(type(top).__name__, top, next(iter(top)))
        print(executor.submit(len, OrderedDict(a=1, b=2)).result())
    od = OrderedDict.fromkeys('abc', 0)
    od.move_to_end('a')
    od.move_to_end('c', last=False)
    print(od, od.popitem(), od.popitem(last=False), od == {'b': 0}, od == OrderedDict(b=0))
    print(Counter('hello').most_common(1))
    try:
        OrderedDict().popitem()
    except KeyError as e:
        print('KeyError:', e)
