# cancel() on a future still waiting in the queue (max_workers=1), and on a running one.
import threading
import time
from concurrent.futures import ThreadPoolExecutor, CancelledError

started = threading.Event()


def blocker():
    started.set()
    time.sleep(0.3)
    return "blocker finished"


def later():
    return "later ran"


with ThreadPoolExecutor(max_workers=1) as executor:
    first = executor.submit(blocker)
    second = executor.submit(later)
    started.wait()
    print("second done before cancel:", second.done())
    print("cancel running first:", first.cancel())
    print("cancel pending second:", second.cancel())
    print("second cancelled:", second.cancelled())
    print("second done after cancel:", second.done())

print(first.result())
try:
    second.result()
except CancelledError as e:
    print("result() raised", type(e).__name__)
    # The class as CPython names it: by the module that defines it.
    print(type(e), type(e).__module__)
