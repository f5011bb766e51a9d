"""The built-in workloads, as CPython runs them: the one Python source of each.

The page's Python panel shows the program for the form's settings with the workload's function
from here, renamed `worker` (`./build.sh build` embeds this file in `www/page/workloads-py.js`),
and the oracle (`tests/oracle/workloads.py`) runs these functions, adding the playground's
domains, to check the Rust kernels (`src/kernels.rs`) against CPython.

Each top-level function is a workload of the same name; a function may call another one
(`count_primes` calls `is_prime`), which the panel then shows first. `PAGE` is the page's
address, which the panel fills in: relative URLs are fetched from it.
"""
import hashlib
import math
import time
import urllib.request
from urllib.parse import urljoin

PAGE = "http://127.0.0.1:8080/"


def square(num):
    return num * num


def is_prime(n):
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
    return sum(1 for k in range(n) if is_prime(k))


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def collatz_steps(n):
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


def mandelbrot_row(y, width=800, height=600, max_iter=500):
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
    time.sleep(ms / 1000)
    return ms


def fetch_len(url):
    with urllib.request.urlopen(urljoin(PAGE, url)) as r:
        return len(r.read())
