# add_done_callback: callbacks run when each future finishes (collected, printed sorted).
import threading
from concurrent.futures import ThreadPoolExecutor

lock = threading.Lock()
finished = []


def double(n):
    return n * 2


def on_done(future):
    with lock:
        finished.append(future.result())


with ThreadPoolExecutor(max_workers=4) as executor:
    for n in range(8):
        executor.submit(double, n).add_done_callback(on_done)

print(sorted(finished))

# A callback added to an already finished future runs immediately.
with ThreadPoolExecutor(max_workers=1) as executor:
    f = executor.submit(double, 21)
    f.result()
    f.add_done_callback(on_done)
    print("immediately called:", 42 in finished)
print(len(finished))
