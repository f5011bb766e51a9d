// Every workload on every executor in Chromium prints what CPython prints (the project's
// oracle, tests/oracle/workloads.py, run with python3), and the Workload and Preset selects
// fill the form as a person expects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { servedPlayground, openPlayground, fillForm } from './harness.mjs';

const ORACLE = fileURLToPath(new URL('../oracle/workloads.py', import.meta.url));
const EXECUTORS = ['sequential', 'async', 'pool'];

// One input per workload, with an item outside the domain where there is one.
const CASES = {
  square: [1, 2, 3, 4, 5, -9223372036854775808n],
  is_prime: [112272535095293, 112582705942171, 1099726899285419, 2, -1],
  count_primes: [0, 10, 1000, 10000001],
  fib: [0, 1, 20, 51],
  collatz_steps: [1, 27, 1000000000000, 0],
  sha256_chain: [7, -1],
  mandelbrot_row: [0, 300, 600],
  sleep_ms: [5, 0, -1],
};

const pythonList = (items) => `[${items.map(String).join(', ')}]`;

function cpythonPrints(workload, items) {
  const request = `{"workload": "${workload}", "items": ${pythonList(items)}}\n`;
  return JSON.parse(execFileSync('python3', [ORACLE, '--print'], { input: request, encoding: 'utf8' }));
}

const env = servedPlayground();

test('every workload prints as CPython on every executor', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  for (const [workload, items] of Object.entries(CASES)) {
    const expected = cpythonPrints(workload, items);
    for (const executor of EXECUTORS) {
      const report = await page.evaluate(
        (options) => window.playground.run(options),
        { workload, items: pythonList(items), executor, workers: 2 },
      );
      assert.equal(report.printed, expected, `${workload} on ${executor}`);
    }
  }
  assert.deepEqual(problems, []);
  await close();
});

test('fetch_len downloads same-origin samples on every executor; a missing file is an HTTPError', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url, {
    expected: [/missing\.txt/, /status of 404/],
  });
  const items = "['samples/1k.txt', 'samples/10k.txt', 'samples/100k.txt', 'samples/missing.txt']";
  for (const executor of EXECUTORS) {
    const report = await page.evaluate(
      (options) => window.playground.run(options),
      { workload: 'fetch_len', items, executor, workers: 2 },
    );
    assert.equal(report.printed, "[1000, 10000, 100000, HTTPError('HTTP Error 404: Not Found')]", executor);
    assert.deepEqual(report.results[3].error, { type: 'HTTPError', message: 'HTTP Error 404: Not Found' });
    assert.equal(report.ok, 3);
    assert.equal(report.failed, 1);
  }
  assert.deepEqual(problems, []);
  await close();
});

test('the Workload select lists every workload with a description, and presets fill the form', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  const names = await page.locator('#workload option').evaluateAll((options) => options.map((o) => o.value));
  assert.deepEqual(names, [...Object.keys(CASES).slice(0, 7), 'sleep_ms', 'fetch_len', 'custom']);
  await page.getByLabel('Workload', { exact: true }).selectOption('fib');
  assert.match(await page.locator('[data-workload-description]').textContent(), /CPU-bound.*Fibonacci/);

  // A preset fills the workload, the items and the executor its lesson is about, and says
  // what it shows; edited, the menu says "custom".
  const preset = page.getByLabel('Preset', { exact: true });
  await preset.selectOption({ label: 'Python docs: ProcessPoolExecutor example' });
  assert.equal(await page.getByLabel('Workload', { exact: true }).inputValue(), 'is_prime');
  assert.equal(await page.getByLabel('Executor', { exact: true }).inputValue(), 'pool');
  assert.match(await page.locator('[data-preset-lesson]').textContent(), /a pool of processes wins/);
  await page.getByRole('button', { name: 'Run' }).click();
  await page.getByText('Done: 48 items on pool.').waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('[data-printed]').textContent(), `[${Array(8).fill('True, True, True, True, True, False').join(', ')}]`);

  await preset.selectOption({ label: 'I/O-bound: 20 waits of 200 ms' });
  assert.equal(await page.getByLabel('Input list', { exact: true }).inputValue(), '[200] * 20');
  assert.equal(await page.getByLabel('Workload', { exact: true }).inputValue(), 'sleep_ms');
  assert.equal(await page.getByLabel('Executor', { exact: true }).inputValue(), 'async');
  assert.equal(await page.getByLabel('Workers', { exact: true }).inputValue(), '20');
  await page.getByRole('button', { name: 'Run' }).click();
  await page.getByText('Done: 20 items on async.').waitFor({ timeout: 30_000 });
  await page.getByLabel('Input list', { exact: true }).fill('[200] * 10');
  assert.equal(await preset.inputValue(), 'custom');
  assert.equal(await preset.locator('option:checked').textContent(), 'custom (edited)');
  assert.equal(await page.locator('[data-preset-lesson]').textContent(), '');

  await preset.selectOption({ label: 'many tiny items: where message-passing loses' });
  assert.deepEqual(
    [await page.getByLabel('Workload', { exact: true }).inputValue(), await page.getByLabel('Executor', { exact: true }).inputValue()],
    ['square', 'message-passing'],
  );
  assert.match(await page.locator('[data-preset-lesson]').textContent(), /it loses to sequential/);
  assert.deepEqual(problems, []);
  await close();
});

