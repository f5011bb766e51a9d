// The Python program equivalent to the form's settings, in the seed's style: the worker
// function inlined, the items as typed (the input language is a slice of Python), and the
// executor as Python spells it. `python3` runs it as is and prints the same list as the page
// for items inside the workload's domain. A custom worker is printed as the person wrote it.

const IS_PRIME = `def is_prime(n):
    if n < 2:
        return False
    if n == 2:
        return True
    if n % 2 == 0:
        return False
    for i in range(3, math.isqrt(n) + 1, 2):
        if n % i == 0:
            return False
    return True`;

const WORKERS = {
  square: { imports: [], source: 'def worker(num):\n    return num * num' },
  is_prime: { imports: ['import math'], source: IS_PRIME.replace('def is_prime(', 'def worker(') },
  count_primes: {
    imports: ['import math'],
    source: `${IS_PRIME}


def worker(n):
    return sum(1 for k in range(n) if is_prime(k))`,
  },
  fib: { imports: [], source: 'def worker(n):\n    return n if n < 2 else worker(n - 1) + worker(n - 2)' },
  collatz_steps: {
    imports: [],
    source: `def worker(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps`,
  },
  sha256_chain: {
    imports: ['import hashlib'],
    source: `def worker(n, rounds=10_000):
    h = str(n).encode()
    for _ in range(rounds):
        h = hashlib.sha256(h).digest()
    return h.hex()`,
  },
  mandelbrot_row: {
    imports: [],
    source: `def worker(y, width=800, height=600, max_iter=500):
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
    return total`,
  },
  sleep_ms: { imports: ['import time'], source: 'def worker(ms):\n    time.sleep(ms / 1000)\n    return ms' },
  fetch_len: {
    imports: ['import urllib.request', 'from urllib.parse import urljoin'],
    source: `PAGE = {base}


def worker(url):
    with urllib.request.urlopen(urljoin(PAGE, url)) as r:
        return len(r.read())`,
  },
};

const pyStr = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A built-in workload's worker as Python source: its imports, then the function. */
export function workerSource(workload) {
  const { imports, source } = WORKERS[workload];
  return `${imports.join('\n')}${imports.length ? '\n\n\n' : ''}${source}\n`;
}

/** Module-level imports at the head of custom code, which the program keeps at its head. */
const IMPORT = /^(import|from)\s/;

/** A custom worker's code as written: its leading imports, then the rest. */
function customWorker(code) {
  const lines = code.replace(/\s+$/, '').split('\n');
  const head = [];
  while (lines.length && (IMPORT.test(lines[0]) || (head.length && lines[0].trim() === ''))) head.push(lines.shift());
  return { imports: head.filter((l) => l.trim() !== ''), source: lines.join('\n').replace(/^\n+/, '') };
}

/**
 * The program for `settings` ({workload, items, executor, workers, chunksize, order,
 * timeout_ms, code}); `base` is the page address that relative fetch_len URLs resolve against.
 */
export function pythonProgram(settings, base) {
  const worker = settings.workload === 'custom' ? customWorker(settings.code ?? '') : WORKERS[settings.workload] ?? WORKERS.square;
  const { executor, workers, order } = settings;
  const imports = new Set(worker.imports);
  const chunk = String(settings.chunksize).trim();
  const explicitChunk = /^\d+$/.test(chunk) ? chunk : null;
  const timeout = settings.timeout_ms ? `, timeout=${settings.timeout_ms / 1000}` : '';
  let body;
  if (executor === 'sequential') {
    body = 'results = list(map(worker, items))\nprint(results)';
  } else if (executor === 'message-passing') {
    imports.add('from multiprocessing import Pool');
    // Pool.map's default chunksize is the auto rule already; imap_unordered's is 1.
    const auto = `max(1, -(-len(items) // (4 * ${workers})))`;
    const collect = order === 'completed'
      ? `list(pool.imap_unordered(worker, items, ${explicitChunk ?? auto}))`
      : `pool.map(worker, items${explicitChunk ? `, ${explicitChunk}` : ''})`;
    body = `if __name__ == '__main__':\n    with Pool(${workers}) as pool:\n        results = ${collect}\n    print(results)`;
  } else {
    const name = executor === 'pool' ? 'ProcessPoolExecutor' : 'ThreadPoolExecutor';
    // ProcessPoolExecutor.map's own default chunksize is 1; the playground's auto is Pool.map's rule.
    const chunkArg = executor === 'pool' ? `, chunksize=${explicitChunk ?? `max(1, -(-len(items) // (4 * ${workers})))`}` : '';
    if (order === 'completed') {
      imports.add(`from concurrent.futures import ${name}, as_completed`);
      body = `if __name__ == '__main__':\n    with ${name}(max_workers=${workers}) as executor:\n        futures = [executor.submit(worker, item) for item in items]\n        results = [f.result() for f in as_completed(futures${timeout})]\n    print(results)`;
    } else {
      imports.add(`from concurrent.futures import ${name}`);
      body = `if __name__ == '__main__':\n    with ${name}(max_workers=${workers}) as executor:\n        results = list(executor.map(worker, items${chunkArg}${timeout}))\n    print(results)`;
    }
  }
  const source = worker.source.replace('{base}', pyStr(base));
  const items = settings.items.trim().replace(/\n/g, '\n    ');
  return `${[...imports].join('\n')}${imports.size ? '\n\n\n' : ''}${source}\n\n\nitems = list(${items})\n\n${body}\n`;
}
