# asyncio tasks as the docs write them: create_task returns a Task to await (the two run
# concurrently), its done/result/cancel, wait_for with a timeout, as_completed and wait.
import asyncio
import time


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)
    return what.upper()


async def slow(delay):
    try:
        await asyncio.sleep(delay)
        return delay
    except asyncio.CancelledError:
        print(f'slow({delay}) cancelled')
        raise
    finally:
        print(f'slow({delay}) cleans up')


async def main():
    began = time.perf_counter()
    task1 = asyncio.create_task(say_after(0.1, 'hello'))
    task2 = asyncio.create_task(say_after(0.2, 'world'))
    print(task1.done(), task1.get_name().startswith('Task-'))
    first = await task1
    second = await task2
    print(first, second, await task1, task1.done(), task1.result())
    print('concurrently:', time.perf_counter() - began < 0.29)

    print(await asyncio.wait_for(slow(0.05), timeout=1))
    try:
        await asyncio.wait_for(slow(1), timeout=0.05)
    except asyncio.TimeoutError:
        print('timed out')

    t = asyncio.create_task(slow(5))
    await asyncio.sleep(0.01)
    print('cancel:', t.cancel(), t.done())
    try:
        await t
    except asyncio.CancelledError:
        print('cancelled:', t.cancelled(), t.done())

    tasks = [asyncio.create_task(slow(d)) for d in (0.06, 0.02, 0.04)]
    for next_done in asyncio.as_completed(tasks):
        print('as_completed:', await next_done)

    done, pending = await asyncio.wait([asyncio.create_task(slow(d)) for d in (0.01, 0.5)],
                                       return_when=asyncio.FIRST_COMPLETED)
    print(len(done), len(pending), [d.result() for d in done])
    for p in pending:
        p.cancel()
    await asyncio.sleep(0.01)


asyncio.run(main())
