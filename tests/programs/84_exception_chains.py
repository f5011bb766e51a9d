# Exceptions raised from others, as a program that wraps a worker's errors writes them:
# `raise ... from`, an exception raised while another is handled, `from None`, and what
# `__cause__`, `__context__` and `__suppress_context__` say in the handler, in the main thread
# and a thread. (Outside its handler, as after a future's `result()` raised it again, monty no
# longer knows an exception's chain: see the README.)
import threading
from concurrent.futures import ThreadPoolExecutor


class TaskError(Exception):
    pass


def run_task(n):
    try:
        return 100 // n
    except ZeroDivisionError as e:
        raise TaskError(f'task {n} failed') from e


def describe(e):
    cause, context = e.__cause__, e.__context__
    return f'{e!r} cause={cause!r} context={context!r} suppress={e.__suppress_context__}'


for n in [5, 0]:
    try:
        print(run_task(n))
    except TaskError as e:
        print(describe(e))

try:
    try:
        {}['missing']
    except KeyError:
        raise ValueError('lookup failed')
except ValueError as e:
    print(describe(e))

try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise RuntimeError('quiet') from None
except RuntimeError as e:
    print(describe(e))

with ThreadPoolExecutor(2) as pool:
    futures = [pool.submit(run_task, n) for n in [4, 0, 2]]
    for f in futures:
        try:
            print('result', f.result())
        except TaskError as e:
            print('from a thread:', e)

seen = []


def worker():
    try:
        run_task(0)
    except TaskError as e:
        seen.append(type(e.__cause__).__name__)


t = threading.Thread(target=worker)
t.start()
t.join()
print(seen)
