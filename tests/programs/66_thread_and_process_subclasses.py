# Subclasses of threading.Thread, threading.Timer and multiprocessing.Process with their own run(), as tutorials write them: super().__init__(), results read after join(), a lock shared through a class attribute, an exception in a subclass's run(), a process subclass that reports through a queue, and the names CPython gives each.
import threading
import time
import multiprocessing


class Downloader(threading.Thread):
    def __init__(self, url, delay):
        super().__init__()
        self.url = url
        self.delay = delay
        self.size = None

    def run(self):
        print(self.name, 'fetching', self.url)
        time.sleep(self.delay)
        self.size = len(self.url) * 100
        print(self.name, 'done', self.url)


class Counter(threading.Thread):
    total = 0
    lock = threading.Lock()

    def __init__(self, steps, **kwargs):
        threading.Thread.__init__(self, **kwargs)
        self.steps = steps

    def run(self):
        for _ in range(self.steps):
            with Counter.lock:
                Counter.total += 1


class Faulty(Counter):
    def run(self):
        super().run()
        raise ValueError('too many steps: ' + str(self.steps))


class Reminder(threading.Timer):
    def run(self):
        print('reminder due after', self.interval)
        super().run()


class Square(multiprocessing.Process):
    def __init__(self, n, results):
        super().__init__()
        self.n = n
        self.results = results

    def run(self):
        self.results.put((self.n, self.n * self.n, self.name))


if __name__ == '__main__':
    slow = Downloader('https://example.com/a', 0.4)
    quick = Downloader('https://example.com/bb', 0.1)
    slow.start()
    time.sleep(0.1)
    quick.start()
    slow.join()
    quick.join()
    print('sizes', slow.size, quick.size, isinstance(slow, threading.Thread), type(slow).__mro__[1] is threading.Thread)

    counters = [Counter(500, name='counter-' + str(i)) for i in range(4)]
    for c in counters:
        c.start()
    for c in counters:
        c.join()
    print('total', Counter.total, [c.name for c in counters], any(c.is_alive() for c in counters))

    f = Faulty(3)
    f.start()
    f.join()
    time.sleep(0.05)
    print('after the faulty thread', Counter.total, f.is_alive())

    r = Reminder(0.05, lambda: print('remember the milk'))
    r.start()
    r.join()

    results = multiprocessing.Queue()
    squares = [Square(n, results) for n in range(1, 4)]
    for s in squares:
        s.start()
    for s in squares:
        s.join()
    print(sorted(results.get() for _ in squares), [s.exitcode for s in squares], [s.name for s in squares])
