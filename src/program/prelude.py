# The modules a Python program imports for concurrency, written in Python and run by monty
# before the program, in the same interpreter (src/program/mod.rs feeds this first).
#
# `import threading` finds the module in `__modules__`, as CPython finds it in `sys.modules`.
# Threads are monty tasks over the one heap (`asyncio.create_task`): a thread runs whenever
# the running one waits in the host (a lock, a sleep), as threads take turns under the GIL.
# Locks are the host's (`_pg.acquire` blocks the calling task); everything else is built on
# them as CPython builds it: Condition on locks, Event/Semaphore/Queue on Condition, Future
# on Condition, the executors on threads and queues. A process pool is the host's: its
# workers are copies of this interpreter made at the pool's creation (a fork), each running
# one call at a time on its own thread of the machine.
#
# Names a program could see start with `_pg` (but `exit` and `quit`, which CPython's `site` gives
# every program, and the builtins `aiter` and `anext`); the rest live inside the module objects.

import asyncio as _pg_asyncio
import functools as _pg_functools
import math as _pg_math
import random as _pg_random
import time as _pg_time
import os as _pg_os
import sys as _pg_sys
import _pg


class _PgModule:
    def __init__(self, name):
        self.__name__ = name

    def __repr__(self):
        return "<module '" + self.__name__ + "' (built-in)>"

    def __getattr__(self, name):
        raise AttributeError("module '" + self.__name__ + "' has no attribute '" + name + "'")


# The site's `exit()` and `quit()`, which CPython adds to the builtins: both raise SystemExit.
def exit(code=None):
    raise SystemExit(code)


quit = exit


# The builtins `aiter()` and `anext()` (Python 3.10), which monty lacks.
def aiter(async_iterable):
    if type(async_iterable).__name__ != 'async_generator' and not hasattr(async_iterable, '__aiter__'):
        raise TypeError("'" + type(async_iterable).__name__ + "' object is not an async iterable")
    return async_iterable.__aiter__()


async def _pg_anext_default(awaitable, default):
    try:
        return await awaitable
    except StopAsyncIteration:
        return default


def anext(async_iterator, *default):
    if type(async_iterator).__name__ != 'async_generator' and not hasattr(async_iterator, '__anext__'):
        raise TypeError("'" + type(async_iterator).__name__ + "' object is not an async iterator")
    if len(default) > 1:
        raise TypeError('anext expected at most 2 arguments, got ' + str(len(default) + 1))
    if not default:
        return async_iterator.__anext__()
    return _pg_anext_default(async_iterator.__anext__(), default[0])


def _pg_function_name(fn):
    text = repr(fn)
    if text.startswith('<built-in function '):
        return text[19:-1]
    if text.startswith('<function '):
        # The program's function (`<function work at 0x...>`, `<function <lambda> at 0x...>`) or
        # a module's (`os.getpid`, `math.sqrt`).
        return text[10:text.index(' ', 10)]
    if text.startswith('<built-in method '):
        # A built-in type's method bound to its object (`results.append`).
        return text[17:text.index(' ', 17)]
    if text.startswith("<method '"):
        # One read through its type (`str.upper`).
        return text.split("'")[1]
    return None


# The modules whose functions a program may send to a worker process, by the globals that hold
# them (the prelude's own imports of them; a module fed on demand adds its own).
_pg_travelling_modules = ['_pg_os', '_pg_time', '_pg_math', '_pg_random', '_pg_operator']


def _pg_module(name, members):
    # A module fed on demand (src/program/modules/): made of its members, found by `import`.
    module = _PgModule(name)
    for member in members:
        setattr(module, member, members[member])
    __modules__[name] = module
    return module


def _pg_provide(name, members):
    # A module fed on demand whose functions are sent to a worker process by the global
    # `_pg_<name>`, which the caller binds to the module returned.
    _pg_travelling_modules.append('_pg_' + name)
    return _pg_module(name, members)


def _pg_module_function(fn, name):
    # How a child names a module's function, as pickle sends it by its module and name.
    for module_name in _pg_travelling_modules:
        try:
            if eval(module_name + '.' + name) is fn:
                return module_name + '.' + name
        except AttributeError:
            pass
    return None


def _pg_global(_pg_name):
    # The program's global `_pg_name`, as pickle finds a function by its name in `__main__`:
    # looked up here, where no variable of the prelude's can hide it (inside `child_main`, a
    # pool's function named `fn` or `job` found the prelude's own variable of that name).
    return eval(_pg_name)


class _PgMainModule(_PgModule):
    # `__main__`, the program's own module, as `from __main__ import fib` finds it (a timeit
    # setup reaches the program's functions so): its attributes are the program's globals.
    def __getattr__(self, name):
        if name.isidentifier():
            try:
                return _pg_global(name)
            except NameError:
                pass
        raise AttributeError("module '__main__' has no attribute '" + name + "'")


# operator: the functions of Python's operators, for `functools.reduce(operator.mul, ...)`,
# `sorted(pairs, key=operator.itemgetter(1))` and the like, as CPython's pure-Python
# `operator` module writes them. At the module's top level, so that its functions travel to a
# worker process by name (`_pg_module_function`) and its getters as copies (`_pg_class`).
_pg_abs = abs


def _pg_operator_build():
    def lt(a, b):
        return a < b

    def le(a, b):
        return a <= b

    def eq(a, b):
        return a == b

    def ne(a, b):
        return a != b

    def ge(a, b):
        return a >= b

    def gt(a, b):
        return a > b

    def not_(a):
        return not a

    def truth(a):
        return True if a else False

    def is_(a, b):
        return a is b

    def is_not(a, b):
        return a is not b

    def abs(a):
        return _pg_abs(a)

    def add(a, b):
        return a + b

    def and_(a, b):
        return a & b

    def floordiv(a, b):
        return a // b

    def index(a):
        if isinstance(a, int):
            return int(a)
        if hasattr(type(a), '__index__'):
            return a.__index__()
        raise TypeError("'" + type(a).__name__ + "' object cannot be interpreted as an integer")

    def inv(a):
        return ~a

    def lshift(a, b):
        return a << b

    def mod(a, b):
        return a % b

    def mul(a, b):
        return a * b

    def neg(a):
        return -a

    def or_(a, b):
        return a | b

    def pos(a):
        return +a

    def pow(a, b):
        return a ** b

    def rshift(a, b):
        return a >> b

    def sub(a, b):
        return a - b

    def truediv(a, b):
        return a / b

    def xor(a, b):
        return a ^ b

    def concat(a, b):
        # CPython asks for a sequence: what has `__getitem__` (monty's built-in sequences
        # answer no such attribute).
        if isinstance(a, (str, bytes, list, tuple)) or hasattr(a, '__getitem__'):
            return a + b
        raise TypeError("'" + type(a).__name__ + "' object can't be concatenated")

    def contains(a, b):
        return b in a

    def countOf(a, b):
        return sum(1 for item in a if item is b or item == b)

    def indexOf(a, b):
        for i, item in enumerate(a):
            if item is b or item == b:
                return i
        raise ValueError('sequence.index(x): x not in sequence')

    def getitem(a, b):
        return a[b]

    def setitem(a, b, c):
        a[b] = c

    def delitem(a, b):
        del a[b]

    class itemgetter:
        __module__ = 'operator'

        def __init__(self, item, *items):
            self._pg_class = '_pg_class_itemgetter'
            self._items = (item,) + items

        def __call__(self, obj):
            if len(self._items) == 1:
                return obj[self._items[0]]
            return tuple(obj[i] for i in self._items)

        def __repr__(self):
            return 'operator.itemgetter(' + ', '.join(repr(i) for i in self._items) + ')'

    class attrgetter:
        __module__ = 'operator'

        def __init__(self, attr, *attrs):
            for name in (attr,) + attrs:
                if not isinstance(name, str):
                    raise TypeError('attribute name must be a string')
            self._pg_class = '_pg_class_attrgetter'
            self._attrs = (attr,) + attrs

        def _get(self, obj, name):
            for part in name.split('.'):
                obj = getattr(obj, part)
            return obj

        def __call__(self, obj):
            if len(self._attrs) == 1:
                return self._get(obj, self._attrs[0])
            return tuple(self._get(obj, name) for name in self._attrs)

        def __repr__(self):
            return 'operator.attrgetter(' + ', '.join(repr(a) for a in self._attrs) + ')'

    class methodcaller:
        __module__ = 'operator'

        def __init__(self, name, *args, **kwargs):
            if not isinstance(name, str):
                raise TypeError('method name must be a string')
            self._pg_class = '_pg_class_methodcaller'
            self._name = name
            self._args = args
            self._kwargs = kwargs

        def __call__(self, obj):
            return getattr(obj, self._name)(*self._args, **self._kwargs)

        def __repr__(self):
            args = [repr(self._name)] + [repr(a) for a in self._args]
            args += [k + '=' + repr(v) for k, v in self._kwargs.items()]
            return 'operator.methodcaller(' + ', '.join(args) + ')'

    functions = {
        'lt': lt, 'le': le, 'eq': eq, 'ne': ne, 'ge': ge, 'gt': gt, 'not_': not_,
        'truth': truth, 'is_': is_, 'is_not': is_not, 'abs': abs, 'add': add,
        'and_': and_, 'floordiv': floordiv, 'index': index, 'inv': inv, 'invert': inv,
        'lshift': lshift, 'mod': mod, 'mul': mul, 'neg': neg, 'or_': or_, 'pos': pos,
        'pow': pow, 'rshift': rshift, 'sub': sub, 'truediv': truediv, 'xor': xor,
        'concat': concat, 'contains': contains, 'countOf': countOf, 'indexOf': indexOf,
        'getitem': getitem, 'setitem': setitem, 'delitem': delitem,
    }
    return functions, itemgetter, attrgetter, methodcaller


_pg_operator = _PgModule('operator')
_pg_operator_functions, _pg_class_itemgetter, _pg_class_attrgetter, _pg_class_methodcaller = _pg_operator_build()
for _pg_name in _pg_operator_functions:
    setattr(_pg_operator, _pg_name, _pg_operator_functions[_pg_name])
_pg_operator.itemgetter = _pg_class_itemgetter
_pg_operator.attrgetter = _pg_class_attrgetter
_pg_operator.methodcaller = _pg_class_methodcaller


