# asyncio's Lock, Semaphore and Event under `async with`, a TaskGroup, the 3.11 timeout()
# block, and the old style of a loop of one's own (get_event_loop, run_until_complete).
import asyncio

counter = 0
inside = 0
most_inside = 0


async def increment(lock, limit):
    global counter, inside, most_inside
    async with limit:
        inside += 1
        most_inside = max(most_inside, inside)
        async with lock:
            value = counter
            await asyncio.sleep(0.001)
            counter = value + 1
        inside -= 1


async def waiter(event, name, log):
    log.append(name + ' waits')
    await event.wait()
    log.append(name + ' goes')


async def main():
    lock = asyncio.Lock()
    limit = asyncio.Semaphore(3)
    await asyncio.gather(*(increment(lock, limit) for _ in range(10)))
    print('counter', counter, 'at most', most_inside, 'inside', lock.locked())

    event = asyncio.Event()
    log = []
    waiters = [asyncio.create_task(waiter(event, f'w{i}', log)) for i in range(3)]
    await asyncio.sleep(0.01)
    log.append('set')
    event.set()
    await asyncio.gather(*waiters)
    print(log)

    async with asyncio.TaskGroup() as group:
        one = group.create_task(asyncio.sleep(0.02, result='one'))
        two = group.create_task(asyncio.sleep(0.01, result='two'))
    print('group:', one.result(), two.result())

    try:
        async with asyncio.timeout(0.02):
            await asyncio.sleep(1)
    except TimeoutError:
        print('the timeout block expired')
    return 'main done'


print(asyncio.run(main()))


async def hello(i):
    await asyncio.sleep(0.01 * (3 - i))
    print('hello', i)
    return i


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
tasks = [loop.create_task(hello(i)) for i in range(3)]
print(loop.run_until_complete(asyncio.gather(*tasks)))
loop.close()
