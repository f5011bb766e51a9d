# Pool.imap keeps input order (printed as a list); imap_unordered does not (printed sorted).
from multiprocessing import Pool


def triple(n):
    return n * 3


if __name__ == '__main__':
    with Pool(processes=2) as pool:
        print(list(pool.imap(triple, range(8))))
        print(list(pool.imap(triple, range(8), chunksize=3)))
        print(sorted(pool.imap_unordered(triple, range(8))))
        total = 0
        for value in pool.imap_unordered(triple, range(100)):
            total += value
        print(total)