test('a list of strings for an int workload is refused next to the input, text kept', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  await page.getByLabel('Workload', { exact: true }).selectOption('fib');
  await page.getByLabel('Input list', { exact: true }).fill("[1, 'two', 3]");
  await page.getByRole('button', { name: 'Run' }).click();
  const message = page.locator('[data-input-error]');
  await message.waitFor({ state: 'visible' });
  assert.equal(await message.textContent(), "InputError: fib() takes int items, but item 1 is a str: 'two'");
  assert.equal(await page.getByLabel('Input list', { exact: true }).inputValue(), "[1, 'two', 3]");
  assert.deepEqual(problems, []);
  await close();
});

test("an item that raises stops the ordered map's printout as Python's map does; 'as completed' prints every outcome", async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  await page.getByLabel('Workload', { exact: true }).selectOption('fib');
  await page.getByLabel('Input list', { exact: true }).fill('[10, 51, 2]');
  await page.getByLabel('Executor', { exact: true }).selectOption('pool');
  await page.getByRole('button', { name: 'Run' }).click();
  await page.getByText('Done: 3 items on pool, 1 raised.').waitFor();
  assert.equal(
    await page.locator('[data-printed]').textContent(),
    "Traceback (most recent call last):\n  ...\nValueError: fib() accepts 0 <= n <= 50, got 51",
  );
  assert.match(await page.locator('[data-stops-note]').textContent(), /stops where an item raises, here at item 1 \(51\)/);
  assert.deepEqual(await page.locator('[data-item-errors] li').allTextContents(), [
    'item 1 (51): ValueError: fib() accepts 0 <= n <= 50, got 51',
  ]);
  await page.getByLabel('Order', { exact: true }).selectOption('completed');
  await page.getByLabel('Workers', { exact: true }).fill('1');
  await page.getByRole('button', { name: 'Run' }).click();
  await page.getByText('Done: 3 items on pool, 1 raised.').waitFor();
  await page.locator('[data-stops-note]').waitFor({ state: 'hidden' });
  assert.equal(
    await page.locator('[data-printed]').textContent(),
    "[55, ValueError('fib() accepts 0 <= n <= 50, got 51'), 1]",
  );
  assert.deepEqual(problems, []);
  await close();
});

test("a run that its timeout ends prints what Python's map with that timeout prints: TimeoutError, not a list", async () => {
  // executor.map(worker, items, timeout=0.5) raises TimeoutError where iteration meets an item
  // not done by then; the page printed [100, TimeoutError(), 100], a list Python never prints.
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  await fillForm(page, { workload: 'sleep_ms', items: '[100, 3000, 100]', executor: 'async', workers: 3 });
  await page.getByLabel('Timeout (ms)', { exact: true }).fill('500');
  await page.getByRole('button', { name: 'Run' }).click();
  await page.locator('[data-status]').getByText(/^Timed out/).waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('[data-printed]').textContent(), 'Traceback (most recent call last):\n  ...\nTimeoutError');
  assert.match(await page.locator('[data-stops-note]').textContent(), /raises TimeoutError where its timeout leaves an item unfinished, here at item 1 \(3000\)/);
  assert.deepEqual(problems, []);
  await close();
});
