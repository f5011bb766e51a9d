# Condition.notify_all wakes every waiting thread; wait_for with a predicate.
import threading
import time

cond = threading.Condition()
go = False
woken = []
waiting = 0


def waiter(n):
    global waiting
    with cond:
        waiting += 1
        cond.notify_all()
        while not go:
            cond.wait()
        woken.append(n)


threads = [threading.Thread(target=waiter, args=(n,)) for n in range(4)]
for t in threads:
    t.start()
with cond:
    ok = cond.wait_for(lambda: waiting == 4, timeout=2)
    print("all waiting:", ok)
    go = True
    cond.notify_all()
for t in threads:
    t.join()
print(sorted(woken))
with cond:
    print("wait with timeout:", cond.wait(timeout=0.05))
