# sys.stdout.write and flush, as a thread writes a whole line at once: the count of characters written, the text interleaved with print's, and the errors of a wrong argument
import sys, threading
n = sys.stdout.write('one\n')
print(n)
sys.stdout.write('two ')
sys.stdout.flush()
print('three')
sys.stderr.write('err\n')
try:
    sys.stdout.write(5)
except TypeError as e:
    print('TypeError:', e)
try:
    sys.stdout.foo()
except AttributeError as e:
    print('AttributeError:', e)
def w(i):
    sys.stdout.write('thread %d\n' % i)
ts = [threading.Thread(target=w, args=(i,)) for i in range(3)]
for t in ts: t.start()
for t in ts: t.join()
