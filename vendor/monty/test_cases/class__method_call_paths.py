# A method called through an instance, each way its lookup can end: a method of the class
# or of an ancestor with exactly the arguments given (the VM's direct frame), one with
# defaults, keywords or a closure (the general binder), one shadowed by an instance
# attribute (called unbound), a class attribute that is not a function, and the errors.
class Base:
    scale = 3

    def __init__(self, x):
        self.x = x

    def get(self):
        return self.x

    def add(self, a, b):
        return self.x + a + b

    def with_default(self, a, b=10):
        return self.x + a + b

    def chain(self):
        return self.get() + self.add(1, 2)


class Child(Base):
    def get(self):
        return super().get() * 2


def make_counter():
    count = [0]

    def bump(self):
        count[0] += 1
        return count[0]

    return bump


Child.bump = make_counter()
Child.label = len

b = Base(1)
c = Child(5)
assert b.get() == 1, 'own method'
assert c.get() == 10, 'override through super()'
assert c.add(1, 2) == 8, 'inherited method'
assert b.with_default(1) == 12, 'default filled in'
assert b.with_default(1, b=2) == 4, 'keyword argument'
assert c.chain() == 18, 'methods calling methods'
assert c.bump() == 1 and c.bump() == 2, 'a closure as a method'
assert c.label('abc') == 3, 'a builtin class attribute is not bound'
assert [Base(n).add(n, n) for n in range(3)] == [0, 3, 6], 'in a comprehension'

b.get = lambda: 'shadowed'
assert b.get() == 'shadowed', 'an instance attribute shadows the method'
del b.get
assert b.get() == 1, 'the method again once the attribute is gone'

try:
    c.add(1)
    raise AssertionError('one argument short')
except TypeError as e:
    assert 'missing 1 required positional argument' in str(e), str(e)

try:
    b.get(1)
    raise AssertionError('one argument too many')
except TypeError as e:
    assert 'takes 1 positional argument but 2 were given' in str(e), str(e)

try:
    b.missing()
    raise AssertionError('no such method')
except AttributeError as e:
    assert str(e) == "'Base' object has no attribute 'missing'", str(e)
