# Generator expressions are generators: lazy, single pass, their first iterable read at once
# (so a wrong one raises where the expression is), closures over the enclosing scope.
squares = (x * x for x in range(4))
assert type(squares).__name__ == 'generator'
assert repr(squares).startswith('<generator object <genexpr> at 0x')
assert next(squares) == 0 and list(squares) == [1, 4, 9] and list(squares) == []

calls = []


def noted(x):
    calls.append(x)
    return x


lazy = (noted(x) for x in range(3))
assert calls == []
assert next(lazy) == 0 and calls == [0]

try:
    (x for x in 5)
    assert False, 'expected TypeError'
except TypeError as err:
    assert str(err) == "'int' object is not iterable"

assert sum(x for x in range(10) if x % 2) == 25
assert list(a + b for a in 'xy' for b in 'ab' if b != 'b') == ['xa', 'ya']
assert dict((k, len(k)) for k in ['aa', 'b']) == {'aa': 2, 'b': 1}
assert ' '.join(str(i) for i in range(3)) == '0 1 2'
assert max(len(w) for w in ['a', 'abc']) == 3 and min((x, -x) for x in [4, 9]) == (4, -4)


def scaled(factor, items):
    return list(item * factor for item in items)


assert scaled(3, [1, 2]) == [3, 6]
outer = 10
assert list(outer + i for i in range(2)) == [10, 11]
pending = [1, 0, 2]
quotients = (10 // x for x in pending)
assert next(quotients) == 10
try:
    next(quotients)
    assert False, 'expected ZeroDivisionError'
except ZeroDivisionError:
    pass
assert list(quotients) == []
