# `object()`: an object with nothing but its identity, as a program makes a sentinel; equal only
# to itself, hashed by identity, truthy, an instance of `object` and of nothing else.
SENTINEL = object()
other = object()
print(SENTINEL is SENTINEL, SENTINEL == other, SENTINEL != other, SENTINEL == SENTINEL)
print(type(SENTINEL) is object, type(SENTINEL).__name__, isinstance(SENTINEL, object), bool(SENTINEL))
print(isinstance(SENTINEL, int), len({SENTINEL: 1, other: 2, SENTINEL: 3}), SENTINEL in [other, SENTINEL])
print(repr(SENTINEL).startswith('<object object at 0x'), str(SENTINEL) == repr(SENTINEL))
print(hash(SENTINEL) == hash(SENTINEL), [other, SENTINEL].index(SENTINEL))
try:
    object(1)
except TypeError as e:
    print('TypeError:', e)
try:
    SENTINEL.missing
except AttributeError as e:
    print('AttributeError:', e)
items = [1, 2, SENTINEL, 3]
print([x for x in items if x is not SENTINEL])
