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
# Each thread joined before the next starts: started together, CPython printed them out of
# order in one run of many (its threads' start is not ordered), and the test compares with it.
for i in range(3):
    t = threading.Thread(target=w, args=(i,))
    t.start()
    t.join()
