# RLock can be re-entered by its owner; Lock.acquire(blocking=False) reports failure.
import threading

rlock = threading.RLock()


def countdown(n):
    with rlock:
        if n == 0:
            return ["liftoff"]
        return [n] + countdown(n - 1)


print(countdown(3))

lock = threading.Lock()
print("first acquire:", lock.acquire())
print("second acquire non-blocking:", lock.acquire(blocking=False))
print("with timeout:", lock.acquire(timeout=0.05))
lock.release()
print("after release:", lock.acquire(blocking=False))
lock.release()

rlock.acquire()
print("rlock re-acquire:", rlock.acquire(blocking=False))
answers = []


def try_from_other_thread():
    answers.append(rlock.acquire(blocking=False))


t = threading.Thread(target=try_from_other_thread)
t.start()
t.join()
print("other thread gets held rlock:", answers)
rlock.release()
rlock.release()
