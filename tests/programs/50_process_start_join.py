# multiprocessing.Process as the docs start it: start/join, names from the counter the pools share, exit codes, a copy of the parent at start(), terminate, and the processes joined at exit
from multiprocessing import Process, Pool, current_process
import time

counter = 0


def greet(name):
    print('hello', name, 'from', current_process().name)


def count_up(times):
    global counter
    for _ in range(times):
        counter += 1
    print('child counted to', counter)


def fail():
    raise ValueError('no good')


def leave(code):
    raise SystemExit(code)


def nap_forever():
    while True:
        time.sleep(0.05)


def spin():
    n = 0
    while True:
        n += 1


def square(x):
    return x * x


def quiet(n):
    return n


def late(word):
    time.sleep(0.2)
    print('late', word)


if __name__ == '__main__':
    p = Process(target=greet, args=('bob',))
    print(p.name, p.exitcode, p.is_alive(), p.pid, p.daemon)
    p.start()
    p.join()
    print(p.exitcode, p.is_alive())

    counter = 10
    c = Process(target=count_up, args=(5,), name='counter')
    c.start()
    counter = 100
    c.join()
    print('parent still has', counter)

    with Pool(2) as pool:
        print(pool.map(square, [1, 2, 3]))
    f = Process(target=fail)
    print(f.name)
    f.start()
    f.join()
    print('failed with', f.exitcode)
    try:
        f.start()
    except AssertionError as e:
        print('AssertionError:', e)
    codes = []
    for code in [3, 0, None]:
        x = Process(target=leave, args=(code,))
        x.start()
        x.join()
        codes.append(x.exitcode)
    print('SystemExit gives', codes)

    for target, how in [(nap_forever, 'terminate'), (spin, 'kill')]:
        w = Process(target=target)
        w.start()
        time.sleep(0.1)
        print(w.is_alive())
        if how == 'terminate':
            w.terminate()
        else:
            w.kill()
        w.join()
        print(how, w.exitcode, w.is_alive())

    started = time.time()
    workers = [Process(target=quiet, args=(n,), daemon=(n == 2)) for n in [1, 2]]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=5)
    print([w.exitcode for w in workers], [w.daemon for w in workers], time.time() - started < 2)
    Process(target=late, args=('daemon',), daemon=True).start()
    Process(target=late, args=('joined at exit',)).start()
    print('main ends')
