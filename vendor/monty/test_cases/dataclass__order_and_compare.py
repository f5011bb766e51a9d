# @dataclass(order=True) generates __lt__, __le__, __gt__, __ge__ comparing the fields as a
# tuple, and field(compare=False) leaves a field out of them and of __eq__ and __hash__: the
# Python docs' PriorityQueue example, whose items order by priority alone.
from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(order=True)
class PrioritizedItem:
    priority: int
    item: Any = field(compare=False)


a = PrioritizedItem(1, 'write')
b = PrioritizedItem(2, 'read')
c = PrioritizedItem(1, 'other')
assert a < b and a <= b and b > a and b >= a
assert not (a < c) and a <= c and a >= c and not (a > c)
assert a == c, 'item is not compared'
assert sorted([b, a]) == [a, b]
assert [x.item for x in sorted([b, PrioritizedItem(0, 'first'), a])] == ['first', 'write', 'read']
assert min(b, a) is a and max([a, b]) is b
assert PrioritizedItem.__lt__(a, b) is True
assert a.__lt__(5) is NotImplemented
try:
    a < 5
    raise AssertionError('an int does not order with it')
except TypeError as e:
    assert str(e) == "'<' not supported between instances of 'PrioritizedItem' and 'int'", str(e)


@dataclass(order=True)
class Version:
    major: int
    minor: int = 0


assert Version(1, 2) < Version(1, 10) < Version(2)
assert Version(3) >= Version(3, 0)
assert sorted([Version(2, 1), Version(1, 9), Version(2, 0)]) == [Version(1, 9), Version(2, 0), Version(2, 1)]


@dataclass(order=True)
class Other:
    major: int
    minor: int = 0


try:
    Version(1) < Other(2)
    raise AssertionError('another class does not order with it')
except TypeError as e:
    assert str(e) == "'<' not supported between instances of 'Version' and 'Other'", str(e)


@dataclass(frozen=True)
class Key:
    name: str
    note: str = field(default='', compare=False)


assert Key('a', 'x') == Key('a', 'y')
assert hash(Key('a', 'x')) == hash(Key('a', 'y'))
assert len({Key('a', 'x'), Key('a', 'y'), Key('b')}) == 2
assert [f.compare for f in fields(Key)] == [True, False]

try:

    @dataclass(order=True, eq=False)
    class NoEq:
        x: int

    raise AssertionError('order needs eq')
except ValueError as e:
    assert str(e) == 'eq must be true if order is true', str(e)

try:

    @dataclass(order=True)
    class Own:
        x: int

        def __lt__(self, other):
            return True

    raise AssertionError('a body __lt__ is not overwritten')
except TypeError as e:
    assert str(e) == 'Cannot overwrite attribute __lt__ in class Own. Consider using functools.total_ordering', str(e)

# fields() of a class or an instance: its Field objects, in definition order
assert [f.name for f in fields(PrioritizedItem)] == ['priority', 'item']
assert [f.name for f in fields(Version(1))] == ['major', 'minor']
assert fields(Key)[1].compare is False and fields(Key)[0].compare is True
try:
    fields(5)
    raise AssertionError('not a dataclass')
except TypeError as e:
    assert str(e) == 'must be called with a dataclass type or instance', str(e)
