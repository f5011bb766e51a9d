# A lock's repr says whether it is held; a Thread's args that are not a tuple fail in the thread (a traceback on stderr), and the program goes on
import threading

lock = threading.Lock()
print(repr(lock).startswith('<unlocked _thread.lock object'))
with lock:
    print(repr(lock).startswith('<locked _thread.lock object'))
print(str(lock).startswith('<unlocked'), lock.locked())
for kind in [threading.Lock, threading.RLock]:
    try:
        kind().acquire(timeout=-2)
    except ValueError as e:
        print('ValueError:', e)


def show(n):
    print('never printed', n)


t = threading.Thread(target=show, args=(5))
t.start()
t.join()
print('main goes on')
