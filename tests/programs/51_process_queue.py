# multiprocessing.Queue between processes: the docs' example, a producer and a consumer, several producers, get with a timeout, and a queue sent to a pool
from multiprocessing import Process, Queue, Pool
import queue


def f(q):
    q.put([42, None, 'hello'])


def consumer(inbox, outbox):
    total = 0
    count = 0
    while True:
        item = inbox.get()
        if item is None:
            break
        total += item
        count += 1
    outbox.put(('total', count, total))


def square_into(q, x):
    q.put((x, x * x))


if __name__ == '__main__':
    q = Queue()
    p = Process(target=f, args=(q,))
    p.start()
    print(q.get())
    p.join()

    inbox, outbox = Queue(), Queue()
    c = Process(target=consumer, args=(inbox, outbox))
    c.start()
    for i in range(200):
        inbox.put(i * i)
    inbox.put(None)
    print(outbox.get())
    c.join()

    results = Queue()
    producers = [Process(target=square_into, args=(results, i)) for i in range(6)]
    for p in producers:
        p.start()
    got = [results.get() for _ in range(6)]
    for p in producers:
        p.join()
    print(sorted(got), results.empty(), results.qsize())
    try:
        results.get(timeout=0.05)
    except queue.Empty:
        print('empty after the timeout')
    try:
        results.get_nowait()
    except queue.Empty:
        print('empty at once')
    with Pool(2) as pool:
        try:
            pool.apply(square_into, (results, 3))
        except RuntimeError as e:
            print('RuntimeError:', e)
