"""The project's Python oracle: what each built-in workload means, in CPython.

The playground must print, for every item, exactly what CPython prints for the same worker.
This file runs the workloads of python/workloads.py (the same algorithms as src/kernels.rs, and
the source the page's Python panel shows) with the playground's domains, raising the exception
the playground reports outside them. The differential tests (tests/differential.rs,
tests/e2e/) run it with `python3` and compare reprs.

As a program it reads JSON requests, one per line, from stdin:
    {"workload": "fib", "items": [1, 2, 51]}
and writes one JSON line per request: the list of per-item outputs, each the item's `repr()`
or, when the worker raised, "TypeName: message". With `--print` it prints the list as
`print(results)` would, with a raised item shown as its exception object.
"""
import importlib.util
import inspect
import json
import os
import sys


def _reference():
    """python/workloads.py, the one source the page shows, under a name of its own."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python", "workloads.py")
    spec = importlib.util.spec_from_file_location("reference_workloads", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


reference = _reference()

I64_MIN, I64_MAX = -(2**63), 2**63 - 1
MANDEL_HEIGHT = inspect.signature(reference.mandelbrot_row).parameters["height"].default


def _domain(name, arg, value, lo, hi):
    if not (lo <= value <= hi):
        raise ValueError(f"{name}() accepts {lo} <= {arg} <= {hi}, got {value}")


def square(num):
    return reference.square(num)


def is_prime(n):
    _domain("is_prime", "n", n, 0, I64_MAX)
    return reference.is_prime(n)


def count_primes(n):
    _domain("count_primes", "n", n, 0, 10_000_000)
    return reference.count_primes(n)


def fib(n):
    _domain("fib", "n", n, 0, 50)
    return reference.fib(n)


def collatz_steps(n):
    _domain("collatz_steps", "n", n, 1, 10**12)
    return reference.collatz_steps(n)


def sha256_chain(n):
    return reference.sha256_chain(n)


def mandelbrot_row(y):
    if not (0 <= y < MANDEL_HEIGHT):
        raise ValueError(f"mandelbrot_row() accepts 0 <= y < {MANDEL_HEIGHT}, got {y}")
    return reference.mandelbrot_row(y)


def sleep_ms(ms):
    _domain("sleep_ms", "ms", ms, 0, 10_000)
    return reference.sleep_ms(ms)


WORKLOADS = {f.__name__: f for f in
             (square, is_prime, count_primes, fib, collatz_steps, sha256_chain, mandelbrot_row, sleep_ms)}


def outputs(workload, items):
    worker = WORKLOADS[workload]
    out = []
    for item in items:
        try:
            out.append(repr(worker(item)))
        except Exception as e:  # the playground reports any exception per item
            out.append(f"{type(e).__name__}: {e}")
    return out


def printed(workload, items):
    worker = WORKLOADS[workload]
    results = []
    for item in items:
        try:
            results.append(worker(item))
        except Exception as e:
            results.append(e)
    return repr(results)


if __name__ == "__main__":
    show = printed if "--print" in sys.argv[1:] else outputs
    for line in sys.stdin:
        if line.strip():
            request = json.loads(line)
            print(json.dumps(show(request["workload"], request["items"])), flush=True)
