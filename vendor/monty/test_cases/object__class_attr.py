# Every object's __class__ is its type: an exception's, a built-in value's, a function's.
try:
    {}['gone']
except KeyError as e:
    assert e.__class__ is type(e) and e.__class__.__name__ == 'KeyError'
assert (5).__class__ is int and 'x'.__class__ is str and [].__class__.__name__ == 'list'
assert (None).__class__.__name__ == 'NoneType'


def f():
    pass


assert f.__class__.__name__ == 'function'


class C:
    pass


assert C().__class__ is C
