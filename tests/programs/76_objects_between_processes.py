# Objects of the program's own classes sent to and from worker processes, as pickle sends
# them: a dataclass of work items mapped over a process pool, an object a worker changes and
# returns (a copy: the parent's stays as it was), a method bound to an object, an object with
# `__call__`, a class method, `functools.partial`, objects nested in containers, and a
# dataclass through a multiprocessing.Queue to a Process and back.
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from multiprocessing import Pool, Process, Queue


@dataclass
class Task:
    name: str
    size: int
    tags: list = field(default_factory=list)


class Counter:
    def __init__(self, start):
        self.count = start

    def bump(self, by):
        self.count += by
        return self


class Scaler:
    def __init__(self, k):
        self.k = k

    def scale(self, x):
        return x * self.k

    def __call__(self, x):
        return x + self.k

    @classmethod
    def doubled(cls, x):
        return cls(2).scale(x)


def run(task):
    task.size *= 10
    task.tags.append('done')
    return task


def bump(counter):
    return counter.bump(5)


def weigh(task, factor=1):
    return task.size * factor


def total(items):
    return sum(t.size for t in items['tasks']) + items['counter'][0].count


def relay(inbox, outbox):
    item = inbox.get()
    outbox.put(Task(item.name.upper(), item.size + 1, item.tags + ['relayed']))


if __name__ == '__main__':
    tasks = [Task('a', 1), Task('b', 2, ['x'])]
    with ProcessPoolExecutor(max_workers=2) as ex:
        done = list(ex.map(run, tasks))
        print(done)
        print(tasks)
        print(done[0] is tasks[0], type(done[0]).__name__, isinstance(done[0], Task))
        c = Counter(1)
        back = ex.submit(bump, c).result()
        print(c.count, back.count, back is c)
        s = Scaler(3)
        print(list(ex.map(s.scale, [1, 2, 3])))
        print(list(ex.map(s, [1, 2, 3])))
        print(ex.submit(Scaler.doubled, 7).result())
        print(ex.submit(partial(weigh, factor=3), Task('c', 4)).result())
        print(ex.submit(total, {'tasks': [Task('d', 5), Task('e', 6)], 'counter': (Counter(9),)}).result())
    with Pool(2) as pool:
        print(pool.map(weigh, tasks))
        print(pool.map(partial(weigh, factor=2), tasks))
        print(pool.starmap(weigh, [(Task('f', 2), 5)]))
        print(pool.apply(Scaler(4).scale, (10,)))
    inbox, outbox = Queue(), Queue()
    p = Process(target=relay, args=(inbox, outbox))
    p.start()
    inbox.put(Task('z', 25))
    print(outbox.get())
    p.join()
