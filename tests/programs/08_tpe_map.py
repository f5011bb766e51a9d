# executor.map with one iterable and with two iterables (results keep input order).
import time
from concurrent.futures import ThreadPoolExecutor


def slow_square(n):
    time.sleep(0.05 * (5 - n))
    return n * n


def shout(word):
    return word.upper() + "!"


def power(base, exp):
    return base ** exp


with ThreadPoolExecutor(max_workers=5) as executor:
    print(list(executor.map(slow_square, range(5))))
    print(list(executor.map(power, [2, 3, 4], [10, 2, 3])))
    # map stops at the shortest iterable, like the builtin map
    print(list(executor.map(power, [1, 2, 3, 4], [2, 2])))
    for word in executor.map(shout, ["one", "two", "three"]):
        print(word)
