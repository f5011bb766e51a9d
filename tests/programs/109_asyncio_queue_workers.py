# The asyncio docs' queue example: workers take jobs from an asyncio.Queue, the main coroutine
# waits for queue.join(), then cancels the workers, which wait forever on an empty queue.
import asyncio
import random


async def worker(name, queue, done):
    while True:
        sleep_for = await queue.get()
        await asyncio.sleep(sleep_for)
        done.append((name, sleep_for))
        queue.task_done()


async def main():
    random.seed(7)
    queue = asyncio.Queue()
    total_sleep_time = 0
    queued = []
    for _ in range(12):
        sleep_for = round(random.uniform(0.01, 0.05), 3)
        total_sleep_time += sleep_for
        queued.append(sleep_for)
        queue.put_nowait(sleep_for)
    print('queued:', queue.qsize(), queue.empty())

    done = []
    tasks = [asyncio.create_task(worker(f'worker-{i}', queue, done)) for i in range(3)]
    await queue.join()
    for task in tasks:
        task.cancel()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    print([type(r).__name__ for r in results])
    print('jobs done:', len(done), sorted(s for _, s in done) == sorted(queued))
    print('every worker worked:', sorted(set(name for name, _ in done)))
    print(f'total expected sleep time: {total_sleep_time:.3f} seconds')

    bounded = asyncio.Queue(maxsize=2)

    async def producer():
        for i in range(5):
            await bounded.put(i)
            print('put', i, 'size', bounded.qsize())
        await bounded.put(None)

    async def consumer():
        got = []
        while (item := await bounded.get()) is not None:
            got.append(item)
            await asyncio.sleep(0.01)
        return got

    _, got = await asyncio.gather(producer(), consumer())
    print('consumed', got)
    try:
        bounded.get_nowait()
    except asyncio.QueueEmpty:
        print('QueueEmpty')


asyncio.run(main())
