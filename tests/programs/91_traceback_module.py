# A worker that catches its exception and prints the traceback, as error-handling sections
# of concurrency tutorials write it: traceback.print_exc() and format_exc() in a thread pool's
# and a process pool's worker, format_exception(e), and logging.exception with its traceback.
# The tracebacks go to stdout with the file's name left out (python3 names its path).
import logging
import re
import sys
import traceback
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def unnamed(text):
    return re.sub(r'File "[^"]*"', 'File', text)


class Out:
    def write(self, text):
        sys.stdout.write(unnamed(text))

    def flush(self):
        pass


def divide(a, b):
    return a / b


def task(x):
    try:
        return divide(10, x)
    except ZeroDivisionError:
        traceback.print_exc(file=Out())
        return None


def described(x):
    try:
        return divide(10, x)
    except ZeroDivisionError:
        return unnamed(traceback.format_exc()).splitlines()


if __name__ == '__main__':
    with ThreadPoolExecutor(max_workers=2) as executor:
        print(list(executor.map(task, [5, 0])))
    with ProcessPoolExecutor(max_workers=2) as executor:
        for lines in executor.map(described, [0]):
            print(lines)
    print(repr(traceback.format_exc()))
    try:
        {}['missing']
    except KeyError as e:
        print(unnamed(''.join(traceback.format_exception(e))), end='')
        print(traceback.format_exception_only(e))
    print(traceback.format_exception(ValueError('never raised')))

    logging.basicConfig(stream=Out(), format='%(levelname)s %(threadName)s: %(message)s')
    try:
        divide(1, 0)
    except ZeroDivisionError:
        logging.exception('the division failed')
        logging.error('again, with %s', 'exc_info', exc_info=True)
    try:
        raise RuntimeError('boom')
    except RuntimeError as e:
        logging.getLogger('worker').warning('given the exception', exc_info=e)
    logging.warning('no traceback', exc_info=False)
