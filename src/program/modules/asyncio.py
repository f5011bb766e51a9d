# asyncio: an event loop written in Python, as CPython's is, over the prelude's host locks. Fed
# after the prelude to a program that names the module (src/program/modules.rs), in place of
# monty's own `asyncio` (`run`, `gather`, `sleep`), whose `create_task` returns no task and whose
# tasks the playground's thread turns would interleave where CPython's never do.
#
# The loop runs where `asyncio.run()` (or `run_until_complete`) is called, on that thread, and
# runs the callbacks that are due, as CPython's `_run_once` does. A task is a monty task of its
# own (`_pg_asyncio.create_task`, as a thread is) that runs only while the loop hands it the
# turn: the loop releases the task's lock and waits on its own until the task gives the turn
# back, where it awaits a future not yet done, or ends. So exactly one of the loop and its
# tasks runs at a time, and tasks switch only where they await, as in CPython:
# - a coroutine that computes without awaiting keeps the loop (another *thread* may still
#   take its turn, as under the GIL);
# - a blocking call in a coroutine (`time.sleep`, a `threading.Lock`) blocks the whole loop,
#   which is the lesson CPython teaches;
# - `await asyncio.sleep(d)` is a timer of the loop, which waits on its lock until the first
#   timer is due or a thread hands it a callback (`call_soon_threadsafe`, as `to_thread` does).
# Futures, tasks, `gather`, `wait`, `wait_for`, `as_completed`, `timeout`, the locks and the
# queues follow CPython 3.11's, which build them on futures and callbacks.

