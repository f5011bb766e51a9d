# ThreadPoolExecutor without a with-block: explicit shutdown(wait=True).
import time
from concurrent.futures import ThreadPoolExecutor


def slow_add(a, b):
    time.sleep(0.1)
    return a + b


executor = ThreadPoolExecutor(max_workers=2)
futures = [executor.submit(slow_add, i, 10) for i in range(4)]
executor.shutdown(wait=True)

# After shutdown(wait=True) every future has finished.
print([f.done() for f in futures])
print([f.result() for f in futures])

try:
    executor.submit(slow_add, 1, 2)
except RuntimeError as e:
    print("submit after shutdown:", type(e).__name__)
