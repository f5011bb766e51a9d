# asyncio.gather(..., return_exceptions=True): a failed task's exception is its result, the others finish.
import asyncio
import time


async def fetch(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ConnectionError(name + ' is down')
    return name + ' ok'


async def batch():
    return await asyncio.gather(fetch('inner-a', 0.01), fetch('inner-b', 0.02, fail=True))


async def main():
    start = time.perf_counter()
    results = await asyncio.gather(
        fetch('a', 0.05), fetch('b', 0.02, fail=True), fetch('c', 0.03), return_exceptions=True)
    elapsed = time.perf_counter() - start
    for result in results:
        if isinstance(result, Exception):
            print('failed:', type(result).__name__, result)
        else:
            print('done:', result)
    print('waited together:', elapsed < 0.09)
    # A nested gather without the flag fails as a whole, and the outer one returns that failure.
    print(await asyncio.gather(batch(), fetch('d', 0), return_exceptions=True))
    # Without the flag the first failure is raised.
    try:
        await asyncio.gather(fetch('e', 0.01), fetch('f', 0, fail=True))
    except ConnectionError as e:
        print('raised:', e)
    print(await asyncio.gather(return_exceptions=True))
    print(await asyncio.gather(fetch('g', 0), return_exceptions=False))


asyncio.run(main())
