# `yield from` takes the object a generator returned as itself: not a copy, and whole
# however long its repr.
shared = []


def returns(n):
    yield 'step'
    return list(range(n))


def returns_shared():
    yield 'step'
    return shared


def delegates(inner):
    result = yield from inner
    yield result


for n in (3, 400, 5000):
    steps = list(delegates(returns(n)))
    assert steps[0] == 'step'
    assert steps[1] == list(range(n)), f'the list of {n} came back as {type(steps[1]).__name__}'

steps = list(delegates(returns_shared()))
assert steps[1] is shared, 'the returned object itself'


def returns_nothing():
    yield 1


assert list(delegates(returns_nothing())) == [1, None]
