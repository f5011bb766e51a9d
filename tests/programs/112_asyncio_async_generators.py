# Async generators and `async for`, as asyncio tutorials write them: two tickers that await
# between items, consumed by concurrent tasks (their lines interleave as the sleeps decide),
# a class with __aiter__/__anext__, async comprehensions, and an error from inside a generator.
import asyncio
import time


async def ticker(name, count, delay):
    for i in range(count):
        await asyncio.sleep(delay)
        yield f'{name}-{i}'


class Countdown:
    def __init__(self, start):
        self.current = start

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.current <= 0:
            raise StopAsyncIteration
        await asyncio.sleep(0.01)
        self.current -= 1
        return self.current + 1


async def consume(name, count, delay, log):
    async for item in ticker(name, count, delay):
        log.append(item)
    return f'{name} done'


async def readings():
    for value in (3, 1, 4):
        await asyncio.sleep(0.01)
        if value == 4:
            raise ValueError(f'sensor failed after {value}')
        yield value


async def main():
    log = []
    start = time.perf_counter()
    results = await asyncio.gather(consume('fast', 3, 0.1, log), consume('slow', 2, 0.25, log))
    elapsed = time.perf_counter() - start
    print(results)
    print(log)
    print('overlapped:', elapsed < 0.7)

    print([n async for n in Countdown(3)])
    print(sorted({tick async for tick in ticker('t', 3, 0) if not tick.endswith('1')}))
    squares = {n: n * n async for n in Countdown(4) if n % 2 == 0}
    print(squares)

    total = 0
    try:
        async for value in readings():
            total += value
    except ValueError as e:
        print(type(e).__name__, e, 'total so far', total)

    async for n in Countdown(5):
        if n == 4:
            continue
        if n == 2:
            break
        print('countdown', n)
    else:
        print('not printed: the loop broke')

    agen = ticker('x', 2, 0)
    print(type(agen).__name__, aiter(agen) is agen)
    print(await anext(agen), await anext(agen), await anext(agen, 'spent'))
    countdown = Countdown(1)
    print(await anext(countdown), await anext(countdown, None))
    try:
        await anext(countdown)
    except StopAsyncIteration:
        print('StopAsyncIteration')
    try:
        anext([1, 2])
    except TypeError as e:
        print(e)


asyncio.run(main())
