# A two-stage pipeline over queues, each stage stopped by a None sentinel.
import queue
import threading

raw = queue.Queue()
cooked = queue.Queue()


def stage_one():
    while True:
        item = raw.get()
        if item is None:
            cooked.put(None)
            break
        cooked.put(item + 1)


def stage_two(out):
    while True:
        item = cooked.get()
        if item is None:
            break
        out.append(item * 10)


out = []
threads = [threading.Thread(target=stage_one), threading.Thread(target=stage_two, args=(out,))]
for t in threads:
    t.start()
for n in [5, 1, 3]:
    raw.put(n)
raw.put(None)
for t in threads:
    t.join()
print(out)
