# An exception raised while another is handled chains to it: the handled one's traceback is printed first
# (the playground's tests/programs.rs compares the printed chain with python3's).
def lookup(d):
    return d['k']


try:
    lookup({})
except KeyError:
    int('x')
# Raise=ValueError("invalid literal for int() with base 10: 'x'")
