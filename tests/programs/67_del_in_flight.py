# del in a concurrent program: threads register their work in a shared dict under a lock and del their entry when done; del of list slices, attributes and names as a tutorial uses them.
import threading
import time

in_flight = {}
finished = []
lock = threading.Lock()


def work(name, delay):
    with lock:
        in_flight[name] = delay
    time.sleep(delay)
    with lock:
        del in_flight[name]
        finished.append(name)


threads = [threading.Thread(target=work, args=('job' + str(i), 0.05 * (3 - i))) for i in range(3)]
for t in threads:
    t.start()
time.sleep(0.02)
with lock:
    print('in flight:', sorted(in_flight))
for t in threads:
    t.join()
print('in flight after join:', in_flight, 'finished:', finished)

history = list(range(10))
del history[:5]
del history[::2]
print(history)


class Job:
    pass


job = Job()
job.result = 42
job.error = None
del job.error
print(hasattr(job, 'error'), job.result)
del job
try:
    job
except NameError as e:
    print('NameError:', e)
