# The `del` statement: names (module, function, global, closure), dict keys,
# list items and slices of any step, attributes of instances and classes, a
# `__delitem__` of a class, several targets at once, and CPython's errors.

# === names ===
x = 1
del x
try:
    x
    raise AssertionError('x still bound')
except NameError as e:
    assert str(e) == "name 'x' is not defined", str(e)

try:
    del never_bound
    raise AssertionError('del of an unbound global')
except NameError as e:
    assert str(e) == "name 'never_bound' is not defined", str(e)


def local_delete():
    v = 1
    del v
    try:
        return v
    except UnboundLocalError as e:
        return str(e)


assert local_delete() == "cannot access local variable 'v' where it is not associated with a value", local_delete()


def unbound_local_delete():
    try:
        del w
    except UnboundLocalError as e:
        return str(e)
    w = 1


assert unbound_local_delete() == "cannot access local variable 'w' where it is not associated with a value"

g = 5


def delete_global():
    global g
    del g


delete_global()
try:
    g
    raise AssertionError('g still bound')
except NameError:
    pass

# === dict keys, list items and slices ===
d = {'a': 1, 'b': 2, 'c': 3}
del d['a']
assert d == {'b': 2, 'c': 3}
try:
    del d['zz']
    raise AssertionError('missing key')
except KeyError as e:
    assert e.args == ('zz',), e.args

items = list(range(10))
del items[0]
del items[-1]
assert items == [1, 2, 3, 4, 5, 6, 7, 8]
del items[1:3]
assert items == [1, 4, 5, 6, 7, 8]
del items[::2]
assert items == [4, 6, 8]
del items[::-1]
assert items == []
items = [0, 1, 2, 3, 4, 5]
del items[5:1:-2]
assert items == [0, 1, 2, 4], items
try:
    del items[10]
    raise AssertionError('index out of range')
except IndexError as e:
    assert str(e) == 'list assignment index out of range', str(e)
try:
    del items['a']
    raise AssertionError('str index')
except TypeError as e:
    assert str(e) == 'list indices must be integers or slices, not str', str(e)
try:
    del (1, 2)[0]
    raise AssertionError('tuple item')
except TypeError as e:
    assert str(e) == "'tuple' object doesn't support item deletion", str(e)


# === attributes ===
class Thing:
    kind = 'thing'


t = Thing()
t.a = 1
t.b = 2
del t.a
assert not hasattr(t, 'a') and t.b == 2
Thing.extra = 1
del Thing.extra
assert not hasattr(Thing, 'extra')
try:
    del t.nope
    raise AssertionError('missing attribute')
except AttributeError as e:
    assert str(e) == "'Thing' object has no attribute 'nope'", str(e)
try:
    del Thing.nope
    raise AssertionError('missing class attribute')
except AttributeError as e:
    assert str(e) == "type object 'Thing' has no attribute 'nope'", str(e)
delattr(t, 'b')
assert not hasattr(t, 'b')


# === __delitem__, several targets, nested targets ===
class Store:
    def __init__(self):
        self.data = {'k': 1, 'j': 2}
        self.log = []

    def __delitem__(self, key):
        self.log.append(key)
        del self.data[key]


s = Store()
del s['k']
assert s.data == {'j': 2} and s.log == ['k']

a, b, c = 1, 2, [3, 4]
del a, (b, c[0])
assert c == [4]
try:
    a
    raise AssertionError('a still bound')
except NameError:
    pass
nested = {'k': [1, 2, 3]}
del nested['k'][1], nested['k'][0]
assert nested == {'k': [3]}, nested
