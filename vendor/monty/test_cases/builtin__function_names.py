# A built-in function's __name__, __qualname__ and __module__, as CPython's builtin_function_or_method answers.
for f, name in [(len, 'len'), (print, 'print'), (sorted, 'sorted'), (max, 'max'), (callable, 'callable')]:
    assert f.__name__ == name, f.__name__
    assert f.__qualname__ == name, f.__qualname__
    assert f.__module__ == 'builtins', f.__module__
assert [f.__name__ for f in (abs, round, sum)] == ['abs', 'round', 'sum']
assert object.__setattr__.__name__ == '__setattr__'
assert object.__setattr__.__qualname__ == 'object.__setattr__'
try:
    len.__doc_string__
    assert False, 'no error'
except AttributeError as e:
    assert str(e) == "'builtin_function_or_method' object has no attribute '__doc_string__'", str(e)
