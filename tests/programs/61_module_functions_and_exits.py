# A module's function sent to a process pool (pickle sends it by module and name), a
# JoinableQueue's join, and the exit codes a Process gets from sys.exit, as the system keeps
# them (0-255; True is 1, False is 0).
import math
import os
import sys
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor


def leave(code):
    sys.exit(code)


def worker(tasks, done):
    while True:
        n = tasks.get()
        if n is None:
            tasks.task_done()
            break
        done.put(math.factorial(n))
        tasks.task_done()


if __name__ == '__main__':
    with mp.Pool(2) as pool:
        print(pool.map(math.sqrt, [1, 4, 9]))
        print(type(pool.apply(os.getpid)).__name__, pool.apply(os.getpid) != os.getpid())
    with ProcessPoolExecutor(2) as ex:
        print(list(ex.map(abs, [-1, 2, -3])), ex.submit(math.gcd, 12, 18).result())

    tasks, done = mp.JoinableQueue(), mp.Queue()
    workers = [mp.Process(target=worker, args=(tasks, done)) for _ in range(3)]
    for w in workers:
        w.start()
    for n in range(6):
        tasks.put(n)
    for _ in workers:
        tasks.put(None)
    tasks.join()
    print('joined', sorted([done.get() for _ in range(6)]))
    for w in workers:
        w.join()

    codes = []
    for code in [256, -1, True, False, 7]:
        p = mp.Process(target=leave, args=(code,))
        p.start()
        p.join()
        codes.append(p.exitcode)
    print(codes)
