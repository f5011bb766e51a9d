# timeit, as CPython 3.11's: `Timer`, `timeit`, `repeat` and `default_timer` (the clock a
# benchmark reads, `time.perf_counter`). A statement given as a string is built into a function
# that runs it `number` times between two reads of the timer, as CPython builds it, and run in
# a namespace of its own, where the program's names are not found (CPython's is the timeit
# module's): `globals=` gives it the program's, or a setup of `from __main__ import fib`. Fed
# after the prelude to a program that names the module (src/program/mod.rs).


def _pg_timeit_build():
    default_timer = _pg_time.perf_counter
    default_number = 1000000
    default_repeat = 5

    def reindent(src, indent):
        return src.replace('\n', '\n' + ' ' * indent)

    class Timer:
        __module__ = 'timeit'

        def __init__(self, stmt='pass', setup='pass', timer=default_timer, globals=None):
            self.timer = timer
            local_ns = {}
            global_ns = {} if globals is None else globals
            init = ''
            if isinstance(setup, str):
                setup = reindent(setup, 4)
            elif callable(setup):
                local_ns['_setup'] = setup
                init += ', _setup=_setup'
                setup = '_setup()'
            else:
                raise ValueError('setup is neither a string nor callable')
            if isinstance(stmt, str):
                stmt = reindent(stmt, 8)
            elif callable(stmt):
                local_ns['_stmt'] = stmt
                init += ', _stmt=_stmt'
                stmt = '_stmt()'
            else:
                raise ValueError('stmt is neither a string nor callable')
            # CPython's template, filled in.
            self.src = ('\ndef inner(_it, _timer' + init + '):\n    ' + setup + '\n    _t0 = _timer()\n'
                        + '    for _i in _it:\n        ' + stmt + '\n        pass\n    _t1 = _timer()\n'
                        + '    return _t1 - _t0\n')
            exec(self.src, global_ns, local_ns)
            self.inner = local_ns['inner']

        def timeit(self, number=default_number):
            return self.inner(range(number), self.timer)

        def repeat(self, repeat=default_repeat, number=default_number):
            return [self.timeit(number) for _ in range(repeat)]

        def autorange(self, callback=None):
            i = 1
            while True:
                for j in 1, 2, 5:
                    number = i * j
                    time_taken = self.timeit(number)
                    if callback:
                        callback(number, time_taken)
                    if time_taken >= 0.2:
                        return (number, time_taken)
                i *= 10

    def timeit(stmt='pass', setup='pass', timer=default_timer, number=default_number, globals=None):
        return Timer(stmt, setup, timer, globals).timeit(number)

    def repeat(stmt='pass', setup='pass', timer=default_timer, repeat=default_repeat,
               number=default_number, globals=None):
        return Timer(stmt, setup, timer, globals).repeat(repeat, number)

    return {
        'Timer': Timer,
        'timeit': timeit,
        'repeat': repeat,
        'default_timer': default_timer,
        'default_number': default_number,
        'default_repeat': default_repeat,
    }


_pg_timeit = _pg_provide('timeit', _pg_timeit_build())
