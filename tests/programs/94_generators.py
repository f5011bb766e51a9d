# Generators as tutorials use them: a pipeline of generators feeding a thread pool and a
# process pool, a generator that sleeps between items read by two threads, yield from,
# send() to a running average, close() running a finally block, a generator expression.
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing import Pool


def read_lines():
    for line in ['3 4', '10 20', 'x', '7 8']:
        yield line


def parse(lines):
    for line in lines:
        parts = line.split()
        if len(parts) == 2:
            yield int(parts[0]), int(parts[1])


def multiply(pair):
    a, b = pair
    time.sleep(0.01)
    return a * b


def chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def ticks(name, count, pause):
    for i in range(count):
        time.sleep(pause)
        yield f'{name}{i}'


def flatten(nested):
    for item in nested:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item


def averager():
    total, count, average = 0, 0, None
    while True:
        value = yield average
        total += value
        count += 1
        average = total / count


def guarded(log):
    try:
        for i in range(10):
            yield i
    finally:
        log.append('closed')


if __name__ == '__main__':
    with ThreadPoolExecutor(max_workers=3) as executor:
        print(list(executor.map(multiply, parse(read_lines()))))
    with Pool(2) as pool:
        print(pool.map(sum, chunks(list(range(10)), 4)))
        print(list(pool.imap(multiply, parse(read_lines()))))

    seen = []
    lock = threading.Lock()

    def consume(name, pause):
        for tick in ticks(name, 3, pause):
            with lock:
                seen.append(tick)

    threads = [threading.Thread(target=consume, args=(n, p)) for n, p in [('a', 0.02), ('b', 0.03)]]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    print(sorted(seen), elapsed < 0.14)

    print(list(flatten([1, [2, [3, 4]], [], 5])))
    avg = averager()
    next(avg)
    print([avg.send(v) for v in [10, 20, 60]])
    log = []
    g = guarded(log)
    print(next(g), next(g), log)
    g.close()
    print(log, list(g))
    print(sum(x * x for x in range(5)), max(len(w) for w in ['a', 'abc', 'ab']))
    countdown = (n for n in range(3, 0, -1))
    print(next(countdown), list(countdown), next(countdown, 'empty'))
