# Exceptions made with several arguments, or one that is not a string, print as CPython prints them, in the main thread and in a thread
import threading
from concurrent.futures import ThreadPoolExecutor


def fail(n):
    raise ValueError('bad value', n)


for e in [ValueError('a', 1), RuntimeError(2.5, [1, 'b']), IndexError(None), ValueError(3), Exception()]:
    print(type(e).__name__, '[' + str(e) + ']')
try:
    ValueError(code=1)
except TypeError as e:
    print('TypeError:', e)

t = threading.Thread(target=fail, args=(1,))
t.start()
t.join()
with ThreadPoolExecutor(2) as ex:
    future = ex.submit(fail, 2)
    print('from the pool:', future.exception())
try:
    fail(3)
except ValueError as e:
    print('caught:', e)
print('done')
