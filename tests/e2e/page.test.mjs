// The page a learner uses: compare chart, scaling plot, timeline, the Python panel (run by
// python3), shared links, the Korean UI, the phone layout. Screenshots go to target/e2e/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { servedPlayground, openPlayground, field, fillForm } from './harness.mjs';

const SHOTS = fileURLToPath(new URL('../../target/e2e/', import.meta.url));
mkdirSync(SHOTS, { recursive: true });

const env = servedPlayground();


async function runAndWait(page) {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByText(/^(Done|Cancelled|Timed out)/).waitFor({ timeout: 60_000 });
}

test('Compare draws one bar per available executor: its median, its range, and how it was measured', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  await fillForm(page, { workload: 'fib', items: '[20] * 8', workers: 2 });
  await page.getByRole('button', { name: 'Compare executors' }).click();
  await page.getByText('Done: 8 items on sequential.').waitFor({ timeout: 60_000 });
  const bars = await page.locator('[data-compare-chart] [data-bar]').evaluateAll((gs) => gs.map((g) => g.dataset.bar));
  assert.deepEqual(bars, ['sequential', 'async', 'pool', 'message-passing']);
  assert.match(await page.locator('[data-compare-chart]').textContent(), /1\.00×/);
  assert.equal(await page.locator('[data-compare-chart] [data-bar] line.range').count(), 4 * 3);
  assert.match(await page.locator('[data-compare-note]').textContent(), /warmed up first, then ran \d+ times, taking turns/);
  await page.screenshot({ path: `${SHOTS}compare.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await close();
});

test("on computing work the ideal stops at the machine's cores: Scaling fits Amdahl only up to them, Timings gives async 1x", async () => {
  // On 2 cores a pool of 4 flattens at 2x because the cores run out: the page used to fit a
  // "serial fraction" of 40 % to that, and Timings called 4x the pool's ideal and async's.
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const top = cores + 2;
  await fillForm(page, { workload: 'fib', items: '[24] * 8', workers: top });
  await page.getByRole('button', { name: 'Scaling', exact: true }).click();
  await page.locator(`[data-scaling-chart] [data-point="${top}"]`).waitFor({ timeout: 120_000 });
  const caption = await page.locator('[data-scaling-fit]').textContent();
  assert.match(caption, new RegExp(`This machine has ${cores} cores: past ${cores} workers computing work cannot go faster`));
  if (cores < 3) assert.match(caption, /No Amdahl fit: it needs 3 worker counts up to the \d+ cores/);
  else assert.match(caption, /Amdahl fit: serial fraction/);

  const speedup = async (executor) => {
    await fillForm(page, { executor });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.locator('[data-status]').getByText(new RegExp(`^Done: 8 items on ${executor}`)).waitFor({ timeout: 60_000 });
    return page.locator('[data-speedup]').textContent();
  };
  await speedup('sequential');
  assert.match(await speedup('async'), /\(ideal 1×\)/);
  assert.match(await speedup('pool'), new RegExp(`\\(ideal ${Math.min(cores, 8)}×\\)`));
  assert.deepEqual(problems, []);
  await close();
});

test('Scaling plots one point per worker count, each a median, with an Amdahl fit from 3 points and none from 2', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  await fillForm(page, { workload: 'sleep_ms', items: '[30] * 6', workers: 3 });
  await page.getByRole('button', { name: 'Scaling', exact: true }).click();
  await page.locator('[data-scaling-chart] [data-point="3"]').waitFor({ timeout: 60_000 });
  const points = await page.locator('[data-scaling-chart] [data-point]').evaluateAll((cs) => cs.map((c) => c.dataset.point));
  assert.deepEqual(points, ['1', '2', '3']);
  assert.match(await page.locator('[data-scaling-fit]').textContent(), /median of \d+ runs or more after a warm-up\. Amdahl fit: serial fraction ≈ \d+(\.\d)?%/);

  await fillForm(page, { workers: 2 });
  await page.getByRole('button', { name: 'Scaling', exact: true }).click();
  await page.locator('[data-scaling-fit]').filter({ hasText: 'No Amdahl fit: through fewer than 3 points' }).waitFor({ timeout: 60_000 });
  assert.equal(await page.locator('[data-scaling-chart] path.fit').count(), 0);
  assert.equal(await page.locator('[data-scaling-chart] [data-point]').count(), 2);
  await fillForm(page, { workers: 3 });

  await page.getByLabel('Scaling mode').selectOption('chunksize');
  // The last sweep (2 workers) also left 2 points: the chunk sizes' chart must be a new one.
  await page.locator('[data-scaling-chart]').evaluate((svg) => svg.replaceChildren());
  await page.getByRole('button', { name: 'Scaling', exact: true }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-scaling-chart] [data-point]').length === 2, null, { timeout: 60_000 });
  const sizes = await page.locator('[data-scaling-chart] [data-point]').evaluateAll((cs) => cs.map((c) => c.dataset.point));
  assert.deepEqual(sizes, ['1', '2']);
  await page.screenshot({ path: `${SHOTS}scaling.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await close();
});

test('the timeline draws one bar per item, with its index, input and time, the bars one tab stop', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  await fillForm(page, { workload: 'fib', items: '[18, 19, 20, 21, 22]', executor: 'pool', workers: 2 });
  await runAndWait(page);
  const bars = page.locator('[data-timeline] rect[data-item]');
  assert.equal(await bars.count(), 5);
  assert.deepEqual(await bars.evaluateAll((rects) => rects.map((r) => r.getAttribute('tabindex'))), ['0', '-1', '-1', '-1', '-1']);
  const label = await bars.first().getAttribute('aria-label');
  assert.match(label, /^item \d \((18|19|20|21|22)\) on lane [01]: \d+\.\d–\d+\.\d ms$/);
  await bars.first().focus();
  assert.equal(await page.evaluate(() => document.activeElement.dataset.item !== undefined), true);
  assert.equal(await page.locator('[data-timeline-details]').textContent(), label);
  assert.deepEqual(problems, []);
  await close();
});

