# Functions of the module travel between processes as pickle sends them, by name: the
# Python docs' multiprocessing examples put (function, args) tasks on a queue and map them
# on a pool. A worker finds its own copy of the function, and one sent back is the parent's.
import multiprocessing
from multiprocessing import Pool, Process, Queue

handler = None  # a global that holds a function later, named before the functions it holds


class Point:
    def __init__(self, x):
        self.x = x

    def __repr__(self):
        return 'Point(' + str(self.x) + ')'


def mul(a, b):
    return a * b


def plus(a, b):
    return a + b


def calculate(func, args):
    return '%s%s = %s' % (func.__name__, args, func(*args))


def calculatestar(args):
    return calculate(*args)


def worker(tasks, done):
    for func, args in iter(tasks.get, 'STOP'):
        done.put(calculate(func, args))


def pick(name):
    return {'mul': mul, 'plus': plus}[name]


if __name__ == '__main__':
    TASKS = [(mul, (i, 7)) for i in range(4)] + [(plus, (i, 8)) for i in range(4)]

    tasks = Queue()
    done = Queue()
    for task in TASKS:
        tasks.put(task)
    workers = [Process(target=worker, args=(tasks, done)) for _ in range(2)]
    for p in workers:
        p.start()
    print(sorted(done.get() for _ in TASKS))
    for p in workers:
        tasks.put('STOP')
    for p in workers:
        p.join()
    print([p.exitcode for p in workers])

    with Pool(2) as pool:
        print(pool.map(calculatestar, TASKS))
        print([r.get() for r in [pool.apply_async(calculate, t) for t in TASKS[:2]]])
        back = pool.map(pick, ['mul', 'plus'])
        print(back[0] is mul, back[1] is plus, back[0](6, 7))
        # Sent by its own name, as pickle sends it, whatever other global holds it.
        handler = plus
        print(pool.apply(calculate, (handler, (2, 3))), pool.apply(calculate, (mul, (2, 3))))
        # A class travels by its name too: a built-in type, and the program's own.
        print(pool.map(int, ['1', '22']), pool.map(float, ['2.5']), pool.map(Point, [1, 2]))