def _pg_build():
    CancelledError = _pg.CancelledError
    Empty = _pg.Empty
    Full = _pg.Full
    BrokenBarrierError = _pg.BrokenBarrierError
    state = {'thread_counter': 0, 'executor_counter': 0, 'child': None, 'settled': 0}
    # Every ThreadPoolExecutor made, for the exit handler (threading_shutdown).
    thread_pools = []
    processes = []      # multiprocessing.Process objects started, in start order
    threads = {}        # task number -> Thread
    live = []           # started threads not yet finished, in start order

    # ---------------------------------------------------------------- threading

    def last_line(e):
        # How a traceback's last line names an exception: `ValueError: boom`, `KeyError: 'k'`,
        # `queue.Full` (a class outside the builtins and the program by its module too).
        # What a process that died of what its own code could not catch prints, and what
        # `_pg.uncaught` prints where monty has no exception in hand.
        name = type(e).__name__
        module = type(e).__module__
        if module != 'builtins' and module != '__main__':
            name = module + '.' + name
        text = str(e)
        if text:
            return name + ': ' + text
        return name

    def check_timeout(blocking, timeout):
        if not blocking and timeout != -1:
            raise ValueError("can't specify a timeout for a non-blocking call")
        if timeout < 0 and timeout != -1:
            raise ValueError("timeout value must be positive")

    class Lock:
        def __init__(self):
            self._key = _pg.lock_new()
            # Whether it is held, for `repr`: `repr` and `print` call `__repr__` where a
            # call to the host cannot wait, so it cannot ask the host as `locked()` does.
            self._held = False

        def acquire(self, blocking=True, timeout=-1):
            check_timeout(blocking, timeout)
            got = _pg.acquire(self._key, blocking, timeout)
            if got:
                self._held = True
            return got

        def release(self):
            _pg.release(self._key)
            self._held = False

        def locked(self):
            return _pg.locked(self._key)

        def __enter__(self):
            return self.acquire()

        def __exit__(self, t, v, tb):
            self.release()
            return False

        def __repr__(self):
            return '<' + ('locked' if self._held else 'unlocked') + ' _thread.lock object>'

    class RLock:
        def __init__(self):
            self._block = Lock()
            self._owner = None
            self._count = 0

        def acquire(self, blocking=True, timeout=-1):
            me = get_ident()
            if self._owner == me:
                self._count += 1
                return True
            if not self._block.acquire(blocking, timeout):
                return False
            self._owner = me
            self._count = 1
            return True

        def release(self):
            if self._owner != get_ident():
                raise RuntimeError('cannot release un-acquired lock')
            self._count -= 1
            if self._count == 0:
                self._owner = None
                self._block.release()

        def _is_owned(self):
            return self._owner == get_ident()

        def _release_save(self):
            count = self._count
            self._count = 0
            self._owner = None
            self._block.release()
            return count

        def _acquire_restore(self, count):
            self._block.acquire()
            self._owner = get_ident()
            self._count = count

        def __enter__(self):
            return self.acquire()

        def __exit__(self, t, v, tb):
            self.release()
            return False

    spare_waiters = []     # Condition waiters whose wait is over, held, for the next wait

    class Condition:
        __module__ = 'threading'

        def __init__(self, lock=None):
            if lock is None:
                lock = RLock()
            self._lock = lock
            self._waiters = []

        def acquire(self, *args):
            return self._lock.acquire(*args)

        def release(self):
            self._lock.release()

        def __enter__(self):
            return self._lock.acquire()

        def __exit__(self, t, v, tb):
            self._lock.release()
            return False

        def _owned(self):
            if isinstance(self._lock, RLock):
                return self._lock._is_owned()
            if self._lock.acquire(False):
                self._lock.release()
                return False
            return True

        def wait(self, timeout=None):
            if not self._owned():
                raise RuntimeError('cannot wait on un-acquired lock')
            # A waiter is a lock held until notify releases it. The host keeps every lock
            # made, so a waiter is used again once its wait is over, held again: a program
            # that waits a million times makes as many as wait at once.
            if spare_waiters:
                waiter = spare_waiters.pop()
            else:
                waiter = Lock()
                waiter.acquire()
            self._waiters.append(waiter)
            if isinstance(self._lock, RLock):
                saved = self._lock._release_save()
            else:
                self._lock.release()
            got = False
            try:
                if timeout is None:
                    got = waiter.acquire()
                else:
                    got = waiter.acquire(True, timeout) if timeout > 0 else waiter.acquire(False)
                return got
            finally:
                if isinstance(self._lock, RLock):
                    self._lock._acquire_restore(saved)
                else:
                    self._lock.acquire()
                if not got and waiter in self._waiters:
                    self._waiters.remove(waiter)
                if not got:
                    # Timed out: held still, unless a notify released it just after.
                    waiter.acquire(False)
                spare_waiters.append(waiter)

        def wait_for(self, predicate, timeout=None):
            end = None
            result = predicate()
            while not result:
                if timeout is not None:
                    if end is None:
                        end = _pg_time.monotonic() + timeout
                    left = end - _pg_time.monotonic()
                    if left <= 0:
                        break
                    self.wait(left)
                else:
                    self.wait()
                result = predicate()
            return result

        def notify(self, n=1):
            if not self._owned():
                raise RuntimeError('cannot notify on un-acquired lock')
            woken = self._waiters[:n]
            self._waiters = self._waiters[n:]
            for waiter in woken:
                waiter.release()

        def notify_all(self):
            self.notify(len(self._waiters))

    def described_at(obj, status):
        # `<threading.Event at 0x7f...: unset>`, as CPython's threading classes describe
        # themselves.
        cls = type(obj)
        return '<' + cls.__module__ + '.' + cls.__name__ + ' at ' + hex(id(obj)) + ': ' + status + '>'

    class Semaphore:
        __module__ = 'threading'

        def __init__(self, value=1):
            if value < 0:
                raise ValueError('semaphore initial value must be >= 0')
            self._cond = Condition(Lock())
            self._value = value

        def __repr__(self):
            return described_at(self, 'value=' + str(self._value))

        def acquire(self, blocking=True, timeout=None):
            if not blocking and timeout is not None:
                raise ValueError("can't specify timeout for non-blocking acquire")
            rc = False
            end = None
            with self._cond:
                while self._value == 0:
                    if not blocking:
                        break
                    if timeout is not None:
                        if end is None:
                            end = _pg_time.monotonic() + timeout
                        else:
                            timeout = end - _pg_time.monotonic()
                            if timeout <= 0:
                                break
                    self._cond.wait(timeout)
                else:
                    self._value -= 1
                    rc = True
            return rc

        def release(self, n=1):
            if n < 1:
                raise ValueError('n must be one or more')
            with self._cond:
                self._value += n
                self._cond.notify(n)

        def __enter__(self):
            return self.acquire()

        def __exit__(self, t, v, tb):
            self.release()
            return False

    class BoundedSemaphore:
        __module__ = 'threading'

        def __init__(self, value=1):
            self._sem = Semaphore(value)
            self._initial = value

        def __repr__(self):
            return described_at(self, 'value=' + str(self._sem._value) + '/' + str(self._initial))

        def acquire(self, blocking=True, timeout=None):
            return self._sem.acquire(blocking, timeout)

        def release(self, n=1):
            with self._sem._cond:
                if self._sem._value + n > self._initial:
                    raise ValueError('Semaphore released too many times')
            self._sem.release(n)

        def __enter__(self):
            return self.acquire()

        def __exit__(self, t, v, tb):
            self.release()
            return False

    class Event:
        __module__ = 'threading'

        def __init__(self):
            self._cond = Condition(Lock())
            self._flag = False

        def __repr__(self):
            return described_at(self, 'set' if self._flag else 'unset')

        def is_set(self):
            return self._flag

        def set(self):
            with self._cond:
                self._flag = True
                self._cond.notify_all()

        def clear(self):
            with self._cond:
                self._flag = False

        def wait(self, timeout=None):
            with self._cond:
                signaled = self._flag
                if not signaled:
                    signaled = self._cond.wait(timeout)
                return signaled

    class Thread:
        __module__ = 'threading'

        def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, daemon=None):
            if group is not None:
                raise AssertionError('group argument must be None for now')
            if name is None:
                state['thread_counter'] += 1
                name = 'Thread-' + str(state['thread_counter'])
                target_name = _pg_function_name(target) if target is not None else None
                if target_name is not None:
                    name = name + ' (' + target_name + ')'
            else:
                name = str(name)
            self._target = target
            self._args = args
            self._kwargs = {} if kwargs is None else kwargs
            self.name = name
            if daemon is None:
                current = threads.get(_pg_asyncio.current_task())
                daemon = current.daemon if current is not None else False
            self.daemon = daemon
            self._started = False
            self._finished = False
            self._done = None
            self.ident = None
            self.native_id = None
            self._internal = False

        def start(self):
            if self._started:
                raise RuntimeError('threads can only be started once')
            if state['child'] is not None:
                raise RuntimeError('a worker process of the playground runs on one thread: it cannot start ' + self.name)
            self._done = Lock()
            self._done.acquire()
            self._lane = _pg.thread_begin(self.name, self._internal)
            self._started = True
            live.append(self)
            # CPython's start() waits until the new thread has begun, and the new thread goes on
            # with the turn until it waits (or its turn ends): its first lines run before the
            # caller's next ones, as here, where the caller waits for the hand-over.
            self._begun = Lock()
            self._begun.acquire()
            _pg_asyncio.create_task(_pg_thread_main(self))
            self._begun.acquire()

        def run(self):
            if self._target is not None:
                try:
                    args = tuple(self._args)
                except TypeError:
                    name = _pg_function_name(self._target)
                    raise TypeError(('__main__.' + name if name is not None else 'function') + '() argument after * must be an iterable, not ' + type(self._args).__name__)
                self._target(*args, **self._kwargs)

        def _bootstrap(self):
            self._begun.release()
            me = _pg_asyncio.current_task()
            threads[me] = self
            self.ident = 1000 + me
            self.native_id = self.ident
            _pg.thread_run(self._lane)
            try:
                self.run()
            except SystemExit:
                pass
            except BaseException as e:
                hook = threading.excepthook
                try:
                    hook(ExceptHookArgs(type(e), e, None, self))
                except BaseException as failed:
                    _pg.uncaught('Exception in threading.excepthook:\n', last_line(failed), True)
            finally:
                _pg.thread_end(self._lane)
                self._finished = True
                if self in live:
                    live.remove(self)
                threads.pop(me, None)
                self._target = None
                self._done.release()

        def join(self, timeout=None):
            if not self._started:
                raise RuntimeError('cannot join thread before it is started')
            if self is current_thread():
                raise RuntimeError('cannot join current thread')
            if self._finished:
                return
            if timeout is None:
                got = self._done.acquire()
            elif timeout <= 0:
                got = self._done.acquire(False)
            else:
                got = self._done.acquire(True, timeout)
            if got:
                self._done.release()

        def is_alive(self):
            return self._started and not self._finished

        def getName(self):
            return self.name

        def setName(self, name):
            self.name = str(name)

        def isDaemon(self):
            return self.daemon

        def setDaemon(self, daemonic):
            self.daemon = daemonic

        def __repr__(self):
            status = 'initial'
            if self._started:
                status = 'started'
            if self._finished:
                status = 'stopped'
            if self.daemon:
                status = status + ' daemon'
            if self.ident is not None:
                status = status + ' ' + str(self.ident)
            return '<' + type(self).__name__ + '(' + self.name + ', ' + status + ')>'

    main = Thread(name='MainThread', daemon=False)
    main._started = True
    main.ident = 1000
    main.native_id = 1000
    threads[0] = main

    def current_thread():
        if state['child'] is not None:
            return state['child']['thread']
        found = threads.get(_pg_asyncio.current_task())
        if found is None:
            return main
        return found

    def get_ident():
        return current_thread().ident

    def main_thread():
        return main

    def active_count():
        return len(enumerate_threads())

    def enumerate_threads():
        return [main] + [t for t in live if not t._internal]

    class Timer(Thread):
        __module__ = 'threading'
        # threading.Timer: a thread that waits `interval` seconds, then calls `function` unless
        # cancel() came first; named as CPython names a Timer ('Thread-1').
        def __init__(self, interval, function, args=None, kwargs=None):
            super().__init__()
            self.interval = interval
            self.function = function
            self.args = args if args is not None else []
            self.kwargs = kwargs if kwargs is not None else {}
            self.finished = Event()

        def cancel(self):
            self.finished.set()

        def run(self):
            self.finished.wait(self.interval)
            if not self.finished.is_set():
                self.function(*self.args, **self.kwargs)
            self.finished.set()

    class Barrier:
        __module__ = 'threading'
        # threading.Barrier: the last of `parties` threads to call wait() runs `action` and
        # releases them all; wait() answers each its arrival index. A wait that times out, an
        # action that raises, or abort() breaks it: every waiter gets BrokenBarrierError.
        def __init__(self, parties, action=None, timeout=None):
            self.parties = parties
            self._action = action
            self._timeout = timeout
            self._cond = Condition(Lock())
            self._generation = 0
            self._reset_generation = -1
            self.n_waiting = 0
            self.broken = False

        def __repr__(self):
            if self.broken:
                return described_at(self, 'broken')
            return described_at(self, 'waiters=' + str(self.n_waiting) + '/' + str(self.parties))

        def wait(self, timeout=None):
            if timeout is None:
                timeout = self._timeout
            with self._cond:
                if self.broken:
                    raise BrokenBarrierError
                index = self.n_waiting
                self.n_waiting += 1
                if self.n_waiting == self.parties:
                    try:
                        if self._action is not None:
                            self._action()
                    except BaseException:
                        self._break()
                        raise
                    self.n_waiting = 0
                    self._generation += 1
                    self._cond.notify_all()
                    return index
                generation = self._generation
                while generation == self._generation and not self.broken:
                    if not self._cond.wait(timeout):
                        self._break()
                if self.broken or generation == self._reset_generation:
                    raise BrokenBarrierError
                return index

        def _break(self):
            self.broken = True
            self.n_waiting = 0
            self._cond.notify_all()

        def abort(self):
            with self._cond:
                self._break()

        def reset(self):
            # The threads waiting now get BrokenBarrierError; the barrier starts afresh.
            with self._cond:
                if self.n_waiting > 0:
                    self._reset_generation = self._generation
                self.broken = False
                self.n_waiting = 0
                self._generation += 1
                self._cond.notify_all()

    def threading_shutdown(threads=True):
        # What CPython does when the main module ends: wait for every thread that is not a
        # daemon; then multiprocessing's exit handler terminates the daemon processes still
        # running and waits for the others. After an uncaught exception in the main module
        # the threads ended with it (they are tasks of its run), holding whatever locks they
        # held: only the processes are left, waited for through the host alone.
        if not threads:
            for p in active_children():
                if p.daemon:
                    p._stop(-15, False)
                else:
                    wait_for_process(p, False)
            return
        # concurrent.futures' exit handler first, as CPython runs it: a thread pool the program
        # did not shut down is shut down now, so that its workers end once its queued work is
        # done and the wait below ends (they wait for work, and are not daemons).
        for executor in thread_pools:
            if not executor._shutdown:
                executor.shutdown(False)
        while True:
            waiting = [t for t in live if not t.daemon]
            if not waiting:
                break
            waiting[0].join()
        for p in active_children():
            if p.daemon:
                p.terminate()
        for p in active_children():
            p.join()

    class _local:
        # CPython's `threading.local` (its class is `_thread._local`): each thread sees the
        # attributes it set, and no other thread's. Every write goes through `__setattr__` and
        # every read the object and its class do not answer through `__getattr__` (monty calls
        # both, as CPython does), so the attributes live in one dict per thread, by the
        # thread's ident (never reused: monty numbers tasks afresh), kept on the object. A
        # class attribute is every thread's, as in CPython. (CPython also runs a subclass's
        # `__init__` again, with the first call's arguments, in each thread that first touches
        # the object; here it runs once, in the thread that made it.)
        def __setattr__(self, name, value):
            local_attrs(self, True)[name] = value

        def __getattr__(self, name):
            attrs = local_attrs(self, False) if name != '_pg_attrs' else None
            if attrs is None or name not in attrs:
                kind = '_thread._local' if type(self) is _local else type(self).__name__
                raise AttributeError("'" + kind + "' object has no attribute '" + name + "'")
            return attrs[name]

    def local_attrs(obj, make):
        # The calling thread's attributes of `obj`, made if `make`.
        every = getattr(obj, '_pg_attrs', None)
        if every is None:
            every = {}
            object.__setattr__(obj, '_pg_attrs', every)
        ident = get_ident()
        mine = every.get(ident)
        if mine is None and make:
            mine = {}
            every[ident] = mine
        return mine

    class ExceptHookArgs:
        # What threading.excepthook is called with, as CPython's: the exception's type, value
        # and traceback (None: monty keeps no traceback objects) and the thread.
        def __init__(self, exc_type, exc_value, exc_traceback, thread):
            self.exc_type = exc_type
            self.exc_value = exc_value
            self.exc_traceback = exc_traceback
            self.thread = thread

    def excepthook(args):
        # CPython's default: the thread's name, then the traceback, on stderr.
        _pg.uncaught('Exception in thread ' + args.thread.name + ':\n', last_line(args.exc_value), True)

    threading = _PgModule('threading')
    threading.excepthook = excepthook
    threading.__excepthook__ = excepthook
    threading.ExceptHookArgs = ExceptHookArgs
    threading.Thread = Thread
    threading.Lock = Lock
    threading.RLock = RLock
    threading.Condition = Condition
    threading.Semaphore = Semaphore
    threading.BoundedSemaphore = BoundedSemaphore
    threading.Event = Event
    threading.Timer = Timer
    threading.Barrier = Barrier
    threading.BrokenBarrierError = BrokenBarrierError
    threading.current_thread = current_thread
    threading.currentThread = current_thread
    threading.main_thread = main_thread
    threading.active_count = active_count
    threading.activeCount = active_count
    threading.enumerate = enumerate_threads
    threading.get_ident = get_ident
    threading.local = _local
    threading.TIMEOUT_MAX = 9223372036.0
    threading._shutdown = threading_shutdown

    # ---------------------------------------------------------------- queue

    class Queue:
        __module__ = 'queue'

        def __init__(self, maxsize=0):
            self.maxsize = maxsize
            self._items = []
            # Where the next item to take is: a FIFO queue clears the slot it takes and drops
            # the taken ones once they are half the list, where pop(0) moved every item after.
            self._head = 0
            self._mutex = Lock()
            self._not_empty = Condition(self._mutex)
            self._not_full = Condition(self._mutex)
            self._all_done = Condition(self._mutex)
            self.unfinished_tasks = 0

        def _take(self):
            item = self._items[self._head]
            self._items[self._head] = None
            self._head += 1
            if self._head * 2 >= len(self._items):
                self._items = self._items[self._head:]
                self._head = 0
            return item

        def _size(self):
            return len(self._items) - self._head

        def _put(self, item):
            self._items.append(item)

        def task_done(self):
            with self._all_done:
                unfinished = self.unfinished_tasks - 1
                if unfinished <= 0:
                    if unfinished < 0:
                        raise ValueError('task_done() called too many times')
                    self._all_done.notify_all()
                self.unfinished_tasks = unfinished

        def join(self):
            with self._all_done:
                while self.unfinished_tasks:
                    self._all_done.wait()

        def qsize(self):
            with self._mutex:
                return self._size()

        def empty(self):
            with self._mutex:
                return self._size() == 0

        def full(self):
            with self._mutex:
                return 0 < self.maxsize <= self._size()

        def put(self, item, block=True, timeout=None):
            with self._not_full:
                if self.maxsize > 0:
                    if not block:
                        if self._size() >= self.maxsize:
                            raise Full()
                    elif timeout is None:
                        while self._size() >= self.maxsize:
                            self._not_full.wait()
                    elif timeout < 0:
                        raise ValueError("'timeout' must be a non-negative number")
                    else:
                        end = _pg_time.monotonic() + timeout
                        while self._size() >= self.maxsize:
                            left = end - _pg_time.monotonic()
                            if left <= 0.0:
                                raise Full()
                            self._not_full.wait(left)
                self._put(item)
                self.unfinished_tasks += 1
                self._not_empty.notify()

        def get(self, block=True, timeout=None):
            with self._not_empty:
                if not block:
                    if self._size() == 0:
                        raise Empty()
                elif timeout is None:
                    while self._size() == 0:
                        self._not_empty.wait()
                elif timeout < 0:
                    raise ValueError("'timeout' must be a non-negative number")
                else:
                    end = _pg_time.monotonic() + timeout
                    while self._size() == 0:
                        left = end - _pg_time.monotonic()
                        if left <= 0.0:
                            raise Empty()
                        self._not_empty.wait(left)
                item = self._take()
                self._not_full.notify()
                return item

        def put_nowait(self, item):
            return self.put(item, False)

        def get_nowait(self):
            return self.get(False)

    # LifoQueue and PriorityQueue: a Queue whose items are taken last-in first, or smallest
    # first by heapq's algorithm (so equal priorities come out in CPython's order).
    class LifoQueue(Queue):
        __module__ = 'queue'

        def _take(self):
            return self._items.pop()

    class PriorityQueue(Queue):
        __module__ = 'queue'

        def _take(self):
            return heap_pop(self._items)

        def _put(self, item):
            heap_push(self._items, item)

    def heap_push(heap, item):
        heap.append(item)
        sift_down(heap, 0, len(heap) - 1)

    def heap_pop(heap):
        last = heap.pop()
        if not heap:
            return last
        top = heap[0]
        heap[0] = last
        sift_up(heap, 0)
        return top

    def sift_down(heap, start, pos):
        new = heap[pos]
        while pos > start:
            parent = (pos - 1) >> 1
            if new < heap[parent]:
                heap[pos] = heap[parent]
                pos = parent
            else:
                break
        heap[pos] = new

    def sift_up(heap, pos):
        end = len(heap)
        start = pos
        new = heap[pos]
        child = 2 * pos + 1
        while child < end:
            right = child + 1
            if right < end and not heap[child] < heap[right]:
                child = right
            heap[pos] = heap[child]
            pos = child
            child = 2 * pos + 1
        heap[pos] = new
        sift_down(heap, start, pos)

    # heapq, on the same heap as PriorityQueue's, for the programs that schedule with it.
    def heappush(heap, item):
        heap_push(heap, item)

    def heappop(heap):
        if not heap:
            raise IndexError('index out of range')
        return heap_pop(heap)

    def heapify(heap):
        for pos in range(len(heap) // 2 - 1, -1, -1):
            sift_up(heap, pos)

    def heapreplace(heap, item):
        if not heap:
            raise IndexError('index out of range')
        top = heap[0]
        heap[0] = item
        sift_up(heap, 0)
        return top

    def heappushpop(heap, item):
        if heap and heap[0] < item:
            top = heap[0]
            heap[0] = item
            sift_up(heap, 0)
            return top
        return item

    def nsmallest(n, iterable, key=None):
        # What CPython documents them as equal to.
        return sorted(iterable, key=key)[:n]

    def nlargest(n, iterable, key=None):
        return sorted(iterable, key=key, reverse=True)[:n]

    heapq = _PgModule('heapq')
    heapq.heappush = heappush
    heapq.heappop = heappop
    heapq.heapify = heapify
    heapq.heapreplace = heapreplace
    heapq.heappushpop = heappushpop
    heapq.nsmallest = nsmallest
    heapq.nlargest = nlargest

    queue = _PgModule('queue')
    queue.Queue = Queue
    queue.LifoQueue = LifoQueue
    queue.PriorityQueue = PriorityQueue
    queue.SimpleQueue = Queue
    queue.Empty = Empty
    queue.Full = Full

    # ---------------------------------------------------------------- concurrent.futures

    FIRST_COMPLETED = 'FIRST_COMPLETED'
    FIRST_EXCEPTION = 'FIRST_EXCEPTION'
    ALL_COMPLETED = 'ALL_COMPLETED'

    class Future:
        __module__ = 'concurrent.futures._base'

        def __init__(self):
            self._cond = Condition(Lock())
            self._state = 'PENDING'
            self._result = None
            self._exception = None
            self._callbacks = []
            self._cancel = None
            self._seq = 0
            self._waiters = []

        def __repr__(self):
            text = '<Future at ' + hex(id(self)) + ' state=' + self._state.lower()
            if self._state == 'FINISHED':
                if self._exception is not None:
                    text = text + ' raised ' + type(self._exception).__name__
                else:
                    text = text + ' returned ' + type(self._result).__name__
            return text + '>'

        def _run_callbacks(self):
            state['settled'] += 1
            self._seq = state['settled']
            for fn in self._callbacks:
                try:
                    fn(self)
                except Exception as e:
                    _pg.stderr('exception calling callback for ' + repr(self) + '\n' + type(e).__name__ + ': ' + str(e) + '\n')
            self._callbacks = []

        def _finish(self):
            # Under `_cond`, once the state is final: wakes its own waiters and tells the
            # waiters `wait()` installed (see FuturesWaiter).
            self._cond.notify_all()
            for waiter in self._waiters:
                waiter.add(self)
            self._waiters = []

        def cancel(self):
            with self._cond:
                if self._state == 'RUNNING' or self._state == 'FINISHED':
                    return False
                if self._state == 'CANCELLED':
                    return True
                if self._cancel is not None and not self._cancel():
                    return False
                self._state = 'CANCELLED'
                self._finish()
            self._run_callbacks()
            return True

        def cancelled(self):
            return self._state == 'CANCELLED'

        def running(self):
            return self._state == 'RUNNING'

        def done(self):
            return self._state == 'CANCELLED' or self._state == 'FINISHED'

        def _outcome(self):
            if self._exception is not None:
                raise self._exception
            return self._result

        def _wait(self, timeout):
            # A settled future answers without the lock: monty cannot wait inside a call
            # made for it by a built-in (a sort key, `map()`'s function).
            if self._state == 'PENDING' or self._state == 'RUNNING':
                with self._cond:
                    if self._state == 'PENDING' or self._state == 'RUNNING':
                        self._cond.wait(timeout)
            if self._state == 'CANCELLED':
                raise CancelledError()
            if self._state != 'FINISHED':
                raise TimeoutError()

        def result(self, timeout=None):
            self._wait(timeout)
            return self._outcome()

        def exception(self, timeout=None):
            self._wait(timeout)
            return self._exception

        def add_done_callback(self, fn):
            with self._cond:
                if not self.done():
                    self._callbacks.append(fn)
                    return
            try:
                fn(self)
            except Exception as e:
                _pg.stderr('exception calling callback for ' + repr(self) + '\n' + type(e).__name__ + ': ' + str(e) + '\n')

        def set_running_or_notify_cancel(self):
            with self._cond:
                if self._state == 'CANCELLED':
                    return False
                if self._state == 'PENDING':
                    self._state = 'RUNNING'
                    return True
                raise RuntimeError('Future in unexpected state')

        def set_result(self, result):
            with self._cond:
                self._result = result
                self._state = 'FINISHED'
                self._finish()
            self._run_callbacks()

        def set_exception(self, exception):
            with self._cond:
                self._exception = exception
                self._state = 'FINISHED'
                self._finish()
            self._run_callbacks()

    class DoneAndNotDoneFutures:
        def __init__(self, done, not_done):
            self.done = done
            self.not_done = not_done

        def __iter__(self):
            return iter([self.done, self.not_done])

        def __getitem__(self, i):
            return [self.done, self.not_done][i]

        def __len__(self):
            return 2

        def __repr__(self):
            return 'DoneAndNotDoneFutures(done=' + repr(self.done) + ', not_done=' + repr(self.not_done) + ')'

    class FuturesWaiter:
        # What wait() installs on the futures it waits for, as CPython's waiters: each future
        # tells it when it finishes, and it wakes the waiting thread once what it waits for
        # has come (all of them, the first, or the first exception), not at every future.
        def __init__(self, return_when):
            self.event = Event()
            self.return_when = return_when
            # One more than the futures installed on so far, until the installing is done:
            # a future that finishes meanwhile cannot end the wait early.
            self.pending = 1

        def add(self, f):
            # `f` None: the installing thread is done.
            self.pending -= 1
            if self.pending == 0:
                self.event.set()
            elif f is not None and self.return_when == FIRST_COMPLETED:
                self.event.set()
            elif f is not None and self.return_when == FIRST_EXCEPTION and not f.cancelled() and f._exception is not None:
                self.event.set()

    def finished(fs, return_when):
        done = [f for f in fs if f.done()]
        if len(done) == len(fs):
            return True
        if return_when == FIRST_COMPLETED:
            return len(done) > 0
        if return_when == FIRST_EXCEPTION:
            return len([f for f in done if not f.cancelled() and f._exception is not None]) > 0
        return False

    def futures_wait(fs, timeout=None, return_when=ALL_COMPLETED):
        fs = list(fs)
        if not finished(fs, return_when):
            waiter = FuturesWaiter(return_when)
            installed = []
            for f in fs:
                with f._cond:
                    if not f.done():
                        f._waiters.append(waiter)
                        waiter.pending += 1
                        installed.append(f)
            waiter.add(None)
            # A future that finished before its turn to be installed on told no one.
            if not finished(fs, return_when):
                waiter.event.wait(timeout)
            for f in installed:
                with f._cond:
                    if waiter in f._waiters:
                        f._waiters.remove(waiter)
        done = set([f for f in fs if f.done()])
        not_done = set([f for f in fs if not f.done()])
        return DoneAndNotDoneFutures(done, not_done)

    def finished_first(pending, timeout):
        # Waits up to `timeout` for one of `pending` to finish, unless one has. Returns those
        # finished, in the order they finished, last first (each step pops from the end), and
        # those not, sorted in one pass: a future finishing meanwhile (a thread's turn may
        # end between two passes) is then in one list or the other.
        futures_wait(pending, timeout, FIRST_COMPLETED)
        done = []
        left = []
        for f in pending:
            if f.done():
                done.append(f)
            else:
                left.append(f)
        return sorted(done, key=lambda f: f._seq, reverse=True), left

    class AsCompleted:
        # CPython's as_completed is a generator that yields each future as it finishes: those
        # already finished first, then each as it comes. A `for` calls `__next__` as a frame
        # that may wait (monty, `vendor/README.md`), and so do `list()`, `sorted()` and the
        # other builtins that read an iterable whole.
        def __init__(self, fs, timeout):
            unique = []
            seen = set()
            for f in fs:
                if f not in seen:
                    seen.add(f)
                    unique.append(f)
            self._end = None if timeout is None else _pg_time.monotonic() + timeout
            self._pending = unique
            self._total = len(unique)
            self._ready = []

        def __iter__(self):
            return self

        def __next__(self):
            while not self._ready:
                if not self._pending:
                    raise StopIteration
                left = None
                if self._end is not None:
                    left = self._end - _pg_time.monotonic()
                    if left < 0:
                        raise TimeoutError(str(len(self._pending)) + ' (of ' + str(self._total) + ') futures unfinished')
                self._ready, self._pending = finished_first(self._pending, left)
            return self._ready.pop()

    def as_completed(fs, timeout=None):
        return AsCompleted(fs, timeout)

    class ResultIterator:
        # What Executor.map returns: the results in the order of the inputs, each waited for
        # when the iteration reaches it (within the map's timeout, counted from the call), a
        # future's exception raised there. Once one raises, the futures after it are
        # cancelled, as CPython's generator does when it ends.
        def __init__(self, fs, timeout, chunked):
            # Last first, so that each step pops from the end, as CPython's iterator does.
            self._fs = list(reversed(fs))
            self._end = None if timeout is None else _pg_time.monotonic() + timeout
            self._chunked = chunked
            self._buffer = []

        def __iter__(self):
            return self

        def __next__(self):
            while not self._buffer:
                if not self._fs:
                    raise StopIteration
                f = self._fs.pop()
                try:
                    if self._end is None:
                        result = f.result()
                    else:
                        result = f.result(self._end - _pg_time.monotonic())
                except BaseException:
                    f.cancel()
                    for rest in self._fs:
                        rest.cancel()
                    self._fs = []
                    raise
                if not self._chunked:
                    return result
                self._buffer = list(reversed(result))
            return self._buffer.pop()

    def worker_loop(executor):
        if executor._initializer is not None:
            try:
                executor._initializer(*executor._initargs)
            except BaseException as e:
                # As CPython's: the pool is broken; what waits fails, and no more is taken.
                _pg.uncaught('Exception in initializer:\n', last_line(e))
                executor._broken = 'A thread initializer failed, the thread pool is not usable anymore'
                while True:
                    try:
                        item = executor._queue.get_nowait()
                    except Empty:
                        break
                    if item is None:
                        executor._queue.put(None)
                        break
                    item[0].set_exception(RuntimeError(executor._broken))
                return
        while True:
            item = executor._queue.get()
            if item is None:
                executor._queue.put(None)
                return
            f, fn, args, kwargs = item
            if not f.set_running_or_notify_cancel():
                continue
            lane = _pg.call_begin(current_thread().name)
            try:
                result = fn(*args, **kwargs)
            except BaseException as e:
                _pg.call_end(lane)
                f.set_exception(e)
            else:
                _pg.call_end(lane)
                f.set_result(result)
            executor._idle.release()

    class ThreadPoolExecutor:
        __module__ = 'concurrent.futures.thread'

        def __init__(self, max_workers=None, thread_name_prefix='', initializer=None, initargs=()):
            if max_workers is None:
                max_workers = min(32, (_pg_os.cpu_count() or 1) + 4)
            if max_workers <= 0:
                raise ValueError('max_workers must be greater than 0')
            self._initializer = initializer
            self._initargs = initargs
            self._broken = None
            self._max_workers = max_workers
            self._queue = Queue()
            self._idle = Semaphore(0)
            self._threads = []
            self._shutdown = False
            if not thread_name_prefix:
                thread_name_prefix = 'ThreadPoolExecutor-' + str(state['executor_counter'])
                state['executor_counter'] += 1
            self._prefix = thread_name_prefix
            thread_pools.append(self)

        def submit(self, fn, *args, **kwargs):
            if self._broken is not None:
                raise RuntimeError(self._broken)
            if self._shutdown:
                raise RuntimeError('cannot schedule new futures after shutdown')
            f = Future()
            self._queue.put((f, fn, args, kwargs))
            if not self._idle.acquire(False) and len(self._threads) < self._max_workers:
                t = Thread(name=self._prefix + '_' + str(len(self._threads)), target=worker_loop, args=(self,))
                t.start()
                self._threads.append(t)
            return f

        def map(self, fn, *iterables, timeout=None, chunksize=1):
            fs = [self.submit(fn, *args) for args in zip(*iterables)]
            return ResultIterator(fs, timeout, False)

        def shutdown(self, wait=True, cancel_futures=False):
            self._shutdown = True
            if cancel_futures:
                while True:
                    try:
                        item = self._queue.get_nowait()
                    except Empty:
                        break
                    if item is not None:
                        item[0].cancel()
            self._queue.put(None)
            if wait:
                for t in self._threads:
                    t.join()

        def __enter__(self):
            return self

        def __exit__(self, t, v, tb):
            self.shutdown(True)
            return False

    # ---------------------------------------------------------------- processes

    def enter_child(kind, name, pid, daemon):
        # The copy's own view: its name and pid, as current_process() gives them, its one
        # thread (running, with the main thread's ident, which an RLock's owner compares), and
        # no children of its own (the parent's list came along in the copy).
        thread = Thread(name='MainThread')
        thread._started = True
        thread.ident = main.ident
        thread.native_id = main.native_id
        state['child'] = {'kind': kind, 'name': name, 'pid': pid, 'daemon': daemon, 'thread': thread}
        processes.clear()
        # The parent's locks start unlocked here: its spare waiters would not hold.
        spare_waiters.clear()

    def child_main(me, kind, initializer, initargs):
        # A worker process: a copy of the interpreter made when its pool was created, which
        # runs its pool's initializer, then one call at a time for as long as the pool lives.
        # A Pool's workers are daemons, a ProcessPoolExecutor's are not, as in CPython 3.11.
        enter_child('ForkProcess', me[1], me[2], kind == 'ForkPoolWorker')
        outcome = None
        failed = None
        if initializer is not None:
            try:
                initializer(*initargs)
            except BaseException as e:
                _pg.uncaught('Process ' + me[1] + ':\n', last_line(e))
                failed = e
        while failed is not None:
            # The worker cannot run calls: each fails with the initializer's exception.
            _pg.child_next(outcome)
            outcome = (False, failed)
        while True:
            job = _pg.child_next(outcome)
            fn = unpickled_function(job[1])
            try:
                if job[0] == 'chunk':
                    outcome = (True, [fn(*args) for args in job[2]])
                else:
                    outcome = (True, fn(*job[2], **job[3]))
            except BaseException as e:
                outcome = (False, e)

    def pickled_function(fn):
        # How a pool's worker is sent `fn`, as pickle sends it: a function of the module by its
        # name; a `functools.partial` as its function and its arguments; a method bound to an
        # object of the program's classes (`obj.work`) as a copy of the object and the
        # method's name; an object of a class with `__call__` as a copy of it.
        if type(fn).__name__ == 'partial' and hasattr(fn, 'keywords'):
            return ('partial', pickled_function(fn.func), fn.args, fn.keywords)
        if hasattr(fn, '__self__') and hasattr(fn, '__func__'):
            owner = fn.__self__
            if isinstance(owner, type):
                # A class method: its class by name, as a function is sent.
                return ('method', pickled_class(owner), fn.__func__.__name__)
            return ('method', owner, fn.__func__.__name__)
        if _pg_function_name(fn) is None and hasattr(type(fn), '__call__'):
            return ('object', fn)
        return pickled_name(fn)

    def module_global(name):
        # The program's global `name`, where pickle finds what it sends by name; None if none.
        try:
            return _pg_global(name)
        except NameError:
            return None

    def pickled_class(cls):
        if module_global(cls.__name__) is not cls:
            raise AttributeError("Can't pickle local object '" + cls.__qualname__ + "'")
        return cls.__name__

    def unpickled_function(sent):
        if type(sent) == str:
            return _pg_global(sent)
        if sent[0] == 'partial':
            import functools
            return functools.partial(unpickled_function(sent[1]), *sent[2], **sent[3])
        if sent[0] == 'method':
            owner = sent[1]
            return getattr(_pg_global(owner) if type(owner) == str else owner, sent[2])
        return sent[1]

    def pickled_name(fn):
        text = repr(fn)
        if text.startswith("<method '"):
            # `str.upper`: pickle sends it as its type's attribute, found the same in a child.
            parts = text.split("'")
            return parts[3] + '.' + parts[1]
        if text.startswith('<built-in method '):
            # `d.get`: pickle would send a copy of `d` with it; the playground sends a pool's
            # worker only a function's name.
            raise TypeError('a worker process of the playground cannot be sent ' + text.split(' at 0x')[0]
                            + '>, a method bound to an object: send a function of the program that calls it')
        if isinstance(fn, type):
            # A class (`pool.map(int, strings)`, the program's `Point`): by its name, as pickle
            # sends one.
            return pickled_class(fn)
        name = _pg_function_name(fn)
        if name is None:
            raise TypeError('cannot pickle ' + repr(type(fn).__name__) + ' object')
        if name == '<lambda>':
            raise AttributeError("Can't pickle local object '<lambda>'")
        if module_global(name) is not fn:
            in_module = _pg_module_function(fn, name)
            if in_module is not None:
                return in_module
            # A function read through the class that defines it (`pool.map(Circle.area,
            # shapes)`, a static method): pickle sends it by its qualified name.
            for owner_name, owner in globals().items():
                if isinstance(owner, type) and getattr(owner, name, None) is fn:
                    return ('method', owner_name, name)
            raise AttributeError("Can't pickle local object '" + name + "'")
        return name

    def inherited_only(values):
        # What pickle says of a multiprocessing queue, lock or event sent to a pool's worker
        # (an Event's first part pickled is its Condition).
        for value in values:
            kind = None
            if type(value) in travellers and hasattr(value, '_pg_class'):
                pass    # a manager's: it travels
            elif type(value) == ProcessQueue:
                kind = 'Queue'
            elif type(value) == JoinableQueue:
                kind = 'JoinableQueue'
            elif type(value) == ProcessSemaphore:
                kind = value._kind
            elif type(value) == ProcessRLock:
                kind = 'RLock'
            elif type(value) == ProcessEvent:
                kind = 'Condition'
            elif type(value) == SharedValue:
                kind = 'Synchronized' if value._lock is not None else value._ctype()
            elif type(value) == SharedArray:
                kind = 'SynchronizedArray' if value._lock is not None else value._ctype()
            if kind is not None:
                raise RuntimeError(kind + ' objects should only be shared between processes through inheritance')

    def collect(pool):
        while True:
            got = _pg.pool_next(pool._handle)
            if got is None:
                return
            number, ok, value = got
            f = pool._futures.pop(number, None)
            if f is None:
                # The call ended before its submitter (another thread of the parent, which
                # lost its turn just after `pool_submit`) recorded its future: kept for it.
                pool._early[number] = (ok, value)
            else:
                settle(f, ok, value)

    def settle(f, ok, value):
        if f.done():
            return
        f._state = 'RUNNING'
        if ok:
            f.set_result(value)
        else:
            f.set_exception(value)

    class ProcessPool:
        # The process side of both ProcessPoolExecutor and multiprocessing.Pool.
        def __init__(self, workers, kind, initializer=None, initargs=()):
            if state['child'] is not None:
                raise RuntimeError('a worker process cannot start a process pool of its own in the playground')
            opened = _pg.pool_open(workers, kind)
            if opened[0] == 'child':
                child_main(opened, kind, initializer, initargs)
            self._handle = opened[1]
            self._futures = {}
            self._early = {}
            self._open = True
            t = Thread(name='_pg_collector', target=collect, args=(self,), daemon=True)
            t._internal = True
            t.start()
            self._collector = t

        def submit(self, fn, args, kwargs):
            name = pickled_function(fn)
            inherited_only(list(args) + list(kwargs.values()))
            f = Future()
            number = _pg.pool_submit(self._handle, 'call', name, tuple(args), kwargs)
            handle = self._handle
            f._cancel = lambda: _pg.pool_cancel(handle, number)
            self._record(number, f)
            return f

        def submit_chunks(self, fn, chunks):
            # Executor.map's and Pool.map's calls, a future per chunk: the function named once
            # and the chunks handed over in one call to the host. A chunk that cannot go (an
            # argument a process cannot take) stops the handing over there, the chunks before
            # it running, as when each chunk was submitted on its own.
            name = pickled_function(fn)
            ready = []
            refused = None
            for chunk in chunks:
                try:
                    for args in chunk:
                        inherited_only(args)
                except RuntimeError as e:
                    refused = e
                    break
                ready.append(chunk)
            numbers, error = _pg.pool_submit_chunks(self._handle, name, ready)
            fs = []
            for number in numbers:
                f = Future()
                self._record(number, f)
                fs.append(f)
            if error is not None:
                raise error
            if refused is not None:
                raise refused
            return fs

        def _record(self, number, f):
            # The collector settles `f` when its call ends, or has kept the outcome if the call
            # ended first.
            self._futures[number] = f
            early = self._early.pop(number, None)
            if early is not None:
                self._futures.pop(number)
                settle(f, early[0], early[1])

        def close(self, cancel):
            if self._open:
                self._open = False
                _pg.pool_close(self._handle, cancel)

        def join(self):
            # Closed, and every worker started (its initializer run) and every result in: the
            # collector ends when the host says none is left to come.
            self.close(False)
            self._collector.join()

    def wait_for_process(process, notify=True):
        got = _pg.pool_next(process._handle)
        if process.exitcode is None:
            if got is not None and got[1]:
                process.exitcode = got[2]
            else:
                # The child died of something its own code could not catch (its memory, say).
                if got is not None:
                    _pg.stderr('Process ' + process.name + ':\n' + last_line(got[2]) + '\n')
                release_connections(process._pid)
                process.exitcode = 1
        mark_ended(process, notify)

    def mark_ended(process, notify):
        # The process has ended: its joiners wake. Unless `notify`: after the main module
        # raised, no thread is left to wake, and the Event's lock may be a dead thread's.
        if notify:
            process._ended.set()
        else:
            process._ended._flag = True

    class Process:
        __module__ = 'multiprocessing.context'
        # multiprocessing.Process as the fork start method runs it: start() copies the
        # interpreter as it is at that moment, and the copy runs the target and ends, so the
        # target and its arguments need no pickling. Its number (in its name and its pid) is
        # taken when it is made, from the counter the pools' workers take theirs from; its
        # name starts with its class's (`Worker-1` for a subclass `Worker`), as CPython's does.
        def __init__(self, group=None, target=None, name=None, args=(), kwargs={}, *, daemon=None):
            if group is not None:
                raise AssertionError('group argument must be None for now')
            if state['child'] is not None:
                raise RuntimeError('a worker process cannot start a process of its own in the playground')
            number, self._pid = _pg.process_number()
            self._number = number
            self._parent_pid = _pg_os.getpid()
            self._target = target
            self._args = tuple(args)
            self._kwargs = dict(kwargs)
            self.name = name if name is not None else type(self).__name__ + '-' + str(number)
            if daemon is None:
                daemon = state['child'] is not None and state['child']['daemon']
            self.daemon = daemon
            self.pid = None
            self.ident = None
            self.exitcode = None
            self._handle = None
            self._ended = None
            self._closed = False

        def run(self):
            if self._target:
                self._target(*self._args, **self._kwargs)

        def start(self):
            self._check_closed()
            if self._handle is not None:
                raise AssertionError('cannot start a process twice')
            if state['child'] is not None:
                raise RuntimeError('a worker process cannot start a process of its own in the playground')
            inherit_connections(self._pid)
            opened = _pg.process_open(self.name, self._number)
            if opened[0] == 'child':
                self._child(opened)
            _pg.pool_submit(opened[1], 'run', None, (), {})
            _pg.pool_close(opened[1], False)
            self._handle = opened[1]
            self.pid = opened[2][0]
            self.ident = self.pid
            self._ended = Event()
            processes.append(self)
            t = Thread(name='_pg_process', target=wait_for_process, args=(self,), daemon=True)
            t._internal = True
            t.start()

        def _child(self, me):
            # The copy: wait for the parent's go, run the target, report the exit code, and
            # never go back to start().
            enter_child('Process', self.name, me[2], self.daemon)
            _pg.child_next(None)
            exitcode = 0
            try:
                self.run()
            except SystemExit as e:
                # sys.exit(n) in the target: its exit code, read as the main module's is.
                exitcode = _pg.exit_code(e.args[0] if e.args else None)
            except BaseException as e:
                exitcode = 1
                _pg.uncaught('Process ' + self.name + ':\n', last_line(e))
            close_connections()
            while True:
                _pg.child_next((True, exitcode))

        def join(self, timeout=None):
            self._check_closed()
            if self._handle is None:
                raise AssertionError('can only join a started process')
            self._ended.wait(timeout)

        def is_alive(self):
            self._check_closed()
            return self._handle is not None and not self._ended.is_set()

        def terminate(self):
            self._stop(-15)

        def kill(self):
            self._stop(-9)

        def _stop(self, exitcode, notify=True):
            # A process that already ended keeps its own exit code (its waiter sets it).
            self._check_closed()
            if self._handle is not None and self.exitcode is None and _pg.pool_terminate(self._handle):
                release_connections(self._pid)
                self.exitcode = exitcode
                mark_ended(self, notify)

        def close(self):
            if self.is_alive():
                raise ValueError('Cannot close a process while it is still running. You should first call join() or terminate().')
            self._closed = True

        def _check_closed(self):
            if self._closed:
                raise ValueError('process object is closed')

        def __repr__(self):
            if self._closed:
                status = 'closed'
            elif self._handle is None:
                status = 'initial'
            elif self.exitcode is not None:
                status = 'stopped'
            else:
                status = 'started'
            info = [type(self).__name__, 'name=' + repr(self.name)]
            if self._handle is not None and not self._closed:
                info.append('pid=' + str(self.pid))
            info.append('parent=' + str(self._parent_pid))
            info.append(status)
            if self.exitcode is not None and not self._closed:
                info.append('exitcode=' + {-15: '-SIGTERM', -9: '-SIGKILL'}.get(self.exitcode, str(self.exitcode)))
            if self.daemon:
                info.append('daemon')
            return '<' + ' '.join(info) + '>'

    def process_queue_class():
        # multiprocessing.Queue: its items live on the host, where the parent and every worker
        # process reach them (a Process started after it holds the same queue, as after a
        # fork); what is put must be able to travel between processes. maxsize only makes
        # full() true: put never blocks.
        class Queue:
            __module__ = 'multiprocessing.queues'

            def __init__(self, maxsize=0):
                self._queue = _pg.mpq_new()
                self._maxsize = maxsize
                self._closed = False

            def _check_closed(self):
                if self._closed:
                    raise ValueError('Queue is closed')

            def put(self, obj, block=True, timeout=None):
                self._check_closed()
                if not block and self.full():
                    raise Full
                _pg.mpq_put(self._queue, obj)

            def put_nowait(self, obj):
                self.put(obj, False)

            def get(self, block=True, timeout=None):
                self._check_closed()
                if block and timeout is not None and timeout < 0:
                    raise ValueError("'timeout' must be a non-negative number")
                return _pg.mpq_get(self._queue, block, timeout)

            def get_nowait(self):
                return self.get(False)

            def qsize(self):
                return _pg.mpq_size(self._queue)

            def empty(self):
                return self.qsize() == 0

            def full(self):
                return self._maxsize > 0 and self.qsize() >= self._maxsize

            def close(self):
                self._closed = True

            def join_thread(self):
                pass

            def cancel_join_thread(self):
                pass

        return Queue

    ProcessQueue = process_queue_class()

    class JoinableQueue:
        __module__ = 'multiprocessing.queues'
        # multiprocessing.JoinableQueue: a Queue whose unfinished tasks are counted on the
        # host, one token for each put, taken back by task_done(); the task_done() that takes
        # the last one puts a token in `_done`, which join() waits for (and puts back for the
        # next joiner, once none is left unfinished).
        def __init__(self, maxsize=0):
            self._items = ProcessQueue(maxsize)
            self._unfinished = _pg.mpq_new()
            self._done = _pg.mpq_new()

        def put(self, obj, block=True, timeout=None):
            self._items._check_closed()
            if not block and self.full():
                raise Full
            _pg.mpq_put(self._unfinished, True)
            self._items.put(obj, block, timeout)

        def put_nowait(self, obj):
            self.put(obj, False)

        def get(self, block=True, timeout=None):
            return self._items.get(block, timeout)

        def get_nowait(self):
            return self._items.get(False)

        def task_done(self):
            try:
                _pg.mpq_get(self._unfinished, False, None)
            except Empty:
                raise ValueError('task_done() called too many times')
            if _pg.mpq_size(self._unfinished) == 0:
                _pg.mpq_put(self._done, True)

        def join(self):
            waited = False
            while _pg.mpq_size(self._unfinished) > 0:
                _pg.mpq_get(self._done, True, None)
                waited = True
            if waited:
                _pg.mpq_put(self._done, True)

        def qsize(self):
            return self._items.qsize()

        def empty(self):
            return self._items.empty()

        def full(self):
            return self._items.full()

        def close(self):
            self._items.close()

        def join_thread(self):
            pass

        def cancel_join_thread(self):
            pass

    # The synchronisation primitives of multiprocessing, shared by the processes as CPython's
    # are (a semaphore in shared memory): tokens in a queue on the host. A process that
    # acquires takes a token, waiting for one if none is left; release puts one back.
    class ProcessSemaphore:
        def __init__(self, value=1, bound=None, kind='Semaphore'):
            if value < 0:
                raise OSError('[Errno 22] Invalid argument')
            self._tokens = _pg.mpq_new()
            self._bound = bound
            self._kind = kind
            self._held_by = None    # this process's thread holding it (a Lock), for repr
            for _ in range(value):
                _pg.mpq_put(self._tokens, True)

        def acquire(self, block=True, timeout=None):
            try:
                _pg.mpq_get(self._tokens, block, timeout if block else None)
            except Empty:
                return False
            self._held_by = current_thread().name
            return True

        def release(self):
            if self._bound is not None and _pg.mpq_size(self._tokens) >= self._bound:
                raise ValueError('semaphore or lock released too many times')
            self._held_by = None
            _pg.mpq_put(self._tokens, True)

        def get_value(self):
            return _pg.mpq_size(self._tokens)

        def __enter__(self):
            return self.acquire()

        def __exit__(self, *exc):
            self.release()
            return False

        def __repr__(self):
            # What CPython prints where it cannot ask the semaphore (monty cannot call the host
            # inside a repr): the owner when it is this process, else 'unknown'.
            if self._kind == 'Lock':
                owner = 'unknown'
                if self._held_by is not None:
                    owner = current_process().name
                    if self._held_by != 'MainThread':
                        owner += '|' + self._held_by
                return '<Lock(owner=' + owner + ')>'
            text = '<' + self._kind + '(value=unknown'
            if self._kind == 'BoundedSemaphore':
                text += ', maxvalue=' + str(self._bound)
            return text + ')>'

    def process_lock():
        return ProcessSemaphore(1, 1, 'Lock')

    def process_semaphore(value=1):
        return ProcessSemaphore(value, None, 'Semaphore')

    def process_bounded_semaphore(value=1):
        return ProcessSemaphore(value, value, 'BoundedSemaphore')

    class ProcessRLock:
        # A Lock that its owner (a thread of one process) may take again: the owner and the
        # depth live in each process's copy of the object, which only the owner changes.
        def __init__(self):
            self._lock = process_lock()
            self._owner = None
            self._count = 0

        def acquire(self, block=True, timeout=None):
            me = (_pg_os.getpid(), get_ident())
            if self._owner == me:
                self._count += 1
                return True
            if not self._lock.acquire(block, timeout):
                return False
            self._owner = me
            self._count = 1
            return True

        def release(self):
            if self._owner != (_pg_os.getpid(), get_ident()):
                raise AssertionError('attempt to release recursive lock not owned by thread')
            self._count -= 1
            if self._count == 0:
                self._owner = None
                self._lock.release()

        def __enter__(self):
            return self.acquire()

        def __exit__(self, *exc):
            self.release()
            return False

    class ProcessEvent:
        # multiprocessing.Event: the flag is a token in a queue on the host, which waiters only
        # look at. A waiter puts a token in `_sleepers` and waits for one in `_wake`; set()
        # turns every sleeper's token into a wake token. A waiter woken by a token that one
        # who stopped waiting left looks at the flag again and goes back to sleep.
        def __init__(self):
            self._flag = _pg.mpq_new()
            self._sleepers = _pg.mpq_new()
            self._wake = _pg.mpq_new()

        def is_set(self):
            return _pg.mpq_size(self._flag) > 0

        def set(self):
            if not self.is_set():
                _pg.mpq_put(self._flag, True)
            while True:
                try:
                    _pg.mpq_get(self._sleepers, False, None)
                except Empty:
                    return
                _pg.mpq_put(self._wake, True)

        def clear(self):
            try:
                while True:
                    _pg.mpq_get(self._flag, False, None)
            except Empty:
                pass

        def wait(self, timeout=None):
            due = None if timeout is None else _pg_time.monotonic() + timeout
            while not self.is_set():
                left = None
                if due is not None:
                    left = due - _pg_time.monotonic()
                    if left <= 0:
                        return False
                _pg.mpq_put(self._sleepers, True)
                if self.is_set():
                    return True
                try:
                    _pg.mpq_get(self._wake, True, left)
                except Empty:
                    return self.is_set()
            return True

    # multiprocessing.Value and Array (and RawValue, RawArray): shared memory, as CPython's
    # sharedctypes are. The value (an Array's items, as a list) is the one item of a queue on
    # the host; a read takes it and puts it back, a write takes it and puts the new one, so
    # each is whole, and `counter.value += 1`, a read then a write, can lose another process's
    # increment as in CPython unless it holds `get_lock()`. `.value` is a property and the
    # items are `__getitem__`/`__setitem__`, which monty runs as frames that may wait.
    SHARED_TYPES = {'b': ('c_byte', 8, True), 'B': ('c_ubyte', 8, False), 'h': ('c_short', 16, True),
                    'H': ('c_ushort', 16, False), 'i': ('c_int', 32, True), 'I': ('c_uint', 32, False),
                    'l': ('c_long', 64, True), 'L': ('c_ulong', 64, False), 'q': ('c_longlong', 64, True),
                    'Q': ('c_ulonglong', 64, False), 'f': ('c_float', 0, False), 'd': ('c_double', 0, False),
                    'c': ('c_char', -1, False)}

    def shared_type(typecode):
        if typecode not in SHARED_TYPES:
            raise TypeError('this type has no size')
        return SHARED_TYPES[typecode]

    def shared_coerce(typecode, value):
        # What ctypes stores for `value`: an int wrapped to the type's width, a float, a byte.
        name, bits, signed = shared_type(typecode)
        if bits == 0:
            if type(value) not in (int, float, bool):
                raise TypeError('must be real number, not ' + type(value).__name__)
            return float(value)
        if bits < 0:
            if type(value) != bytes or len(value) != 1:
                raise TypeError('one character bytes, bytearray or integer expected')
            return value
        if type(value) not in (int, bool):
            raise TypeError(repr(type(value).__name__) + ' object cannot be interpreted as an integer')
        value = int(value) % (1 << bits)
        if signed and value >= 1 << (bits - 1):
            value -= 1 << bits
        return value

    def shared_zero(typecode):
        return shared_coerce(typecode, b'\x00' if typecode == 'c' else 0)

    class SharedCell:
        # The host queue holding one value, taken while it is read or replaced.
        def __init__(self, value):
            self._q = _pg.mpq_new()
            _pg.mpq_put(self._q, value)

        def read(self):
            value = _pg.mpq_get(self._q, True, None)
            _pg.mpq_put(self._q, value)
            return value

        def take(self):
            return _pg.mpq_get(self._q, True, None)

        def put(self, value):
            _pg.mpq_put(self._q, value)

    class SharedCtype:
        # What a Value and an Array share: the C type's name, the lock (None for a raw one).
        def __init__(self, typecode, lock):
            self._typecode = typecode
            self._name = shared_type(typecode)[0]
            self._lock = ProcessRLock() if lock is True else lock

        def _ctype(self):
            return self._name

        def get_lock(self):
            if self._lock is None:
                raise AttributeError("'" + self._ctype() + "' object has no attribute 'get_lock'")
            return self._lock

        def get_obj(self):
            return self

    class SharedValue(SharedCtype):
        def __init__(self, typecode, value, lock):
            super().__init__(typecode, lock)
            self._cell = SharedCell(shared_coerce(typecode, value))

        @property
        def value(self):
            return self._cell.read()

        @value.setter
        def value(self, new):
            new = shared_coerce(self._typecode, new)
            self._cell.take()
            self._cell.put(new)

        def __repr__(self):
            # monty cannot ask the host inside a repr: the value shows as `?`.
            text = self._name + '(?)'
            if self._lock is None:
                return text
            return '<Synchronized wrapper for ' + text + '>'

    class SharedArray(SharedCtype):
        def __init__(self, typecode, size_or_initializer, lock):
            super().__init__(typecode, lock)
            if type(size_or_initializer) == int:
                items = [shared_zero(typecode)] * size_or_initializer
            else:
                items = [shared_coerce(typecode, item) for item in size_or_initializer]
            self._len = len(items)
            self._cell = SharedCell(items)

        def _ctype(self):
            return self._name + '_Array_' + str(self._len)

        def _index(self, i):
            if type(i) not in (int, bool):
                raise TypeError('indices must be integers')
            if i < 0:
                i += self._len
            if i < 0 or i >= self._len:
                raise IndexError('invalid index')
            return i

        def __len__(self):
            return self._len

        def __getitem__(self, i):
            items = self._cell.read()
            if type(i) == slice:
                return items[i]
            return items[self._index(i)]

        def __setitem__(self, i, value):
            if type(i) == slice:
                new = [shared_coerce(self._typecode, item) for item in value]
                if len(range(self._len)[i]) != len(new):
                    raise ValueError('Can only assign sequence of same size')
                items = self._cell.take()
                items[i] = new
            else:
                at = self._index(i)
                value = shared_coerce(self._typecode, value)
                items = self._cell.take()
                items[at] = value
            self._cell.put(items)

        def __iter__(self):
            return iter(self._cell.read())

        def __repr__(self):
            text = '<multiprocessing.sharedctypes.' + self._ctype() + ' object at ' + hex(id(self)) + '>'
            if self._lock is None:
                return text
            return '<SynchronizedArray wrapper for ' + text + '>'

    def shared_value(typecode_or_type, *args, lock=True):
        value = args[0] if args else shared_zero(typecode_or_type)
        return SharedValue(typecode_or_type, value, lock if lock is not False else None)

    def shared_array(typecode_or_type, size_or_initializer, *, lock=True):
        return SharedArray(typecode_or_type, size_or_initializer, lock if lock is not False else None)

    def raw_value(typecode_or_type, *args):
        return shared_value(typecode_or_type, *args, lock=False)

    def raw_array(typecode_or_type, size_or_initializer):
        return shared_array(typecode_or_type, size_or_initializer, lock=False)

    # multiprocessing.Manager(): objects held by a server of their own on the host (see
    # src/program/manager.rs), which every process reaches through a proxy, as CPython's
    # manager process serves its proxies. A proxy holds only the manager's number and its
    # object's, and travels to any process, a pool's worker too, as a copy naming the same
    # object; each method is one call to the server with copies of its arguments, answered at
    # once, so `len(d)`, `print(d)` and `x in d` work wherever Python code runs. The manager's
    # locks, events and queues are the playground's own (above), made free to travel too.
    # `_pg_class`: the global a receiving process finds the object's class by.

    class ProcessError(Exception):
        pass

    def travelling(obj):
        # `obj`, one of the prelude's made by a manager, made free to travel to a pool's worker.
        obj._pg_class = '_pg_class_' + type(obj).__name__
        return obj

    def sent_key(key):
        # A slice cannot travel: it goes as the tuple the server rebuilds it from.
        if type(key) == slice:
            return ('\x00slice', key.start, key.stop, key.step)
        return key

    class BaseProxy:
        def __init__(self, manager, number, typeid):
            self._manager = manager
            self._id = number
            self._typeid = typeid
            travelling(self)

        def _callmethod(self, methodname, args=(), kwds={}):
            return _pg.manager_call(self._manager, self._id, methodname, tuple(args), kwds)

        def __repr__(self):
            return '<' + type(self).__name__ + " object, typeid '" + self._typeid + "' at " + hex(id(self)) + '>'

        def __str__(self):
            return self._callmethod('__repr__')

    class ItemsProxy(BaseProxy):
        # What the proxies of a dict, a list and an Array share: their items.
        def __getitem__(self, key):
            return self._callmethod('__getitem__', (sent_key(key),))

        def __setitem__(self, key, value):
            self._callmethod('__setitem__', (sent_key(key), value))

        def __delitem__(self, key):
            self._callmethod('__delitem__', (sent_key(key),))

        def __len__(self):
            return self._callmethod('__len__')

        def __contains__(self, value):
            return self._callmethod('__contains__', (value,))

        def __iter__(self):
            return iter(self._callmethod('copy_of'))

    class DictProxy(ItemsProxy):
        pass

    class ListProxy(ItemsProxy):
        def __add__(self, other):
            return self._callmethod('__add__', (other,))

        def __mul__(self, n):
            return self._callmethod('__mul__', (n,))

        def __rmul__(self, n):
            return self._callmethod('__mul__', (n,))

        def __iadd__(self, other):
            self._callmethod('__iadd__', (other,))
            return self

        def extend(self, values):
            return self._callmethod('extend', (list(values),))

    def forwarding(method):
        # A proxy's method that only calls its object's, as CPython's proxy types are made.
        def call(self, *args, **kwargs):
            return self._callmethod(method, args, kwargs)
        return call

    for forwarded in ['clear', 'copy', 'get', 'items', 'keys', 'values', 'pop', 'popitem', 'setdefault', 'update']:
        setattr(DictProxy, forwarded, forwarding(forwarded))
    for forwarded in ['append', 'insert', 'pop', 'remove', 'index', 'count', 'reverse', 'sort']:
        setattr(ListProxy, forwarded, forwarding(forwarded))

    class NamespaceProxy(BaseProxy):
        def __getattr__(self, name):
            if name.startswith('_'):
                raise AttributeError("'NamespaceProxy' object has no attribute " + repr(name))
            return self._callmethod('get', (name,))

        def __setattr__(self, name, value):
            if name.startswith('_'):
                object.__setattr__(self, name, value)
            else:
                self._callmethod('set', (name, value))

        def __delattr__(self, name):
            if name.startswith('_'):
                raise AttributeError("cannot delete the proxy's own attribute " + repr(name))
            self._callmethod('delete', (name,))


    class ValueProxy(BaseProxy):
        def get(self):
            return self._callmethod('get')

        def set(self, value):
            return self._callmethod('set', (value,))

        @property
        def value(self):
            return self._callmethod('get')

        @value.setter
        def value(self, new):
            self._callmethod('set', (new,))

    class ArrayProxy(ItemsProxy):
        pass

    class SyncManager:
        __module__ = 'multiprocessing.managers'

        def __init__(self, address=None, authkey=None, serializer='pickle', ctx=None, *, shutdown_timeout=1.0):
            self._number = None
            self._stopped = False

        def start(self, initializer=None, initargs=()):
            if self._stopped:
                raise ProcessError('Manager has shut down')
            if self._number is not None:
                raise ProcessError('Already started server')
            self._number = _pg.manager_start()

        def shutdown(self):
            if self._number is not None and not self._stopped:
                self._stopped = True
                _pg.manager_stop(self._number)

        def __enter__(self):
            if self._number is None:
                self.start()
            return self

        def __exit__(self, *exc):
            self.shutdown()
            return False

        def __repr__(self):
            return '<multiprocessing.managers.SyncManager object at ' + hex(id(self)) + '>'

        def _make(self, typeid, proxy, args, kwargs):
            if self._number is None:
                raise AssertionError('server not yet started')
            number = _pg.manager_make(self._number, typeid, tuple(args), kwargs)
            return proxy(self._number, number, typeid)

    # The manager's methods named as the classes they make, set after the class: a method of a
    # class cannot share its name with a variable of the prelude that a function uses.
    def manager_factories():
        def dict_(self, *args, **kwargs):
            return self._make('dict', DictProxy, (dict(*args, **kwargs),), {})

        def list_(self, *args):
            # What it is made from goes as a list (a `range` cannot travel).
            return self._make('list', ListProxy, (list(*args),), {})

        def namespace(self, **kwargs):
            return self._make('Namespace', NamespaceProxy, (), kwargs)

        def value(self, typecode, value, lock=True):
            return self._make('Value', ValueProxy, (typecode, value), {})

        def array(self, typecode, sequence, lock=True):
            return self._make('Array', ArrayProxy, (typecode, list(sequence)), {})

        def queue_(self, maxsize=0):
            return travelling(ProcessQueue(maxsize))

        def joinable_queue(self, maxsize=0):
            made = JoinableQueue(maxsize)
            travelling(made._items)
            return travelling(made)

        def lock(self):
            return travelling(process_lock())

        def rlock(self):
            made = ProcessRLock()
            travelling(made._lock)
            return travelling(made)

        def semaphore(self, value=1):
            return travelling(process_semaphore(value))

        def bounded_semaphore(self, value=1):
            return travelling(process_bounded_semaphore(value))

        def event(self):
            return travelling(ProcessEvent())

        SyncManager.dict = dict_
        SyncManager.list = list_
        SyncManager.Namespace = namespace
        SyncManager.Value = value
        SyncManager.Array = array
        SyncManager.Queue = queue_
        SyncManager.JoinableQueue = joinable_queue
        SyncManager.Lock = lock
        SyncManager.RLock = rlock
        SyncManager.Semaphore = semaphore
        SyncManager.BoundedSemaphore = bounded_semaphore
        SyncManager.Event = event

    manager_factories()

    def Manager():
        manager = SyncManager()
        manager.start()
        return manager

    managers = _PgModule('multiprocessing.managers')
    managers.SyncManager = SyncManager
    managers.BaseProxy = BaseProxy
    managers.DictProxy = DictProxy
    managers.ListProxy = ListProxy
    managers.NamespaceProxy = NamespaceProxy
    managers.ValueProxy = ValueProxy
    managers.ArrayProxy = ArrayProxy
    # The classes of the objects that travel as `travelling` marks them, for the globals
    # `_pg_class_<name>` (at the end of this file).
    travellers = [DictProxy, ListProxy, NamespaceProxy, ValueProxy, ArrayProxy, ProcessQueue, JoinableQueue,
                  ProcessSemaphore, ProcessRLock, ProcessEvent]

    # multiprocessing.Pipe: each direction a queue on the host. An end is open in every process
    # that holds a copy of it (the one that made it, and each Process started while it was
    # open: a pool's workers are not counted), each copy a token in the end's `_holders`
    # naming its process; when the last copy of an end is closed (by close(), or by its
    # process ending, however it ends), the other end's recv() raises EOFError once what was
    # sent is read, and a send to an end no one holds raises BrokenPipeError.
    pipe_closed = '\x00the pipe is closed'
    connections = []    # the ends this process holds open
    shared_ends = []    # every end this process made or inherited, for its children's ends

    class Connection:
        __module__ = 'multiprocessing.connection'

        def __init__(self, incoming, outgoing, holders, peer):
            self._incoming = incoming
            self._outgoing = outgoing
            self._holders = holders
            self._peer = peer
            self.closed = False
            self.readable = incoming is not None
            self.writable = outgoing is not None
            connections.append(self)
            shared_ends.append(self)

        def _check(self, able, what):
            if self.closed:
                raise OSError('handle is closed')
            if not able:
                raise OSError('connection is ' + what)

        def send(self, obj):
            self._check(self.writable, 'read-only')
            if _pg.mpq_size(self._peer) == 0:
                raise BrokenPipeError('[Errno 32] Broken pipe')
            _pg.mpq_put(self._outgoing, obj)

        def recv(self):
            self._check(self.readable, 'write-only')
            obj = _pg.mpq_get(self._incoming, True, None)
            if type(obj) is str and obj == pipe_closed:
                _pg.mpq_put(self._incoming, obj)
                raise EOFError
            return obj

        def send_bytes(self, buf, offset=0, size=None):
            data = bytes(buf)
            end = len(data) if size is None else offset + size
            self.send(data[offset:end])

        def recv_bytes(self, maxlength=None):
            if maxlength is not None and maxlength < 0:
                raise ValueError('negative maxlength')
            data = self.recv()
            if maxlength is not None and len(data) > maxlength:
                raise OSError('bad message length')
            return data

        def poll(self, timeout=0.0):
            self._check(self.readable, 'write-only')
            due = None if timeout is None else _pg_time.monotonic() + timeout
            while _pg.mpq_size(self._incoming) == 0:
                if due is not None and _pg_time.monotonic() >= due:
                    return False
                _pg_time.sleep(0.002)
            return True

        def close(self):
            if self.closed:
                return
            self.closed = True
            connections.remove(self)
            release_end(self, _pg_os.getpid())

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.close()
            return False

    def release_end(conn, pid):
        # Process `pid`'s copy of `conn` is closed (if it held one): once no copy of a writing
        # end is left, its reader reads the end of the pipe.
        if _pg.mpq_remove(conn._holders, pid) and conn.writable and _pg.mpq_size(conn._holders) == 0:
            _pg.mpq_put(conn._outgoing, pipe_closed)

    def held_here():
        holders = _pg.mpq_new()
        _pg.mpq_put(holders, _pg_os.getpid())
        return holders

    def Pipe(duplex=True):
        there = _pg.mpq_new()
        back = _pg.mpq_new()
        mine, yours = held_here(), held_here()
        if duplex:
            return Connection(back, there, mine, yours), Connection(there, back, yours, mine)
        return Connection(there, None, mine, yours), Connection(None, there, yours, mine)

    def inherit_connections(pid):
        # Process `pid` is about to start: each open end gains its copy there.
        for conn in connections:
            _pg.mpq_put(conn._holders, pid)

    def close_connections():
        # A process ends: the ends it still holds close, as its file descriptors do.
        for conn in list(connections):
            conn.close()

    def release_connections(pid):
        # Process `pid` was terminated or died before it could close its ends: the parent
        # closes its copies for it, as the system does.
        for conn in shared_ends:
            release_end(conn, pid)

    def active_children():
        return [p for p in processes if not p._closed and p.is_alive()]

    def chunks(iterables, chunksize):
        rows = [tuple(args) for args in zip(*iterables)]
        return [rows[i:i + chunksize] for i in range(0, len(rows), chunksize)]

    class ProcessPoolExecutor:
        __module__ = 'concurrent.futures.process'

        def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=(), max_tasks_per_child=None):
            if max_workers is None:
                max_workers = _pg_os.cpu_count() or 1
            elif max_workers <= 0:
                raise ValueError('max_workers must be greater than 0')
            self._initializer = initializer
            self._initargs = initargs
            self._max_workers = max_workers
            self._pool = None
            self._shutdown = False

        def _processes(self):
            if self._pool is None:
                self._pool = ProcessPool(self._max_workers, 'ForkProcess', self._initializer, self._initargs)
            return self._pool

        def submit(self, fn, *args, **kwargs):
            if self._shutdown:
                raise RuntimeError('cannot schedule new futures after shutdown')
            return self._processes().submit(fn, args, kwargs)

        def map(self, fn, *iterables, timeout=None, chunksize=1):
            if chunksize < 1:
                raise ValueError('chunksize must be >= 1.')
            if self._shutdown:
                raise RuntimeError('cannot schedule new futures after shutdown')
            pool = self._processes()
            fs = pool.submit_chunks(fn, chunks(iterables, chunksize))
            return ResultIterator(fs, timeout, True)

        def shutdown(self, wait=True, cancel_futures=False):
            self._shutdown = True
            if self._pool is not None:
                if cancel_futures:
                    for f in list(self._pool._futures.values()):
                        f.cancel()
                if wait:
                    for f in list(self._pool._futures.values()):
                        try:
                            f.exception()
                        except CancelledError:
                            pass
                    self._pool.join()
                else:
                    self._pool.close(False)

        def __enter__(self):
            return self

        def __exit__(self, t, v, tb):
            self.shutdown(True)
            return False

    futures = _PgModule('concurrent.futures')
    futures.Future = Future
    futures.ThreadPoolExecutor = ThreadPoolExecutor
    futures.ProcessPoolExecutor = ProcessPoolExecutor
    futures.as_completed = as_completed
    futures.wait = futures_wait
    futures.FIRST_COMPLETED = FIRST_COMPLETED
    futures.FIRST_EXCEPTION = FIRST_EXCEPTION
    futures.ALL_COMPLETED = ALL_COMPLETED
    futures.CancelledError = CancelledError
    futures.TimeoutError = TimeoutError
    concurrent = _PgModule('concurrent')
    concurrent.futures = futures

    # ---------------------------------------------------------------- multiprocessing

    class AsyncResult:
        def __init__(self, fs, combine, callback, error_callback):
            self._fs = fs
            self._combine = combine
            if callback is not None or error_callback is not None:
                whole = self

                def settle(f):
                    if not whole.ready():
                        return
                    if whole.successful():
                        if callback is not None:
                            callback(whole._value())
                    elif error_callback is not None:
                        error_callback(whole._error())
                for f in fs:
                    f.add_done_callback(settle)

        def _error(self):
            for f in self._fs:
                if f._exception is not None:
                    return f._exception
            return None

        def _value(self):
            return self._combine([f._result for f in self._fs])

        def ready(self):
            return all([f.done() for f in self._fs])

        def successful(self):
            if not self.ready():
                raise ValueError('<AsyncResult> not ready')
            return self._error() is None

        def wait(self, timeout=None):
            futures_wait(self._fs, timeout)

        def get(self, timeout=None):
            self.wait(timeout)
            if not self.ready():
                raise TimeoutError()
            error = self._error()
            if error is not None:
                raise error
            return self._value()

    def first(values):
        return values[0]

    def joined(values):
        out = []
        for chunk in values:
            out.extend(chunk)
        return out

    class IMapIterator:
        __module__ = 'multiprocessing.pool'
        # Pool.imap and imap_unordered: each result waited for when the iteration reaches it,
        # in input order, or in the order the chunks finished. A failed item raises and the
        # next call goes on, as CPython's does; with chunks of several items CPython's
        # iterator is a generator over the chunks, which ends where one raises.
        def __init__(self, fs, ordered, chunked):
            # Last first, as ResultIterator keeps them.
            self._fs = list(reversed(fs))
            self._ordered = ordered
            # Chunks finished and not yet given, last first; their items, last first.
            self._ready = []
            self._buffer = []
            self._chunked = chunked

        def __iter__(self):
            return self

        def __next__(self):
            return self.next()

        def next(self, timeout=None):
            while not self._buffer:
                if not self._ready:
                    if not self._fs:
                        raise StopIteration
                    if self._ordered:
                        self._ready, left = finished_first([self._fs[-1]], timeout)
                        if self._ready:
                            self._fs.pop()
                    else:
                        self._ready, self._fs = finished_first(self._fs, timeout)
                    if not self._ready:
                        raise TimeoutError()
                f = self._ready.pop()
                if f._exception is not None:
                    if self._chunked:
                        self._fs = []
                        self._ready = []
                    raise f._exception
                self._buffer = list(reversed(f._result))
            return self._buffer.pop()

    class Pool:
        __module__ = 'multiprocessing.pool'

        def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
            if processes is None:
                processes = _pg_os.cpu_count() or 1
            if processes < 1:
                raise ValueError('Number of processes must be at least 1')
            self._processes = ProcessPool(processes, 'ForkPoolWorker', initializer, initargs)
            self._size = processes
            self._state = 'RUN'
            self._all = []
            self._prune_at = 64

        def _check_running(self):
            if self._state != 'RUN':
                raise ValueError('Pool not running')

        def _chunked(self, func, rows, chunksize):
            self._check_running()
            if chunksize is None:
                chunksize, extra = divmod(len(rows), self._size * 4)
                if extra:
                    chunksize += 1
            if chunksize < 1:
                chunksize = 1
            fs = self._processes.submit_chunks(func, [rows[i:i + chunksize] for i in range(0, len(rows), chunksize)])
            self._keep(fs)
            return fs

        def _keep(self, fs):
            # The futures terminate and join look at. Those done are dropped whenever the list
            # has doubled, or a long-lived pool would hold every future it ever made.
            if len(self._all) >= self._prune_at:
                self._all = [f for f in self._all if not f.done()]
                self._prune_at = max(64, 2 * len(self._all))
            self._all.extend(fs)

        def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
            self._check_running()
            f = self._processes.submit(func, args, kwds)
            self._keep([f])
            return AsyncResult([f], first, callback, error_callback)

        def apply(self, func, args=(), kwds={}):
            return self.apply_async(func, args, kwds).get()

        def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
            rows = [(x,) for x in iterable]
            return AsyncResult(self._chunked(func, rows, chunksize), joined, callback, error_callback)

        def starmap_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
            rows = [tuple(x) for x in iterable]
            return AsyncResult(self._chunked(func, rows, chunksize), joined, callback, error_callback)

        def map(self, func, iterable, chunksize=None):
            return self.map_async(func, iterable, chunksize).get()

        def starmap(self, func, iterable, chunksize=None):
            return self.starmap_async(func, iterable, chunksize).get()

        def imap(self, func, iterable, chunksize=1):
            rows = [(x,) for x in iterable]
            return IMapIterator(self._chunked(func, rows, chunksize), True, chunksize > 1)

        def imap_unordered(self, func, iterable, chunksize=1):
            rows = [(x,) for x in iterable]
            return IMapIterator(self._chunked(func, rows, chunksize), False, chunksize > 1)

        def close(self):
            if self._state == 'RUN':
                self._state = 'CLOSE'

        def terminate(self):
            self._state = 'TERMINATE'
            for f in self._all:
                f.cancel()
            self._processes.close(True)

        def join(self):
            if self._state == 'RUN':
                raise ValueError('Pool is still running')
            for f in self._all:
                if not f.done():
                    f.exception()
            self._processes.join()

        def __enter__(self):
            self._check_running()
            return self

        def __exit__(self, t, v, tb):
            self.terminate()
            return False

    class RunningProcess:
        # What current_process() and parent_process() answer: the process as seen from inside.
        def __init__(self, kind, name, pid, parent, daemon, status='started'):
            self._kind = kind
            self.name = name
            self.pid = pid
            self.ident = pid
            self.daemon = daemon
            self._parent = parent
            self._status = status

        def is_alive(self):
            return True

        def __repr__(self):
            info = [self._kind, 'name=' + repr(self.name), 'parent=' + str(self._parent), self._status]
            if self.daemon:
                info.append('daemon')
            return '<' + ' '.join(info) + '>'

    def current_process():
        if state['child'] is None:
            return RunningProcess('_MainProcess', 'MainProcess', _pg_os.getpid(), None, False)
        child = state['child']
        return RunningProcess(child['kind'], child['name'], child['pid'], _pg_os.getppid(), child['daemon'])

    def parent_process():
        if state['child'] is None:
            return None
        return RunningProcess('_ParentProcess', 'MainProcess', _pg_os.getppid(), None, False, 'unknown')

    def cpu_count():
        count = _pg_os.cpu_count()
        if count is None:
            raise NotImplementedError('cannot determine number of cpus')
        return count

    multiprocessing = _PgModule('multiprocessing')
    multiprocessing.Pool = Pool
    multiprocessing.Process = Process
    multiprocessing.cpu_count = cpu_count
    multiprocessing.current_process = current_process
    multiprocessing.parent_process = parent_process
    multiprocessing.active_children = active_children

    # The start method: the playground's processes always start as fork starts them, the
    # default on Linux, which a program may also ask for; the other two are accepted, and
    # processes still start as fork does (README says so).
    start_method = {'name': None}

    def set_start_method(method, force=False):
        if method not in ('fork', 'spawn', 'forkserver'):
            raise ValueError('cannot find context for ' + repr(method))
        if start_method['name'] is not None and not force:
            raise RuntimeError('context has already been set')
        start_method['name'] = method

    def get_start_method(allow_none=False):
        if start_method['name'] is None and not allow_none:
            start_method['name'] = 'fork'
        return start_method['name']

    def get_context(method=None):
        if method is not None and method not in ('fork', 'spawn', 'forkserver'):
            raise ValueError('cannot find context for ' + repr(method))
        return multiprocessing

    def freeze_support():
        pass

    multiprocessing.set_start_method = set_start_method
    multiprocessing.get_start_method = get_start_method
    multiprocessing.get_context = get_context
    multiprocessing.freeze_support = freeze_support
    multiprocessing.TimeoutError = TimeoutError
    multiprocessing.Queue = ProcessQueue
    multiprocessing.SimpleQueue = ProcessQueue
    multiprocessing.JoinableQueue = JoinableQueue
    multiprocessing.Lock = process_lock
    multiprocessing.RLock = ProcessRLock
    multiprocessing.Semaphore = process_semaphore
    multiprocessing.BoundedSemaphore = process_bounded_semaphore
    multiprocessing.Event = ProcessEvent
    multiprocessing.Pipe = Pipe
    multiprocessing.Value = shared_value
    multiprocessing.Array = shared_array
    multiprocessing.RawValue = raw_value
    multiprocessing.RawArray = raw_array
    multiprocessing.Manager = Manager
    multiprocessing.ProcessError = ProcessError
    multiprocessing.managers = managers

    # ---------------------------------------------------------------- urllib.request
    # urlopen fetches the site's own files (relative URLs resolve against the page): the host
    # makes a synchronous request, so the body is read whole before urlopen returns.

    class HTTPResponse:
        __module__ = 'http.client'

        def __init__(self, url, body):
            self.url = url
            self.status = 200
            self.reason = 'OK'
            self.closed = False
            self._body = body
            self._at = 0

        def read(self, amt=None):
            if amt is None or amt < 0:
                end = len(self._body)
            else:
                end = min(len(self._body), self._at + amt)
            chunk = self._body[self._at:end]
            self._at = end
            return chunk

        def getcode(self):
            return self.status

        def geturl(self):
            return self.url

        def close(self):
            self.closed = True

        def __enter__(self):
            return self

        def __exit__(self, t, v, tb):
            self.close()
            return False

    def urlopen(url, data=None, timeout=None):
        if type(url) != str:
            raise NotImplementedError('urlopen() in the playground takes a URL string, not a Request')
        if data is not None:
            raise NotImplementedError('urlopen() in the playground sends GET requests only')
        return HTTPResponse(url, _pg.fetch(url))

    urllib_error = _PgModule('urllib.error')
    urllib_error.URLError = _pg.URLError
    urllib_error.HTTPError = _pg.HTTPError
    urllib_request = _PgModule('urllib.request')
    urllib_request.urlopen = urlopen
    urllib_request.URLError = _pg.URLError
    urllib_request.HTTPError = _pg.HTTPError
    urllib = _PgModule('urllib')
    urllib.request = urllib_request
    urllib.error = urllib_error

    # ---------------------------------------------------------------- logging

    CRITICAL = 50
    ERROR = 40
    WARNING = 30
    INFO = 20
    DEBUG = 10
    NOTSET = 0
    level_names = {CRITICAL: 'CRITICAL', ERROR: 'ERROR', WARNING: 'WARNING', INFO: 'INFO', DEBUG: 'DEBUG', NOTSET: 'NOTSET'}
    level_numbers = {'CRITICAL': CRITICAL, 'FATAL': CRITICAL, 'ERROR': ERROR, 'WARN': WARNING, 'WARNING': WARNING,
              'INFO': INFO, 'DEBUG': DEBUG, 'NOTSET': NOTSET}
    BASIC_FORMAT = '%(levelname)s:%(name)s:%(message)s'
    logging_began = _pg_time.time()

    def getLevelName(level):
        if level in level_names:
            return level_names[level]
        if level in level_numbers:
            return level_numbers[level]
        return 'Level %s' % level

    def check_level(level):
        if isinstance(level, int):
            return level
        if str(level) == level:
            if level not in level_numbers:
                raise ValueError('Unknown level: %r' % level)
            return level_numbers[level]
        raise TypeError('Level not an integer or a valid string: %r' % (level,))

    class LogRecord:
        __module__ = 'logging'

        def __init__(self, name, level, msg, args, exc_text=None):
            self.name = name
            # The traceback `exc_info` asked for, as the formatter appends it.
            self.exc_text = exc_text
            self.msg = msg
            self.args = args
            self.levelno = level
            self.levelname = getLevelName(level)
            self.created = _pg_time.time()
            self.msecs = int((self.created - int(self.created)) * 1000)
            self.relativeCreated = (self.created - logging_began) * 1000
            thread = current_thread()
            self.threadName = thread.name
            self.thread = thread.ident
            process = current_process()
            self.processName = process.name
            self.process = process.pid
            self.message = None
            self.asctime = None

        def getMessage(self):
            msg = str(self.msg)
            if self.args:
                msg = msg % self.args
            return msg

    class Formatter:
        __module__ = 'logging'
        default_time_format = '%Y-%m-%d %H:%M:%S'
        default_msec_format = '%s,%03d'

        def __init__(self, fmt=None, datefmt=None, style='%'):
            if style != '%':
                raise ValueError('the playground formats log records with % only')
            self._fmt = fmt if fmt is not None else '%(message)s'
            self.datefmt = datefmt

        def usesTime(self):
            return '%(asctime)' in self._fmt

        def formatTime(self, record, datefmt=None):
            moment = _pg_time.localtime(record.created)
            if datefmt:
                return _pg_time.strftime(datefmt, moment)
            return self.default_msec_format % (_pg_time.strftime(self.default_time_format, moment), record.msecs)

        def format(self, record):
            record.message = record.getMessage()
            if self.usesTime():
                record.asctime = self.formatTime(record, self.datefmt)
            fields = {'name': record.name, 'msg': record.msg, 'args': record.args, 'levelname': record.levelname,
                      'levelno': record.levelno, 'created': record.created, 'msecs': record.msecs,
                      'relativeCreated': record.relativeCreated, 'threadName': record.threadName,
                      'thread': record.thread, 'processName': record.processName, 'process': record.process,
                      'message': record.message, 'asctime': record.asctime}
            text = self._fmt % fields
            if record.exc_text:
                if text[-1:] != '\n':
                    text = text + '\n'
                text = text + record.exc_text
            return text

    class Handler:
        __module__ = 'logging'

        def __init__(self, level=NOTSET):
            self.level = check_level(level)
            self.formatter = None

        def setLevel(self, level):
            self.level = check_level(level)

        def setFormatter(self, fmt):
            self.formatter = fmt

        def format(self, record):
            return (self.formatter or default_formatter).format(record)

        def handle(self, record):
            if record.levelno >= self.level:
                self.emit(record)

    class StreamHandler(Handler):
        __module__ = 'logging'

        def __init__(self, stream=None):
            super().__init__()
            self.stream = stream

        def emit(self, record):
            text = self.format(record) + '\n'
            if self.stream is None or self.stream is _pg_sys.stderr:
                _pg.stderr(text)
            else:
                self.stream.write(text)

    default_formatter = Formatter()

    class Logger:
        __module__ = 'logging'

        def __init__(self, name, level=NOTSET):
            self.name = name
            self.level = check_level(level)
            self.parent = None
            self.propagate = True
            self.handlers = []
            self.disabled = False

        def setLevel(self, level):
            self.level = check_level(level)

        def getEffectiveLevel(self):
            logger = self
            while logger is not None:
                if logger.level:
                    return logger.level
                logger = logger.parent
            return NOTSET

        def isEnabledFor(self, level):
            return level >= self.getEffectiveLevel()

        def addHandler(self, handler):
            if handler not in self.handlers:
                self.handlers.append(handler)

        def removeHandler(self, handler):
            if handler in self.handlers:
                self.handlers.remove(handler)

        def hasHandlers(self):
            logger = self
            while logger is not None:
                if logger.handlers:
                    return True
                if not logger.propagate:
                    return False
                logger = logger.parent
            return False

        def log(self, level, msg, *args, exc_info=None):
            if not isinstance(level, int):
                raise TypeError('level must be an integer')
            if self.isEnabledFor(level):
                self._log(level, msg, args, exc_info)

        def debug(self, msg, *args, exc_info=None):
            self.log(DEBUG, msg, *args, exc_info=exc_info)

        def info(self, msg, *args, exc_info=None):
            self.log(INFO, msg, *args, exc_info=exc_info)

        def warning(self, msg, *args, exc_info=None):
            self.log(WARNING, msg, *args, exc_info=exc_info)

        def error(self, msg, *args, exc_info=None):
            self.log(ERROR, msg, *args, exc_info=exc_info)

        def critical(self, msg, *args, exc_info=None):
            self.log(CRITICAL, msg, *args, exc_info=exc_info)

        def exception(self, msg, *args, exc_info=True):
            self.log(ERROR, msg, *args, exc_info=exc_info)

        def _log(self, level, msg, args, exc_info=None):
            if len(args) == 1 and type(args[0]) == dict and args[0]:
                args = args[0]
            exc_text = None
            if exc_info:
                # The exception handled (`exc_info=True`) or the one given, as
                # `traceback.format_exception` prints it, less its last newline.
                shown = exc_info if isinstance(exc_info, BaseException) else None
                exc_text = exception_text(shown).rstrip('\n')
            record = LogRecord(self.name, level, msg, args, exc_text)
            logger = self
            found = False
            while logger is not None:
                for handler in logger.handlers:
                    found = True
                    handler.handle(record)
                if not logger.propagate:
                    break
                logger = logger.parent
            if not found and level >= WARNING:
                # CPython's last resort: the message alone, on stderr.
                _pg.stderr(record.getMessage() + '\n')

    root_logger = Logger('root', WARNING)
    loggers = {}

    def getLogger(name=None):
        if not name or name == 'root':
            return root_logger
        if name not in loggers:
            logger = Logger(name)
            logger.parent = root_logger
            loggers[name] = logger
        return loggers[name]

    def basicConfig(format=None, datefmt=None, style='%', level=None, stream=None, force=False, handlers=None, filename=None):
        if filename is not None:
            raise NotImplementedError('the playground has no files: logging writes to stderr')
        if force:
            root_logger.handlers = []
        if root_logger.handlers:
            return
        if handlers is None:
            handlers = [StreamHandler(stream)]
        formatter = Formatter(format if format is not None else BASIC_FORMAT, datefmt, style)
        for handler in handlers:
            if handler.formatter is None:
                handler.setFormatter(formatter)
            root_logger.addHandler(handler)
        if level is not None:
            root_logger.setLevel(level)

    def log_at(level, msg, *args, exc_info=None):
        # A module-level call configures the root logger first, as CPython's does.
        if not root_logger.handlers:
            basicConfig()
        root_logger.log(level, msg, *args, exc_info=exc_info)

    def module_call(level, exc_info=None):
        def call(msg, *args, exc_info=exc_info):
            log_at(level, msg, *args, exc_info=exc_info)
        return call

    logging = _PgModule('logging')
    logging.CRITICAL = CRITICAL
    logging.FATAL = CRITICAL
    logging.ERROR = ERROR
    logging.WARNING = WARNING
    logging.WARN = WARNING
    logging.INFO = INFO
    logging.DEBUG = DEBUG
    logging.NOTSET = NOTSET
    logging.BASIC_FORMAT = BASIC_FORMAT
    logging.getLogger = getLogger
    logging.basicConfig = basicConfig
    logging.getLevelName = getLevelName
    logging.debug = module_call(DEBUG)
    logging.info = module_call(INFO)
    logging.warning = module_call(WARNING)
    logging.warn = logging.warning
    logging.error = module_call(ERROR)
    logging.exception = module_call(ERROR, True)
    logging.critical = module_call(CRITICAL)
    logging.fatal = logging.critical
    logging.log = log_at
    logging.Logger = Logger
    logging.Handler = Handler
    logging.StreamHandler = StreamHandler
    logging.Formatter = Formatter
    logging.LogRecord = LogRecord
    logging.root = root_logger

    # ---------------------------------------------------------------- traceback

    def exception_text(exc):
        # `exc`'s traceback as CPython prints it: that of the exception being handled when
        # `exc` is None or that exception (the host has its frames); else its last line alone,
        # as an exception that was never raised prints.
        return _pg.format_exc(None if exc is None else last_line(exc))

    def write_text(text, file):
        if file is None or file is _pg_sys.stderr:
            _pg.stderr(text)
        else:
            file.write(text)

    def format_exc(limit=None, chain=True):
        return exception_text(None)

    def print_exc(limit=None, file=None, chain=True):
        write_text(exception_text(None), file)

    def format_exception(exc, value=None, tb=None, limit=None, chain=True):
        # CPython's list holds a string per frame; the playground's, the whole text.
        return [exception_text(exc if value is None else value)]

    def print_exception(exc, value=None, tb=None, limit=None, file=None, chain=True):
        write_text(exception_text(exc if value is None else value), file)

    def format_exception_only(exc, value=None):
        return [last_line(exc if value is None else value) + '\n']

    traceback = _PgModule('traceback')
    traceback.format_exc = format_exc
    traceback.print_exc = print_exc
    traceback.format_exception = format_exception
    traceback.print_exception = print_exception
    traceback.format_exception_only = format_exception_only

    # contextlib: `contextmanager` runs a generator function's body up to its `yield` on
    # entering the `with` block and on from there when it leaves, throwing in what the block
    # raised, as CPython's `_GeneratorContextManager` does; `suppress`, `nullcontext`, `closing`.
    class _GeneratorContextManager:
        __module__ = 'contextlib'

        def __init__(self, func, args, kwds):
            self.gen = func(*args, **kwds)

        def __enter__(self):
            try:
                return next(self.gen)
            except StopIteration:
                raise RuntimeError("generator didn't yield") from None

        def __exit__(self, typ, value, tb):
            if typ is None:
                try:
                    next(self.gen)
                except StopIteration:
                    return False
                raise RuntimeError("generator didn't stop")
            if value is None:
                value = typ()
            try:
                self.gen.throw(value)
            except StopIteration:
                # The generator caught it and finished: the exception is suppressed.
                return True
            except RuntimeError as exc:
                # A StopIteration raised in the block came back as the generator's
                # RuntimeError (PEP 479): the block's own goes on.
                if isinstance(value, StopIteration) and isinstance(exc.__cause__, StopIteration):
                    return False
                if type(exc) is type(value) and str(exc) == str(value):
                    return False
                raise
            except BaseException as exc:
                if type(exc) is type(value) and str(exc) == str(value):
                    # The same exception, passed on: the `with` statement raises its own.
                    return False
                raise
            raise RuntimeError("generator didn't stop after throw()")

    def contextmanager(func):
        def helper(*args, **kwds):
            return _GeneratorContextManager(func, args, kwds)
        return _pg_functools.wraps(func)(helper)

    class suppress:
        __module__ = 'contextlib'

        def __init__(self, *exceptions):
            self._exceptions = exceptions

        def __enter__(self):
            return None

        def __exit__(self, typ, value, tb):
            return typ is not None and issubclass(typ, self._exceptions)

    class nullcontext:
        __module__ = 'contextlib'

        def __init__(self, enter_result=None):
            self.enter_result = enter_result

        def __enter__(self):
            return self.enter_result

        def __exit__(self, *excinfo):
            return False

    class closing:
        __module__ = 'contextlib'

        def __init__(self, thing):
            self.thing = thing

        def __enter__(self):
            return self.thing

        def __exit__(self, *excinfo):
            self.thing.close()
            return False

    contextlib = _PgModule('contextlib')
    contextlib.contextmanager = contextmanager
    contextlib.suppress = suppress
    contextlib.nullcontext = nullcontext
    contextlib.closing = closing

    def adopt_task(thread):
        # An asyncio task (src/program/modules/asyncio.py) is a monty task that runs on its
        # loop's thread: there `current_thread()` answers that thread, as in CPython.
        me = _pg_asyncio.current_task()
        if thread is None:
            threads.pop(me, None)
        else:
            threads[me] = thread

    # What the modules fed on demand need of the prelude's own (src/program/modules/).
    internals = {
        'adopt_task': adopt_task,
        'last_line': last_line,
        'in_worker_process': lambda: state['child'] is not None,
    }

    return {
        '__main__': _PgMainModule('__main__'),
        'contextlib': contextlib,
        'operator': _pg_operator,
        'traceback': traceback,
        'logging': logging,
        'threading': threading,
        'queue': queue,
        'heapq': heapq,
        'concurrent': concurrent,
        'concurrent.futures': futures,
        'multiprocessing': multiprocessing,
        'multiprocessing.managers': managers,
        '_pg_travellers': travellers,
        '_pg_internals': internals,
        'urllib': urllib,
        'urllib.request': urllib_request,
        'urllib.error': urllib_error,
    }


async def _pg_thread_main(thread):
    thread._bootstrap()


__modules__ = _pg_build()
# The classes of the prelude's objects that may travel between processes (a manager's proxies,
# its locks and queues), as the globals a receiving process finds them by: a travelling
# object names one in its `_pg_class`, and src/program/processes.rs sends it under that name.
_pg_class_DictProxy, _pg_class_ListProxy, _pg_class_NamespaceProxy, _pg_class_ValueProxy, _pg_class_ArrayProxy, \
    _pg_class_Queue, _pg_class_JoinableQueue, _pg_class_ProcessSemaphore, _pg_class_ProcessRLock, \
    _pg_class_ProcessEvent = __modules__.pop('_pg_travellers')
_pg_internals = __modules__.pop('_pg_internals')
