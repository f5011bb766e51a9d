# `raise ... from`, and an exception raised while another is handled: `__cause__`,
# `__context__` and `__suppress_context__` as CPython sets them.
class AppError(Exception):
    pass

def load(n):
    try:
        return 10 // n
    except ZeroDivisionError as e:
        raise AppError(f'bad {n}') from e

try:
    load(0)
except AppError as e:
    print(repr(e), repr(e.__cause__), repr(e.__context__), e.__suppress_context__)
    print(type(e.__cause__).__name__, str(e.__cause__))
try:
    try:
        {}['k']
    except KeyError:
        int('x')
except ValueError as e:
    print(repr(e.__context__), e.__cause__, e.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise RuntimeError('quiet') from None
except RuntimeError as e:
    print(e.__cause__, e.__suppress_context__)
try:
    raise ValueError('plain')
except ValueError as e:
    print(e.__cause__, e.__context__, e.__suppress_context__)
try:
    try:
        raise AppError('first')
    except AppError:
        raise KeyError('second')
except KeyError as e:
    print(repr(e.__context__))
try:
    raise ValueError('v') from 3
except TypeError as e:
    print('TypeError:', e)
