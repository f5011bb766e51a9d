# exit() and quit(), which CPython's site module adds to the builtins, raise SystemExit: caught
# in a thread it is an exception like another; uncaught, the program ends with its status.
import threading

codes = []


def worker(code):
    try:
        exit(code)
    except SystemExit as e:
        codes.append(e.code)


threads = [threading.Thread(target=worker, args=(n,)) for n in (3, 4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print('caught', sorted(codes))
try:
    quit()
except SystemExit as e:
    print('quit() code:', e.code)
print('leaving with 2')
quit(2)
print('never printed')
