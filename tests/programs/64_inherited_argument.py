# A multiprocessing queue or lock handed to a pool's map as an argument: CPython's RuntimeError, and the pool still works.
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Lock, Pool, Queue


def one(x):
    return 1


if __name__ == '__main__':
    q = Queue()
    with Pool(1) as pool:
        try:
            pool.map(one, [1, q])
        except RuntimeError as e:
            print('Pool.map:', e)
        print(pool.map(one, [1, 2]))
    with ProcessPoolExecutor(1) as executor:
        try:
            print(list(executor.map(one, [1, 2, Lock()])))
        except RuntimeError as e:
            print('ProcessPoolExecutor.map:', e)
        print(list(executor.map(one, [1, 2])))
    print('done')
