import math

math.acosh(0.5)
"""
TRACEBACK:
Traceback (most recent call last):
  File "math__acosh_domain_error.py", line 3, in <module>
    math.acosh(0.5)
    ~~~~~~~~~~~~~~~
ValueError: math domain error
"""
