// Custom worker functions written in Python, in real Chromium: typed in the page, run on every
// executor, printed as CPython prints them, with Python's errors and tracebacks, inside the
// sandbox's budgets; carried by the Python panel and by a shared link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { servedPlayground, openPlayground } from './harness.mjs';

const env = servedPlayground();
const EXECUTORS = ['sequential', 'async', 'pool', 'message-passing'];

const field = (page, label) => page.getByLabel(label, { exact: true });

async function runAndWait(page) {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByText(/^(Done|Cancelled|Timed out|The worker function has an error|The input list has an error)/).waitFor({ timeout: 60_000 });
}

/** What CPython prints for `list(map(worker, items))`, the worker as written. */
function cpython(code, items) {
  const program = `${code}\n\nprint([worker(x) for x in ${items}])\n`;
  return execFileSync('python3', ['-c', program], { encoding: 'utf8', timeout: 60_000 }).trim();
}

test("a person types the seed's worker in the page and every executor prints CPython's list", async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  assert.equal(await page.locator('[data-code-box]').isHidden(), true);
  await field(page, 'Workload').selectOption('custom');
  assert.equal(await page.locator('#workload option:checked').textContent(), 'custom (Python)');
  const code = field(page, 'Worker function');
  assert.equal(await code.isVisible(), true);
  assert.equal(await code.inputValue(), 'def worker(num):\n    return num * num\n');
  await field(page, 'Input list').fill('[1, 2, 3, 4, 5]');
  for (const executor of EXECUTORS) {
    await field(page, 'Executor').selectOption(executor);
    await field(page, 'Workers').fill('2');
    await runAndWait(page);
    assert.equal(await page.locator('[data-printed]').textContent(), '[1, 4, 9, 16, 25]', executor);
  }
  // Tab indents inside the code box instead of leaving it.
  await code.fill('def worker(n):\n');
  await code.press('End');
  await code.press('Tab');
  await code.pressSequentially('return [n, str(n) * 2, n / 2, None]');
  await field(page, 'Input list').fill('[3, -1]');
  await runAndWait(page);
  assert.equal(await page.locator('[data-printed]').textContent(), cpython(await code.inputValue(), '[3, -1]'));
  assert.deepEqual(problems, []);
  await close();
});

test('custom workers give the built-in result and CPython\'s, on every executor', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  const run = (options) => page.evaluate((o) => window.playground.run(o), options);
  const square = 'def worker(num):\n    return num * num\n';
  const items = 'list(range(-20, 300, 7)) + [9223372036854775807]';
  const builtin = await run({ workload: 'square', items, executor: 'sequential' });
  const cases = [
    ['def worker(n):\n    if n < 2:\n        return n\n    return worker(n - 1) + worker(n - 2)\n', '[0, 1, 10, 20, 22]'],
    ['def worker(n):\n    return 2 ** n, [x * x for x in range(n % 5)], {"n": n}, (n,)\n', '[0, 3, 100]'],
    ['def worker(s):\n    return s.upper() + "!" * len(s)\n', "['a', 'bc', '']"],
  ];
  for (const executor of EXECUTORS) {
    for (const workers of [1, 3]) {
      const report = await run({ workload: 'custom', code: square, items, executor, workers, chunksize: 2 });
      assert.equal(report.workload, 'custom');
      assert.equal(report.printed, builtin.printed, `${executor} ×${workers}`);
    }
    for (const [code, list] of cases) {
      const report = await run({ workload: 'custom', code, items: list, executor, workers: 2 });
      assert.equal(report.printed, cpython(code, list), `${executor}: ${code}`);
    }
  }
  assert.deepEqual(problems, []);
  await close();
});

