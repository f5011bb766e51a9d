# `raise new from earlier`: the earlier exception's traceback first, its own context with it.
def parse(text):
    try:
        return int(text)
    except ValueError as e:
        raise RuntimeError('bad input') from e


try:
    [][0]
except IndexError:
    parse('x')
# Raise=RuntimeError('bad input')
