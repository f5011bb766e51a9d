# multiprocessing.Value and Array as a tutorial shares them: a counter that four processes
# increment under its lock, an Array each process fills at its own index, a Pool whose
# workers get a Value through the initializer, and what CPython says of each misuse.
from multiprocessing import Array, Pool, Process, RawArray, RawValue, Value


def add_many(counter, n):
    for _ in range(n):
        with counter.get_lock():
            counter.value += 1


def fill(squares, i):
    squares[i] = i * i


def init(shared):
    global total
    total = shared


def add(x):
    with total.get_lock():
        total.value += x
    return x * 10


def use(obj):
    return 1


if __name__ == '__main__':
    counter = Value('i', 0)
    workers = [Process(target=add_many, args=(counter, 50)) for _ in range(4)]
    for p in workers:
        p.start()
    for p in workers:
        p.join()
    print('counter:', counter.value)

    squares = Array('i', 6)
    workers = [Process(target=fill, args=(squares, i)) for i in range(6)]
    for p in workers:
        p.start()
    for p in workers:
        p.join()
    print('squares:', squares[:], len(squares), squares[-1], sum(squares), list(squares)[1:3])

    shared = Value('d', 0.5)
    with Pool(2, initializer=init, initargs=(shared,)) as pool:
        print(pool.map(add, [1, 2, 3, 4]))
    print('total:', shared.value)

    ratio = Value('d', 1)
    ratio.value = 3
    wide = Value('i', 0)
    wide.value = 2 ** 31 + 5
    small = Value('b', 200)
    print(ratio.value, wide.value, small.value, Value('c', b'x').value)
    letters = Array('d', [1, 2, 3])
    letters[0:2] = [7, 8]
    print(letters[:], letters[1:])
    raw = RawValue('i', 4)
    raw.value += 1
    print(raw.value, RawArray('i', [1, 2])[:])

    for attempt in [lambda: Value('i', 1.5), lambda: letters.__setitem__(9, 1),
                    lambda: squares.__setitem__(0, 'a'), lambda: letters.__setitem__(slice(0, 2), [1]),
                    lambda: raw.get_lock(), lambda: Value('z', 1)]:
        try:
            attempt()
        except Exception as e:
            print(type(e).__name__ + ':', e)
    try:
        squares[10] = 1
    except IndexError as e:
        print('IndexError:', e)
    for obj in [counter, raw, squares]:
        try:
            with Pool(1) as pool:
                pool.map(use, [obj])
        except RuntimeError as e:
            print('RuntimeError:', e)
