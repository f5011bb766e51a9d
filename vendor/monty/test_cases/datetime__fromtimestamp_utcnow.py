# datetime.fromtimestamp(ts, tz) and datetime.utcnow(), as CPython 3.11 gives them.
from datetime import datetime, timedelta, timezone

assert str(datetime.fromtimestamp(0, timezone.utc)) == '1970-01-01 00:00:00+00:00'
assert str(datetime.fromtimestamp(1.5, tz=timezone.utc)) == '1970-01-01 00:00:01.500000+00:00'
assert str(datetime.fromtimestamp(-1.25, timezone.utc)) == '1969-12-31 23:59:58.750000+00:00'
# The fraction is rounded apart from the whole seconds, half to even.
assert str(datetime.fromtimestamp(1700000000.0000015, timezone.utc)) == '2023-11-14 22:13:20.000001+00:00'
tokyo = timezone(timedelta(hours=9))
assert str(datetime.fromtimestamp(1700000000.123456, tokyo)) == '2023-11-15 07:13:20.123456+09:00'
assert datetime.fromtimestamp(1700000000, tokyo).tzinfo is tokyo
now = datetime.utcnow()
assert now.tzinfo is None and now.year >= 2024
assert abs((datetime.now(timezone.utc).replace(tzinfo=None) - now).total_seconds()) < 5
for bad, kind, message in [
    (lambda: datetime.fromtimestamp('x'), TypeError, "'str' object cannot be interpreted as an integer"),
    (lambda: datetime.fromtimestamp(float('nan')), ValueError, 'Invalid value NaN (not a number)'),
    (lambda: datetime.utcnow(1), TypeError, 'datetime.utcnow() takes no arguments (1 given)'),
]:
    try:
        bad()
        assert False, message
    except kind as e:
        assert str(e) == message, str(e)
