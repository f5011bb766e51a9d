# globals(): the module's bound globals (a snapshot here), and exec's own dict where it runs.
counter = 3


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


g = globals()
assert g['counter'] == 3
assert g['fib'] is fib
assert eval('fib(10)', globals()) == 55

ns = {'x': 1}
exec('def f():\n    return globals()\ny = globals()', ns)
assert ns['y'] is ns
assert ns['f']() is ns


def inside():
    return globals()['counter']


assert inside() == 3
try:
    globals(1)
except TypeError as e:
    assert str(e) == 'globals() takes no arguments (1 given)', str(e)
