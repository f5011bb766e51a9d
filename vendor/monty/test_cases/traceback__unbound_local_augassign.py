counter = 0


def inc():
    counter += 1


inc()
"""
TRACEBACK:
Traceback (most recent call last):
  File "traceback__unbound_local_augassign.py", line 8, in <module>
    inc()
    ~~~~~
  File "traceback__unbound_local_augassign.py", line 5, in inc
    counter += 1
    ~~~~~~~
UnboundLocalError: cannot access local variable 'counter' where it is not associated with a value
"""
