# sys.exit and SystemExit: caught like any exception; in a Process, its exit code; in a thread,
# the thread's quiet end; in the main module, the program's exit status (compared by
# tests/programs.rs), once the processes still running have ended, as CPython's exit does.
import sys
import time
import threading
from multiprocessing import Process


def leave(code):
    sys.exit(code)


def late():
    time.sleep(0.2)
    print('the process still running ends first')


if __name__ == '__main__':
    try:
        sys.exit(5)
    except SystemExit:
        print('caught SystemExit')
    for code in [0, 3, None, 'a message goes to stderr, exit code 1']:
        p = Process(target=leave, args=(code,))
        p.start()
        p.join()
        print('exitcode', p.exitcode)
    t = threading.Thread(target=leave, args=(2,))
    t.start()
    t.join()
    print('the thread ended quietly:', not t.is_alive())
    p = Process(target=late)
    p.start()
    print('leaving with 4')
    sys.exit(4)
    print('never printed')
