# asyncio.sleep lets the other coroutines run: gathered sleeps overlap (0.2 s for sleeps of 0.2,
# 0.1 and 0), in the main thread, in a thread of its own and in a process pool's worker.
import asyncio
import threading
import time
from concurrent.futures import ProcessPoolExecutor


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)
    return what


async def main():
    began = time.perf_counter()
    got = await asyncio.gather(say_after(0.2, 'hello'), say_after(0.1, 'world'), say_after(0, 'now'))
    elapsed = time.perf_counter() - began
    print(got, 0.15 < elapsed < 0.3)


def naps(n):
    async def nap(i):
        await asyncio.sleep(0.05 * (n - i))
        return i

    async def all_naps():
        return await asyncio.gather(*[nap(i) for i in range(n)])

    began = time.perf_counter()
    got = asyncio.run(all_naps())
    return got, time.perf_counter() - began < 0.05 * n + 0.1


if __name__ == '__main__':
    asyncio.run(main())
    results = []
    t = threading.Thread(target=lambda: results.append(naps(3)))
    t.start()
    t.join()
    print('thread:', results)
    with ProcessPoolExecutor(2) as ex:
        print('processes:', list(ex.map(naps, [2, 3])))
