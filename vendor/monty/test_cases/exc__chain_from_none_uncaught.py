# `raise ... from None` hides the exception being handled; `raise e` of the handled exception
# goes on with the traceback it had.
def first():
    return 1 / 0


try:
    try:
        first()
    except ZeroDivisionError:
        raise KeyError('quiet') from None
except KeyError as e:
    raise e
# Raise=KeyError('quiet')
