# Nested functions and closures work with a ThreadPoolExecutor (threads need no pickling).
from concurrent.futures import ThreadPoolExecutor


def make_multiplier(factor):
    def multiply(n):
        return n * factor
    return multiply


def run_all():
    prefix = "item-"
    seen = []

    def label(n):
        seen.append(n)
        return prefix + str(n)

    double = make_multiplier(2)
    triple = make_multiplier(3)
    with ThreadPoolExecutor(max_workers=3) as executor:
        print(list(executor.map(double, range(5))))
        print(list(executor.map(triple, range(5))))
        print(list(executor.map(label, [3, 1, 2])))
        print(executor.submit(lambda x, y: x - y, 10, 4).result())
    print(sorted(seen))


run_all()
