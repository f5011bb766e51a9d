# The asyncio lesson: coroutines switch only where they await. time.sleep in a coroutine
# blocks the whole loop, asyncio.sleep lets the others run, CPU-bound coroutines run one after
# another, and asyncio.to_thread moves a blocking call to a thread so waits overlap again.
import asyncio
import threading
import time


async def blocking(name):
    print(name, 'start')
    time.sleep(0.1)
    print(name, 'end')


async def cooperative(name):
    print(name, 'start')
    await asyncio.sleep(0.1)
    print(name, 'end')


async def compute(name):
    total = 0
    for step in range(3):
        for i in range(30000):
            total += i % 7
        print(name, 'step', step)
    return total


def blocking_io(n):
    time.sleep(0.1)
    return n * n


async def main():
    began = time.perf_counter()
    await asyncio.gather(blocking('a'), blocking('b'))
    blocked = time.perf_counter() - began
    began = time.perf_counter()
    await asyncio.gather(cooperative('c'), cooperative('d'))
    overlapped = time.perf_counter() - began
    print('time.sleep blocks the loop:', blocked >= 0.2)
    print('asyncio.sleep overlaps:', overlapped < 0.18)

    print(await asyncio.gather(compute('x'), compute('y')))

    began = time.perf_counter()
    squares = await asyncio.gather(*(asyncio.to_thread(blocking_io, n) for n in range(4)))
    print(squares, 'to_thread overlaps:', time.perf_counter() - began < 0.3)
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, blocking_io, 9))
    print('the loop runs on', threading.current_thread().name)


asyncio.run(main())
# asyncio.run() ended by shutting its default executor down on a thread of its own, as
# CPython does: the next thread's number shows it.
print(threading.Thread(target=print).name)
