# Pool.map's default chunksize is the items over four times the processes, rounded up: a failed item takes the rest of its chunk with it
from multiprocessing import Pool

calls = 0


def f(x):
    global calls
    calls += 1
    if x == 3:
        raise ValueError('three')
    return x


def count(_):
    return calls


if __name__ == '__main__':
    with Pool(1) as pool:
        try:
            pool.map(f, range(20))
        except ValueError as e:
            print('ValueError', e)
        print('calls in the worker:', pool.apply(count, (0,)))
    with Pool(1) as pool:
        print(pool.map(f, [5, 6, 7]), pool.apply(count, (0,)))
