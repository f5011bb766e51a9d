# Pool.imap one item at a time goes on past a failed item; with chunks, the iterator ends at the failed chunk
from multiprocessing import Pool


def f(n):
    if n == 1:
        raise ValueError('one')
    return n * 10


def drain(it, count):
    seen = []
    for _ in range(count):
        try:
            seen.append(next(it))
        except StopIteration:
            seen.append('stop')
        except ValueError as e:
            seen.append('error ' + str(e))
    return seen


if __name__ == '__main__':
    with Pool(2) as pool:
        print(drain(pool.imap(f, range(4)), 5))
        print(sorted(drain(pool.imap_unordered(f, range(4)), 4), key=str))
        print(drain(pool.imap(f, range(6), chunksize=2), 4))