test("the Python panel's program prints the page's result when python3 runs it", async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  const cases = [
    { workload: 'fib', items: '[10, 20, 5]', executor: 'pool', workers: 2 },
    { workload: 'is_prime', items: 'range(10)', executor: 'sequential' },
    { workload: 'square', items: "[1, 2] * 2", executor: 'async', workers: 3 },
    { workload: 'collatz_steps', items: '[27, 97]', executor: 'message-passing', workers: 2 },
  ];
  for (const c of cases) {
    await fillForm(page, c);
    await runAndWait(page);
    const printed = await page.locator('[data-printed]').textContent();
    const program = await page.locator('[data-python]').textContent();
    const out = execFileSync('python3', ['-c', program], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(out.trim(), printed, `${JSON.stringify(c)}\n${program}`);
  }
  assert.deepEqual(problems, []);
  await close();
});

test('a shared link restores the form and starts nothing', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  await fillForm(page, { workload: 'fib', items: "[30, 10]\n# uneven", executor: 'message-passing', workers: 3 });
  await field(page, 'Chunk size').fill('2');
  await field(page, 'Order').selectOption('completed');
  await field(page, 'Timeout (ms)').fill('5000');
  const link = await page.evaluate(() => location.href);
  assert.match(link, /#/);
  const opened = await openPlayground(env.browser, link);
  const values = {};
  for (const label of ['Workload', 'Input list', 'Executor', 'Workers', 'Chunk size', 'Order', 'Timeout (ms)']) {
    values[label] = await field(opened.page, label).inputValue();
  }
  assert.deepEqual(values, {
    Workload: 'fib', 'Input list': '[30, 10]\n# uneven', Executor: 'message-passing', Workers: '3',
    'Chunk size': '2', Order: 'completed', 'Timeout (ms)': '5000',
  });
  assert.equal(await opened.page.locator('[data-printed]').textContent(), '');
  const hostile = await openPlayground(env.browser, `${env.server.url}#w=evil&e=%3Cimg%3E&n=999&c=x&i=${'9'.repeat(30000)}`);
  assert.equal(await field(hostile.page, 'Workload').inputValue(), 'square');
  assert.equal(await field(hostile.page, 'Executor').inputValue(), 'sequential');
  assert.equal(await field(hostile.page, 'Input list').inputValue(), '[1, 2, 3, 4, 5]');
  assert.deepEqual([...problems, ...opened.problems, ...hostile.problems], []);
  await Promise.all([opened.close(), hostile.close(), close()]);
});

