# threading.Timer calls its function after the interval unless cancelled; threading.Barrier releases its parties together, runs its action once, and breaks on a timeout
import threading, time

log = []
lock = threading.Lock()

def hello(who):
    with lock:
        log.append('hello ' + who)

t = threading.Timer(0.1, hello, args=['timer'])
print(t.name, t.is_alive(), t.interval, isinstance(t, threading.Timer), isinstance(t, threading.Thread))
t.start()
c = threading.Timer(0.1, hello, args=['cancelled'])
c.start()
c.cancel()
t.join(); c.join()
print(log, t.is_alive(), c.finished.is_set())

order = []
def phase(n, barrier):
    with lock:
        order.append(('before', n))
    i = barrier.wait()
    with lock:
        order.append(('after', n))
    return i

done = []
b = threading.Barrier(3, action=lambda: done.append('all arrived'))
ts = [threading.Thread(target=phase, args=(n, b)) for n in range(3)]
for x in ts: x.start()
for x in ts: x.join()
print(done, [o[0] for o in order], b.n_waiting, b.broken, b.parties)

b2 = threading.Barrier(2, timeout=0.05)
try:
    b2.wait()
except threading.BrokenBarrierError as e:
    print('broken', b2.broken, type(e).__name__, isinstance(e, RuntimeError))
try:
    b2.wait()
except RuntimeError:
    print('still broken')
b2.reset()
print(b2.broken)
b3 = threading.Barrier(2)
outcome = []
def wait_on(barrier):
    try:
        barrier.wait()
        outcome.append('passed')
    except threading.BrokenBarrierError:
        outcome.append('broken by reset')
w = threading.Thread(target=wait_on, args=(b3,))
w.start()
time.sleep(0.1)
b3.reset()
w.join()
print(outcome, b3.broken, b3.n_waiting)
print(threading.Barrier(1).wait())
