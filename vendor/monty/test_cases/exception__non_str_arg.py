# An exception given one argument that is not a str shows it as CPython does: a KeyError's
# str() is its key's repr, whatever the key (d[3] says 3, not '3'), and every exception's repr()
# shows the argument's repr.
d = {'a': 1}
for key, text in [('k', "'k'"), (1, '1'), ((1, 'b'), "(1, 'b')"), (None, 'None'), (2.5, '2.5'), (True, 'True')]:
    try:
        d[key]
        assert False, 'expected KeyError'
    except KeyError as e:
        assert str(e) == text, str(e)
        assert repr(e) == 'KeyError(' + text + ')', repr(e)

try:
    d.pop(7)
    assert False, 'expected KeyError'
except KeyError as e:
    assert str(e) == '7' and repr(e) == 'KeyError(7)', repr(e)

try:
    raise KeyError(5)
except KeyError as e:
    assert str(e) == '5' and repr(e) == 'KeyError(5)', repr(e)

try:
    raise ValueError(5)
except ValueError as e:
    assert str(e) == '5' and repr(e) == 'ValueError(5)', repr(e)

try:
    raise ValueError([1, 'x'])
except ValueError as e:
    assert str(e) == "[1, 'x']" and repr(e) == "ValueError([1, 'x'])", repr(e)

try:
    raise KeyError('x')
except KeyError as e:
    assert str(e) == "'x'" and repr(e) == "KeyError('x')", repr(e)

try:
    raise RuntimeError('plain')
except RuntimeError as e:
    assert str(e) == 'plain' and repr(e) == "RuntimeError('plain')", repr(e)
