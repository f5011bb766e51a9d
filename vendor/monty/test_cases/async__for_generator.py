# `async for` over asynchronous generators (whose bodies await) and over classes with
# `__aiter__`/`__anext__`; asynchronous comprehensions; `break`, `continue` and `else`; an
# asynchronous generator's `__anext__()`, `asend()`, `athrow()` and `aclose()`; the errors
# CPython raises for what cannot be iterated asynchronously.
import asyncio


async def countdown(name, n):
    while n > 0:
        await asyncio.sleep(0)
        yield f'{name}{n}'
        n -= 1


class Stream:
    def __init__(self, items):
        self.items = items

    def __aiter__(self):
        return self._gen()

    async def _gen(self):
        for item in self.items:
            await asyncio.sleep(0)
            yield item * 10


class Ticker:
    def __init__(self, stop):
        self.i = 0
        self.stop = stop

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.stop:
            raise StopAsyncIteration
        self.i += 1
        await asyncio.sleep(0)
        return self.i


class NoNext:
    def __aiter__(self):
        return 42


async def failing():
    yield 1
    raise ValueError('bad item')


async def raises_stop():
    yield 1
    raise StopIteration


async def raises_stop_async():
    yield 1
    raise StopAsyncIteration


def sync_gen():
    yield 1


async def type_error(iterable):
    try:
        async for _ in iterable:
            pass
    except TypeError as e:
        return str(e)
    return 'no error'


async def echo(log):
    try:
        n = 0
        while True:
            got = yield n
            log.append(got)
            await asyncio.sleep(0)
            n += 1
    except ValueError as e:
        log.append(str(e))
        yield 'recovered'
    finally:
        log.append('finally')


async def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2


async def methods():
    # `__anext__()`, `asend()`, `athrow()` and `aclose()` give awaitables that resume the
    # generator in the task awaiting them.
    log = []
    gen = echo(log)
    assert await gen.__anext__() == 0
    assert await gen.asend('a') == 1
    assert await gen.asend('b') == 2
    assert await gen.athrow(ValueError('boom')) == 'recovered'
    try:
        await gen.__anext__()
        assert False, 'expected StopAsyncIteration'
    except StopAsyncIteration as e:
        assert e.__context__ is None
    assert log == ['a', 'b', 'boom', 'finally'], log
    log.clear()
    gen = echo(log)
    assert await gen.__anext__() == 0
    assert await gen.aclose() is None
    assert log == ['finally'], log
    try:
        await gen.__anext__()
        assert False, 'expected StopAsyncIteration'
    except StopAsyncIteration:
        pass
    gen = stubborn()
    await gen.__anext__()
    try:
        await gen.aclose()
        assert False, 'expected RuntimeError'
    except RuntimeError as e:
        assert str(e) == 'async generator ignored GeneratorExit', str(e)
    try:
        await countdown('t', 1).athrow(KeyError('k'))
        assert False, 'expected KeyError'
    except KeyError as e:
        assert str(e) == "'k'"
    try:
        countdown('s', 1).send(None)
        assert False, 'expected AttributeError'
    except AttributeError as e:
        assert str(e) == "'async_generator' object has no attribute 'send'", str(e)


async def main():
    await methods()
    gen = countdown('x', 1)
    assert type(gen).__name__ == 'async_generator', type(gen).__name__
    assert repr(gen).startswith('<async_generator object countdown at 0x'), repr(gen)
    assert gen.__aiter__() is gen

    seen = []
    async for value in countdown('a', 3):
        seen.append(value)
    assert seen == ['a3', 'a2', 'a1'], seen

    seen = []
    async for value in Stream([1, 2, 3]):
        if value == 20:
            continue
        seen.append(value)
    else:
        seen.append('else')
    assert seen == [10, 30, 'else'], seen

    seen = []
    async for tick in Ticker(5):
        seen.append(tick)
        if tick == 3:
            break
    else:
        seen.append('else')
    assert seen == [1, 2, 3], seen

    assert [x async for x in Ticker(4) if x % 2 == 0] == [2, 4]
    assert {x: x * x async for x in Ticker(3)} == {1: 1, 2: 4, 3: 9}
    assert {x async for x in Stream([1, 1, 2])} == {10, 20}
    assert [(a, b) async for a in Ticker(2) for b in 'xy'] == [(1, 'x'), (1, 'y'), (2, 'x'), (2, 'y')]
    assert [await asyncio.sleep(0, x) async for x in Ticker(2)] == [1, 2]

    caught = []
    try:
        async for value in failing():
            caught.append(value)
    except ValueError as e:
        caught.append(str(e))
    assert caught == [1, 'bad item'], caught

    try:
        async for _ in raises_stop():
            pass
        assert False, 'expected RuntimeError'
    except RuntimeError as e:
        assert str(e) == 'async generator raised StopIteration', str(e)
        assert type(e.__cause__) is StopIteration
    try:
        async for _ in raises_stop_async():
            pass
        assert False, 'expected RuntimeError'
    except RuntimeError as e:
        assert str(e) == 'async generator raised StopAsyncIteration', str(e)

    assert await type_error(5) == "'async for' requires an object with __aiter__ method, got int"
    assert await type_error([1]) == "'async for' requires an object with __aiter__ method, got list"
    assert await type_error(sync_gen()) == "'async for' requires an object with __aiter__ method, got generator"
    assert await type_error(NoNext()) == (
        "'async for' received an object from __aiter__ that does not implement __anext__: int"
    )
    try:
        for _ in countdown('y', 1):
            pass
        assert False, 'expected TypeError'
    except TypeError as e:
        assert str(e) == "'async_generator' object is not iterable", str(e)
    try:
        next(countdown('y', 1))
        assert False, 'expected TypeError'
    except TypeError as e:
        assert str(e) == "'async_generator' object is not an iterator", str(e)
    try:
        raise StopAsyncIteration('direct')
    except Exception as e:
        assert type(e) is StopAsyncIteration and str(e) == 'direct'


asyncio.run(main())
