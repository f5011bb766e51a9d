# `SystemExit.code`: the argument `sys.exit()` or `SystemExit()` was given, `None` without one,
# the tuple of several.
import sys

for call in [lambda: sys.exit(3), lambda: sys.exit('bye'), lambda: sys.exit(), lambda: sys.exit(None)]:
    try:
        call()
    except SystemExit as e:
        print(repr(e.code))
for exc in [SystemExit(), SystemExit(0), SystemExit(1, 2), SystemExit([1])]:
    print(repr(exc.code), exc.args)
