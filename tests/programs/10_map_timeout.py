# executor.map(timeout=...) raises TimeoutError when results are not ready in time.
import time
from concurrent.futures import ThreadPoolExecutor


def nap(seconds):
    time.sleep(seconds)
    return seconds


with ThreadPoolExecutor(max_workers=2) as executor:
    print(list(executor.map(nap, [0.05, 0.1], timeout=2)))
    results = []
    try:
        for value in executor.map(nap, [0.05, 0.6], timeout=0.3):
            results.append(value)
    except TimeoutError as e:
        print("timed out:", type(e).__name__)
    print("got before timeout:", results)

print("executor closed")