def _pg_asyncio_build():
    import collections
    import heapq

    threading = __modules__['threading']
    futures = __modules__['concurrent.futures']
    deque = collections.deque
    last_line = _pg_internals['last_line']
    # A worker process runs one thread, whose host waits for nothing another task could
    # release: there `run`, `sleep` and `gather` are monty's own, and nothing else runs.
    in_worker_process = _pg_internals['in_worker_process']

    class CancelledError(BaseException):
        __module__ = 'asyncio.exceptions'

    class InvalidStateError(Exception):
        __module__ = 'asyncio.exceptions'

    class QueueEmpty(Exception):
        __module__ = 'asyncio.queues'

    class QueueFull(Exception):
        __module__ = 'asyncio.queues'

    class LimitOverrunError(Exception):
        __module__ = 'asyncio.exceptions'

    PENDING = 'PENDING'
    CANCELLED = 'CANCELLED'
    FINISHED = 'FINISHED'
    FIRST_COMPLETED = 'FIRST_COMPLETED'
    FIRST_EXCEPTION = 'FIRST_EXCEPTION'
    ALL_COMPLETED = 'ALL_COMPLETED'

    async def probe():
        pass

    coroutine_type = type(probe())

    state = {'task_counter': 0, 'loops': {}, 'policy_loops': {}}

    def iscoroutine(obj):
        return type(obj) is coroutine_type

    def isfuture(obj):
        return isinstance(obj, Future)

    def thread_key():
        return threading.get_ident()

    def _get_running_loop():
        loop = state['loops'].get(thread_key())
        if loop is not None and loop._running:
            return loop
        return None

    def get_running_loop():
        loop = _get_running_loop()
        if loop is None:
            raise RuntimeError('no running event loop')
        return loop

    def get_event_loop():
        loop = _get_running_loop()
        if loop is not None:
            return loop
        key = thread_key()
        loop = state['policy_loops'].get(key)
        if loop is None:
            if threading.current_thread() is not threading.main_thread():
                raise RuntimeError("There is no current event loop in thread '" + threading.current_thread().name + "'.")
            loop = new_event_loop()
            state['policy_loops'][key] = loop
        return loop

    def set_event_loop(loop):
        if loop is None:
            state['policy_loops'].pop(thread_key(), None)
        else:
            state['policy_loops'][thread_key()] = loop

    def new_event_loop():
        return EventLoop()

    # ------------------------------------------------------------------ handles

    class Handle:
        __module__ = 'asyncio.events'

        def __init__(self, callback, args, loop):
            self._callback = callback
            self._args = args
            self._loop = loop
            self._cancelled = False

        def cancel(self):
            self._cancelled = True
            self._callback = None
            self._args = None

        def cancelled(self):
            return self._cancelled

        def _run(self):
            try:
                self._callback(*self._args)
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                self._loop.call_exception_handler({
                    'message': 'Exception in callback ' + describe_callback(self._callback),
                    'exception': exc,
                })

        def __repr__(self):
            return '<Handle ' + ('cancelled' if self._cancelled else describe_callback(self._callback)) + '>'

    class TimerHandle(Handle):
        __module__ = 'asyncio.events'

        def __init__(self, when, callback, args, loop):
            super().__init__(callback, args, loop)
            self._when = when

        def when(self):
            return self._when

        def __repr__(self):
            return '<TimerHandle ' + ('cancelled' if self._cancelled else 'when=' + str(self._when)) + '>'

    def describe_callback(callback):
        name = getattr(callback, '__qualname__', None) or getattr(callback, '__name__', None)
        return (name if name else repr(callback)) + '()'

    # ------------------------------------------------------------------ the loop

    class EventLoop:
        __module__ = 'asyncio.unix_events'

        def __init__(self):
            self._ready = deque()
            self._scheduled = []
            self._sequence = 0
            # The loop waits on `_wake` for its first timer, or for a thread's callback;
            # `_turn` is handed back by the task that ran (both held while nobody waits).
            self._wake = _pg.lock_new()
            _pg.acquire(self._wake, True, -1)
            self._turn = _pg.lock_new()
            _pg.acquire(self._turn, True, -1)
            self._waiting = False
            self._running = False
            self._stopping = False
            self._closed = False
            self._current = None
            self._thread = None
            self._default_executor = None
            self._exception_handler = None
            self._debug = False

        def __repr__(self):
            return ('<_UnixSelectorEventLoop running=' + str(self._running) + ' closed=' + str(self._closed)
                    + ' debug=' + str(self._debug) + '>')

        def time(self):
            return _pg_time.monotonic()

        def _check_closed(self):
            if self._closed:
                raise RuntimeError('Event loop is closed')

        def call_soon(self, callback, *args, context=None):
            self._check_closed()
            handle = Handle(callback, args, self)
            self._ready.append(handle)
            return handle

        def call_later(self, delay, callback, *args, context=None):
            if delay is None:
                raise TypeError('delay must not be None')
            return self.call_at(self.time() + delay, callback, *args)

        def call_at(self, when, callback, *args, context=None):
            if when is None:
                raise TypeError('when cannot be None')
            self._check_closed()
            timer = TimerHandle(when, callback, args, self)
            self._sequence += 1
            heapq.heappush(self._scheduled, (when, self._sequence, timer))
            return timer

        def call_soon_threadsafe(self, callback, *args, context=None):
            handle = self.call_soon(callback, *args)
            self._wakeup()
            return handle

        def _wakeup(self):
            if self._waiting:
                self._waiting = False
                _pg.release(self._wake)

        def create_future(self):
            return Future(loop=self)

        def create_task(self, coro, *, name=None, context=None):
            self._check_closed()
            return Task(coro, loop=self, name=name)

        def is_running(self):
            return self._running

        def is_closed(self):
            return self._closed

        def get_debug(self):
            return self._debug

        def set_debug(self, enabled):
            self._debug = bool(enabled)

        def stop(self):
            self._stopping = True

        def close(self):
            if self._running:
                raise RuntimeError('Cannot close a running event loop')
            if self._closed:
                return
            self._closed = True
            self._ready.clear()
            self._scheduled = []
            executor = self._default_executor
            self._default_executor = None
            if executor is not None:
                executor.shutdown(wait=False)

        def run_forever(self):
            self._check_closed()
            if self._running:
                raise RuntimeError('This event loop is already running')
            if _get_running_loop() is not None:
                raise RuntimeError('Cannot run the event loop while another loop is running')
            key = thread_key()
            self._thread = threading.current_thread()
            previous = state['loops'].get(key)
            state['loops'][key] = self
            self._running = True
            try:
                while True:
                    self._run_once()
                    if self._stopping:
                        break
            finally:
                self._stopping = False
                self._running = False
                if previous is None:
                    state['loops'].pop(key, None)
                else:
                    state['loops'][key] = previous

        def run_until_complete(self, future):
            self._check_closed()
            if self._running:
                raise RuntimeError('This event loop is already running')
            future = ensure_future(future, loop=self)

            def done(fut):
                fut._loop.stop()

            future.add_done_callback(done)
            try:
                self.run_forever()
            finally:
                future.remove_done_callback(done)
            if not future.done():
                raise RuntimeError('Event loop stopped before Future completed.')
            return future.result()

        def _run_once(self):
            scheduled = self._scheduled
            while scheduled and scheduled[0][2]._cancelled:
                heapq.heappop(scheduled)
            if not self._ready and not self._stopping:
                timeout = -1
                if scheduled:
                    timeout = max(0, scheduled[0][0] - self.time())
                if timeout != 0:
                    # Waits until the first timer is due, or a thread hands a callback over.
                    self._waiting = True
                    if self._ready:
                        self._waiting = False
                    else:
                        _pg.acquire(self._wake, True, timeout)
                        self._waiting = False
            end = self.time()
            while scheduled:
                when, _, timer = scheduled[0]
                if when > end:
                    break
                heapq.heappop(scheduled)
                if not timer._cancelled:
                    self._ready.append(timer)
            for _ in range(len(self._ready)):
                handle = self._ready.popleft()
                if not handle._cancelled:
                    handle._run()

        def _run_task(self, task):
            # Hands the turn to `task` until it awaits a future not yet done, or ends.
            self._current = task
            if task._started:
                _pg.release(task._go)
            else:
                task._started = True
                _pg_asyncio.create_task(_pg_asyncio_task_main(task))
            _pg.acquire(self._turn, True, -1)
            self._current = None

        def run_in_executor(self, executor, func, *args):
            self._check_closed()
            if executor is None:
                executor = self._default_executor
                if executor is None:
                    executor = futures.ThreadPoolExecutor(thread_name_prefix='asyncio')
                    self._default_executor = executor
            return wrap_future(executor.submit(func, *args), loop=self)

        def set_default_executor(self, executor):
            self._default_executor = executor

        async def shutdown_default_executor(self):
            # On a thread of its own, as CPython's (`to_thread` would make a second executor).
            executor = self._default_executor
            if executor is None:
                return
            self._default_executor = None
            future = self.create_future()

            def do_shutdown():
                executor.shutdown(wait=True)
                self.call_soon_threadsafe(set_result_unless_cancelled, future, None)

            thread = threading.Thread(target=do_shutdown)
            thread.start()
            try:
                await future
            finally:
                thread.join()

        async def shutdown_asyncgens(self):
            pass

        def set_exception_handler(self, handler):
            self._exception_handler = handler

        def get_exception_handler(self):
            return self._exception_handler

        def default_exception_handler(self, context):
            message = context.get('message') or 'Unhandled exception in event loop'
            exc = context.get('exception')
            lines = [message]
            for key in sorted(context):
                if key not in ('message', 'exception'):
                    lines.append(key + ': ' + repr(context[key]))
            text = '\n'.join(lines) + '\n'
            if exc is None:
                _pg.stderr(text)
                return
            # The message, then the exception's traceback, on stderr, as CPython's logger
            # prints them; `_pg.uncaught` reads the traceback of the exception handled here.
            try:
                raise exc
            except BaseException:
                _pg.uncaught(text, last_line(exc), False)

        def call_exception_handler(self, context):
            if self._exception_handler is None:
                self.default_exception_handler(context)
            else:
                self._exception_handler(self, context)

    # ------------------------------------------------------------------ futures

    class Future:
        __module__ = 'asyncio.futures'

        def __init__(self, *, loop=None):
            self._loop = loop if loop is not None else get_event_loop()
            self._state = PENDING
            self._result = None
            self._exception = None
            self._callbacks = []
            self._cancel_message = None

        def __repr__(self):
            info = self._state.lower()
            if self._state == FINISHED:
                if self._exception is not None:
                    info += ' exception=' + repr(self._exception)
                else:
                    info += ' result=' + repr(self._result)
            return '<' + type(self).__name__ + ' ' + info + '>'

        def get_loop(self):
            return self._loop

        def done(self):
            return self._state != PENDING

        def cancelled(self):
            return self._state == CANCELLED

        def result(self):
            if self._state == CANCELLED:
                raise self._cancelled_error()
            if self._state != FINISHED:
                raise InvalidStateError('Result is not set.')
            if self._exception is not None:
                raise self._exception
            return self._result

        def exception(self):
            if self._state == CANCELLED:
                raise self._cancelled_error()
            if self._state != FINISHED:
                raise InvalidStateError('Exception is not set.')
            return self._exception

        def _cancelled_error(self):
            if self._cancel_message is None:
                return CancelledError()
            return CancelledError(self._cancel_message)

        def set_result(self, result):
            if self._state != PENDING:
                raise InvalidStateError(self._state + ': ' + repr(self))
            self._result = result
            self._state = FINISHED
            self._schedule_callbacks()

        def set_exception(self, exception):
            if self._state != PENDING:
                raise InvalidStateError(self._state + ': ' + repr(self))
            if isinstance(exception, type):
                exception = exception()
            if type(exception) is StopIteration:
                raise TypeError('StopIteration interacts badly with generators and cannot be raised into a Future')
            self._exception = exception
            self._state = FINISHED
            self._schedule_callbacks()

        def cancel(self, msg=None):
            if self._state != PENDING:
                return False
            self._state = CANCELLED
            self._cancel_message = msg
            self._schedule_callbacks()
            return True

        def add_done_callback(self, fn, *, context=None):
            if self._state != PENDING:
                self._loop.call_soon(fn, self)
            else:
                self._callbacks.append(fn)

        def remove_done_callback(self, fn):
            kept = [f for f in self._callbacks if f != fn]
            removed = len(self._callbacks) - len(kept)
            self._callbacks = kept
            return removed

        def _schedule_callbacks(self):
            callbacks = self._callbacks
            self._callbacks = []
            for callback in callbacks:
                self._loop.call_soon(callback, self)

        def __await__(self):
            if not self.done():
                task = self._loop._current
                if task is None:
                    raise RuntimeError('await wasn\'t used with future')
                task._wait_for(self)
            return self.result()
            yield

    def wrap_future(future, *, loop=None):
        if isfuture(future):
            return future
        if loop is None:
            loop = get_event_loop()
        new_future = loop.create_future()

        def copy_state(source):
            if new_future.done():
                return
            if source.cancelled():
                new_future.cancel()
                return
            exc = source.exception()
            if exc is not None:
                new_future.set_exception(exc)
            else:
                new_future.set_result(source.result())

        def from_thread(source):
            if not loop.is_closed():
                loop.call_soon_threadsafe(copy_state, source)

        def cancel_source(fut):
            if fut.cancelled():
                future.cancel()

        new_future.add_done_callback(cancel_source)
        future.add_done_callback(from_thread)
        return new_future

    # ------------------------------------------------------------------ tasks

    class Task(Future):
        __module__ = 'asyncio.tasks'

        def __init__(self, coro, *, loop=None, name=None):
            super().__init__(loop=loop)
            if not iscoroutine(coro):
                raise TypeError('a coroutine was expected, got ' + repr(coro))
            self._coro = coro
            state['task_counter'] += 1
            self._name = 'Task-' + str(state['task_counter']) if name is None else str(name)
            self._must_cancel = False
            self._num_cancels_requested = 0
            self._fut_waiter = None
            self._started = False
            self._go = _pg.lock_new()
            _pg.acquire(self._go, True, -1)
            self._loop.call_soon(self._step)
            all_tasks_set.append(self)

        def __repr__(self):
            info = self._state.lower()
            text = '<Task ' + info + ' name=' + repr(self._name)
            if self._state == FINISHED:
                if self._exception is not None:
                    text += ' exception=' + repr(self._exception)
                else:
                    text += ' result=' + repr(self._result)
            return text + '>'

        def get_name(self):
            return self._name

        def set_name(self, value):
            self._name = str(value)

        def get_coro(self):
            return self._coro

        def set_result(self, result):
            raise RuntimeError('Task does not support set_result operation')

        def set_exception(self, exception):
            raise RuntimeError('Task does not support set_exception operation')

        def cancel(self, msg=None):
            if self.done():
                return False
            self._num_cancels_requested += 1
            if self._fut_waiter is not None:
                if self._fut_waiter.cancel(msg=msg):
                    return True
            self._must_cancel = True
            self._cancel_message = msg
            return True

        def cancelling(self):
            return self._num_cancels_requested

        def uncancel(self):
            if self._num_cancels_requested > 0:
                self._num_cancels_requested -= 1
            return self._num_cancels_requested

        def _step(self, future=None):
            # A callback of the loop: the task runs until it awaits again, or ends.
            if self.done():
                return
            self._loop._run_task(self)

        def _wait_for(self, future):
            # In the task: gives the turn back to the loop until `future` is done (or the task
            # is cancelled), as CPython's task suspends on the future its coroutine yields.
            if future is self:
                raise RuntimeError('Task cannot await on itself: ' + repr(self))
            self._fut_waiter = future
            future.add_done_callback(self._step)
            self._pause()
            self._fut_waiter = None
            if self._must_cancel:
                self._must_cancel = False
                raise self._cancelled_error()

        def _yield_now(self):
            # `await asyncio.sleep(0)`: the other ready callbacks run first.
            self._loop.call_soon(self._step)
            self._pause()
            if self._must_cancel:
                self._must_cancel = False
                raise self._cancelled_error()

        def _pause(self):
            _pg.release(self._loop._turn)
            _pg.acquire(self._go, True, -1)

        def _finish(self, result, exception, cancelled):
            # In the task, before it gives the turn back for the last time.
            if cancelled is not None:
                self._state = CANCELLED
                if cancelled.args:
                    self._cancel_message = cancelled.args[0]
            elif exception is not None:
                self._exception = exception
                self._state = FINISHED
            else:
                self._result = result
                self._state = FINISHED
            self._schedule_callbacks()
            if self in all_tasks_set:
                all_tasks_set.remove(self)

    all_tasks_set = []

    def current_task(loop=None):
        if loop is None:
            loop = get_running_loop()
        return loop._current

    def all_tasks(loop=None):
        if loop is None:
            loop = get_running_loop()
        return set([t for t in all_tasks_set if t._loop is loop and not t.done()])

    def create_task(coro, *, name=None, context=None):
        return get_running_loop().create_task(coro, name=name)

    def ensure_future(coro_or_future, *, loop=None):
        if isfuture(coro_or_future):
            if loop is not None and loop is not coro_or_future._loop:
                raise ValueError('The future belongs to a different loop than the one specified as the loop argument')
            return coro_or_future
        if iscoroutine(coro_or_future):
            if loop is None:
                loop = get_event_loop()
            return loop.create_task(coro_or_future)
        if hasattr(coro_or_future, '__await__'):
            return ensure_future(wrap_awaitable(coro_or_future), loop=loop)
        raise TypeError('An asyncio.Future, a coroutine or an awaitable is required')

    async def wrap_awaitable(awaitable):
        return await awaitable

    def run(main, *, debug=None):
        if in_worker_process():
            return _pg_asyncio.run(main)
        if _get_running_loop() is not None:
            raise RuntimeError('asyncio.run() cannot be called from a running event loop')
        if not iscoroutine(main):
            raise ValueError('a coroutine was expected, got ' + repr(main))
        loop = new_event_loop()
        if debug is not None:
            loop.set_debug(debug)
        try:
            set_event_loop(loop)
            return loop.run_until_complete(main)
        finally:
            try:
                cancel_all_tasks(loop)
                loop.run_until_complete(loop.shutdown_default_executor())
            finally:
                set_event_loop(None)
                loop.close()

    def cancel_all_tasks(loop):
        to_cancel = [t for t in all_tasks_set if t._loop is loop and not t.done()]
        if not to_cancel:
            return
        for task in to_cancel:
            task.cancel()
        loop.run_until_complete(gather(*to_cancel, return_exceptions=True))
        for task in to_cancel:
            if task.cancelled():
                continue
            if task.exception() is not None:
                loop.call_exception_handler({
                    'message': 'unhandled exception during asyncio.run() shutdown',
                    'exception': task.exception(),
                    'task': task,
                })

    # ------------------------------------------------------------------ sleeping and waiting

    async def sleep(delay, result=None):
        if in_worker_process():
            return await _pg_asyncio.sleep(delay, result)
        if delay <= 0:
            loop = get_running_loop()
            task = loop._current
            if task is None:
                raise RuntimeError('sleep() outside a task')
            task._yield_now()
            return result
        loop = get_running_loop()
        future = loop.create_future()
        timer = loop.call_later(delay, set_result_unless_cancelled, future, result)
        try:
            return await future
        finally:
            timer.cancel()

    def set_result_unless_cancelled(future, result):
        if not future.cancelled():
            future.set_result(result)

    def release_waiter(waiter, *args):
        if not waiter.done():
            waiter.set_result(None)

    async def cancel_and_wait(future):
        # Cancels `future` and waits until it has ended, as `wait_for` does on a timeout.
        loop = get_running_loop()
        waiter = loop.create_future()

        def done(fut):
            release_waiter(waiter)

        future.add_done_callback(done)
        try:
            future.cancel()
            await waiter
        finally:
            future.remove_done_callback(done)

    async def wait_for(fut, timeout):
        loop = get_running_loop()
        if timeout is None:
            return await fut
        if timeout <= 0:
            fut = ensure_future(fut, loop=loop)
            if fut.done():
                return fut.result()
            await cancel_and_wait(fut)
            try:
                return fut.result()
            except CancelledError as exc:
                raise TimeoutError() from exc
        waiter = loop.create_future()
        timer = loop.call_later(timeout, release_waiter, waiter)

        def done(f):
            release_waiter(waiter)

        fut = ensure_future(fut, loop=loop)
        fut.add_done_callback(done)
        try:
            try:
                await waiter
            except CancelledError:
                if fut.done():
                    return fut.result()
                fut.remove_done_callback(done)
                await cancel_and_wait(fut)
                raise
            if fut.done():
                return fut.result()
            fut.remove_done_callback(done)
            await cancel_and_wait(fut)
            try:
                return fut.result()
            except CancelledError as exc:
                raise TimeoutError() from exc
        finally:
            timer.cancel()

    async def wait(fs, *, timeout=None, return_when=ALL_COMPLETED):
        if isfuture(fs) or iscoroutine(fs):
            raise TypeError('expect a list of futures, not ' + type(fs).__name__)
        if not fs:
            raise ValueError('Set of Tasks/Futures is empty.')
        if return_when not in (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED):
            raise ValueError('Invalid return_when value: ' + str(return_when))
        loop = get_running_loop()
        fs = list(fs)
        if any(iscoroutine(f) for f in fs):
            raise TypeError('Passing coroutines is forbidden, use tasks explicitly.')
        unique = []
        for f in fs:
            if f not in unique:
                unique.append(ensure_future(f, loop=loop))
        fs = unique
        waiter = loop.create_future()
        timer = None
        if timeout is not None:
            timer = loop.call_later(timeout, release_waiter, waiter)
        counter = [len(fs)]

        def on_completion(f):
            counter[0] -= 1
            if (counter[0] <= 0 or return_when == FIRST_COMPLETED
                    or (return_when == FIRST_EXCEPTION and not f.cancelled() and f.exception() is not None)):
                if timer is not None:
                    timer.cancel()
                release_waiter(waiter)

        for f in fs:
            f.add_done_callback(on_completion)
        try:
            await waiter
        finally:
            if timer is not None:
                timer.cancel()
            for f in fs:
                f.remove_done_callback(on_completion)
        done = set()
        pending = set()
        for f in fs:
            if f.done():
                done.add(f)
            else:
                pending.add(f)
        return done, pending

    def as_completed(fs, *, timeout=None):
        if isfuture(fs) or iscoroutine(fs):
            raise TypeError('expect an iterable of futures, not ' + type(fs).__name__)
        loop = get_event_loop()
        todo = []
        for f in fs:
            f = ensure_future(f, loop=loop)
            if f not in todo:
                todo.append(f)
        done = Queue()
        timer = [None]

        def on_timeout():
            for f in todo:
                f.remove_done_callback(on_completion)
                done.put_nowait(None)
            todo.clear()

        def on_completion(f):
            if not todo:
                return
            todo.remove(f)
            done.put_nowait(f)
            if not todo and timer[0] is not None:
                timer[0].cancel()

        async def wait_for_one():
            f = await done.get()
            if f is None:
                raise TimeoutError
            return f.result()

        for f in todo:
            f.add_done_callback(on_completion)
        if todo and timeout is not None:
            timer[0] = loop.call_later(timeout, on_timeout)
        return [wait_for_one() for _ in range(len(todo))]

    class GatheringFuture(Future):
        __module__ = 'asyncio.tasks'

        def __init__(self, children, *, loop):
            super().__init__(loop=loop)
            self._children = children
            self._cancel_requested = False

        def cancel(self, msg=None):
            if self.done():
                return False
            ret = False
            for child in self._children:
                if child.cancel(msg=msg):
                    ret = True
            if ret:
                self._cancel_requested = True
            return ret

    def gather(*coros_or_futures, return_exceptions=False):
        if in_worker_process():
            return _pg_asyncio.gather(*coros_or_futures, return_exceptions=return_exceptions)
        if not coros_or_futures:
            loop = get_event_loop()
            outer = loop.create_future()
            outer.set_result([])
            return outer
        loop = None
        children = []
        made = {}
        for arg in coros_or_futures:
            key = id(arg)
            if key in made:
                fut = made[key]
            else:
                fut = ensure_future(arg, loop=loop)
                if loop is None:
                    loop = fut._loop
                made[key] = fut
            children.append(fut)
        outer = GatheringFuture(children, loop=loop)
        finished = [0]
        count = len(children)

        def child_done(fut):
            finished[0] += 1
            if outer.done():
                if not fut.cancelled():
                    fut.exception()
                return
            if not return_exceptions:
                if fut.cancelled():
                    outer.set_exception(fut._cancelled_error())
                    return
                exc = fut.exception()
                if exc is not None:
                    outer.set_exception(exc)
                    return
            if finished[0] == count:
                results = []
                for f in children:
                    if f.cancelled():
                        results.append(f._cancelled_error())
                    else:
                        exc = f.exception()
                        results.append(exc if exc is not None else f.result())
                if outer._cancel_requested:
                    outer.set_exception(CancelledError())
                else:
                    outer.set_result(results)

        seen = []
        for fut in children:
            if fut not in seen:
                seen.append(fut)
                fut.add_done_callback(child_done)
        return outer

    def shield(arg):
        inner = ensure_future(arg)
        if inner.done():
            return inner
        loop = inner._loop
        outer = loop.create_future()

        def inner_done(inner):
            if outer.cancelled():
                if not inner.cancelled():
                    inner.exception()
                return
            if inner.cancelled():
                outer.cancel()
            else:
                exc = inner.exception()
                if exc is not None:
                    outer.set_exception(exc)
                else:
                    outer.set_result(inner.result())

        def outer_done(outer):
            if not inner.done():
                inner.remove_done_callback(inner_done)

        inner.add_done_callback(inner_done)
        outer.add_done_callback(outer_done)
        return outer

    async def to_thread(func, /, *args, **kwargs):
        loop = get_running_loop()
        return await loop.run_in_executor(None, lambda: func(*args, **kwargs))

    def run_coroutine_threadsafe(coro, loop):
        if not iscoroutine(coro):
            raise TypeError('A coroutine object is required')
        future = futures.Future()

        def start():
            task = ensure_future(coro, loop=loop)

            def copy(t):
                if t.cancelled():
                    future.cancel()
                elif t.exception() is not None:
                    future.set_exception(t.exception())
                else:
                    future.set_result(t.result())

            task.add_done_callback(copy)

        loop.call_soon_threadsafe(start)
        return future

    # ------------------------------------------------------------------ timeouts

    class Timeout:
        __module__ = 'asyncio.timeouts'

        def __init__(self, when):
            self._when = when
            self._handle = None
            self._task = None
            self._expired = False

        def when(self):
            return self._when

        def reschedule(self, when):
            if self._handle is not None:
                self._handle.cancel()
                self._handle = None
            self._when = when
            if when is not None and self._task is not None:
                loop = get_running_loop()
                if when <= loop.time():
                    self._handle = loop.call_soon(self._on_timeout)
                else:
                    self._handle = loop.call_at(when, self._on_timeout)

        def expired(self):
            return self._expired

        async def __aenter__(self):
            self._task = current_task()
            if self._task is None:
                raise RuntimeError('Timeout should be used inside a task')
            self.reschedule(self._when)
            return self

        async def __aexit__(self, exc_type, exc_val, exc_tb):
            if self._handle is not None:
                self._handle.cancel()
                self._handle = None
            if self._expired:
                self._task.uncancel()
                if exc_type is CancelledError:
                    raise TimeoutError from exc_val
            return None

        def _on_timeout(self):
            self._task.cancel()
            self._expired = True
            self._handle = None

    def timeout(delay):
        loop = get_running_loop()
        return Timeout(loop.time() + delay if delay is not None else None)

    def timeout_at(when):
        return Timeout(when)

    # ------------------------------------------------------------------ task groups

    class TaskGroup:
        __module__ = 'asyncio.taskgroups'

        def __init__(self):
            self._entered = False
            self._exiting = False
            self._aborting = False
            self._loop = None
            self._parent_task = None
            self._parent_cancel_requested = False
            self._tasks = []
            self._errors = []
            self._on_completed = None

        def __repr__(self):
            return '<TaskGroup' + (' tasks=' + str(len(self._tasks)) if self._tasks else '') + \
                (' errors=' + str(len(self._errors)) if self._errors else '') + \
                (' cancelling' if self._aborting else ' entered' if self._entered else '') + '>'

        async def __aenter__(self):
            if self._entered:
                raise RuntimeError('TaskGroup ' + repr(self) + ' has been already entered')
            self._entered = True
            self._loop = get_running_loop()
            self._parent_task = current_task()
            if self._parent_task is None:
                raise RuntimeError('TaskGroup ' + repr(self) + ' cannot determine the parent task')
            return self

        async def __aexit__(self, et, exc, tb):
            self._exiting = True
            propagate_cancellation_error = None
            if exc is not None and et is not CancelledError and not isinstance(exc, CancelledError) \
                    and not isinstance(exc, Exception):
                raise exc
            if exc is not None and not self._aborting and (isinstance(exc, CancelledError) or isinstance(exc, Exception)):
                if not isinstance(exc, CancelledError):
                    self._errors.append(exc)
                self._abort()
            if isinstance(exc, CancelledError):
                propagate_cancellation_error = exc
            while self._tasks:
                if self._on_completed is None:
                    self._on_completed = self._loop.create_future()
                try:
                    await self._on_completed
                except CancelledError as e:
                    if not self._aborting:
                        propagate_cancellation_error = e
                        self._abort()
                self._on_completed = None
            if propagate_cancellation_error is not None and not self._errors:
                raise propagate_cancellation_error
            if self._errors:
                errors = self._errors
                self._errors = None
                # CPython raises an ExceptionGroup of them, which monty does not have: what
                # the first one was is said, and its traceback shown as the cause.
                raise NotImplementedError(
                    'unhandled errors in a TaskGroup (' + str(len(errors)) + ' sub-exception'
                    + ('s' if len(errors) > 1 else '') + ', the first ' + last_line(errors[0])
                    + "): CPython raises an ExceptionGroup of them, which the playground's Python (monty) does not have"
                ) from errors[0]

        def create_task(self, coro, *, name=None, context=None):
            if not self._entered:
                raise RuntimeError('TaskGroup ' + repr(self) + ' has not been entered')
            if self._exiting and not self._tasks:
                raise RuntimeError('TaskGroup ' + repr(self) + ' is finished')
            if self._aborting:
                raise RuntimeError('TaskGroup ' + repr(self) + ' is shutting down')
            task = self._loop.create_task(coro, name=name)
            task.add_done_callback(self._on_task_done)
            self._tasks.append(task)
            return task

        def _abort(self):
            self._aborting = True
            for t in self._tasks:
                if not t.done():
                    t.cancel()

        def _on_task_done(self, task):
            if task in self._tasks:
                self._tasks.remove(task)
            if self._on_completed is not None and not self._tasks:
                if not self._on_completed.done():
                    self._on_completed.set_result(True)
            if task.cancelled():
                return
            exc = task.exception()
            if exc is None:
                return
            self._errors.append(exc)
            if not self._aborting:
                self._abort()
                if not self._parent_task.done() and not self._exiting:
                    self._parent_cancel_requested = True
                    self._parent_task.cancel()

    # ------------------------------------------------------------------ locks

    class Lock:
        __module__ = 'asyncio.locks'

        def __init__(self):
            self._waiters = None
            self._locked = False

        def __repr__(self):
            extra = 'locked' if self._locked else 'unlocked'
            if self._waiters:
                extra += ', waiters:' + str(len(self._waiters))
            return '<asyncio.locks.Lock object at ' + hex(id(self)) + ' [' + extra + ']>'

        def locked(self):
            return self._locked

        async def acquire(self):
            if not self._locked and (self._waiters is None or all(w.cancelled() for w in self._waiters)):
                self._locked = True
                return True
            if self._waiters is None:
                self._waiters = deque()
            fut = get_running_loop().create_future()
            self._waiters.append(fut)
            try:
                try:
                    await fut
                finally:
                    self._waiters.remove(fut)
            except CancelledError:
                if not self._locked:
                    self._wake_up_first()
                raise
            self._locked = True
            return True

        def release(self):
            if self._locked:
                self._locked = False
                self._wake_up_first()
            else:
                raise RuntimeError('Lock is not acquired.')

        def _wake_up_first(self):
            if not self._waiters:
                return
            fut = self._waiters[0]
            if not fut.done():
                fut.set_result(True)

        async def __aenter__(self):
            await self.acquire()
            return None

        async def __aexit__(self, exc_type, exc, tb):
            self.release()

    class Event:
        __module__ = 'asyncio.locks'

        def __init__(self):
            self._waiters = deque()
            self._value = False

        def __repr__(self):
            extra = 'set' if self._value else 'unset'
            if self._waiters:
                extra += ', waiters:' + str(len(self._waiters))
            return '<asyncio.locks.Event object at ' + hex(id(self)) + ' [' + extra + ']>'

        def is_set(self):
            return self._value

        def set(self):
            if not self._value:
                self._value = True
                for fut in self._waiters:
                    if not fut.done():
                        fut.set_result(True)

        def clear(self):
            self._value = False

        async def wait(self):
            if self._value:
                return True
            fut = get_running_loop().create_future()
            self._waiters.append(fut)
            try:
                await fut
                return True
            finally:
                self._waiters.remove(fut)

    class Condition:
        __module__ = 'asyncio.locks'

        def __init__(self, lock=None):
            if lock is None:
                lock = Lock()
            self._lock = lock
            self.locked = lock.locked
            self.acquire = lock.acquire
            self.release = lock.release
            self._waiters = deque()

        async def __aenter__(self):
            await self.acquire()
            return None

        async def __aexit__(self, exc_type, exc, tb):
            self.release()

        async def wait(self):
            if not self.locked():
                raise RuntimeError('cannot wait on un-acquired lock')
            self.release()
            try:
                fut = get_running_loop().create_future()
                self._waiters.append(fut)
                try:
                    await fut
                    return True
                finally:
                    self._waiters.remove(fut)
            finally:
                cancelled = False
                while True:
                    try:
                        await self.acquire()
                        break
                    except CancelledError:
                        cancelled = True
                if cancelled:
                    raise CancelledError

        async def wait_for(self, predicate):
            result = predicate()
            while not result:
                await self.wait()
                result = predicate()
            return result

        def notify(self, n=1):
            if not self.locked():
                raise RuntimeError('cannot notify on un-acquired lock')
            idx = 0
            for fut in self._waiters:
                if idx >= n:
                    break
                if not fut.done():
                    idx += 1
                    fut.set_result(False)

        def notify_all(self):
            self.notify(len(self._waiters))

    class Semaphore:
        __module__ = 'asyncio.locks'

        def __init__(self, value=1):
            if value < 0:
                raise ValueError('Semaphore initial value must be >= 0')
            self._waiters = None
            self._value = value

        def __repr__(self):
            extra = 'locked' if self.locked() else 'unlocked, value:' + str(self._value)
            if self._waiters:
                extra += ', waiters:' + str(len(self._waiters))
            return '<asyncio.locks.' + type(self).__name__ + ' object at ' + hex(id(self)) + ' [' + extra + ']>'

        def locked(self):
            return self._value == 0 or any(not w.cancelled() for w in (self._waiters or ()))

        async def acquire(self):
            if not self.locked():
                self._value -= 1
                return True
            if self._waiters is None:
                self._waiters = deque()
            fut = get_running_loop().create_future()
            self._waiters.append(fut)
            try:
                try:
                    await fut
                finally:
                    self._waiters.remove(fut)
            except CancelledError:
                if fut.done() and not fut.cancelled():
                    self._value += 1
                raise
            finally:
                while self._value > 0:
                    if not self._wake_up_next():
                        break
            return True

        def release(self):
            self._value += 1
            self._wake_up_next()

        def _wake_up_next(self):
            if not self._waiters:
                return False
            for fut in self._waiters:
                if not fut.done():
                    self._value -= 1
                    fut.set_result(True)
                    return True
            return False

        async def __aenter__(self):
            await self.acquire()
            return None

        async def __aexit__(self, exc_type, exc, tb):
            self.release()

    class BoundedSemaphore(Semaphore):
        __module__ = 'asyncio.locks'

        def __init__(self, value=1):
            self._bound_value = value
            super().__init__(value)

        def release(self):
            if self._value >= self._bound_value:
                raise ValueError('BoundedSemaphore released too many times')
            super().release()

    # ------------------------------------------------------------------ queues

    class Queue:
        __module__ = 'asyncio.queues'

        def __init__(self, maxsize=0):
            self._maxsize = maxsize
            self._getters = deque()
            self._putters = deque()
            self._unfinished_tasks = 0
            self._finished = Event()
            self._finished.set()
            self._init(maxsize)

        def _init(self, maxsize):
            self._queue = deque()

        def _get(self):
            return self._queue.popleft()

        def _put(self, item):
            self._queue.append(item)

        def _wakeup_next(self, waiters):
            while waiters:
                waiter = waiters.popleft()
                if not waiter.done():
                    waiter.set_result(None)
                    break

        def __repr__(self):
            return '<' + type(self).__name__ + ' at ' + hex(id(self)) + ' maxsize=' + repr(self._maxsize) + self._format() + '>'

        def __str__(self):
            return '<' + type(self).__name__ + ' maxsize=' + repr(self._maxsize) + self._format() + '>'

        def _format(self):
            result = ''
            if self._queue:
                result += ' _queue=' + repr(list(self._queue))
            if self._getters:
                result += ' _getters[' + str(len(self._getters)) + ']'
            if self._putters:
                result += ' _putters[' + str(len(self._putters)) + ']'
            if self._unfinished_tasks:
                result += ' tasks=' + str(self._unfinished_tasks)
            return result

        def qsize(self):
            return len(self._queue)

        @property
        def maxsize(self):
            return self._maxsize

        def empty(self):
            return not self._queue

        def full(self):
            if self._maxsize <= 0:
                return False
            return self.qsize() >= self._maxsize

        async def _wait_while(self, blocked, waiters):
            # Waits in `waiters` while `blocked()`, as `put` (the queue full) and `get` (empty)
            # do; a waiter cancelled after it was woken wakes the next one in its place.
            while blocked():
                waiter = get_running_loop().create_future()
                waiters.append(waiter)
                try:
                    await waiter
                except:
                    waiter.cancel()
                    if waiter in waiters:
                        waiters.remove(waiter)
                    if not blocked() and not waiter.cancelled():
                        self._wakeup_next(waiters)
                    raise

        async def put(self, item):
            await self._wait_while(self.full, self._putters)
            return self.put_nowait(item)

        def put_nowait(self, item):
            if self.full():
                raise QueueFull
            self._put(item)
            self._unfinished_tasks += 1
            self._finished.clear()
            self._wakeup_next(self._getters)

        async def get(self):
            await self._wait_while(self.empty, self._getters)
            return self.get_nowait()

        def get_nowait(self):
            if self.empty():
                raise QueueEmpty
            item = self._get()
            self._wakeup_next(self._putters)
            return item

        def task_done(self):
            if self._unfinished_tasks <= 0:
                raise ValueError('task_done() called too many times')
            self._unfinished_tasks -= 1
            if self._unfinished_tasks == 0:
                self._finished.set()

        async def join(self):
            if self._unfinished_tasks > 0:
                await self._finished.wait()

    class PriorityQueue(Queue):
        __module__ = 'asyncio.queues'

        def _init(self, maxsize):
            self._queue = []

        def _put(self, item):
            heapq.heappush(self._queue, item)

        def _get(self):
            return heapq.heappop(self._queue)

    class LifoQueue(Queue):
        __module__ = 'asyncio.queues'

        def _init(self, maxsize):
            self._queue = []

        def _put(self, item):
            self._queue.append(item)

        def _get(self):
            return self._queue.pop()

    return {
        'run': run,
        'sleep': sleep,
        'gather': gather,
        'wait': wait,
        'wait_for': wait_for,
        'as_completed': as_completed,
        'shield': shield,
        'timeout': timeout,
        'timeout_at': timeout_at,
        'Timeout': Timeout,
        'to_thread': to_thread,
        'run_coroutine_threadsafe': run_coroutine_threadsafe,
        'create_task': create_task,
        'ensure_future': ensure_future,
        'wrap_future': wrap_future,
        'current_task': current_task,
        'all_tasks': all_tasks,
        'get_running_loop': get_running_loop,
        'get_event_loop': get_event_loop,
        'set_event_loop': set_event_loop,
        'new_event_loop': new_event_loop,
        'iscoroutine': iscoroutine,
        'isfuture': isfuture,
        'Future': Future,
        'Task': Task,
        'Handle': Handle,
        'TimerHandle': TimerHandle,
        'AbstractEventLoop': EventLoop,
        'BaseEventLoop': EventLoop,
        'TaskGroup': TaskGroup,
        'Lock': Lock,
        'Event': Event,
        'Condition': Condition,
        'Semaphore': Semaphore,
        'BoundedSemaphore': BoundedSemaphore,
        'Queue': Queue,
        'PriorityQueue': PriorityQueue,
        'LifoQueue': LifoQueue,
        'QueueEmpty': QueueEmpty,
        'QueueFull': QueueFull,
        'CancelledError': CancelledError,
        'InvalidStateError': InvalidStateError,
        'LimitOverrunError': LimitOverrunError,
        'TimeoutError': TimeoutError,
        'FIRST_COMPLETED': FIRST_COMPLETED,
        'FIRST_EXCEPTION': FIRST_EXCEPTION,
        'ALL_COMPLETED': ALL_COMPLETED,
    }


async def _pg_asyncio_task_main(task):
    # A task's own monty task: runs its coroutine while the loop hands it the turn, then
    # settles the task and gives the turn back for the last time.
    _pg_internals['adopt_task'](task._loop._thread)
    result = None
    exception = None
    cancelled = None
    try:
        if task._must_cancel:
            task._must_cancel = False
            raise task._cancelled_error()
        result = await task._coro
    except __modules__['asyncio'].CancelledError as e:
        cancelled = e
    except BaseException as e:
        exception = e
    task._finish(result, exception, cancelled)
    _pg_internals['adopt_task'](None)
    _pg.release(task._loop._turn)


# Not `_pg_provide`, whose module travels by the global `_pg_asyncio`: that is monty's
# `asyncio`, on which the prelude's threads and this module's tasks run. Nothing of this one
# travels to a worker process.
_pg_module('asyncio', _pg_asyncio_build())
