# What a child inherits at the fork: the docs' multiprocessing.Lock example (the lock the processes share), a module-level threading Lock, RLock, Semaphore and queue.Queue used in a child, each the child's own; a pool's initializer in every worker even when the pool is closed at once (one write a line, as CPython's workers may split a print); the start-method calls tutorials make
import multiprocessing
import queue
import sys
import threading
from multiprocessing import Lock, Pool, Process, Queue

guard = threading.Lock()
rlock = threading.RLock()
sem = threading.Semaphore(2)
jobs = queue.Queue()


def f(l, i):
    l.acquire()
    try:
        print('hello world', i)
    finally:
        l.release()


def use(kind):
    if kind == 'lock':
        with guard:
            print('lock ok')
    elif kind == 'rlock':
        with rlock:
            with rlock:
                print('rlock ok twice')
    elif kind == 'semaphore':
        with sem:
            print('semaphore ok')
    else:
        jobs.put(1)
        print('queue ok', jobs.get())


def ready():
    sys.stdout.write('worker ready\n')


def locked_square(x):
    with guard:
        return x * x


if __name__ == '__main__':
    multiprocessing.freeze_support()
    multiprocessing.set_start_method('fork')
    print(multiprocessing.get_start_method())
    ctx = multiprocessing.get_context('fork')
    lock = Lock()
    for num in range(3):
        p = Process(target=f, args=(lock, num))
        p.start()
        p.join()
    for kind in ['lock', 'rlock', 'semaphore', 'queue']:
        p = ctx.Process(target=use, args=(kind,))
        p.start()
        p.join()
        print(kind, p.exitcode)
    pool = Pool(2, initializer=ready)
    pool.close()
    pool.join()
    with Pool(2) as pool:
        print(pool.map(locked_square, range(5)))
    t = threading.Timer(0.01, print, args=('timer',))
    print(t.args)
    t.start()
    t.join()
    small = Queue(maxsize=1)
    small.put('a')
    try:
        small.put_nowait('b')
    except queue.Full:
        print('full', small.full())