test('the Korean UI has every string translated and no English left over', async () => {
  const { page, problems, close } = await openPlayground(env.browser, `${env.server.url}#l=ko`);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
  await page.getByLabel('작업 함수').selectOption('fib');
  await page.getByLabel('입력 목록').fill('[10, 51]');
  await page.getByRole('button', { name: '실행', exact: true }).click();
  await page.getByText(/^완료/).waitFor();
  const leftovers = await page.evaluate(async () => {
    const { TABLES } = await import('./page/i18n.js');
    const missing = Object.keys(TABLES.en).filter((k) => !(k in TABLES.ko));
    // The UI's own text: the Python program and the printed result are code, in any language.
    const code = [...document.querySelectorAll('[data-python], [data-printed]')];
    code.forEach((el) => el.setAttribute('hidden', ''));
    const shown = document.body.innerText;
    code.forEach((el) => el.removeAttribute('hidden'));
    // Strings that are code (executor names, API names) read the same in both languages; a
    // template is looked for by its fixed start, as a whole word.
    const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const english = Object.entries(TABLES.en)
      .filter(([k, v]) => TABLES.ko[k] !== v)
      .map(([k, v]) => [k, v.split('{')[0].trim()])
      .filter(([, start]) => start.length >= 6);
    const seen = english.filter(([, start]) => new RegExp(`(^|[^A-Za-z])${escape(start)}`).test(shown));
    return { missing, seen: seen.map(([k]) => k) };
  });
  assert.deepEqual(leftovers, { missing: [], seen: [] });
  await page.screenshot({ path: `${SHOTS}korean.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await close();
});

test('on a 375 px phone the layout stacks without horizontal scroll', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  await page.setViewportSize({ width: 375, height: 812 });
  await fillForm(page, { workload: 'sha256_chain', items: 'range(12)', executor: 'pool', workers: 2 });
  await runAndWait(page);
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(widths[0] <= widths[1], `scroll width ${widths[0]} > ${widths[1]}`);
  await page.screenshot({ path: `${SHOTS}phone.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await close();
});

test('a 1,000,000-item result renders at once, truncated, with an expander', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  await fillForm(page, { workload: 'square', items: 'range(1000000)', executor: 'pool', workers: 2 });
  await runAndWait(page);
  const shown = await page.locator('[data-printed]').textContent();
  assert.ok(shown.startsWith('[0, 1, 4, 9, ') && shown.endsWith(', …]'), shown.slice(0, 40));
  assert.ok(shown.length < 5000);
  await page.getByRole('button', { name: /Show 5000 more items/ }).click();
  assert.ok((await page.locator('[data-printed]').textContent()).length > shown.length);
  assert.equal(await page.locator('[data-timeline-note]').isVisible(), true);
  assert.deepEqual(problems, []);
  await close();
});

test('markup in an input comes out as text, under a Content-Security-Policy', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  await page.evaluate(() => {
    window.alerted = false;
    window.alert = () => {
      window.alerted = true;
    };
  });
  await fillForm(page, { workload: 'fetch_len', items: "['<img src=x onerror=alert(1)>']", executor: 'sequential' });
  await runAndWait(page);
  assert.equal(await page.locator('[data-printed] img').count(), 0);
  assert.match(await page.locator('[data-item-errors]').textContent(), /item 0 \('<img src=x onerror=alert\(1\)>'\)/);
  await fillForm(page, { workload: 'square' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.locator('[data-input-error]').waitFor({ state: 'visible' });
  assert.match(await page.locator('[data-input-error]').textContent(), /item 0 is a str: '<img src=x onerror=alert\(1\)>'/);
  assert.equal(await page.locator('[data-input-error] img, [data-item-errors] img').count(), 0);
  assert.equal(await page.evaluate(() => window.alerted), false);
  const csp = (await page.goto(env.server.url)).headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.deepEqual(problems.filter((p) => !/%3Cimg|<img|status of 404/.test(p)), []);
  await close();
});
