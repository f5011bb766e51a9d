# ConnectionError and its family, and IOError, the other name of OSError, as a retry loop meets them.
from concurrent.futures import ThreadPoolExecutor
import time

attempts = {}


def fetch(host):
    attempts[host] = attempts.get(host, 0) + 1
    if host == 'down.example' or attempts[host] < 3:
        raise ConnectionResetError('connection reset by ' + host)
    return host + ' ok after ' + str(attempts[host]) + ' tries'


def with_retries(host, tries=4):
    for attempt in range(tries):
        try:
            return fetch(host)
        except ConnectionError as e:
            if host == 'a.example':
                print('attempt', attempt + 1, 'on', host, 'failed:', type(e).__name__)
            time.sleep(0.01)
    raise ConnectionError('gave up on ' + host + ' after ' + str(tries) + ' tries')


with ThreadPoolExecutor(max_workers=2) as executor:
    futures = {host: executor.submit(with_retries, host) for host in ['a.example', 'down.example']}
    for host, future in futures.items():
        try:
            print(future.result())
        except OSError as e:
            print(type(e).__name__, e)

print(IOError is OSError, EnvironmentError is OSError, IOError.__name__)
for error in [ConnectionError, BrokenPipeError, ConnectionAbortedError, ConnectionRefusedError,
              ConnectionResetError, BlockingIOError, ChildProcessError, InterruptedError,
              ProcessLookupError]:
    try:
        raise error('x')
    except ConnectionError:
        print(error.__name__, 'is a ConnectionError', issubclass(error, OSError))
    except OSError:
        print(error.__name__, 'is an OSError only', issubclass(error, ConnectionError))
try:
    raise IOError('disk on fire')
except OSError as e:
    print(repr(e))
