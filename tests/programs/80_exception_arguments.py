# What an exception was given, read back as a tutorial reads it: `code, message = e.args` in
# the caller of a process pool's call, its repr, and a KeyError's key from a thread's lookup.
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def check(n):
    if n % 2:
        raise ValueError(n, 'odd input')
    return n


def lookup(key):
    return {(0, 'a'): 1}[key]


if __name__ == '__main__':
    with ProcessPoolExecutor(2) as processes:
        for future in [processes.submit(check, n) for n in range(4)]:
            try:
                print('ok', future.result())
            except ValueError as e:
                code, message = e.args
                print('failed', code, message, repr(e), str(e))
    with ThreadPoolExecutor(2) as threads:
        error = threads.submit(lookup, (1, 'b')).exception()
        print(type(error).__name__, error.args, error.args[0][0] + 1, str(error))
