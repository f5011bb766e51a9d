# Eight time.sleep(0.2) calls on ThreadPoolExecutor(8) overlap: far less than 1.6 s.
import time
from concurrent.futures import ThreadPoolExecutor


def nap(n):
    time.sleep(0.2)
    return n


start = time.perf_counter()
with ThreadPoolExecutor(8) as executor:
    results = list(executor.map(nap, range(8)))
elapsed = time.perf_counter() - start
print(results)
print(elapsed < 0.6)
print(elapsed >= 0.2)
