# Semaphore limits concurrency; BoundedSemaphore refuses an extra release().
import threading
import time

slots = threading.Semaphore(2)
lock = threading.Lock()
active = 0
peak = 0
finished = []


def job(n):
    global active, peak
    with slots:
        with lock:
            active += 1
            peak = max(peak, active)
        time.sleep(0.05)
        with lock:
            active -= 1
            finished.append(n)


threads = [threading.Thread(target=job, args=(n,)) for n in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("never more than 2 at once:", peak <= 2)
print(sorted(finished))

bounded = threading.BoundedSemaphore(1)
print("acquire:", bounded.acquire())
print("non-blocking acquire:", bounded.acquire(blocking=False))
bounded.release()
try:
    bounded.release()
except ValueError as e:
    print(type(e).__name__, str(e))
