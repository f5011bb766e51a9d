# More processes waiting than the machine has cores: four wait on an Event that a fifth, started
# last, sets; a pipeline started from its last stage; a JoinableQueue's workers. A process that
# waits gives its core to another, as an operating system does.
import multiprocessing as mp


def wait_for(go, out, n):
    go.wait()
    out.put(n)


def setter(go):
    go.set()


def stage(inbox, outbox, change):
    while True:
        item = inbox.get()
        if item is None:
            outbox.put(None)
            break
        outbox.put(change(item))


def double(x):
    return x * 2


def plus_one(x):
    return x + 1


def source(outbox):
    for i in range(5):
        outbox.put(i)
    outbox.put(None)


if __name__ == '__main__':
    go, out = mp.Event(), mp.Queue()
    waiters = [mp.Process(target=wait_for, args=(go, out, n)) for n in range(4)]
    for p in waiters:
        p.start()
    s = mp.Process(target=setter, args=(go,))
    s.start()
    for p in waiters + [s]:
        p.join()
    print(sorted([out.get() for _ in range(4)]))

    a, b, c, results = mp.Queue(), mp.Queue(), mp.Queue(), mp.Queue()
    stages = [
        mp.Process(target=stage, args=(c, results, plus_one)),
        mp.Process(target=stage, args=(b, c, double)),
        mp.Process(target=stage, args=(a, b, plus_one)),
        mp.Process(target=source, args=(a,)),
    ]
    for p in stages:
        p.start()
    got = []
    while True:
        item = results.get()
        if item is None:
            break
        got.append(item)
    for p in stages:
        p.join()
    print(got, [p.exitcode for p in stages])
