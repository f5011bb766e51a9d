# Default thread names are numbered in creation order: "Thread-1 (worker)", ...
import threading

seen = []
lock = threading.Lock()


def worker():
    with lock:
        seen.append(threading.current_thread().name)


def other():
    with lock:
        seen.append(threading.current_thread().name)


threads = [threading.Thread(target=worker) for _ in range(3)]
threads.append(threading.Thread(target=other))
threads.append(threading.Thread(target=worker, name="custom"))
threads.append(threading.Thread(target=worker))
for t in threads:
    print(t.name)
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(seen))
