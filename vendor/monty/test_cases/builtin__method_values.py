# A built-in type's method read as a value: bound to its object (`d.get`, `words.append`) or
# read through its type and given the object first (`str.upper`), as a key, a map function
# or a callback.
d = {'a': 3, 'b': 7, 'c': 5}
assert max(d, key=d.get) == 'b'
assert sorted(d, key=d.get) == ['a', 'c', 'b']
get = d.get
assert get('a') == 3 and get('z') is None and get('z', 0) == 0
d['z'] = 1
assert get('z') == 1

words = []
add = words.append
for w in ['x', 'y']:
    add(w)
assert words == ['x', 'y']
assert list(map(str.upper, ['ab', 'cd'])) == ['AB', 'CD']
assert list(map(str.strip, [' a ', 'b '])) == ['a', 'b']
assert list(map('-'.join, [['1', '2'], ['3']])) == ['1-2', '3']
assert sorted(['b', 'A', 'c'], key=str.lower) == ['A', 'b', 'c']
assert list(filter(str.isdigit, ['1', 'a', '22'])) == ['1', '22']

upper = 'abc'.upper
assert upper() == 'ABC'
assert upper.__name__ == 'upper' and upper.__self__ == 'abc'
assert repr(str.upper) == "<method 'upper' of 'str' objects>"
assert repr([].append).startswith('<built-in method append of list object at 0x')
assert callable(d.items) and hasattr([], 'append') and not hasattr([], 'push')
assert type(d.get).__name__ == 'builtin_function_or_method'

s = set()
list(map(s.add, [1, 2, 2]))
assert s == {1, 2}

try:
    str.upper(5)
    assert False
except TypeError as e:
    assert str(e) == "descriptor 'upper' for 'str' objects doesn't apply to a 'int' object", str(e)
try:
    [].push
    assert False
except AttributeError as e:
    assert str(e) == "'list' object has no attribute 'push'"
assert dict.fromkeys('ab', 0) == {'a': 0, 'b': 0}
from collections import Counter, defaultdict
assert dict.get(Counter('aab'), 'a') == 2 and dict.get(defaultdict(int), 'x', 5) == 5
assert tuple.count((1, 1, 2), 1) == 2
