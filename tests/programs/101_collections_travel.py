# Counters, defaultdicts, deques, dates and Decimals travel between processes as themselves.
from collections import Counter, defaultdict, deque
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool
from datetime import date, timedelta
from decimal import Decimal


def word_counts(line):
    return Counter(line.split())


def by_length(words):
    groups = defaultdict(list)
    for word in words:
        groups[len(word)].append(word)
    return groups


def tally(n):
    counts = defaultdict(int)
    for i in range(n):
        counts[i % 3] += 1
    return counts


def nested_counts(n):
    counts = defaultdict(Counter)
    counts['a']['x'] += n
    return counts


def last_three(n):
    return deque(range(n), maxlen=3)


def grow(window):
    window.append('new')
    return window


def due(days):
    return date(2024, 1, 31) + timedelta(days=days)


def price(cents):
    return Decimal(cents) / 100


if __name__ == '__main__':
    lines = ['the cat sat', 'the dog sat on the cat', 'a dog']
    with ProcessPoolExecutor(max_workers=2) as executor:
        counts = list(executor.map(word_counts, lines))
        print([type(c).__name__ for c in counts])
        total = sum(counts, Counter())
        print(total)
        print(total.most_common(2))
        groups = executor.submit(by_length, ['a', 'bb', 'cc', 'ddd']).result()
        print(groups)
        groups[9].append('late')
        print(sorted(groups.items()))
        numbers = executor.submit(tally, 10).result()
        numbers['missing'] += 5
        print(numbers)
        nested = executor.submit(nested_counts, 2).result()
        nested['b']['y'] += 1
        print(dict(nested), nested.default_factory is Counter)
        window = executor.submit(last_three, 10).result()
        print(window, window.maxlen)
        window.append(10)
        print(window)
        print(executor.submit(grow, deque(['old'], maxlen=2)).result())
        print(executor.submit(word_counts, 'x y x').result() == {'x': 2, 'y': 1})
    with Pool(2) as pool:
        print(pool.map(due, [0, 1, 30]))
        print(pool.map(price, [199, 5]))
        print(pool.apply(len, (Counter('hello'),)))
