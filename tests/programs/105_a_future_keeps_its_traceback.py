# An exception a thread pool's call raised keeps its traceback and its cause when result() raises it again.
import threading
import traceback
from concurrent.futures import ThreadPoolExecutor


def parse(text):
    return int(text)


def load(text):
    try:
        return parse(text)
    except ValueError as e:
        raise RuntimeError('could not load ' + repr(text)) from e


def program_lines(text):
    # The frames of this program (CPython's also show its own concurrent.futures frames).
    kept = []
    for line in text.splitlines():
        if line.startswith('  File '):
            if 'concurrent' not in line and 'threading' not in line:
                kept.append(line.split(', ', 1)[1])
        elif not line.startswith('    '):
            kept.append(line)
    return kept


with ThreadPoolExecutor(max_workers=2) as executor:
    future = executor.submit(load, 'x1')
    try:
        future.result()
    except RuntimeError as e:
        print('caught:', e)
        print('cause:', repr(e.__cause__), e.__suppress_context__)
        for line in program_lines(traceback.format_exc()):
            print(line)
    error = future.exception()
    print('later:', type(error.__cause__).__name__, error.__cause__)
    print(executor.submit(load, '42').result())

errors = []


def worker():
    try:
        {}['missing']
    except KeyError as e:
        errors.append(e)


thread = threading.Thread(target=worker)
thread.start()
thread.join()
print(repr(errors[0]), errors[0].__cause__, errors[0].__context__)
try:
    raise errors[0]
except KeyError as e:
    print('raised again:', repr(e), e is errors[0])
    for line in program_lines(traceback.format_exc()):
        print(line)
