# Condition wait/notify: a consumer started before its producer gets every item in order.
import threading
import time

condition = threading.Condition()
items = []
consumed = []
DONE = "stop"


def consumer():
    while True:
        with condition:
            while not items:
                condition.wait()
            item = items.pop(0)
        if item == DONE:
            break
        consumed.append(item * item)


def producer():
    for n in range(1, 6):
        time.sleep(0.01)
        with condition:
            items.append(n)
            condition.notify()
    with condition:
        items.append(DONE)
        condition.notify()


c = threading.Thread(target=consumer, name="consumer")
c.start()
p = threading.Thread(target=producer, name="producer")
p.start()
p.join()
c.join()
print(consumed)
print("leftover:", items)
