# threading.local: each thread sees only the attributes it set (hasattr is False until then),
# a class attribute of a subclass is every thread's, and the error names the class.
import threading
import time

session = threading.local()
session.name = 'main'
seen = {}


def get_session(n):
    # The pattern of a tutorial that gives each thread its own connection.
    if not hasattr(session, 'name'):
        session.name = 'session-' + str(n)
        session.calls = 0
    session.calls += 1
    return session


def worker(n):
    had = hasattr(session, 'name')
    for _ in range(n):
        get_session(n)
        time.sleep(0.01)
    seen[n] = (had, session.name, session.calls)


threads = [threading.Thread(target=worker, args=(n,)) for n in (1, 2, 3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for n in sorted(seen):
    print(n, seen[n])
print('main keeps', session.name, hasattr(session, 'calls'))
try:
    session.calls
except AttributeError as e:
    print('AttributeError:', e)


class Counter(threading.local):
    step = 10


counter = Counter()
counter.total = 1


def add():
    seen['add'] = (counter.step, hasattr(counter, 'total'))
    counter.total = counter.step


t = threading.Thread(target=add)
t.start()
t.join()
print(seen['add'], counter.total, type(session).__name__)
try:
    del_me = Counter().missing
except AttributeError as e:
    print('AttributeError:', e)
