# dict() and dict.update() read an object with a `keys` method as a mapping, as CPython does:
# (k, obj[k]) for each key; other objects are read as iterables of pairs.
class Scaled:
    def __init__(self, data):
        self.data = data

    def keys(self):
        return list(self.data)

    def __getitem__(self, key):
        return self.data[key] * 10


assert dict(Scaled({'a': 1, 'b': 2})) == {'a': 10, 'b': 20}
assert dict(Scaled({'a': 1}), c=3) == {'a': 10, 'c': 3}
d = {'z': 0, 'a': 5}
d.update(Scaled({'a': 1, 'b': 2}))
assert d == {'z': 0, 'a': 10, 'b': 20}, d
assert list(d) == ['z', 'a', 'b'], list(d)


class KeysOnly:
    def keys(self):
        return ['x']


try:
    dict(KeysOnly())
    raise AssertionError('no __getitem__')
except TypeError as e:
    assert str(e) == "'KeysOnly' object is not subscriptable", str(e)


class Failing(Scaled):
    def __getitem__(self, key):
        raise KeyError(key)


try:
    dict(Failing({'k': 1}))
    raise AssertionError('__getitem__ raised')
except KeyError as e:
    assert e.args == ('k',), e.args


class Pairs:
    def __iter__(self):
        return iter([('p', 1), ('q', 2)])


assert dict(Pairs()) == {'p': 1, 'q': 2}
