# daemon=True threads do not keep the program alive; a joined daemon finished normally.
import threading
import time

never = threading.Event()
log = []


def wait_forever():
    never.wait()
    log.append("never printed")


def quick():
    time.sleep(0.05)
    log.append("quick daemon finished")


background = threading.Thread(target=wait_forever, daemon=True)
helper = threading.Thread(target=quick, daemon=True)
print("daemon flags:", background.daemon, helper.daemon)
print("main is daemon:", threading.current_thread().daemon)
background.start()
helper.start()
helper.join()
print(log)
print("background alive:", background.is_alive())
print("main exits without waiting for the daemon")
