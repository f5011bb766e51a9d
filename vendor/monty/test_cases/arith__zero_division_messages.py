# Each division by zero says what CPython 3.11 says: the operation, and int or float.
def message(f):
    try:
        f()
    except ZeroDivisionError as e:
        return str(e)
    return None


big = 2**70
cases = [
    (lambda: 1 / 0, 'division by zero'),
    (lambda: big / 0, 'division by zero'),
    (lambda: 1 // 0, 'integer division or modulo by zero'),
    (lambda: big // 0, 'integer division or modulo by zero'),
    (lambda: 1 % 0, 'integer modulo by zero'),
    (lambda: big % 0, 'integer modulo by zero'),
    (lambda: divmod(1, 0), 'integer division or modulo by zero'),
    (lambda: divmod(big, 0), 'integer division or modulo by zero'),
    (lambda: 1.0 / 0, 'float division by zero'),
    (lambda: 1 / 0.0, 'float division by zero'),
    (lambda: 1.0 // 0, 'float floor division by zero'),
    (lambda: 1 // 0.0, 'float floor division by zero'),
    (lambda: 1.0 % 0, 'float modulo'),
    (lambda: 1 % 0.0, 'float modulo'),
    (lambda: divmod(1.0, 0), 'float divmod()'),
    (lambda: divmod(1, 0.0), 'float divmod()'),
]
for i, (f, expected) in enumerate(cases):
    got = message(f)
    assert got == expected, f'case {i}: {got!r} != {expected!r}'
n = 0
x = 7
assert message(lambda: x // n) == 'integer division or modulo by zero', 'variables'
assert message(lambda: x % n) == 'integer modulo by zero', 'variables'
