# An augmented assignment on an instance calls the class's in-place method (__iadd__, __isub__,
# __iand__, __ior__), whose result is bound to the target, else the binary operator's; a bound
# method answers __name__, __self__ and __func__.
class Counter:
    def __init__(self, v):
        self.v = v

    def __iadd__(self, n):
        self.v += n
        return self

    def __add__(self, n):
        return Counter(self.v + n + 100)


class Plain:
    def __init__(self, v):
        self.v = v

    def __add__(self, n):
        return Plain(self.v + n)


class Declines:
    def __init__(self, v):
        self.v = v

    def __iadd__(self, n):
        return NotImplemented

    def __add__(self, n):
        return Declines(self.v * 10)


class Other:
    def __isub__(self, n):
        return 'replaced'

    def __iand__(self, n):
        return n

    def __ior__(self, n):
        return [n]


c = Counter(1)
alias = c
c += 2
assert c.v == 3 and c is alias

p = Plain(1)
alias = p
p += 2
assert p.v == 3 and p is not alias

d = Declines(2)
d += 1
assert d.v == 20

o = Other()
o -= 1
assert o == 'replaced'
o = Other()
o &= 5
assert o == 5
o = Other()
o |= 5
assert o == [5]

try:
    o = Other()
    o += 1
    assert False, 'expected TypeError'
except TypeError as e:
    assert str(e) == "unsupported operand type(s) for +=: 'Other' and 'int'", str(e)

items = [Counter(0)]
items[0] += 4
assert items[0].v == 4


class Worker:
    def run(self):
        return 1


w = Worker()
method = w.run
assert method.__name__ == 'run' and method.__self__ is w and method.__func__ is Worker.run
