# An instance of an exception class written in Python keeps its chain once its handler ends,
# as a built-in exception object does: read after the handler, or raised again later.
class AppError(Exception):
    pass


try:
    try:
        raise KeyError('k')
    except KeyError as e:
        raise AppError('wrapped') from e
except AppError as e:
    saved = e

assert isinstance(saved.__cause__, KeyError), repr(saved.__cause__)
assert saved.__suppress_context__ is True
assert isinstance(saved.__context__, KeyError)

try:
    try:
        {}['missing']
    except KeyError:
        raise AppError('during')
except AppError as e:
    during = e

assert during.__cause__ is None
assert isinstance(during.__context__, KeyError)
assert during.__suppress_context__ is False

# Raised again after its handler, it keeps its cause.
try:
    raise saved
except AppError as again:
    assert again is saved
    assert isinstance(again.__cause__, KeyError)
