# A pool created after the parent changes a global sees the new value (fork start method).
from multiprocessing import Pool
from concurrent.futures import ProcessPoolExecutor

factor = 1


def scale(n):
    return n * factor


if __name__ == '__main__':
    with Pool(2) as pool:
        print("before change:", pool.map(scale, [1, 2, 3]))
    factor = 10
    with Pool(2) as pool:
        print("after change:", pool.map(scale, [1, 2, 3]))
    factor = 100
    with ProcessPoolExecutor(max_workers=2) as executor:
        print("executor:", list(executor.map(scale, [1, 2, 3])))
    print("parent factor:", factor)
