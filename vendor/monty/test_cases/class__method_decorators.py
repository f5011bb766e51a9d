# @property (with .setter and .deleter), @staticmethod and @classmethod in a class body, read
# through an instance, the class and a subclass, with CPython's errors for a missing setter,
# deleter or getter; any other decorator on a method binds what it returns.
class Account:
    rate = 2

    def __init__(self, balance):
        self._balance = balance
        self.log = []

    @property
    def balance(self):
        self.log.append('get')
        return self._balance

    @balance.setter
    def balance(self, value):
        if value < 0:
            raise ValueError('negative balance')
        self.log.append('set')
        self._balance = value

    @balance.deleter
    def balance(self):
        self.log.append('del')
        self._balance = 0

    @property
    def doubled(self):
        return self._balance * self.rate

    @staticmethod
    def fee(amount, percent=1):
        return amount * percent // 100

    @classmethod
    def empty(cls):
        return cls(0)

    @classmethod
    def kind(cls):
        return cls.__name__


a = Account(10)
assert a.balance == 10
a.balance = 25
assert a.balance == 25 and a._balance == 25
a.balance += 5
assert a.balance == 30
del a.balance
assert a.balance == 0
assert a.log == ['get', 'set', 'get', 'get', 'set', 'get', 'del', 'get'], a.log
try:
    a.balance = -1
    assert False
except ValueError as e:
    assert str(e) == 'negative balance'

a.balance = 7
assert a.doubled == 14
try:
    a.doubled = 3
    assert False
except AttributeError as e:
    assert str(e) == "property 'doubled' of 'Account' object has no setter", str(e)
try:
    del a.doubled
    assert False
except AttributeError as e:
    assert str(e) == "property 'doubled' of 'Account' object has no deleter", str(e)
assert setattr(a, 'balance', 9) is None and getattr(a, 'balance') == 9
assert hasattr(a, 'doubled') and not hasattr(a, 'missing')

assert Account.fee(250) == 2 and a.fee(300, percent=2) == 6
f = a.fee
assert f(100, 5) == 5
assert Account.empty().balance == 0 and type(a.empty()) is Account
assert Account.kind() == 'Account' and a.kind() == 'Account'


class Savings(Account):
    @property
    def doubled(self):
        return super().doubled + 1


s = Savings.empty()
assert type(s) is Savings and Savings.kind() == 'Savings' and s.kind() == 'Savings'
s.balance = 4
assert s.doubled == 9 and s.balance == 4

assert type(Account.balance) is property
assert isinstance(Account.balance, property)
assert Account.balance.fget is not None and Account.doubled.fset is None
assert Account.balance.fget(a) == 9 and Account.fee.__name__ == 'fee'
assert repr(Account.balance).startswith('<property object at 0x')

write_only = property(None, lambda self, v: None)


class W:
    x = write_only


try:
    W().x
    assert False
except AttributeError as e:
    assert str(e) == "property 'x' of 'W' object has no getter", str(e)

sm = staticmethod(len)
assert sm([1, 2]) == 2 and type(sm) is staticmethod
assert repr(staticmethod(len)) == '<staticmethod(<built-in function len>)>'
try:
    staticmethod()
    assert False
except TypeError as e:
    assert str(e) == 'staticmethod expected 1 argument, got 0', str(e)
try:
    property(1, 2, 3, 4, 5)
    assert False
except TypeError as e:
    assert str(e) == 'property() takes at most 4 arguments (5 given)', str(e)


def shout(fn):
    def wrapper(self):
        return fn(self).upper()

    return wrapper


class Greeter:
    @shout
    def hello(self):
        return 'hi'


assert Greeter().hello() == 'HI'
