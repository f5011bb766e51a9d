# datetime.now() and date.today() around a thread pool, float.is_integer() and int.bit_length() in workers
import math
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timezone


def perfect_square(n):
    time.sleep(0.05)
    return n, math.sqrt(n).is_integer(), n.bit_length()


start = datetime.now()
print('this year:', f'{start:%Y}' == str(date.today().year))
with ThreadPoolExecutor(max_workers=4) as executor:
    for n, square, bits in executor.map(perfect_square, [16, 20, 25, 1024]):
        print(f'{n:>5}: square={square!s:<5} bits={bits}')
elapsed = datetime.now() - start
print('overlapped:', 0.04 < elapsed.total_seconds() < 0.5)
print(datetime.fromtimestamp(86400 * 365.25 * 30, timezone.utc))
print((0.75).as_integer_ratio(), (2.0).is_integer(), (-8).bit_count())
print(abs(datetime.now(timezone.utc).timestamp() - time.time()) < 1)
