# A function's __name__ is the name its def gave it, whatever form the function takes: a plain
# def, one with defaults, a closure, a nested def, a lambda, a method read from its class.
def plain():
    pass


def defaulted(x=1):
    return x


def outer():
    y = 2

    def inner():
        return y

    def nested():
        pass

    return inner, nested


class Worker:
    def run(self):
        pass


inner, nested = outer()
assert plain.__name__ == 'plain'
assert defaulted.__name__ == 'defaulted'
assert inner.__name__ == 'inner'
assert nested.__name__ == 'nested'
assert (lambda: 0).__name__ == '<lambda>'
assert Worker.run.__name__ == 'run'
assert [f.__name__ for f in (plain, defaulted, inner)] == ['plain', 'defaulted', 'inner']


def timed(func):
    def wrapper(*args):
        return func.__name__ + ' ran: ' + str(func(*args))

    return wrapper


@timed
def double(x):
    return x * 2


assert double(4) == 'double ran: 8'
assert double.__name__ == 'wrapper'

# A module-level function's repr names it unquoted, as CPython's does (a nested one's would
# need its qualified name, which monty does not keep).
assert repr(plain).startswith('<function plain at 0x'), repr(plain)
