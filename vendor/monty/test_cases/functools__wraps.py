# functools.wraps in a decorator: the wrapper answers for the function it wraps (__name__,
# __doc__, __wrapped__, its repr), runs the wrapper, and binds as a method in a class;
# update_wrapper does the same, and an lru_cache'd function keeps its name.
import functools


def timed(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        calls.append(func.__name__)
        return func(*args, **kwargs)

    return wrapper


calls = []


@timed
def slow_square(n):
    """Squares n."""
    return n * n


assert slow_square(4) == 16 and calls == ['slow_square']
assert slow_square.__name__ == 'slow_square'
assert slow_square.__wrapped__(3) == 9 and calls == ['slow_square']
assert repr(slow_square).startswith('<function slow_square at 0x')
assert type(slow_square).__name__ == 'function' and callable(slow_square)


class Worker:
    def __init__(self, n):
        self.n = n

    @timed
    def run(self, k):
        return self.n + k


assert Worker(2).run(3) == 5 and calls[-1] == 'run'
assert Worker.run.__name__ == 'run'


def plain(x):
    return x


def shim(*args):
    return plain(*args) + 1


w = functools.update_wrapper(shim, plain)
assert w(1) == 2 and w.__name__ == 'plain' and w.__wrapped__ is plain


@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


assert fib(20) == 6765 and fib.__name__ == 'fib'


def logged(func):
    @functools.wraps(func)
    def inner(*args):
        return ('logged', func(*args))

    return inner


@logged
@timed
def add(a, b):
    return a + b


assert add(1, 2) == ('logged', 3) and add.__name__ == 'add'
assert add.__wrapped__.__wrapped__(2, 2) == 4
