# ProcessPoolExecutor as a context manager: submit() + result().
from concurrent.futures import ProcessPoolExecutor


def cube(n):
    return n ** 3


def describe(word, times):
    return word.upper() * times


if __name__ == '__main__':
    with ProcessPoolExecutor(max_workers=2) as executor:
        futures = [executor.submit(cube, n) for n in range(6)]
        other = executor.submit(describe, "ab", 3)
        print([f.result() for f in futures])
        print(other.result())
    print(all([f.done() for f in futures]))
    print("done")
