# `await` of an instance whose class defines `__await__`: the iterator it returns runs to its
# end, and what it returns is the await's value.
import asyncio

calls = []


class Doubler:
    def __init__(self, value):
        self.value = value

    def __await__(self):
        calls.append(self.value)
        return self.value * 2
        yield  # makes `__await__` a generator, as CPython requires an iterator


class Inherits(Doubler):
    pass


class NotIterator:
    def __await__(self):
        return 5


class YieldsValue:
    def __await__(self):
        yield 7


class Raises:
    def __await__(self):
        raise ValueError('inside __await__')
        yield


async def main():
    d = Doubler(21)
    assert await d == 42
    assert await d == 42, 'an instance may be awaited again'
    assert await Inherits(4) == 8, '__await__ is found on a base class'
    assert calls == [21, 21, 4]

    try:
        await NotIterator()
        assert False, 'expected TypeError'
    except TypeError as e:
        assert str(e) == "__await__() returned non-iterator of type 'int'", str(e)

    try:
        await Raises()
        assert False, 'expected ValueError'
    except ValueError as e:
        assert str(e) == 'inside __await__'

    try:
        await object()
        assert False, 'expected TypeError'
    except TypeError as e:
        assert str(e) == "object object can't be used in 'await' expression", str(e)
    return 'done'


assert asyncio.run(main()) == 'done'


# Outside an event loop a yielded value has nothing to wait for; CPython's Task refuses it.
async def bad_yield():
    await YieldsValue()


try:
    asyncio.run(bad_yield())
    assert False, 'expected RuntimeError'
except RuntimeError as e:
    assert str(e).startswith('Task got bad yield: 7'), str(e)
