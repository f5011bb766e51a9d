# ProcessPoolExecutor.map with chunksize= and a generous timeout=.
from concurrent.futures import ProcessPoolExecutor


def square(n):
    return n * n


def add(a, b):
    return a + b


if __name__ == '__main__':
    with ProcessPoolExecutor(max_workers=2) as executor:
        print(list(executor.map(square, range(10), chunksize=3)))
        print(list(executor.map(add, range(5), range(100, 105), chunksize=2)))
        print(list(executor.map(square, [7, 8, 9], timeout=10)))
        print(sum(executor.map(square, range(1000), chunksize=100)))
