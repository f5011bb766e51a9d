// `./build.sh bench --python`: the figures behind docs/python-engine.md for the engine the
// playground ships (monty), measured side by side in one run: the custom worker in headless
// Chromium against the built-in Rust kernel of the same algorithm and against CPython running
// the same Python source. Median of 5 runs after 3 warm-up runs, tracing off.
//
// Writes target/bench/python-engine.md and prints it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { serve } from '../serve.mjs';
import { launchBrowser } from '../../tests/e2e/harness.mjs';
import { workerSource } from '../../www/page/python-program.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUNS = 5;
// The engine's version, as Cargo.lock has it (vendor/monty when patched).
const MONTY = readFileSync(`${ROOT}Cargo.lock`, 'utf8').match(/name = "monty"\nversion = "([^"]+)"/)[1];

const FIB = workerSource('fib');
// count_primes as the Python panel writes it (the oracle's algorithm), as one worker.
const PRIMES = workerSource('count_primes');
const SQUARE = workerSource('square');

const CASES = [
  { id: 'fib(25)', builtin: 'fib', code: FIB, items: '[25]', executor: 'sequential' },
  { id: 'primes below 50,000', builtin: 'count_primes', code: PRIMES, items: '[50000]', executor: 'sequential' },
  { id: 'square over range(10000), per item', builtin: 'square', code: SQUARE, items: 'range(10000)', executor: 'sequential', perItem: 10000 },
  { id: 'fib(22) × 16, sequential', builtin: 'fib', code: FIB, items: '[22] * 16', executor: 'sequential' },
  { id: 'fib(22) × 16 on the pool of 2', builtin: 'fib', code: FIB, items: '[22] * 16', executor: 'pool', workers: 2 },
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function cpython(code, items, executor) {
  const run = executor === 'pool'
    ? 'from concurrent.futures import ProcessPoolExecutor\nwith ProcessPoolExecutor(2) as ex:\n    list(ex.map(worker, items, chunksize=2))\n    for _ in range(RUNS):\n        t = time.perf_counter(); list(ex.map(worker, items, chunksize=2)); times.append(time.perf_counter() - t)'
    : 'list(map(worker, items))\nfor _ in range(RUNS):\n    t = time.perf_counter(); list(map(worker, items)); times.append(time.perf_counter() - t)';
  const program = `import sys, time\nsys.setrecursionlimit(1000)\n${code}\nRUNS = ${RUNS}\nitems = list(${items})\ntimes = []\nif __name__ == '__main__':\n${run.replace(/^/gm, '    ')}\n    times.sort()\n    print(times[len(times) // 2] * 1000)\n`;
  const dir = `${ROOT}target/bench/`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}python_engine_case.py`, program);
  return Number(execFileSync('python3', [`${dir}python_engine_case.py`], { encoding: 'utf8', timeout: 300_000 }).trim());
}

const server = await serve({ root: `${ROOT}www`, port: 0 });
const browser = await launchBrowser();
const rows = [];
let engineLoad;
try {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  // The first custom run loads the engine build and starts its pool; the second is warm.
  engineLoad = await page.evaluate(async (code) => {
    const options = { workload: 'custom', code, items: '[1]', executor: 'pool', workers: 2, trace: false };
    const t0 = performance.now();
    await window.playground.run(options);
    const t1 = performance.now();
    await window.playground.run(options);
    return { first: t1 - t0, warm: performance.now() - t1 };
  }, SQUARE);
  for (const c of CASES) {
    process.stderr.write(`python-engine: ${c.id}\n`);
    const times = await page.evaluate(async ([c, runs]) => {
      const time = async (options) => {
        // Three warm-up runs: each pool thread's wasm must be tiered up before it is timed.
        for (let i = 0; i < 3; i++) await window.playground.run(options);
        const out = [];
        for (let i = 0; i < runs; i++) out.push((await window.playground.run(options)).wall_ms);
        return out;
      };
      const common = { items: c.items, executor: c.executor, workers: c.workers ?? 2, chunksize: 2, trace: false };
      return {
        custom: await time({ ...common, workload: 'custom', code: c.code }),
        builtin: await time({ ...common, workload: c.builtin }),
      };
    }, [c, RUNS]);
    const per = c.perItem ?? 1;
    rows.push({
      id: c.id,
      monty: median(times.custom) / per,
      builtin: median(times.builtin) / per,
      cpython: cpython(c.code, c.items, c.executor) / per,
    });
  }
} finally {
  await browser.close();
  server.close();
}

const size = (path) => gzipSync(readFileSync(`${ROOT}www/${path}/map_playground_bg.wasm`)).length / 1024;
const fmt = (ms) => (ms < 0.1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(1)} ms`);
const lines = [
  `monty ${MONTY} in headless Chromium (wasm) against the built-in Rust kernel of the same algorithm and CPython ${execFileSync('python3', ['--version'], { encoding: 'utf8' }).trim().split(' ')[1]}; median of ${RUNS} runs after 3 warm-up runs.`,
  '',
  '| case | monty (wasm) | built-in Rust (wasm) | CPython | monty ÷ built-in | monty ÷ CPython |',
  '|---|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.id} | ${fmt(r.monty)} | ${fmt(r.builtin)} | ${fmt(r.cpython)} | ${(r.monty / r.builtin).toFixed(0)}× | ${(r.monty / r.cpython).toFixed(2)}× |`),
  '',
  `Threaded wasm, gzip: ${size('pkg').toFixed(0)} KB without the engine, ${size('pkg-py').toFixed(0)} KB with it (+${(size('pkg-py') - size('pkg')).toFixed(0)} KB).`,
  `Engine start on the page (first custom run on a pool of 2, engine build fetched and compiled, pool started): ${engineLoad.first.toFixed(0)} ms; the same run warm: ${engineLoad.warm.toFixed(1)} ms.`,
];
const md = `${lines.join('\n')}\n`;
mkdirSync(`${ROOT}target/bench`, { recursive: true });
writeFileSync(`${ROOT}target/bench/python-engine.md`, md);
process.stdout.write(md);
