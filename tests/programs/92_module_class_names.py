# The classes of threading, queue, concurrent.futures, multiprocessing and logging print as
# CPython names them: `<class 'queue.Queue'>`, `<threading.Event at 0x...: unset>`; a class
# of the program's that inherits from one is the program's.
import logging
import multiprocessing
import queue
import re
import threading
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor


def shown(obj):
    return re.sub(r'0x[0-9a-f]+', '0x...', repr(obj))


class Worker(threading.Thread):
    pass


if __name__ == '__main__':
    print(type(queue.Queue()), queue.LifoQueue, queue.PriorityQueue)
    print(threading.Thread, threading.Event, threading.Condition, threading.Semaphore)
    print(threading.BoundedSemaphore, threading.Timer, threading.Barrier)
    print(Future, ThreadPoolExecutor, ProcessPoolExecutor)
    print(multiprocessing.Process, type(multiprocessing.Queue()))
    print(logging.Logger, logging.Formatter, logging.StreamHandler)
    print(Worker, Worker.__module__, threading.Thread.__module__)
    event = threading.Event()
    print(shown(event), shown(queue.Queue()))
    event.set()
    print(shown(event), shown(threading.Semaphore(2)), shown(threading.BoundedSemaphore(3)))
    barrier = threading.Barrier(2)
    print(shown(barrier))
    barrier.abort()
    print(shown(barrier))
    future = Future()
    print(shown(future))
    future.set_result(3)
    print(shown(future))
