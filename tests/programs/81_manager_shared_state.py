# multiprocessing.Manager as tutorials use it: a dict, a list, a Namespace and a Value shared
# with Process and Pool workers (sent to a pool as arguments and inside a partial), a manager's
# Lock and Queue sent to a pool, the proxies read by built-ins (len, sorted, print) in the
# parent and in a worker, errors from the server, and a proxy after the manager shut down.
from functools import partial
from multiprocessing import Manager, Pool, Process


def record(shared, log, n):
    shared[n] = n * n
    log.append(n)


def count_words(args):
    counts, lock, text = args
    for word in text.split():
        with lock:
            counts[word] = counts.get(word, 0) + 1
    return len(text.split())


def add_to(total, n):
    # a read then a write of a manager's Value, in a worker
    total.value += n
    return total.value > 0


def produce(queue, n):
    for i in range(n):
        queue.put(i * 10)
    queue.put(None)


def describe(items):
    print('worker sees', items, len(items), sorted(items), max(items), 2 in items)
    return [x + 1 for x in items]


def settle(ns):
    ns.status = 'done'
    ns.runs = ns.runs + 1


if __name__ == '__main__':
    with Manager() as manager:
        shared = manager.dict()
        log = manager.list()
        workers = [Process(target=record, args=(shared, log, n)) for n in range(4)]
        for p in workers:
            p.start()
        for p in workers:
            p.join()
        print(sorted(shared.items()), sorted(log), len(shared), 3 in shared, shared.get(9, 'none'))

        counts = manager.dict()
        lock = manager.Lock()
        texts = ['a b c a', 'b c d', 'a a a', 'd e']
        with Pool(2) as pool:
            print(pool.map(count_words, [(counts, lock, t) for t in texts]))
            total = manager.Value('i', 0)
            print(pool.map(partial(add_to, total), [1]))
            items = manager.list([3, 1, 2])
            print(pool.apply(describe, (items,)))
        print(sorted(counts.items()), total.value, total)

        queue = manager.Queue()
        with Pool(1) as pool:
            pool.apply(produce, (queue, 3))
        got = []
        item = queue.get()
        while item is not None:
            got.append(item)
            item = queue.get()
        print(got)

        ns = manager.Namespace(runs=0)
        p = Process(target=settle, args=(ns,))
        p.start()
        p.join()
        print(ns, ns.status, ns.runs)

        numbers = manager.list(range(6))
        numbers.reverse()
        numbers[0] = 'first'
        del numbers[1:3]
        numbers += [99]
        numbers.extend([7, 8])
        numbers.insert(1, 'second')
        print(numbers, numbers[1:3], numbers[-1], numbers.pop(), numbers.index(99), numbers.count(7))
        print([x for x in numbers], numbers + ['end'], len(numbers))
        d = manager.dict({'b': 2}, c=3)
        d.update(e=5)
        print(d, d.keys(), d.values(), d.setdefault('f', []), d.pop('c'), d.copy(), dict(d), bool(manager.dict()))
        for key in d:
            print('key', key, d[key])
        try:
            d['missing']
        except KeyError as e:
            print('KeyError', e)
        try:
            numbers[100]
        except IndexError as e:
            print('IndexError', e)
        try:
            ns.absent
        except AttributeError as e:
            print('AttributeError', e)
        array = manager.Array('d', [1, 2.5])
        array[0] = 4
        print(array, len(array), list(array), sum(array))
    try:
        d['b']
    except OSError as e:
        print(type(e).__name__, e)
