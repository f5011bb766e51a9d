# multiprocessing.Pool(processes=N): map and starmap, then close() and join().
from multiprocessing import Pool


def square(n):
    return n * n


def multiply(a, b):
    return a * b


if __name__ == '__main__':
    pool = Pool(processes=3)
    print(pool.map(square, range(10)))
    print(pool.map(square, [4, 5, 6], chunksize=2))
    print(pool.starmap(multiply, [(1, 2), (3, 4), (5, 6)]))
    pool.close()
    pool.join()
    print("pool closed")
