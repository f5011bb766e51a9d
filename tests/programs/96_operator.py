# The operator module a tutorial reaches for beside functools and sorted: the functions of
# Python's operators, itemgetter, attrgetter and methodcaller.
import functools
import operator
from operator import itemgetter, attrgetter, methodcaller

print(functools.reduce(operator.mul, range(1, 8)))
print(functools.reduce(operator.add, [[1], [2, 3], [4]]))
print(list(map(operator.add, [1, 2, 3], [10, 20, 30])))
print(list(map(operator.sub, [5, 6], [1, 2])), operator.truediv(7, 2), operator.floordiv(7, 2))
print(operator.mod(7, 3), operator.pow(2, 10), operator.neg(4), operator.pos(-4), operator.abs(-3))
print(operator.lt(1, 2), operator.le(2, 2), operator.eq(1, 1), operator.ne(1, 1), operator.ge(1, 2), operator.gt(3, 2))
print(operator.not_([]), operator.truth([0]), operator.is_(None, None), operator.is_not(1, None))
print(operator.and_(6, 3), operator.or_(6, 3), operator.xor(6, 3), operator.inv(5), operator.invert(0))
print(operator.lshift(1, 4), operator.rshift(256, 2), operator.index(7), operator.index(True))
print(operator.concat('ab', 'cd'), operator.contains([1, 2], 2), operator.countOf([1, 2, 1], 1), operator.indexOf('abc', 'c'))
d = {'a': 1}
operator.setitem(d, 'b', 2)
print(operator.getitem(d, 'b'), d)
operator.delitem(d, 'a')
print(d)

results = [('fetch', 0.31), ('parse', 0.12), ('store', 0.25)]
print(sorted(results, key=itemgetter(1)))
print(max(results, key=operator.itemgetter(1))[0])
print(itemgetter(0, 1)('xyz'), itemgetter(1)([5, 6]), repr(itemgetter(1)), repr(itemgetter('a', 'b')))


class Job:
    def __init__(self, name, cost):
        self.name = name
        self.cost = cost


class Box:
    def __init__(self, job):
        self.job = job


jobs = [Job('b', 3), Job('a', 5), Job('c', 1)]
print([j.name for j in sorted(jobs, key=attrgetter('cost'))])
print(attrgetter('name', 'cost')(jobs[0]), attrgetter('job.name')(Box(jobs[1])), repr(attrgetter('cost')))
print(methodcaller('upper')('abc'), methodcaller('split', ',')('a,b'), methodcaller('replace', 'a', 'b')('aa'))
print(repr(methodcaller('split', ',', maxsplit=1)), methodcaller('split', ',', maxsplit=1)('a,b,c'))
