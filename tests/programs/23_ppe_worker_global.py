# A worker process has its own copy of globals: the parent's total never changes.
from concurrent.futures import ProcessPoolExecutor

total = 0


def accumulate(n):
    global total
    total += n
    return total


if __name__ == '__main__':
    with ProcessPoolExecutor(max_workers=1) as executor:
        results = [executor.submit(accumulate, n).result() for n in (1, 2, 3)]
    print("worker totals:", results)
    print("parent total:", total)
    total = 100
    print("parent total now:", total)
