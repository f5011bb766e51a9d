# queue.Queue with worker threads: put, get, task_done, join, a None sentinel per worker.
import queue
import threading

tasks = queue.Queue()
results = queue.Queue()


def worker():
    while True:
        item = tasks.get()
        if item is None:
            tasks.task_done()
            break
        results.put(item * item)
        tasks.task_done()


print("empty at start:", tasks.empty())
for n in range(10):
    tasks.put(n)
print("queued:", tasks.qsize())

workers = [threading.Thread(target=worker) for _ in range(3)]
for w in workers:
    w.start()
tasks.join()
for w in workers:
    tasks.put(None)
for w in workers:
    w.join()

collected = []
while not results.empty():
    collected.append(results.get())
print(sorted(collected))
print("tasks empty:", tasks.empty(), "size:", tasks.qsize())
