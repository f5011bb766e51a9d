# Exception classes written in Python: raised, caught by their class or a base, their args,
# str() and repr() as BaseException gives them, an __init__ of their own, a __str__ of their
# own, and isinstance/issubclass against the built-in hierarchy.
class AppError(Exception):
    pass


class RetryError(AppError):
    def __init__(self, attempts, last):
        super().__init__(f'gave up after {attempts} attempts')
        self.attempts = attempts
        self.last = last


class CodeError(ValueError):
    def __init__(self, code):
        self.code = code

    def __str__(self):
        return f'code {self.code}'


# raised and caught by its own class
try:
    raise AppError('boom')
except AppError as e:
    assert str(e) == 'boom', 'str of one argument'
    assert repr(e) == "AppError('boom')", 'repr names the class'
    assert e.args == ('boom',), 'args'
    assert type(e).__name__ == 'AppError', 'its type'
    caught = e

# caught by a base: the class written in Python, the built-in one, a tuple
try:
    raise RetryError(3, 'timeout')
except AppError as e:
    assert e.attempts == 3 and e.last == 'timeout', 'its attributes'
    assert str(e) == 'gave up after 3 attempts', 'super().__init__ sets the message'
    assert e.args == ('gave up after 3 attempts',), 'super().__init__ sets args'
for handler in [Exception, BaseException, (KeyError, AppError), (AppError,)]:
    try:
        raise RetryError(1, None)
    except handler:
        pass

# not caught by a sibling
try:
    try:
        raise AppError('x')
    except (RetryError, ValueError):
        assert False, 'a base is not caught by its subclass'
except AppError:
    pass

# a built-in base: caught as ValueError too; args from the constructor even with its own __init__
try:
    raise CodeError(7)
except ValueError as e:
    assert e.code == 7, 'attribute'
    assert str(e) == 'code 7', 'its own __str__'
    assert e.args == (7,), 'args are the constructor arguments'
    assert repr(e) == 'CodeError(7)', 'repr'

# raising the class itself instantiates it
try:
    raise AppError
except AppError as e:
    assert e.args == () and str(e) == '' and repr(e) == 'AppError()', 'no arguments'

# identity survives raise and re-raise
err = AppError('a', 2)
try:
    try:
        raise err
    except AppError:
        raise
except AppError as e:
    assert e is err, 're-raised as itself'
    assert str(e) == "('a', 2)", 'str of several arguments'
    assert repr(e) == "AppError('a', 2)", 'repr of several arguments'

# from a function two frames down
def inner():
    raise RetryError(2, 'refused')


def outer():
    inner()


try:
    outer()
except RetryError as e:
    assert e.attempts == 2, 'through frames'

assert isinstance(caught, AppError) and isinstance(caught, Exception), 'isinstance'
assert not isinstance(caught, ValueError), 'not another built-in'
assert isinstance(CodeError(1), ValueError), 'isinstance of a built-in base'
assert issubclass(RetryError, AppError) and issubclass(RetryError, Exception), 'issubclass'
assert issubclass(CodeError, (KeyError, ValueError)), 'issubclass of a tuple'
assert not issubclass(AppError, ValueError), 'not issubclass'

try:
    AppError(x=1)
except TypeError as e:
    assert str(e) == 'AppError() takes no keyword arguments', str(e)

# a context manager's __exit__ gets the class and the instance
seen = []


class Recorder:
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        seen.append((exc_type, exc))
        return True


with Recorder():
    raise RetryError(4, 'x')
assert seen[0][0] is RetryError and seen[0][1].attempts == 4, 'with statement'


# the base's __init__ called as the older tutorials write it
class OldStyle(Exception):
    def __init__(self, msg):
        Exception.__init__(self, msg)
        self.msg = msg

    def __str__(self):
        return 'old: ' + Exception.__str__(self)


try:
    raise OldStyle('style')
except OldStyle as e:
    assert e.args == ('style',) and e.msg == 'style', 'Exception.__init__ sets args'
    assert str(e) == 'old: style', 'Exception.__str__'
    assert Exception.__repr__(e) == "OldStyle('style')", 'Exception.__repr__'
