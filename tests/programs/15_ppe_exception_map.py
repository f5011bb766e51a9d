# An exception in a process-pool task is re-raised while iterating executor.map.
from concurrent.futures import ProcessPoolExecutor


def invert(n):
    return int(10 / n)


def lookup(key):
    table = {"a": 1, "b": 2}
    return table[key]


if __name__ == '__main__':
    with ProcessPoolExecutor(max_workers=2) as executor:
        got = []
        try:
            for value in executor.map(invert, [5, 2, 1, 0, 10]):
                got.append(value)
        except ZeroDivisionError as e:
            print("map raised", type(e).__name__, str(e))
        print("results before the error:", got)

        try:
            print(list(executor.map(lookup, ["a", "b", "c"])))
        except KeyError as e:
            print("map raised", type(e).__name__, str(e))
    print("finished")
