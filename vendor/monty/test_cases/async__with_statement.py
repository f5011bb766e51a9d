# `async with`: `__aenter__` and `__aexit__` awaited, on a normal exit, an exception (which a
# true `__aexit__` suppresses), `return`, `break` and `continue`, and several managers.
import asyncio

log = []


class Manager:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow

    async def __aenter__(self):
        log.append(('enter', self.name))
        await asyncio.sleep(0)
        return self.name.upper()

    async def __aexit__(self, exc_type, exc, tb):
        log.append(('exit', self.name, exc_type.__name__ if exc_type else None, str(exc) if exc else None))
        return self.swallow


class OnlyEnter:
    async def __aenter__(self):
        return self


class OnlyExit:
    async def __aexit__(self, *args):
        return False


async def body():
    async with Manager('a') as a, Manager('b') as b:
        log.append(('body', a, b))
    async with Manager('c', swallow=True):
        raise ValueError('swallowed')
    try:
        async with Manager('d'):
            raise KeyError('k')
    except KeyError:
        log.append('caught')
    for i in range(3):
        async with Manager('loop' + str(i)):
            if i == 1:
                continue
            if i == 2:
                break
    async with Manager('ret') as r:
        return r


async def main():
    assert await body() == 'RET'
    assert log == [
        ('enter', 'a'), ('enter', 'b'), ('body', 'A', 'B'), ('exit', 'b', None, None), ('exit', 'a', None, None),
        ('enter', 'c'), ('exit', 'c', 'ValueError', 'swallowed'),
        ('enter', 'd'), ('exit', 'd', 'KeyError', "'k'"), 'caught',
        ('enter', 'loop0'), ('exit', 'loop0', None, None),
        ('enter', 'loop1'), ('exit', 'loop1', None, None),
        ('enter', 'loop2'), ('exit', 'loop2', None, None),
        ('enter', 'ret'), ('exit', 'ret', None, None),
    ], log
    for value, message in [
        (1, "'int' object does not support the asynchronous context manager protocol"),
        (OnlyEnter(), "'OnlyEnter' object does not support the asynchronous context manager protocol (missed __aexit__ method)"),
        (OnlyExit(), "'OnlyExit' object does not support the asynchronous context manager protocol"),
    ]:
        try:
            async with value:
                pass
            assert False, 'expected TypeError'
        except TypeError as e:
            assert str(e) == message, str(e)


asyncio.run(main())
