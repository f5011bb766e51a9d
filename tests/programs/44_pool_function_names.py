# A pool finds its function by name, as pickle does: names the pool's own code uses (fn, job, name, ...) are the program's functions too
from multiprocessing import Pool
from concurrent.futures import ProcessPoolExecutor


def square(x):
    return x * x


def fn(x):
    return -x


def job(x):
    return x + 100


def me(x):
    return x + 1000


def outcome(x):
    return x + 7


def name(x):
    return x * 3


def found(x):
    return x - 1


def state(x):
    return x * 10


def e(x):
    return x * 2


def args(x):
    return x * 5


if __name__ == '__main__':
    with Pool(1) as pool:
        print(pool.map(square, [3]), pool.map(fn, [3]), pool.map(job, [3]), pool.map(me, [3]))
        print(pool.map(outcome, [3]), pool.map(name, [3]), pool.map(found, [3]))
        print(pool.map(state, [3]), pool.map(e, [3]), pool.map(args, [3]))
    with ProcessPoolExecutor(2) as ex:
        print(list(ex.map(fn, [1, 2])), ex.submit(job, 1).result(), ex.submit(name, 2).result())
