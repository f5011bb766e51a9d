# contextlib as tutorials use it: a @contextmanager timer and a lock-holding helper around
# threads' work, errors passing through (and handled inside) a context manager's generator,
# suppress(), nullcontext() and closing().
import threading
import time
from contextlib import closing, contextmanager, nullcontext, suppress

events = []


@contextmanager
def timed(label):
    start = time.perf_counter()
    try:
        yield label.upper()
    finally:
        elapsed = time.perf_counter() - start
        events.append((label, elapsed < 1.0))


lock = threading.Lock()
counts = {'total': 0}


@contextmanager
def holding(a_lock):
    a_lock.acquire()
    try:
        yield
    finally:
        a_lock.release()


def work(n):
    for _ in range(n):
        with holding(lock):
            counts['total'] += 1


with timed('threads') as name:
    threads = [threading.Thread(target=work, args=(200,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
print(name, counts, events, lock.locked())

try:
    with timed('failing'):
        raise ValueError('inside the block')
except ValueError as err:
    print('ValueError:', err, events[-1])


@contextmanager
def forgiving():
    try:
        yield 'ready'
    except KeyError as err:
        print('handled inside:', err)


with forgiving() as state:
    print(state)
    {}['missing']
print('after forgiving')

with suppress(FileNotFoundError, KeyError):
    {}['gone']
print('suppressed')
try:
    with suppress(KeyError):
        1 / 0
except ZeroDivisionError:
    print('not suppressed: ZeroDivisionError')

with nullcontext(42) as value:
    print('nullcontext gives', value)


class Resource:
    def __init__(self):
        self.closed = False

    def close(self):
        self.closed = True


with closing(Resource()) as resource:
    print('open', resource.closed)
print('closed', resource.closed)


@contextmanager
def never_yields():
    if False:
        yield


try:
    with never_yields():
        pass
except RuntimeError as err:
    print('RuntimeError:', err)
print(timed.__name__)


@contextmanager
def plain():
    yield


try:
    with plain():
        raise StopIteration('si')
except StopIteration as err:
    print('StopIteration:', err)
