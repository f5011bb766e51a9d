# The type of a built-in exception is the class its name gives: `type(e) is KeyError`, in a
# dict's keys, through `__class__`; and a built-in exception class has `__name__` and
# `__qualname__`, as a context manager's `__exit__` reads `exc_type.__name__`.
try:
    raise KeyError(1)
except Exception as e:
    print(type(e) is KeyError, type(e) == KeyError, e.__class__ is KeyError)
    print({type(e): 'found'}.get(KeyError), type(e) in (ValueError, KeyError))
    print(type(e).__name__, type(e).__qualname__, isinstance(e, type(e)))
    try:
        raise type(e)('again')
    except KeyError as again:
        print(repr(again))
print(ValueError.__name__, ZeroDivisionError.__qualname__, int.__qualname__)


class Timer:
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        print('exit with', exc_type.__name__ if exc_type else None)
        return True


with Timer():
    1 / 0
with Timer():
    pass
try:
    KeyError.missing
except AttributeError as e:
    print(e)
