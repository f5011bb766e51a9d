# wait with FIRST_COMPLETED and FIRST_EXCEPTION, printing only deterministic facts.
import time
from concurrent.futures import ThreadPoolExecutor, wait, FIRST_COMPLETED, FIRST_EXCEPTION


def nap(seconds):
    time.sleep(seconds)
    return seconds


def fail():
    raise KeyError("missing")


with ThreadPoolExecutor(max_workers=4) as executor:
    futures = [executor.submit(nap, s) for s in (0.05, 0.3, 0.3)]
    done, not_done = wait(futures, return_when=FIRST_COMPLETED)
    print("first completed:", len(done) >= 1)
    print("total:", len(done) + len(not_done))

    futures = [executor.submit(fail), executor.submit(nap, 0.3), executor.submit(nap, 0.3)]
    done, not_done = wait(futures, return_when=FIRST_EXCEPTION)
    failed = [f for f in done if f.exception() is not None]
    print("first exception:", len(failed))
    print(type(failed[0].exception()).__name__, str(failed[0].exception()))

print("all finished")
