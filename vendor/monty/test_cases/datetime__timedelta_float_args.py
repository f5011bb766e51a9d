# A timedelta takes floats, as CPython does: their fractions of a microsecond are summed and
# rounded once, half to even; days that do not fit a C int say so.
from datetime import timedelta as t

assert repr(t(seconds=0.04)) == 'datetime.timedelta(microseconds=40000)', repr(t(seconds=0.04))
assert repr(t(days=1.5, hours=-0.25)) == 'datetime.timedelta(days=1, seconds=42300)', repr(t(days=1.5, hours=-0.25))
assert repr(t(microseconds=0.5)) == 'datetime.timedelta(0)', repr(t(microseconds=0.5))
assert repr(t(microseconds=1.5)) == 'datetime.timedelta(microseconds=2)', repr(t(microseconds=1.5))
assert repr(t(microseconds=2.5)) == 'datetime.timedelta(microseconds=2)', repr(t(microseconds=2.5))
assert repr(t(microseconds=-0.5)) == 'datetime.timedelta(0)', repr(t(microseconds=-0.5))
assert repr(t(seconds=5e-7)) == 'datetime.timedelta(0)', repr(t(seconds=5e-7))
assert repr(t(weeks=0.1, minutes=1.1, milliseconds=0.0005)) == 'datetime.timedelta(seconds=60546, microseconds=1)', repr(t(weeks=0.1, minutes=1.1, milliseconds=0.0005))
assert repr(t(hours=1 / 3)) == 'datetime.timedelta(seconds=1200)', repr(t(hours=1 / 3))
assert repr(t(days=-1.1)) == 'datetime.timedelta(days=-2, seconds=77760)', repr(t(days=-1.1))
assert repr(t(seconds=1, microseconds=0.5)) == 'datetime.timedelta(seconds=1)', repr(t(seconds=1, microseconds=0.5))
assert repr(t(milliseconds=1.0000005)) == 'datetime.timedelta(microseconds=1000)', repr(t(milliseconds=1.0000005))
assert repr(t(minutes=2.0)) == 'datetime.timedelta(seconds=120)', repr(t(minutes=2.0))
assert repr(t(0.5)) == 'datetime.timedelta(seconds=43200)', repr(t(0.5))

try:
    t(seconds=float('nan'))
    assert False, 'no error'
except ValueError as e:
    assert str(e) == 'cannot convert float NaN to integer', str(e)
try:
    t(seconds=float('inf'))
    assert False, 'no error'
except OverflowError as e:
    assert str(e) == 'cannot convert float infinity to integer', str(e)
try:
    t(seconds=1e30)
    assert False, 'no error'
except OverflowError as e:
    assert str(e) == 'Python int too large to convert to C int', str(e)
try:
    t(days=1) * 10**10
    assert False, 'no error'
except OverflowError as e:
    assert str(e) == 'Python int too large to convert to C int', str(e)
try:
    t(days=10**9)
    assert False, 'no error'
except OverflowError as e:
    assert str(e) == 'days=1000000000; must have magnitude <= 999999999', str(e)
try:
    t(days=2**31)
    assert False, 'no error'
except OverflowError as e:
    assert str(e) == 'Python int too large to convert to C int', str(e)
try:
    t(seconds=10**15)
    assert False, 'no error'
except OverflowError as e:
    assert str(e) == 'Python int too large to convert to C int', str(e)
