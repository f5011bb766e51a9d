# A generator's send(), throw() and close(), yield from passing values on and giving the
# inner generator's return value, and PEP 479's RuntimeError for a StopIteration in a body.
def echo():
    received = None
    while True:
        received = yield received
        if received == 'stop':
            return 'bye'


e = echo()
assert next(e) is None and e.send(1) == 1 and e.send('a') == 'a'
try:
    e.send('stop')
    assert False, 'expected StopIteration'
except StopIteration as stop:
    assert stop.value == 'bye'

fresh = echo()
try:
    fresh.send(5)
    assert False, 'expected TypeError'
except TypeError as err:
    assert str(err) == "can't send non-None value to a just-started generator"


def catcher():
    while True:
        try:
            yield 'ready'
        except ValueError as err:
            yield f'caught {err}'


c = catcher()
assert next(c) == 'ready'
assert c.throw(ValueError('boom')) == 'caught boom'
assert next(c) == 'ready'
try:
    c.throw(KeyError('k'))
    assert False, 'expected KeyError'
except KeyError:
    pass
assert next(c, 'finished') == 'finished'

log = []


def closable():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        log.append('exit')
        raise
    finally:
        log.append('finally')


g = closable()
assert next(g) == 1
assert g.close() is None
assert log == ['exit', 'finally'] and list(g) == []
never_started = closable()
never_started.close()
assert log == ['exit', 'finally']


def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2


s = stubborn()
next(s)
try:
    s.close()
    assert False, 'expected RuntimeError'
except RuntimeError as err:
    assert str(err) == 'generator ignored GeneratorExit'
assert not isinstance(GeneratorExit(), Exception) and isinstance(GeneratorExit(), BaseException)


def inner():
    got = yield 'i1'
    yield f'inner got {got}'
    return 'inner result'


def outer():
    result = yield from inner()
    yield f'outer got {result}'
    yield from [7, 8]


o = outer()
assert next(o) == 'i1' and o.send('x') == 'inner got x'
assert list(o) == ['outer got inner result', 7, 8]


def leaks_stop():
    yield 1
    next(iter([]))


try:
    list(leaks_stop())
    assert False, 'expected RuntimeError'
except RuntimeError as err:
    assert str(err) == 'generator raised StopIteration'
    assert isinstance(err.__cause__, StopIteration)


def reentrant():
    yield next(me)


me = reentrant()
try:
    next(me)
    assert False, 'expected ValueError'
except ValueError as err:
    assert str(err) == 'generator already executing'


def raises_later():
    yield 1
    yield 2
    raise ValueError('third')


items = [0]
try:
    items.extend(raises_later())
except ValueError:
    pass
assert items == [0, 1, 2]
bucket = set()
try:
    bucket.update(raises_later())
except ValueError:
    pass
assert bucket == {1, 2}

# throw() of something that is no exception is refused at the caller, the generator intact;
# the older throw(type, value) raises the value; the methods read as values are bound.
def two():
    try:
        yield 1
    except ValueError as err:
        yield f'caught {err}'
    yield 2


t = two()
next(t)
try:
    t.throw(42)
    assert False, 'expected TypeError'
except TypeError as err:
    assert str(err) == 'exceptions must be classes or instances deriving from BaseException, not int'
assert t.throw(ValueError, ValueError('v2')) == 'caught v2'
send = t.send
assert callable(send) and hasattr(t, 'close') and send(None) == 2
