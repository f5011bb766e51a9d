# ProcessPoolExecutor created directly and closed with shutdown(wait=True).
from concurrent.futures import ProcessPoolExecutor


def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


if __name__ == '__main__':
    executor = ProcessPoolExecutor(max_workers=2)
    futures = {n: executor.submit(fib, n) for n in (10, 20, 30)}
    executor.shutdown(wait=True)
    for n, f in futures.items():
        print(n, f.done(), f.result())
    try:
        executor.submit(fib, 5)
    except RuntimeError as e:
        print("submit after shutdown:", type(e).__name__)
