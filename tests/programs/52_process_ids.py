# os.getpid and os.getppid across processes: each worker process has a pid of its own, its parent is the main process, and current_process() and parent_process() agree
import os
from multiprocessing import Process, Pool, Queue, active_children, current_process, parent_process


def report(q):
    me = current_process()
    q.put((me.name, os.getpid() == me.pid, os.getppid(), parent_process().name, active_children()))


def pid_of(_):
    return os.getpid()


if __name__ == '__main__':
    main_pid = os.getpid()
    print(current_process().name, current_process().pid == main_pid, parent_process())
    q = Queue()
    first = Process(target=report, args=(q,))
    first.start()
    q.get()
    first.join()
    p = Process(target=report, args=(q,))
    p.start()
    name, same, ppid, parent_name, children = q.get()
    p.join()
    print(name, same, ppid == main_pid, parent_name, p.pid != main_pid, children, active_children())
    with Pool(2) as pool:
        pids = pool.map(pid_of, range(8))
    print(main_pid in pids, len(set(pids)) <= 2)
