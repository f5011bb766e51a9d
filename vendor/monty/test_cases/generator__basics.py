# Generators: yield, return, next() with and without a default, for loops, the builtins
# that read an iterable whole, unpacking, and a generator's type and repr.
def count_up(n):
    for i in range(n):
        yield i
    return 'done'


gen = count_up(3)
assert type(gen).__name__ == 'generator'
assert repr(gen).startswith('<generator object count_up at 0x')
assert iter(gen) is gen
assert next(gen) == 0 and next(gen) == 1 and next(gen) == 2
try:
    next(gen)
    assert False, 'expected StopIteration'
except StopIteration as stop:
    assert stop.value == 'done'
assert next(gen, 'spent') == 'spent'
assert list(gen) == []

assert list(count_up(4)) == [0, 1, 2, 3]
assert sum(count_up(5)) == 10 and max(count_up(3)) == 2 and sorted(count_up(3), reverse=True) == [2, 1, 0]
assert tuple(count_up(2)) == (0, 1) and set(count_up(2)) == {0, 1} and dict.fromkeys(count_up(2)) == {0: None, 1: None}
assert 2 in count_up(5) and 9 not in count_up(5)
assert list(zip(count_up(3), 'abcd')) == [(0, 'a'), (1, 'b'), (2, 'c')]
assert list(enumerate(count_up(2))) == [(0, 0), (1, 1)]
assert any(x > 1 for x in count_up(3)) and not all(count_up(3))
assert '-'.join(str(x) for x in count_up(3)) == '0-1-2'
a, b, c = count_up(3)
assert (a, b, c) == (0, 1, 2)
first, *rest = count_up(4)
assert first == 0 and rest == [1, 2, 3]
assert [*count_up(2), 9] == [0, 1, 9]

seen = []
for x in count_up(5):
    if x == 3:
        break
    seen.append(x)
else:
    seen.append('no break')
assert seen == [0, 1, 2]


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


f = fib()
assert [next(f) for _ in range(8)] == [0, 1, 1, 2, 3, 5, 8, 13]


def nested(rows):
    for row in rows:
        for cell in row:
            if cell:
                yield cell * 10


assert list(nested([[1, 0], [], [2, 3]])) == [10, 20, 30]


def with_finally(log):
    try:
        yield 1
        yield 2
    finally:
        log.append('finally')


log = []
assert list(with_finally(log)) == [1, 2] and log == ['finally']


def running_total(items):
    total = 0
    for item in items:
        total += item
        yield total


assert list(running_total(count_up(5))) == [0, 1, 3, 6, 10]

# A generator's local state lives between steps; two generators are independent.
g1, g2 = count_up(3), count_up(3)
assert next(g1) == 0 and next(g1) == 1 and next(g2) == 0 and next(g1) == 2


# A method can be a generator.
class Tree:
    def __init__(self, value, children):
        self.value = value
        self.children = children

    def walk(self):
        yield self.value
        for child in self.children:
            yield from child.walk()


tree = Tree(1, [Tree(2, [Tree(3, [])]), Tree(4, [])])
assert list(tree.walk()) == [1, 2, 3, 4]

# enumerate(), zip(), map() and filter() of a generator are lazy, as CPython's: an endless
# generator is fine, and the generator's steps interleave with the loop's.
def naturals():
    n = 0
    while True:
        yield n
        n += 1


for index, value in enumerate(naturals(), 10):
    if index == 12:
        break
assert (index, value) == (12, 2)
order = []


def produce():
    for i in range(2):
        order.append(f'produce {i}')
        yield i


for i, v in enumerate(produce()):
    order.append(f'consume {v}')
assert order == ['produce 0', 'consume 0', 'produce 1', 'consume 1']
assert list(zip(naturals(), 'ab')) == [(0, 'a'), (1, 'b')]
assert next(map(lambda x: x * 10, naturals())) == 0
assert next(filter(lambda x: x > 5, naturals())) == 6
assert list(filter(None, (x % 3 for x in range(5)))) == [1, 2, 1]
