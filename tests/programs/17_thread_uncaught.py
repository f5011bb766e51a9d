# An uncaught exception in a Thread prints a traceback to stderr; the program continues.
import threading


def broken():
    print("worker starting")
    raise RuntimeError("boom in thread")


def fine(results):
    results.append("fine worker ran")


t = threading.Thread(target=broken, name="Broken")
t.start()
t.join()
print("main continues after", t.name)
print("alive:", t.is_alive())

results = []
t2 = threading.Thread(target=fine, args=(results,))
t2.start()
t2.join()
print(results)
print("done")
