# A timed wait inside a worker process that nothing will end (its own thread holds the lock,
# no thread notifies) returns False once its timeout has passed, as in CPython: a lock's
# acquire(timeout=...), Condition.wait(timeout) and Event.wait(timeout).
import threading
import time
from concurrent.futures import ProcessPoolExecutor


def timed_waits(timeout):
    lock = threading.Lock()
    lock.acquire()
    began = time.monotonic()
    got_lock = lock.acquire(timeout=timeout)
    lock_waited = time.monotonic() - began >= timeout * 0.8
    condition = threading.Condition()
    with condition:
        began = time.monotonic()
        notified = condition.wait(timeout)
        condition_waited = time.monotonic() - began >= timeout * 0.8
        # the same again: a waiter is used once more
        notified_again = condition.wait(timeout)
    event = threading.Event()
    began = time.monotonic()
    is_set = event.wait(timeout)
    event_waited = time.monotonic() - began >= timeout * 0.8
    return got_lock, lock_waited, notified, condition_waited, notified_again, is_set, event_waited


if __name__ == '__main__':
    with ProcessPoolExecutor(1) as processes:
        print(processes.submit(timed_waits, 0.05).result())
    print(timed_waits(0.05))
