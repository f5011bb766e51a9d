# Classes that inherit from classes defined in Python code: lookup through the
# method resolution order (C3), isinstance, __bases__/__mro__, super() in both
# forms, and the errors CPython raises for bases it cannot order.


# === Single inheritance: members found in the base, overridden in the child ===
class Animal:
    kind = 'animal'

    def __init__(self, name):
        self.name = name

    def speak(self):
        return self.name + ' makes a sound'

    def describe(self):
        return self.name + ' is an ' + self.kind + ': ' + self.speak()


class Dog(Animal):
    kind = 'dog'

    def speak(self):
        return self.name + ' barks'


d = Dog('rex')
assert d.speak() == 'rex barks'
assert d.describe() == 'rex is an dog: rex barks', 'a base method calls the override'
assert Dog.kind == 'dog' and Animal.kind == 'animal'
assert isinstance(d, Dog) and isinstance(d, Animal)
assert not isinstance(Animal('x'), Dog)
assert isinstance(d, (int, Animal))
assert type(d) is Dog
assert Dog.__bases__ == (Animal,)
assert Animal.__bases__ == (object,)
assert Dog.__mro__ == (Dog, Animal, object)
assert Animal.speak(d) == 'rex makes a sound', 'the base function, called with the instance'


# === A base changed after the subclass was made is seen through it ===
class Base:
    pass


class Derived(Base):
    pass


Base.added = 42
assert Derived.added == 42
assert Derived().added == 42


# === Multiple inheritance: CPython's C3 order ===
class A:
    def who(self):
        return 'A'


class B(A):
    def who(self):
        return 'B>' + super().who()


class C(A):
    def who(self):
        return 'C>' + super().who()


class D(B, C):
    def who(self):
        return 'D>' + super().who()


assert D.__mro__ == (D, B, C, A, object)
assert D().who() == 'D>B>C>A', 'super() follows the instance class order, not the base'
assert D.__bases__ == (B, C)


class E(object):
    pass


assert E.__bases__ == (object,)
assert E.__mro__ == (E, object)


# === super(): __init__ chains, the two-argument form, a missing object.__init__ ===
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class Point3(Point):
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


p = Point3(1, 2, 3)
assert (p.x, p.y, p.z) == (1, 2, 3)


class Named(Point3):
    def __init__(self, name):
        super(Named, self).__init__(0, 0, 0)
        Point.__init__(self, 7, 8)
        self.name = name


n = Named('n')
assert (n.x, n.y, n.z, n.name) == (7, 8, 0, 'n')


class Root:
    def __init__(self):
        super().__init__()
        self.ok = True


assert Root().ok
assert super(Dog, d).speak() == 'rex makes a sound'
assert repr(super(Dog, d)).startswith('<super: <class ')
assert super(B, D()).who() == 'C>A'
bound = super(Dog, d).speak
assert bound() == 'rex makes a sound', 'a function read through super() is bound'

try:
    super(Dog, Animal('x'))
    raise AssertionError('super() with an instance of a base class')
except TypeError as e:
    assert str(e) == 'super(type, obj): obj must be an instance or subtype of type', str(e)

try:
    super(Dog, d).missing
    raise AssertionError('a missing member through super()')
except AttributeError as e:
    assert str(e) == "'super' object has no attribute 'missing'", str(e)


# === The same function defined in a class reached through a closure's self ===
class Outer(Animal):
    def speak(self):
        def inner():
            return self.name
        return 'outer ' + inner() + ' / ' + super().speak()


assert Outer('o').speak() == 'outer o / o makes a sound'


# === Errors for bases CPython cannot use ===
try:

    class Twice(A, A):
        pass

    raise AssertionError('duplicate base')
except TypeError as e:
    assert str(e) == 'duplicate base class A', str(e)


class X:
    pass


class Y:
    pass


class XY(X, Y):
    pass


class YX(Y, X):
    pass


try:

    class Both(XY, YX):
        pass

    raise AssertionError('inconsistent order')
except TypeError as e:
    assert str(e) == 'Cannot create a consistent method resolution\norder (MRO) for bases X, Y', str(e)


