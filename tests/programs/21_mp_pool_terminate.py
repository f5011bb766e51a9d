# Pool.terminate() stops the workers; results gathered before it are kept.
from multiprocessing import Pool


def halve(n):
    return n // 2


if __name__ == '__main__':
    pool = Pool(processes=2)
    results = pool.map(halve, [10, 20, 30, 41])
    pool.terminate()
    pool.join()
    print(results)
    try:
        pool.map(halve, [1, 2])
    except ValueError as e:
        print("after terminate:", type(e).__name__, str(e))
    print("terminated")
