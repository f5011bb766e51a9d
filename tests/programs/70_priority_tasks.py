# Tasks ordered by their class's __lt__: a queue.PriorityQueue gives them to a worker thread by priority, and sorted(), min() and max() order them the same way.
import queue
import threading


class Task:
    def __init__(self, priority, name):
        self.priority = priority
        self.name = name

    def __lt__(self, other):
        return self.priority < other.priority

    def __repr__(self):
        return f"Task({self.priority}, {self.name!r})"


tasks = queue.PriorityQueue()
for priority, name in [(3, "write report"), (1, "fix bug"), (2, "review"), (5, "lunch"), (4, "email")]:
    tasks.put(Task(priority, name))

done = []


def worker():
    while True:
        try:
            task = tasks.get_nowait()
        except queue.Empty:
            return
        done.append(task.name)


t = threading.Thread(target=worker)
t.start()
t.join()
print(done)
everything = [Task(2, "b"), Task(9, "z"), Task(0, "a")]
print(min(everything), max(everything))
print(sorted(everything, reverse=True))
print(Task(1, "x") < Task(2, "y"), Task(1, "x") > Task(2, "y"))
