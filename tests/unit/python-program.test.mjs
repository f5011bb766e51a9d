// page/python-program.js: the Python panel's program for every workload and executor is Python
// that CPython runs, with each workload's function from python/workloads.py as `worker`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { pythonProgram, workerSource } from '../../www/page/python-program.js';
import { loadWasm } from './wasm.mjs';

const catalog = (await loadWasm()).catalog();
const python = (code) => spawnSync('python3', ['-c', code], { encoding: 'utf8' });

test('every built-in workload is shown as its own function, named worker', () => {
  for (const { name } of catalog.workloads.filter((w) => w.name !== 'custom')) {
    const source = workerSource(name);
    assert.match(source, /^def worker\(/m, name);
    assert.doesNotMatch(source, new RegExp(`\\b${name}\\(`), `${name} still calls itself by its own name`);
  }
  assert.match(workerSource('count_primes'), /^def is_prime\(n\):[\s\S]*^def worker\(n\):/m);
  assert.match(workerSource('sha256_chain'), /^import hashlib$/m);
});

test('the program for every executor and order runs in python3 and prints the map', () => {
  for (const executor of catalog.executors) {
    for (const order of catalog.orders) {
      const settings = { workload: 'fib', items: '[10, 1,\n 2]', executor, workers: 2, chunksize: 'auto', order };
      const run = python(pythonProgram(settings, 'http://127.0.0.1/'));
      assert.equal(run.stderr, '', `${executor} ${order}`);
      const printed = order === 'ordered' ? '[55, 1, 1]' : run.stdout.trim();
      assert.equal(run.stdout.trim(), printed, `${executor} ${order}`);
      assert.deepEqual(JSON.parse(run.stdout).sort(), [1, 1, 55], `${executor} ${order}`);
    }
  }
});

test('a custom worker is printed as written, its imports at the head', () => {
  const code = 'import math\n\ndef worker(x):\n    return math.sqrt(x)\n';
  const program = pythonProgram({ workload: 'custom', code, items: '[4, 9]', executor: 'sequential', workers: 1, chunksize: 'auto', order: 'ordered' }, 'http://x/');
  assert.match(program, /^import math\n/);
  assert.equal(python(program).stdout, '[2.0, 3.0]\n');
});

test("where an item raises, the program stops at it as map does, or lists every outcome as completed", () => {
  const code = "def worker(x):\n    if x == 2:\n        raise ValueError('two')\n    return x\n";
  for (const executor of catalog.executors) {
    for (const order of catalog.orders) {
      const settings = { workload: 'custom', code, items: '[1, 2, 3]', executor, workers: 2, chunksize: '2', order };
      const run = python(pythonProgram(settings, 'http://127.0.0.1/'));
      if (order === 'ordered' || executor === 'sequential') {
        assert.equal(run.stdout, '', `${executor} ${order}`);
        assert.equal(run.stderr.trimEnd().split('\n').at(-1), 'ValueError: two', `${executor} ${order}`);
      } else {
        assert.equal(run.stderr, '', `${executor} ${order}`);
        assert.deepEqual(run.stdout.trim().slice(1, -1).split(', ').sort(), ['1', '3', "ValueError('two')"], `${executor} ${order}`);
      }
    }
  }
});
