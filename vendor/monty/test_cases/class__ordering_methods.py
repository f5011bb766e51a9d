# A class orders its instances with __lt__, __le__, __gt__ and __ge__: each operator asks its
# own method, then the other operand's reflected one, then raises; a sort, min() and max() and
# the first unequal items of two sequences order them by `<`.
class V:
    def __init__(self, x):
        self.x = x

    def __lt__(self, other):
        if not isinstance(other, V):
            return NotImplemented
        return self.x < other.x

    def __repr__(self):
        return f'V({self.x})'


class G:
    def __init__(self, x):
        self.x = x

    def __ge__(self, other):
        return self.x >= other.x

    def __le__(self, other):
        return self.x <= other.x


assert V(1) < V(2)
assert V(2) > V(1)  # V(1).__lt__(V(2)), reflected
assert not V(3) < V(2)
assert repr(sorted([V(3), V(1), V(2)])) == '[V(1), V(2), V(3)]'
assert repr(sorted([V(2), V(1)], reverse=True)) == '[V(2), V(1)]'
assert repr(sorted([V(2), V(1)], key=lambda v: v)) == '[V(1), V(2)]'
assert repr(max([V(3), V(1), V(2)])) == 'V(3)'
assert repr(min(V(3), V(1))) == 'V(1)'
assert (1, V(1)) < (1, V(2))
assert [V(1), V(5)] < [V(2), V(0)]
assert G(1) <= G(2) and not G(1) >= G(2) and G(2) <= G(2)

try:
    V(1) <= V(2)
    assert False, 'expected TypeError'
except TypeError as e:
    assert str(e) == "'<=' not supported between instances of 'V' and 'V'", str(e)

try:
    V(1) < 3
    assert False, 'expected TypeError'
except TypeError as e:
    assert str(e) == "'<' not supported between instances of 'V' and 'int'", str(e)

try:
    sorted([G(2), G(1)])
    assert False, 'expected TypeError'
except TypeError as e:
    assert str(e) == "'<' not supported between instances of 'G' and 'G'", str(e)
