# A class's __getattr__ answers only the lookups that find nothing, for `obj.x`, getattr() and
# hasattr() alike; its __setattr__ sees every assignment (in __init__ too), writing through
# object.__setattr__; a frozen dataclass still refuses.
from dataclasses import dataclass, FrozenInstanceError


class Lazy:
    kind = 'lazy'

    def __init__(self):
        self.real = 1

    def __getattr__(self, name):
        if name.startswith('_'):
            raise AttributeError(name)
        return name.upper()


z = Lazy()
assert z.real == 1, z.real
assert z.kind == 'lazy', z.kind
assert z.other == 'OTHER', z.other
assert getattr(z, 'thing') == 'THING'
assert getattr(z, 'real', None) == 1
assert hasattr(z, 'anything')
assert not hasattr(z, '_hidden')
assert getattr(z, '_hidden', 'dflt') == 'dflt'
try:
    z._secret
    raise AssertionError('__getattr__ raised')
except AttributeError as e:
    assert str(e) == '_secret', str(e)


class Recorder:
    def __init__(self, x):
        self.log = []
        self.x = x

    def __setattr__(self, name, value):
        if name != 'log':
            self.log.append(name)
        object.__setattr__(self, name, value * 2 if name == 'x' else value)


r = Recorder(5)
assert r.x == 10, r.x
r.x = 1
r.y = 'a'
setattr(r, 'z', 0)
assert r.x == 2 and r.y == 'a' and r.z == 0
assert r.log == ['x', 'x', 'y', 'z'], r.log


class Child(Recorder):
    pass


c = Child(1)
c.w = 3
assert c.log == ['x', 'w'], c.log


class ReadOnly:
    def __setattr__(self, name, value):
        raise AttributeError("can't set " + name)


ro = ReadOnly()
try:
    ro.a = 1
    raise AssertionError('__setattr__ raised')
except AttributeError as e:
    assert str(e) == "can't set a", str(e)
assert not hasattr(ro, 'a')


class Remote:
    # both hooks together, as a proxy writes them
    def __init__(self):
        object.__setattr__(self, '_store', {})

    def __getattr__(self, name):
        try:
            return self._store[name]
        except KeyError:
            raise AttributeError(name)

    def __setattr__(self, name, value):
        self._store[name] = value


p = Remote()
p.a = 1
assert p.a == 1
assert p._store == {'a': 1}
assert not hasattr(p, 'b')


@dataclass(frozen=True)
class Point:
    x: int


pt = Point(1)
try:
    pt.x = 2
    raise AssertionError('frozen')
except FrozenInstanceError as e:
    assert str(e) == "cannot assign to field 'x'", str(e)
assert pt.x == 1


class Wrapper:
    # delegation, as tutorials write it: calls of the wrapped object's methods too
    def __init__(self, inner):
        self._inner = inner

    def __getattr__(self, name):
        return getattr(self._inner, name)


w = Wrapper([3, 1])
w.append(2)
w.sort()
assert w._inner == [1, 2, 3], w._inner
assert w.count(2) == 1 and w.index(3) == 2
try:
    w.missing()
    raise AssertionError('the wrapped list has no such method')
except AttributeError as e:
    assert str(e) == "'list' object has no attribute 'missing'", str(e)


class Forgetful:
    # __delattr__ sees every `del obj.x` and delattr()
    def __init__(self):
        object.__setattr__(self, 'deleted', [])

    def __delattr__(self, name):
        self.deleted.append(name)


fg = Forgetful()
del fg.anything
delattr(fg, 'other')
assert fg.deleted == ['anything', 'other'], fg.deleted

try:
    del pt.x
    raise AssertionError('frozen')
except FrozenInstanceError as e:
    assert str(e) == "cannot delete field 'x'", str(e)
