# The Python docs' queue.PriorityQueue recipe: work items as a dataclass ordered by priority
# alone (order=True, the payload left out with field(compare=False)), served by a worker
# thread in priority order; fields() names what the items carry; heapq as a scheduler uses it.
import heapq
import queue
import threading
from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(order=True)
class PrioritizedItem:
    priority: int
    item: Any = field(compare=False)


jobs = queue.PriorityQueue()
for priority, name in [(3, 'tidy up'), (1, 'fix the outage'), (2, 'answer mail'), (1, 'call back')]:
    jobs.put(PrioritizedItem(priority, name))

done = []


def worker():
    while True:
        job = jobs.get()
        if job.item is None:
            jobs.task_done()
            break
        done.append((job.priority, job.item))
        jobs.task_done()


t = threading.Thread(target=worker)
t.start()
jobs.join()
jobs.put(PrioritizedItem(99, None))
t.join()
print([priority for priority, _ in done], sorted(item for _, item in done))
print([f.name for f in fields(PrioritizedItem)], [f.compare for f in fields(PrioritizedItem)])
print(PrioritizedItem(1, 'a') == PrioritizedItem(1, 'b'), PrioritizedItem(1, 'a') < PrioritizedItem(2, 'a'))
print(sorted([PrioritizedItem(2, 'x'), PrioritizedItem(1, 'y')]))

schedule = []
for when, what in [(0.3, 'backup'), (0.1, 'ping'), (0.2, 'report'), (0.1, 'pong')]:
    heapq.heappush(schedule, (when, what))
print(schedule[0], [heapq.heappop(schedule) for _ in range(2)], schedule)
loads = [7, 2, 9, 4, 1]
heapq.heapify(loads)
print(loads, heapq.heappushpop(loads, 3), heapq.heapreplace(loads, 8), loads)
print(heapq.nsmallest(2, [5, 1, 4]), heapq.nlargest(2, ['aa', 'b', 'cccc'], key=len))