# === type() with bases ===
Dyn = type('Dyn', (Dog,), {'speak': lambda self: self.name + ' hums'})
assert Dyn('z').speak() == 'z hums'
assert Dyn('z').describe() == 'z is an dog: z hums'
assert isinstance(Dyn('z'), Animal)
assert Dyn.__bases__ == (Dog,)


# === Special methods and a dataclass's generated methods are inherited ===
class Always:
    def __eq__(self, other):
        return True

    def __repr__(self):
        return 'Always!'


class Sub(Always):
    pass


assert Sub() == 1 and repr(Sub()) == 'Always!'
assert repr([Sub()]) == '[Always!]'

from dataclasses import dataclass, is_dataclass


@dataclass
class Pair:
    a: int
    b: int = 2


class Labelled(Pair):
    def label(self):
        return str(self.a) + '/' + str(self.b)


lab = Labelled(1)
assert repr(lab) == 'Labelled(a=1, b=2)', repr(lab)
assert lab == Labelled(1, 2) and lab.label() == '1/2'
assert is_dataclass(lab) and is_dataclass(Labelled)


@dataclass
class Child(Animal):
    age: int = 0


c = Child(3)
assert c.age == 3 and c.kind == 'animal' and repr(c) == 'Child(age=3)', repr(c)


# === issubclass ===
assert issubclass(Dog, Animal) and issubclass(Dog, Dog) and not issubclass(Animal, Dog)
assert issubclass(D, (int, C)) and issubclass(D, object) and not issubclass(A, (B, C))
assert issubclass(bool, int) and issubclass(int, object) and not issubclass(int, str)
assert issubclass(KeyError, LookupError) and issubclass(KeyError, (ValueError, Exception))
assert not issubclass(KeyError, ValueError) and not issubclass(Dog, int) and not issubclass(int, Dog)
assert issubclass(Dog, int | Animal)
try:
    issubclass(d, Animal)
    raise AssertionError('issubclass of an instance')
except TypeError as e:
    assert str(e) == 'issubclass() arg 1 must be a class', str(e)
try:
    issubclass(Dog, d)
    raise AssertionError('issubclass against an instance')
except TypeError as e:
    assert str(e) == 'issubclass() arg 2 must be a class, a tuple of classes, or a union', str(e)


# === How a subclass hashes: the first class that says decides ===
class Hashed:
    def __eq__(self, other):
        return self is other

    def __hash__(self):
        return 7


class EqOnly(Hashed):
    def __eq__(self, other):
        return False


class Plain(Hashed):
    pass


try:
    hash(EqOnly())
    raise AssertionError('a subclass defining __eq__ alone is unhashable')
except TypeError:
    pass
assert hash(Plain()) == 7


# === super() binds a dataclass-generated method; an inherited __post_init__ runs ===
@dataclass
class Base2:
    x: int
    y: int = 0


class Fixed(Base2):
    def __init__(self, x):
        super().__init__(x, 5)


assert (Fixed(1).x, Fixed(1).y) == (1, 5)


class Hook:
    def __post_init__(self):
        self.seen = self.v * 2


@dataclass
class WithHook(Hook):
    v: int


assert WithHook(4).seen == 8


# === super() reaches object's __repr__, __str__ and __eq__ ===
class Shown:
    def __repr__(self):
        default = super().__repr__()
        assert default.startswith('<__main__.Shown object at 0x'), default
        return 'Shown+'

    def __str__(self):
        return 'str of ' + super().__str__()

    def __eq__(self, other):
        return super().__eq__(other)


sh = Shown()
assert repr(sh) == 'Shown+', repr(sh)
assert str(sh) == 'str of Shown+', str(sh)
assert sh == sh and not (sh == Shown())
assert Shown().__eq__(1) is NotImplemented
try:
    super(Shown, sh).__repr__(1)
    raise AssertionError('__repr__ with an argument')
except TypeError as e:
    assert str(e) == 'expected 0 arguments, got 1', str(e)


# === A base that is no class ===
try:
    type('Bad', (1,), {})
    raise AssertionError('an int as a base')
except TypeError as e:
    assert str(e).startswith('metaclass conflict: the metaclass of a derived class'), str(e)
