//! Differential tests of custom worker functions: each small `worker`, over the same items,
//! against CPython running `tests/oracle/custom.py`. An item's output, `repr()` or
//! `TypeName: message`, must be CPython's.
//!
//! The functions cover the subset the README promises: `def`, recursion, big ints, `for` and
//! `while`, `if`, lists, strings, dicts, tuples, comprehensions, exceptions raised and caught.
//! Where monty is known to differ (the README lists it), no case is here.
//!
//! As under CPython's `map`, every item of a case runs in one interpreter, after the module's
//! statements ran once: a global one item changes is seen by the next.
#![cfg(feature = "python")]

mod common;

use map_playground::custom::CustomWorker;
use map_playground::Value;

/// Worker functions, each with the items to map it over.
fn cases() -> Vec<(&'static str, Vec<Value>)> {
    let ints = |v: &[i64]| v.iter().map(|&n| Value::Int(n.into())).collect::<Vec<_>>();
    let strs = |v: &[&str]| v.iter().map(|s| Value::Str(s.to_string())).collect::<Vec<_>>();
    let small = ints(&[0, 1, 2, 3, 7, 10, 25, -4]);
    let wide = ints(&[0, 1, -1, 12345, i64::MAX, i64::MIN, 1 << 40, -(1 << 50)]);
    vec![
        ("def worker(num):\n    return num * num\n", wide.clone()),
        ("def worker(n):\n    return n ** 5 - 3 * n ** 3\n", wide.clone()),
        // `*` on either side of the i32 range, where the small-int product skips its overflow check.
        (
            "def worker(n):\n    m = n\n    m *= -3\n    return n * n, n * 2, m, n * (1 << 31), n * -(1 << 32), (-n) * n, 3 * n\n",
            ints(&[i32::MAX.into(), i32::MIN.into(), 1 << 31, -(1 << 31) - 1, 1 << 32, -(1 << 32), 46341, -46341]),
        ),
        ("def worker(n):\n    return 2 ** abs(n % 300)\n", wide.clone()),
        ("def worker(n):\n    return n // 7, n % 7, -n // 3, divmod(n, -5)\n", wide.clone()),
        ("def worker(n):\n    return 100 // (n - 30), 100 % (n - 30)\n", small.clone()),
        ("def worker(n):\n    return n / 4, n * 0.5, float(n) ** 0.5 if n >= 0 else -1.0\n", small.clone()),
        (
            "def worker(n):\n    if n < 2:\n        return n\n    return worker(n - 1) + worker(n - 2)\n",
            ints(&[0, 1, 2, 10, 20]),
        ),
        (
            "def worker(n):\n    count = 0\n    for k in range(2, n):\n        i = 2\n        while i * i <= k:\n            if k % i == 0:\n                break\n            i += 1\n        else:\n            count += 1\n    return count\n",
            ints(&[0, 2, 3, 100, 1000]),
        ),
        (
            "def worker(n):\n    steps = 0\n    while n != 1:\n        n = n // 2 if n % 2 == 0 else 3 * n + 1\n        steps += 1\n    return steps\n",
            ints(&[1, 2, 27, 97, 871]),
        ),
        ("def worker(n):\n    return [x * x for x in range(n) if x % 3 != 1]\n", small.clone()),
        ("def worker(n):\n    return {x: x % 3 for x in range(n)}\n", small.clone()),
        ("def worker(n):\n    return sorted([(n * 7919) % 13, 5, -2, n], reverse=True)\n", small.clone()),
        ("def worker(n):\n    return list(range(n))[::2], tuple(range(n))[-2:], (n,)\n", small.clone()),
        ("def worker(n):\n    return sum(i * i for i in range(n)), max(n, 3), min([n, 2, 9])\n", small.clone()),
        ("def worker(n):\n    return f'{n}:{n * 2:>5}|{n:x}' + str(n) * 2\n", small.clone()),
        ("def worker(n):\n    return [n, 'a', None, True, 1.25, [n], {'k': [n]}]\n", small.clone()),
        ("def worker(n):\n    return n > 3 and n % 2 == 0\n", small.clone()),
        ("def worker(s):\n    return s.upper(), len(s), s[::-1], s.split(',')\n", strs(&["", "ab,c", "it's", "x\ny\t\"q\""])),
        ("def worker(s):\n    return s.count('a') + s.find('b'), s.replace('a', 'A'), 'a' in s\n", strs(&["banana", "", "abc"])),
        ("def worker(s):\n    return int(s) * 2\n", strs(&["21", "-7", "x"])),
        (
            "def worker(n):\n    try:\n        return [1, 2][n]\n    except IndexError as e:\n        return 'caught: ' + str(e)\n",
            small.clone(),
        ),
        ("def worker(n):\n    if n > 5:\n        raise ValueError(f'too big: {n}')\n    return n\n", small.clone()),
        ("def worker(n):\n    return [1, 2, 3][n]\n", ints(&[0, 2, 3, -1, -4])),
        ("def worker(n):\n    return {'a': 1, 2: 'b'}['a' if n else 2]\n", ints(&[0, 1])),
        ("def worker(n):\n    return n + 'x'\n", ints(&[1])),
        (
            "def helper(xs):\n    total = 0\n    for x in xs:\n        total += x\n    return total\n\ndef worker(n):\n    return helper([i for i in range(n)]) * 2\n",
            small.clone(),
        ),
        ("def worker(n, scale=3):\n    return n * scale\n", small.clone()),
        ("LIMIT = 5\n\ndef worker(n):\n    return n if n < LIMIT else LIMIT\n", small.clone()),
        ("def worker(n):\n    a, b = 0, 1\n    for _ in range(n * 10):\n        a, b = b, a + b\n    return a\n", small.clone()),
        ("def worker(n):\n    return abs(n), hex(n), bin(n)[-5:], int(str(abs(n))[::-1])\n", wide.clone()),
        ("def worker(n):\n    return worker(n)\n", ints(&[1])),
        ("def worker(n):\n    return sorted({n % 3, 5, 1}), set(), len({n, n, 1})\n", small.clone()),
        (
            "class Point:\n    def __init__(self, x):\n        self.x = x\n    def norm(self):\n        return abs(self.x)\n\ndef worker(n):\n    return Point(n).norm()\n",
            small.clone(),
        ),
        ("import math\n\ndef worker(n):\n    return math.factorial(abs(n) % 20), math.gcd(n, 12), math.isqrt(abs(n))\n", small.clone()),
        // What monty 1.x added over 0.0.23 (issue 14).
        ("total = 0\n\ndef worker(n):\n    global total\n    total += n\n    return total\n", small.clone()),
        ("import math\n\ndef worker(n):\n    return math.factorial(abs(n) % 40), math.comb(abs(n) + 5, 3), math.prod([n, 2, 3])\n", small.clone()),
        ("def worker(n):\n    return (2 ** 60 + n) / 3, 10 ** 20 / (abs(n) + 7), 2 ** 200 // (abs(n) + 1)\n", wide.clone()),
        (
            "def worker(n):\n    match n % 3:\n        case 0:\n            return 'zero'\n        case 1:\n            return 'one'\n        case _:\n            return 'many'\n",
            small.clone(),
        ),
        (
            "def worker(n):\n    return '{:,}'.format(n * 1234567), '%5.2f|%d|%s' % (n / 7, n, 'x'), f'{n:08.3f}'\n",
            small.clone(),
        ),
        ("from collections import Counter\n\ndef worker(s):\n    return Counter(s).most_common(2)\n", strs(&["abracadabra", "", "zz"])),
        ("import itertools\n\ndef worker(n):\n    return list(itertools.permutations(range(abs(n) % 4), 2))\n", small.clone()),
        ("from functools import reduce\n\ndef worker(n):\n    return reduce(lambda a, b: a * b, range(1, abs(n) % 15 + 2))\n", small.clone()),
        (
            "class A:\n    def __init__(self, x):\n        self.x = x\n    def __repr__(self):\n        return f'A({self.x!r})'\n\ndef worker(n):\n    return [A(n), A(str(n))]\n",
            small.clone(),
        ),
        (
            "from dataclasses import dataclass\n\n@dataclass\nclass P:\n    x: int\n    y: int = 0\n\ndef worker(n):\n    return P(n), P(n, 2) == P(n, 2)\n",
            small.clone(),
        ),
        (
            "def worker(n):\n    try:\n        raise ValueError('x')\n    except ValueError as e:\n        raise TypeError(f'y{n}') from e\n",
            ints(&[1]),
        ),
        ("def worker(n):\n    return 0.1 + n / 10, 1e300 * 10 ** n, -0.0 * n, 2 ** 0.5, 1 / 3\n", small.clone()),
        ("def worker(n):\n    return pow(2, abs(n), 97), divmod(-7 - n, 2), -7 // 2, -7 % 2\n", wide),
        ("import random\n\ndef worker(n):\n    random.seed(n)\n    return random.randint(1, 100), random.random()\n", small.clone()),
        ("import hashlib\n\ndef worker(s):\n    return hashlib.sha256(s.encode()).hexdigest()\n", strs(&["", "abc", "é"])),
        ("def worker(s):\n    return s.center(9, '*'), s.partition(','), s.swapcase(), s.zfill(6)\n", strs(&["", "a,b", "Hé"])),
        ("def worker(n):\n    return frozenset([n]), {n: {2: [3]}}, ((n,),), [[]], (1, n) < (1, 3)\n", small.clone()),
        ("def worker(s):\n    return int(s, 16), int('0b101', 0), float('1e-5'), str(1e16), repr(1e-7)\n", strs(&["ff", "-10"])),
        ("def worker(n):\n    return any([]), all([]), min([n, 1], key=lambda v: -v), max([], default=n), sum([0.1] * n)\n", small.clone()),
        ("def worker(n):\n    return (lambda *a, **k: (a, sorted(k.items())))(n, 2, x=3)\n", small.clone()),
        ("def worker(n):\n    x = n\n    def inner():\n        nonlocal x\n        x += 1\n        return x\n    return inner(), x\n", small.clone()),
        (
            "def worker(n):\n    d = {'a': n}\n    d.update(b=2)\n    d.setdefault('c', 3)\n    return d.pop('a'), d, list(d.keys()), list(d.values())\n",
            small.clone(),
        ),
        ("def worker(n):\n    assert n > 5, 'small'\n    assert n > 20\n    return n\n", small.clone()),
        // Ordering comparisons taken with the conditional jump that follows them (the engine
        // fuses the two for small ints): both outcomes of `if`, `if not`, `while`, a filter,
        // and the unfused uses (a value, `and`/`or`, a chain, ints too wide for the fast path).
        (
            "def worker(n):\n    out = []\n    for b in (2, 3, n, 2 ** 70, -2 ** 70, 2.5):\n        if n < b:\n            out.append('lt')\n        if n <= b:\n            out.append('le')\n        if not n > b:\n            out.append('ngt')\n        if not (n >= b):\n            out.append('nge')\n        if n * 2 ** 64 < b:\n            out.append('wide')\n        out.append((n < b, 1 < n < b, n > b or n < 0, 'y' if n >= b else 'n'))\n    i = 0\n    while i < n:\n        i += 3\n    j = n\n    while not j <= -3:\n        j -= 2\n    return out, i, j, [x for x in range(12) if x < n if not x >= 9]\n",
            small.clone(),
        ),
        // What the engine runs without its general machinery: `list.append` and `dict.get` on
        // exact lists and dicts (and the same names on other objects, and the wrong arguments,
        // which take the general path), `for` over a range stepped in place (negative steps,
        // empty ranges, a range iterated twice), and `+` and `+=` of two strs (and of a str
        // and an int, the general path's error).
        (
            "import collections\n\nclass Box:\n    def __init__(self):\n        self.items = []\n    def append(self, x):\n        self.items.append(x * 2)\n        return 'boxed'\n    def get(self, k, d=None):\n        return ('got', k, d)\n\ndef worker(n):\n    out = []\n    words = []\n    counts = {}\n    for i in range(n, -7, -3):\n        w = 'w' + str(i % 4)\n        counts[w] = counts.get(w, 0) + 1\n        words.append(w)\n    out.append((words, counts, counts.get('zz'), counts.get('zz', n), i))\n    r = range(n)\n    out.append((list(r), [i for i in r if i % 2], sum(r)))\n    for i in range(0):\n        out.append('never')\n    for i in range(5, 0):\n        out.append('never')\n    b = Box()\n    out.append((b.append(n), b.items, b.get(n), b.get(n, 1)))\n    c = collections.Counter('abca')\n    dd = collections.defaultdict(list)\n    out.append((c.get('a'), c.get('z'), c.get('z', 0), dd.get('x'), len(dd)))\n    try:\n        counts.get([])\n    except TypeError:\n        out.append('unhashable')\n    for call in (lambda: counts.get(), lambda: counts.get(1, 2, 3), lambda: words.append(), lambda: words.append(1, 2)):\n        try:\n            call()\n        except TypeError as e:\n            out.append(str(e))\n    l = []\n    l.append(l)\n    out.append((repr(l), [].append(n), {n: 1}.get(n)))\n    s = ''\n    for w in words:\n        s += w + '.'\n    try:\n        s + n\n    except TypeError as e:\n        out.append(str(e))\n    out.append((s, 'é' + str(n) + '', '' + ''))\n    return out\n",
            small.clone(),
        ),
        // `+`, `-` and `%` with a small-int literal on the right, one instruction in the engine:
        // ints (and the i64 edges, where the general path takes over), floats, bools, a str's
        // `%` formatting, and the errors of the general path.
        (
            "def worker(n):\n    x = n\n    f = n / 2\n    m = 2 ** 63 - 1\n    out = [x + 1, x - 1, x % 7, x % -7, -x % 3, x + 127, x - 128, x % 1, f + 1, f - 2, f % 3, m + 1, -m - 1 - 1, m % 97, True + 1, False - 1, 'x%d' % 5]\n    s = 'ab'\n    for expr in (lambda: s + 1, lambda: s - 1, lambda: None + 1, lambda: [1] % 2):\n        try:\n            out.append(expr())\n        except TypeError as e:\n            out.append(str(e))\n    try:\n        x % 0\n    except ZeroDivisionError:\n        out.append('zero')\n    return out\n",
            small.clone(),
        ),
        // `==`, `!=`, `<`, `<=`, `>`, `>=` with a small-int literal on the right, one instruction
        // in the engine, with and without a jump after it: ints (the i64 edges too), floats,
        // bools, a str's `==`, the errors of the general path; and a `for` over a range that
        // stores its int straight into the loop's local, the old value a heap object.
        (
            "def worker(n):\n    m = 2 ** 63 - 1\n    f = n / 2\n    out = [n == 3, n != 3, n < 3, n <= 3, n > 3, n >= 3, n < -128, n > 127, m > 127, -m - 1 < -128, f < 2, f == 1, True == 1, 'a' == 1, None != 0, [n] == 1]\n    for v in (n, f, m):\n        if v < 3:\n            out.append('lt')\n        elif v >= 10:\n            out.append('ge')\n        if not v != 7:\n            out.append('seven')\n    for bad in ('s', None, [1]):\n        try:\n            out.append(bad < 1)\n        except TypeError as e:\n            out.append(str(e))\n    i = 'before'\n    total = 0\n    for i in range(n):\n        total += i\n    out.append((i, total))\n    return out\n",
            small.clone(),
        ),
        // Calls of module functions with exactly their positional parameters, which the engine
        // finds through a one-entry cache of the last one called: two functions in turn,
        // mutual recursion, a global rebound to another function, and a call that misses the
        // arity (the general path's error).
        (
            "def even(k):\n    return True if k == 0 else odd(k - 1)\ndef odd(k):\n    return False if k == 0 else even(k - 1)\ndef add(a, b):\n    return a + b\ndef sub(a, b):\n    return a - b\ndef mul(a, b):\n    return a * b\ndef worker(n):\n    global add\n    out = [even(abs(n)), odd(abs(n))]\n    f = add\n    for i in range(4):\n        out.append(f(n, i))\n        f = sub if f is add else add\n    keep = add\n    add = mul\n    out.append(add(n, 3))\n    add = keep\n    out.append(add(n, 3))\n    try:\n        out.append(add(n))\n    except TypeError as e:\n        out.append(str(e))\n    return out\n",
            small,
        ),
    ]
}

