# "with Pool(2) as p:" plus map_async, starmap_async and apply_async with callbacks.
from multiprocessing import Pool


def square(n):
    return n * n


def join_words(a, b):
    return a + "-" + b


if __name__ == '__main__':
    collected = []

    def on_result(value):
        collected.append(value)

    with Pool(2) as p:
        print(p.map(square, [1, 2, 3, 4]))
        result = p.map_async(square, range(6))
        print(result.get(timeout=10))
        print(p.starmap_async(join_words, [("a", "b"), ("c", "d")]).get())
        handles = [p.apply_async(square, (n,), callback=on_result) for n in range(5)]
        for h in handles:
            h.wait()
        print(sorted(collected))
        try:
            p.apply_async(square, ("x",)).get()
        except TypeError as e:
            print(type(e).__name__)
    print("pool exited")
