# as_completed yields futures as they finish; print results sorted, not in arrival order.
import time
from concurrent.futures import ThreadPoolExecutor, as_completed


def work(n):
    time.sleep(0.02 * (6 - n))
    return n * 10


with ThreadPoolExecutor(max_workers=6) as executor:
    futures = {executor.submit(work, n): n for n in range(6)}
    results = []
    for future in as_completed(futures):
        results.append((futures[future], future.result()))

print(sorted(results))
print(len(results))