fn rust_outputs(code: &str, items: &[Value]) -> Vec<String> {
    let worker = CustomWorker::compile(code).unwrap_or_else(|e| panic!("{code:?} does not compile: {e}"));
    items
        .iter()
        .map(|item| match worker.call(item) {
            Ok(v) => v.repr(),
            Err(e) => e.display(),
        })
        .collect()
}

fn python_outputs(cases: &[(&str, Vec<Value>)]) -> Vec<Vec<String>> {
    let lines: Vec<String> = cases
        .iter()
        .map(|(code, items)| {
            let items: Vec<serde_json::Value> = items
                .iter()
                .map(|v| match v {
                    Value::Int(n) => serde_json::Value::from(i64::try_from(*n).unwrap()),
                    Value::Str(s) => serde_json::Value::from(s.as_str()),
                    other => panic!("no oracle input for {other:?}"),
                })
                .collect();
            serde_json::json!({ "code": code, "items": items }).to_string()
        })
        .collect();
    common::ask_oracle("custom.py", &lines)
}

#[test]
fn every_worker_function_matches_cpython() {
    let cases = cases();
    let expected = python_outputs(&cases);
    assert_eq!(expected.len(), cases.len());
    let mut mismatches = Vec::new();
    for ((code, items), want) in cases.iter().zip(&expected) {
        let got = rust_outputs(code, items);
        for ((item, got), want) in items.iter().zip(&got).zip(want) {
            if got != want {
                mismatches.push(format!(
                    "{code}  worker({}):\n    playground {got}\n    CPython    {want}",
                    item.repr()
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{} mismatches:\n{}", mismatches.len(), mismatches.join("\n"));
}
