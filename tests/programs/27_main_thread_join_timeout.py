# current_thread(), main_thread(), join(timeout), is_alive and active_count after joins.
import threading
import time


def sleeper():
    time.sleep(0.4)


print(threading.current_thread().name)
print(threading.main_thread().name)
print(threading.current_thread() is threading.main_thread())
print(threading.active_count())

t = threading.Thread(target=sleeper, name="sleeper")
t.start()
t.join(timeout=0.1)
print("after join(0.1) alive:", t.is_alive())
t.join()
print("after join() alive:", t.is_alive())
print("active after joins:", threading.active_count())
