# threading.excepthook as a tutorial sets it to collect what its threads raised, instead of
# the traceback CPython's default hook prints; the default stays at __excepthook__.
import threading

failures = []


def record(args):
    failures.append((args.thread.name, args.exc_type.__name__, str(args.exc_value)))


def work(n):
    if n % 2:
        raise ValueError(f'odd input {n}')
    return n


print(threading.excepthook is threading.__excepthook__)
threading.excepthook = record
threads = [threading.Thread(target=work, args=(n,), name=f'worker-{n}') for n in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(failures))
threading.excepthook = threading.__excepthook__
print(threading.excepthook is threading.__excepthook__)
