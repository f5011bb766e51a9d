# int and float methods as CPython 3.11 has them.
assert (0).bit_length() == 0
assert (5).bit_length() == 3
assert (-5).bit_length() == 3
assert (2**100).bit_length() == 101
assert (-(2**63)).bit_length() == 64
assert (255).bit_count() == 8
assert (-255).bit_count() == 8
assert (2**100 - 1).bit_count() == 100
assert True.bit_length() == 1
assert (7).as_integer_ratio() == (7, 1)
assert (2**70).as_integer_ratio() == (2**70, 1)
assert (5).conjugate() == 5
assert (2.0).is_integer() and not (2.5).is_integer()
assert not float('inf').is_integer() and not float('nan').is_integer()
assert (2.5).as_integer_ratio() == (5, 2)
assert (-0.75).as_integer_ratio() == (-3, 4)
assert (0.1).as_integer_ratio() == (3602879701896397, 36028797018963968)
assert (0.0).as_integer_ratio() == (0, 1)
assert (1e300).as_integer_ratio()[1] == 1
assert (5e-324).as_integer_ratio() == (1, 2**1074)
assert (1.5).conjugate() == 1.5
import math
assert math.sqrt(49).is_integer()
lengths = list(map(int.bit_length, [1, 2, 4]))
assert lengths == [1, 2, 3], lengths
for bad, kind, message in [
    (lambda: float('nan').as_integer_ratio(), ValueError, 'cannot convert NaN to integer ratio'),
    (lambda: float('-inf').as_integer_ratio(), OverflowError, 'cannot convert Infinity to integer ratio'),
    (lambda: (5).bit_length(1), TypeError, 'int.bit_length() takes no arguments (1 given)'),
]:
    try:
        bad()
        assert False, message
    except kind as e:
        assert str(e) == message, str(e)
