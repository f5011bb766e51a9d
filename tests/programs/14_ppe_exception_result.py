# An exception raised in a process-pool task is re-raised by result().
from concurrent.futures import ProcessPoolExecutor


def check_positive(n):
    if n < 0:
        raise ValueError("negative value: " + str(n))
    return n * 2


if __name__ == '__main__':
    with ProcessPoolExecutor(max_workers=2) as executor:
        futures = [executor.submit(check_positive, n) for n in (3, -1, 5)]
        for f in futures:
            try:
                print("ok", f.result())
            except ValueError as e:
                print("error", type(e).__name__, str(e))
        print(type(futures[1].exception()).__name__)
    print("pool still usable afterwards")
