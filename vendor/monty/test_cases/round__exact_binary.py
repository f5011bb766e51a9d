# round(x, n) rounds the float's exact binary value, half to even, as CPython does: 2.675 is
# 2.67499999999999982236..., so it rounds down; scaling by 100 first would round it up.
assert round(2.675, 2) == 2.67, round(2.675, 2)
assert round(-23.95, 1) == -23.9, round(-23.95, 1)
assert round(52.1925, 3) == 52.193, round(52.1925, 3)
assert round(1.005, 2) == 1.0, round(1.005, 2)
assert round(0.045, 2) == 0.04, round(0.045, 2)

# exact ties go to the even digit
assert round(0.125, 2) == 0.12
assert round(0.375, 2) == 0.38
assert round(2.5, 0) == 2.0
assert round(-2.5, 0) == -2.0

# to tens and hundreds: ties to even, and any fraction past a tie rounds away
assert round(1250.0, -2) == 1200.0
assert round(1350.0, -2) == 1400.0
assert round(1250.5, -2) == 1300.0
assert round(-1250.0, -2) == -1200.0
assert round(999.9, -3) == 1000.0
assert round(123.456, -5) == 0.0

# a zero keeps its sign
assert repr(round(-0.001, 2)) == '-0.0'
assert repr(round(-4.0, -1)) == '-0.0'

# extreme precisions saturate as CPython's NDIGITS_MAX and NDIGITS_MIN do
assert round(5e-324, 400) == 5e-324
assert round(5e-324, 323) == 0.0
assert repr(round(-123.0, -400)) == '-0.0'
assert round(1e22, 0) == 1e22

try:
    round(1.7976931348623157e308, -308)
    assert False, 'expected OverflowError'
except OverflowError as e:
    assert str(e) == 'rounded value too large to represent', str(e)
