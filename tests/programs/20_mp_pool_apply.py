# Pool.apply, Pool.apply_async(...).get(), then close() and join().
from multiprocessing import Pool


def power(base, exp=2):
    return base ** exp


if __name__ == '__main__':
    pool = Pool(2)
    print(pool.apply(power, (7,)))
    print(pool.apply(power, (2,), {"exp": 10}))
    async_results = [pool.apply_async(power, (n, 3)) for n in range(5)]
    print([r.get(timeout=10) for r in async_results])
    r = pool.apply_async(power, (3,))
    print(r.get(), r.ready(), r.successful())
    pool.close()
    pool.join()
    print("closed and joined")