test('an exception in one item shows as Python shows it, with its traceback and line', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  const code = 'def worker(n):\n    if n == 3:\n        raise ValueError(f"bad item {n}")\n    return 10 // (n - 2)\n';
  for (const executor of EXECUTORS) {
    const report = await page.evaluate((o) => window.playground.run(o), { workload: 'custom', code, items: '[1, 2, 3, 4]', executor, workers: 2 });
    assert.equal(report.printed, "[-10, ZeroDivisionError('integer division or modulo by zero'), ValueError('bad item 3'), 5]", executor);
    const [, zero, bad] = report.results;
    assert.equal(zero.error.line, 4);
    assert.equal(bad.error.line, 3);
    assert.match(bad.error.traceback, /^Traceback \(most recent call last\):\n {2}File "worker.py", line 3, in worker\n/);
    assert.match(bad.error.traceback, /ValueError: bad item 3$/);
  }
  await field(page, 'Workload').selectOption('custom');
  await field(page, 'Worker function').fill(code);
  await field(page, 'Input list').fill('[1, 3]');
  await runAndWait(page);
  const item = page.locator('[data-item-errors] li').first();
  assert.match(await item.textContent(), /item 1 \(3\): ValueError: bad item 3 \(line 3\)/);
  await item.locator('summary').click();
  assert.match(await item.locator('pre').textContent(), /line 3, in worker\n\s+raise ValueError/);
  assert.deepEqual(problems, []);
  await close();
});

test('a syntax error is shown by the code, with its line; nothing typed is lost and the next run works', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  await field(page, 'Workload').selectOption('custom');
  const broken = 'def worker(num)\n    return num * 2\n';
  await field(page, 'Worker function').fill(broken);
  await field(page, 'Input list').fill('[1, 2]');
  await runAndWait(page);
  const shown = await page.locator('[data-code-error]').textContent();
  assert.match(shown, /line 1/);
  assert.match(shown, /SyntaxError/);
  assert.equal(await field(page, 'Worker function').getAttribute('aria-invalid'), 'true');
  assert.equal(await field(page, 'Worker function').inputValue(), broken);
  assert.equal(await page.locator('[data-input-error]').isHidden(), true);
  await field(page, 'Worker function').fill('def work(n):\n    return n\n');
  await runAndWait(page);
  assert.match(await page.locator('[data-code-error]').textContent(), /NameError: .*no function named worker/);
  await field(page, 'Worker function').fill('def worker(num):\n    return num * 2\n');
  await runAndWait(page);
  assert.equal(await page.locator('[data-printed]').textContent(), '[2, 4]');
  assert.equal(await page.locator('[data-code-error]').isHidden(), true);
  assert.deepEqual(problems, []);
  await close();
});

test('the sandbox ends runaway items with clear errors and the pool stays healthy', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  const run = (options) => page.evaluate((o) => window.playground.run(o), { executor: 'pool', workers: 2, workload: 'custom', ...options });
  const escapes = [
    'import os\ndef worker(n):\n    return os.listdir("/")\n',
    'def worker(n):\n    return open("/etc/passwd").read()\n',
    'def worker(n):\n    return __import__("js")\n',
  ];
  for (const code of escapes) {
    const report = await run({ code, items: '[1]' });
    assert.equal(report.failed, 1, `${code} -> ${report.printed}`);
  }
  const deep = await run({ code: 'def worker(n):\n    return worker(n + 1)\n', items: '[1, 2]' });
  assert.equal(deep.printed, "[RecursionError('maximum recursion depth exceeded'), RecursionError('maximum recursion depth exceeded')]");
  const memory = await run({ code: 'def worker(n):\n    s = "x"\n    while True:\n        s = s + s\n', items: '[1]' });
  assert.equal(memory.results[0].error.type, 'MemoryError', memory.printed);
  const spin = await run({ code: 'def worker(n):\n    while True:\n        pass\n', items: '[1, 2]' });
  assert.deepEqual(spin.results.map((r) => r.error?.type), ['TimeoutError', 'TimeoutError']);
  assert.match(spin.results[0].error.message, /budget of 10 s for one item/);
  const after = await run({ code: 'def worker(num):\n    return num * num\n', items: 'range(6)' });
  assert.equal(after.printed, '[0, 1, 4, 9, 16, 25]');
  assert.equal(after.lanes_used > 0, true);
  assert.deepEqual(problems, []);
  await close();
});

