# The program's own exception classes, as a tutorial writes them to show that an error in a
# thread or a process reaches the caller: raised in a ThreadPoolExecutor's and a
# ProcessPoolExecutor's calls, by Pool.map, in a thread whose target catches and records it,
# and caught by their class, a base class or a built-in base, attributes and all.
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from multiprocessing import Pool


class TaskError(Exception):
    pass


class RetryLimit(TaskError):
    # Its arguments go to super().__init__, so pickle can rebuild it in the parent.
    def __init__(self, task, attempts):
        super().__init__(task, attempts)
        self.task = task
        self.attempts = attempts

    def __str__(self):
        return f'{self.task} failed after {self.attempts} attempts'


class BadInput(ValueError):
    def __init__(self, value):
        self.value = value

    def __str__(self):
        return f'cannot process {self.value!r}'


def work(n):
    if n == 3:
        raise RetryLimit(f'task-{n}', 5)
    if n < 0:
        raise BadInput(n)
    return n * n


if __name__ == '__main__':
    with ThreadPoolExecutor(max_workers=2) as ex:
        futures = {ex.submit(work, n): n for n in [1, 3, -2]}
        for f in sorted(futures, key=futures.get):
            e = f.exception()
            print(futures[f], type(e).__name__ if e else f.result(), e if e else '')
        try:
            ex.submit(work, 3).result()
        except TaskError as e:
            print('caught', type(e).__name__, e.task, e.attempts, repr(e))

    with ProcessPoolExecutor(max_workers=2) as ex:
        try:
            print(list(ex.map(work, [1, 2, 3, 4])))
        except RetryLimit as e:
            print('from a process:', e, '|', e.task, e.attempts, isinstance(e, TaskError))
        f = ex.submit(work, -5)
        try:
            f.result()
        except ValueError as e:
            print('as ValueError:', type(e).__name__, e, e.value, e.args)

    with Pool(2) as pool:
        try:
            pool.map(work, [0, -1])
        except BadInput as e:
            print('Pool.map:', repr(e), str(e))
        r = pool.apply_async(work, (3,))
        try:
            r.get()
        except Exception as e:
            print('apply_async:', type(e).__name__, e.attempts)

    errors = []

    def guarded(n):
        try:
            work(n)
        except TaskError as e:
            errors.append(e)

    threads = [threading.Thread(target=guarded, args=(n,)) for n in [3, 1, 3]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(len(errors), [str(e) for e in errors])
    try:
        raise TaskError
    except TaskError as e:
        print(repr(e), e.args, isinstance(e, Exception), issubclass(RetryLimit, TaskError))
