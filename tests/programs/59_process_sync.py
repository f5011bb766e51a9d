# multiprocessing's Lock, RLock, Semaphore, Event and JoinableQueue, shared by the processes:
# a Lock keeps each process's steps together, a Semaphore(2) lets two in at once, an Event
# starts them, JoinableQueue.join waits for every task_done.
import time
import multiprocessing as mp


def steps(lock, log, tag):
    with lock:
        for step in range(3):
            log.put((tag, step))
            time.sleep(0.01)


def limited(sem, inside, most):
    # Counted under the Value's lock, not by the order of a Queue: a process's puts reach the
    # queue through a feeder thread, so an 'out' can arrive after another process's 'in'.
    with sem:
        with inside.get_lock():
            inside.value += 1
            most.value = max(most.value, inside.value)
        time.sleep(0.05)
        with inside.get_lock():
            inside.value -= 1


def wait_for_go(go, log, tag):
    log.put((tag, go.wait(2)))


def nested(rlock, log):
    with rlock:
        with rlock:
            log.put('twice')


def consume(tasks, results):
    while True:
        n = tasks.get()
        results.put(n * n)
        tasks.task_done()


def drain(q, n):
    return [q.get() for _ in range(n)]


if __name__ == '__main__':
    lock, log = mp.Lock(), mp.Queue()
    ps = [mp.Process(target=steps, args=(lock, log, tag)) for tag in 'abc']
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    order = [tag for tag, step in drain(log, 9)]
    print('each kept its steps together:', all(order[i] == order[i - i % 3] for i in range(9)))

    sem = mp.Semaphore(2)
    inside, most = mp.Value('i', 0), mp.Value('i', 0)
    ps = [mp.Process(target=limited, args=(sem, inside, most)) for _ in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print('never more than 2 inside at once:', most.value <= 2, '; value now', sem.get_value())

    go = mp.Event()
    ps = [mp.Process(target=wait_for_go, args=(go, log, tag)) for tag in 'xy']
    for p in ps:
        p.start()
    print('set before?', go.is_set())
    go.set()
    for p in ps:
        p.join()
    print(sorted(drain(log, 2)), go.is_set())
    go.clear()
    print('after clear:', go.is_set(), go.wait(0.05))

    rlock = mp.RLock()
    p = mp.Process(target=nested, args=(rlock, log))
    p.start()
    p.join()
    print(log.get(), rlock.acquire(), rlock.acquire(False))

    tasks, results = mp.JoinableQueue(), mp.Queue()
    workers = [mp.Process(target=consume, args=(tasks, results), daemon=True) for _ in range(2)]
    for w in workers:
        w.start()
    for n in range(6):
        tasks.put(n)
    tasks.join()
    print('joined:', sorted(drain(results, 6)))
    try:
        tasks.task_done()
    except ValueError as e:
        print('ValueError:', e)

    plain = mp.Lock()
    print(plain.acquire(), plain.acquire(timeout=0.05), plain.acquire(False))
    plain.release()
    try:
        plain.release()
    except ValueError as e:
        print('ValueError:', e)
    bounded = mp.BoundedSemaphore(1)
    try:
        bounded.release()
    except ValueError as e:
        print('ValueError:', e)
