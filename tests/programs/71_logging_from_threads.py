# logging from threads as a tutorial writes it: basicConfig with a format and a level, logging.info in each thread (a thread's first line runs before the line after its start(), as start() hands over the turn), a named logger with its own level.
import logging
import sys
import threading
import time


def thread_function(name):
    logging.info("Thread %s: starting", name)
    time.sleep(0.1 * name)
    logging.info("Thread %s: finishing", name)


if __name__ == "__main__":
    logging.basicConfig(stream=sys.stdout, format="%(levelname)s %(threadName)s: %(message)s", level=logging.INFO)
    logging.info("Main    : before creating thread")
    x = threading.Thread(target=thread_function, args=(1,))
    logging.info("Main    : before running thread")
    x.start()
    logging.info("Main    : wait for the thread to finish")
    x.join()
    logging.info("Main    : all done")

    threads = [threading.Thread(target=thread_function, args=(n,), name=f"worker-{n}") for n in (3, 1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    log = logging.getLogger("app")
    log.debug("not shown: below INFO")
    log.warning("%d threads done", len(threads))
    log.setLevel(logging.DEBUG)
    log.debug("shown: the logger's own level is %s", logging.getLevelName(log.level))
    logging.debug("not shown: the root logger stays at INFO")
