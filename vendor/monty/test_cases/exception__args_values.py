# An exception's `args` are the values it was given, as its `repr()` shows them; its `str()`
# is its one argument's `str()`, or the repr of the tuple of several.
e = ValueError(42)
assert e.args == (42,) and type(e.args[0]) is int, e.args
assert repr(e) == 'ValueError(42)' and str(e) == '42'
e = ValueError('a', 1)
assert e.args == ('a', 1), e.args
assert str(e) == "('a', 1)" and repr(e) == "ValueError('a', 1)", repr(e)
e = KeyError((1, 2))
assert e.args == ((1, 2),) and str(e) == '(1, 2)' and repr(e) == 'KeyError((1, 2))'
e = RuntimeError([1, 2], None)
assert e.args == ([1, 2], None) and repr(e) == 'RuntimeError([1, 2], None)'
assert Exception().args == () and ValueError('text').args == ('text',)
try:
    {}[(1, 'b')]
except KeyError as k:
    assert k.args == ((1, 'b'),) and str(k) == "(1, 'b')", k.args
try:
    raise ValueError('bad', 3)
except ValueError as x:
    assert x.args == ('bad', 3) and str(x) == "('bad', 3)"
    code, = ValueError(7).args
    assert code + 1 == 8
