# Each pool's initializer runs once in every worker before its calls: Pool and ProcessPoolExecutor set a worker global, ThreadPoolExecutor's runs in each worker thread; an initializer that fails breaks a thread pool
import threading
from multiprocessing import Pool
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

prefix = None
calls = 0


def init(p):
    global prefix
    prefix = p


def label(x):
    return prefix + str(x)


def count_init():
    global calls
    calls += 1


def calls_seen(_):
    return calls


started = []


def note(tag):
    started.append(tag)


def broken_init():
    raise ValueError('cannot start')


if __name__ == '__main__':
    with Pool(2, initializer=init, initargs=('item-',)) as pool:
        print(pool.map(label, [1, 2, 3]))
    with ProcessPoolExecutor(max_workers=2, initializer=init, initargs=('ppe-',)) as ex:
        print(list(ex.map(label, [4, 5])))
    with Pool(1, initializer=count_init) as pool:
        print(pool.map(calls_seen, range(4)))
    print('parent', prefix, calls)
    with ThreadPoolExecutor(max_workers=2, initializer=note, initargs=('ready',)) as ex:
        print(list(ex.map(str, [1, 2, 3])))
    print(1 <= len(started) <= 2, set(started))
    ex = ThreadPoolExecutor(max_workers=1, initializer=broken_init)
    f = ex.submit(str, 1)
    try:
        f.result()
    except RuntimeError as e:
        print('broken:', e)
