"""The project's Python oracle: what each built-in workload means, in CPython.

The playground must print, for every item, exactly what CPython prints for the same worker.
This file states the workloads in Python (the same algorithms as src/kernels.rs) with the
playground's domains, raising the exception the playground reports outside them. The
differential tests (tests/differential.rs, tests/e2e/) run it with `python3` and compare reprs.

As a program it reads JSON requests, one per line, from stdin:
    {"workload": "fib", "items": [1, 2, 51]}
and writes one JSON line per request: the list of per-item outputs, each the item's `repr()`
or, when the worker raised, "TypeName: message". With `--print` it prints the list as
`print(results)` would, with a raised item shown as its exception object.
"""
import hashlib
import json
import math
import sys
import time

I64_MIN, I64_MAX = -(2**63), 2**63 - 1


def _domain(name, arg, value, lo, hi):
    if not (lo <= value <= hi):
        raise ValueError(f"{name}() accepts {lo} <= {arg} <= {hi}, got {value}")


def square(num):
    return num * num


def is_prime(n):
    _domain("is_prime", "n", n, 0, I64_MAX)
    if n < 2:
        return False
    if n == 2:
        return True
    if n % 2 == 0:
        return False
    for i in range(3, math.isqrt(n) + 1, 2):
        if n % i == 0:
            return False
    return True


def count_primes(n):
    _domain("count_primes", "n", n, 0, 10_000_000)
    return sum(1 for k in range(n) if is_prime(k))


def _fib(n):
    return n if n < 2 else _fib(n - 1) + _fib(n - 2)


def fib(n):
    _domain("fib", "n", n, 0, 50)
    return _fib(n)


def collatz_steps(n):
    _domain("collatz_steps", "n", n, 1, 10**12)
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def sha256_chain(n, rounds=10_000):
    h = str(n).encode()
    for _ in range(rounds):
        h = hashlib.sha256(h).digest()
    return h.hex()


MANDEL_WIDTH, MANDEL_HEIGHT, MANDEL_MAX_ITER = 800, 600, 500


def mandelbrot_row(y, width=MANDEL_WIDTH, height=MANDEL_HEIGHT, max_iter=MANDEL_MAX_ITER):
    if not (0 <= y < height):
        raise ValueError(f"mandelbrot_row() accepts 0 <= y < {height}, got {y}")
    ci = -1.0 + 2.0 * y / (height - 1)
    total = 0
    for px in range(width):
        cr = -2.5 + 3.5 * px / (width - 1)
        zr = zi = 0.0
        i = 0
        while i < max_iter:
            zr2, zi2 = zr * zr, zi * zi
            if zr2 + zi2 > 4.0:
                break
            zi = 2.0 * zr * zi + ci
            zr = zr2 - zi2 + cr
            i += 1
        total += i
    return total


def sleep_ms(ms):
    _domain("sleep_ms", "ms", ms, 0, 10_000)
    time.sleep(ms / 1000)
    return ms


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
