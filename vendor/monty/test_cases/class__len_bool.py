# len() of an instance calls its class's __len__, and its truth is its __bool__, else whether
# its __len__ is non-zero, else true; what they return is checked as CPython checks it.
class Sized:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


class Flag:
    def __init__(self, b):
        self.b = b

    def __bool__(self):
        return self.b


class Both:
    def __len__(self):
        return 3

    def __bool__(self):
        return False


class Plain:
    pass


assert len(Sized(2)) == 2
assert len(Sized(True)) == 1
assert not Sized(0)
assert Sized(2)
assert bool(Sized(0)) is False
assert (not Sized(5)) is False
assert ('yes' if Sized(1) else 'no') == 'yes'
assert Flag(True) and not Flag(False)
assert len(Both()) == 3 and not Both()
assert Plain()
assert [x.n for x in [Sized(0), Sized(1), Sized(2)] if x] == [1, 2]

count = 0
s = Sized(3)
while s:
    s.n -= 1
    count += 1
assert count == 3

for bad, exc, message in [
    (Sized(-1), ValueError, '__len__() should return >= 0'),
    (Sized('x'), TypeError, "'str' object cannot be interpreted as an integer"),
    (Sized(2.0), TypeError, "'float' object cannot be interpreted as an integer"),
    (Sized(2**70), OverflowError, "cannot fit 'int' into an index-sized integer"),
]:
    for check in (len, bool):
        try:
            check(bad)
            assert False, 'expected ' + exc.__name__
        except exc as e:
            assert str(e) == message, str(e)

try:
    bool(Flag(1))
    assert False, 'expected TypeError'
except TypeError as e:
    assert str(e) == '__bool__ should return bool, returned int', str(e)

try:
    len(Plain())
    assert False, 'expected TypeError'
except TypeError as e:
    assert str(e) == "object of type 'Plain' has no len()", str(e)
