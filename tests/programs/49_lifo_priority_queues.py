# queue.LifoQueue takes the last item put first, PriorityQueue the smallest (equal priorities in heapq's order), with a worker thread and task_done
import threading
import queue

lifo = queue.LifoQueue()
for n in range(5):
    lifo.put(n)
print([lifo.get() for _ in range(5)], lifo.empty())

jobs = queue.PriorityQueue()
for item in [(3, 'low'), (1, 'urgent'), (2, 'normal'), (1, 'also urgent'), (5, 'later'), (2, 'b'), (2, 'a'), (0, 'first')]:
    jobs.put(item)
print(jobs.qsize(), jobs.unfinished_tasks)
order = []
lock = threading.Lock()


def worker():
    while True:
        try:
            priority, name = jobs.get_nowait()
        except queue.Empty:
            return
        with lock:
            order.append((priority, name))
        jobs.task_done()


threads = [threading.Thread(target=worker)]
for t in threads:
    t.start()
for t in threads:
    t.join()
jobs.join()
print(sorted(order) == order, order)
print(jobs.unfinished_tasks, jobs.empty())

numbers = queue.PriorityQueue()
for n in [5, 3, 9, 1, 7, 3, 8, 2]:
    numbers.put(n)
print([numbers.get() for _ in range(8)])
print(repr(queue.Full()), repr(queue.Empty('none left')))
