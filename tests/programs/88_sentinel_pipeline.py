# A producer-consumer pipeline that ends with a sentinel made by object(), as a threading
# tutorial writes it: the consumer stops at the sentinel, which compares by identity only.
import queue
import random
import threading

SENTINEL = object()


def producer(pipeline, count):
    for _ in range(count):
        pipeline.put(random.randint(1, 101))
    pipeline.put(SENTINEL)


def consumer(pipeline, received):
    while True:
        message = pipeline.get()
        if message is SENTINEL:
            break
        received.append(message)


random.seed(7)
expected_random = random.Random(7)
expected = [expected_random.randint(1, 101) for _ in range(10)]
pipeline = queue.Queue(maxsize=3)
received = []
threads = [
    threading.Thread(target=producer, args=(pipeline, 10), name='producer'),
    threading.Thread(target=consumer, args=(pipeline, received), name='consumer'),
]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(received), received == expected, SENTINEL not in received)
print(type(SENTINEL).__name__, SENTINEL == object(), {SENTINEL: 'end'}[SENTINEL])