test("the Python panel prints the custom worker as written, and a shared link restores it", async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  await field(page, 'Workload').selectOption('custom');
  const code = 'import math\n\n\ndef worker(n):\n    # the digits of 2 ** n, and its square root\n    return len(str(2 ** n)), math.isqrt(n)\n';
  await field(page, 'Worker function').fill(code);
  await field(page, 'Input list').fill('[5, 50, 500]');
  await field(page, 'Executor').selectOption('pool');
  await runAndWait(page);
  const printed = await page.locator('[data-printed]').textContent();
  assert.equal(printed, '[(2, 2), (16, 7), (151, 22)]');
  const program = await page.locator('[data-python]').textContent();
  assert.match(program, /# the digits of 2 \*\* n/);
  assert.equal(execFileSync('python3', ['-c', program], { encoding: 'utf8', timeout: 60_000 }).trim(), printed);
  const link = await page.evaluate(() => location.href);
  const opened = await openPlayground(env.browser, link);
  assert.equal(await field(opened.page, 'Workload').inputValue(), 'custom');
  assert.equal(await field(opened.page, 'Worker function').inputValue(), code);
  assert.equal(await field(opened.page, 'Worker function').isVisible(), true);
  assert.equal(await opened.page.locator('[data-printed]').textContent(), '');
  assert.deepEqual([...problems, ...opened.problems], []);
  await Promise.all([opened.close(), close()]);
});

test("where an item raises, python3 running the Python panel's program prints what the page printed", async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  await field(page, 'Workload').selectOption('custom');
  await field(page, 'Worker function').fill("def worker(x):\n    if x % 3 == 0:\n        raise ValueError(f'no multiples of 3: {x}')\n    return [0][x - 1] if x < 0 else x * 10\n");
  // One item raises: with two, which one Pool.map raises is a race (the first chunk to fail).
  await field(page, 'Input list').fill('[1, 3, 5]');
  const python3 = (program) => spawnSync('python3', ['-c', program], { encoding: 'utf8', timeout: 60_000 });
  // Ordered: the program stops at item 1, with a traceback on stderr and nothing on stdout; the
  // page prints a traceback's head and its last line (a process pool's traceback starts with
  // the worker's, _RemoteTraceback, then the parent's).
  for (const executor of ['sequential', 'pool', 'message-passing']) {
    await field(page, 'Executor').selectOption(executor);
    await runAndWait(page);
    const printed = await page.locator('[data-printed]').textContent();
    const run = python3(await page.locator('[data-python]').textContent());
    const stderr = run.stderr.trimEnd().split('\n');
    assert.equal(run.stdout, '', executor);
    assert.ok(stderr.includes('Traceback (most recent call last):'), run.stderr);
    assert.equal(printed, `Traceback (most recent call last):\n  ...\n${stderr.at(-1)}`, executor);
    assert.equal(printed.split('\n').at(-1), 'ValueError: no multiples of 3: 3', executor);
  }
  // As completed: every outcome, listed (on one worker, the page's in input order; CPython's
  // as_completed yields the futures already done in no set order).
  const elements = (printed) => printed.slice(1, -1).split(', ').sort();
  await field(page, 'Order').selectOption('completed');
  await field(page, 'Input list').fill('[1, 3, 5, 6, -1]');
  await field(page, 'Workers').fill('1');
  for (const executor of ['pool', 'message-passing']) {
    await field(page, 'Executor').selectOption(executor);
    await runAndWait(page);
    const printed = await page.locator('[data-printed]').textContent();
    assert.equal(printed, "[10, ValueError('no multiples of 3: 3'), 50, ValueError('no multiples of 3: 6'), IndexError('list index out of range')]", executor);
    const run = python3(await page.locator('[data-python]').textContent());
    assert.equal(run.stderr, '', executor);
    assert.deepEqual(elements(run.stdout.trim()), elements(printed), executor);
  }
  assert.deepEqual(problems, []);
  await close();
});
