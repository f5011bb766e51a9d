# Thousands of one-item calls on a process pool: every result arrives, in order, whichever thread of the parent runs when.
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import Pool


def square(n):
    return n * n


if __name__ == '__main__':
    with ProcessPoolExecutor(max_workers=2) as executor:
        results = list(executor.map(square, range(3000)))
        print(len(results), sum(results), results[:5], results[-1])
        futures = [executor.submit(square, n) for n in range(1500)]
        print(sum([f.result() for f in futures]))
        print(sorted([f.result() for f in as_completed(futures)])[-3:])
    with Pool(2) as pool:
        print(sum(pool.map(square, range(2000), chunksize=1)))
