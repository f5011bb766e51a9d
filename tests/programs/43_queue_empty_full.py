# queue.Empty from get(timeout=)/get_nowait(), queue.Full from a bounded queue's put_nowait().
import queue
import threading

q = queue.Queue()
try:
    q.get(timeout=0.05)
except queue.Empty:
    print("get(timeout=0.05): queue.Empty")
try:
    q.get_nowait()
except queue.Empty:
    print("get_nowait(): queue.Empty")

small = queue.Queue(maxsize=2)
small.put("a")
small.put_nowait("b")
print("full:", small.full(), "size:", small.qsize())
try:
    small.put_nowait("c")
except queue.Full:
    print("put_nowait on a full queue: queue.Full")


def drain(out):
    out.append(small.get())


got = []
t = threading.Thread(target=drain, args=(got,))
t.start()
t.join()
small.put("c", timeout=1)
print(got, small.get(), small.get(), small.empty())
# The classes as CPython names them: Empty is the C module's (`_queue`), Full the `queue` module's.
print(queue.Empty, queue.Empty.__module__, queue.Full)
