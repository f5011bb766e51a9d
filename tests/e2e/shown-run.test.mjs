// One result at a time (issue 18, item 5): every output says which run it shows and greys out
// once the form no longer matches it; Compare leaves the Result on the executor the form names;
// Scaling's chart is its own output and leaves the Result alone; the timeline draws a run as
// it goes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedPlayground, openPlayground, field, fillForm } from './harness.mjs';

const env = servedPlayground();

const button = (page, name) => page.getByRole('button', { name, exact: true });
/** Each output section's caption and whether it is greyed out. */
const outputs = (page) => page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-shows-run]')]
  .filter((s) => !s.closest('[hidden]'))
  .map((s) => [s.getAttribute('aria-labelledby').replace('-title', ''), { shows: s.querySelector('[data-shows]')?.textContent ?? '', stale: s.hasAttribute('data-stale') }])));
const idle = (page) => page.waitForFunction(() => !document.querySelector('[data-run]').disabled, null, { timeout: 60_000 });

test('each output says which run it shows, and greys out when the form changes', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  await fillForm(page, { workload: 'fib', items: '[20] * 4', executor: 'pool', workers: 2 });
  await button(page, 'Run').click();
  await page.getByText('Done: 4 items on pool.').waitFor({ timeout: 60_000 });
  let seen = await outputs(page);
  assert.match(seen.result.shows, /^Shows the run of fib over \[20\] \* 4 on pool with 2 workers, at /);
  assert.equal(seen.timeline.shows, seen.result.shows);
  assert.deepEqual([seen.result.stale, seen.timeline.stale], [false, false]);
  assert.equal(seen.compare.shows, '');

  // An edit greys out what no longer matches; the caption says so.
  await field(page, 'Input list').fill('[21] * 4');
  seen = await outputs(page);
  assert.deepEqual([seen.result.stale, seen.timeline.stale], [true, true]);
  assert.match(seen.result.shows, /The form has changed since: run again to see these settings\.$/);
  assert.equal(await page.locator('[data-result] [data-printed]').evaluate((e) => getComputedStyle(e).opacity), '0.45');
  // Back to what ran: current again.
  await field(page, 'Input list').fill('[20] * 4');
  assert.equal((await outputs(page)).result.stale, false);

  // An input that fails to parse leaves the old result greyed, not passing for the new input's.
  await field(page, 'Input list').fill('[20, 21');
  await button(page, 'Run').click();
  await page.locator('[data-input-error]').waitFor({ state: 'visible' });
  assert.equal((await outputs(page)).result.stale, true);

  // Compare: its chart says what it compared; the Result shows the form's executor's run.
  await field(page, 'Input list').fill('[22] * 4');
  await button(page, 'Compare executors').click();
  await page.locator('[data-compare-chart] [data-bar]').first().waitFor({ timeout: 60_000 });
  await idle(page);
  await page.getByText('Done: 4 items on pool.').waitFor();
  seen = await outputs(page);
  assert.match(seen.compare.shows, /^Shows Compare of fib over \[22\] \* 4 with 2 workers, at /);
  assert.match(seen.result.shows, /^Shows the run of fib over \[22\] \* 4 on pool with 2 workers/);
  // Another executor: the Result no longer matches, Compare (all executors) still does.
  await field(page, 'Executor').selectOption('sequential');
  seen = await outputs(page);
  assert.deepEqual([seen.result.stale, seen.compare.stale], [true, false]);
  // Other workers: neither matches.
  await field(page, 'Workers').fill('3');
  seen = await outputs(page);
  assert.deepEqual([seen.result.stale, seen.compare.stale], [true, true]);

  // Scaling draws its own chart and leaves the Result as it was.
  await field(page, 'Executor').selectOption('pool');
  await field(page, 'Workers').fill('2');
  const before = (await outputs(page)).result.shows;
  await button(page, 'Scaling').click();
  await page.locator('[data-scaling-chart] [data-point="2"]').waitFor({ timeout: 60_000 });
  await idle(page);
  seen = await outputs(page);
  assert.equal(seen.result.shows, before);
  assert.match(seen.scaling.shows, /^Shows Scaling of fib over \[22\] \* 4 with 2 workers, at /);
  assert.equal(seen.scaling.stale, false);
  assert.match(await page.locator('[data-status]').textContent(), /^Scaling done: 2 points\.$/);
  assert.deepEqual(problems, []);
  await close();
});

test('the timeline draws a run as it goes, not only at its end', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  await fillForm(page, { workload: 'sleep_ms', items: '[300] * 12', executor: 'pool', workers: 2 });
  // Every bar count the timeline shows while the run is on (about 1.8 s), as the page draws it.
  await page.evaluate(() => {
    window.seenWhileRunning = new Set();
    new MutationObserver(() => {
      if (document.querySelector('[data-run]').disabled) window.seenWhileRunning.add(document.querySelectorAll('[data-timeline] rect[data-item]').length);
    }).observe(document.querySelector('[data-timeline]'), { childList: true });
  });
  await button(page, 'Run').click();
  await page.getByText('Done: 12 items on pool.').waitFor({ timeout: 30_000 });
  const seen = await page.evaluate(() => [...window.seenWhileRunning].sort((a, b) => a - b));
  assert.ok(seen.some((bars) => bars > 0 && bars < 12), JSON.stringify(seen));
  assert.equal(await page.locator('[data-timeline] rect[data-item]').count(), 12);
  assert.deepEqual(problems, []);
  await close();
});

test('a bar focused while the timeline is drawn live keeps the focus through its redraws', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  await fillForm(page, { workload: 'sleep_ms', items: '[300] * 12', executor: 'pool', workers: 2 });
  await button(page, 'Run').click();
  const bars = page.locator('[data-timeline] rect[data-item]');
  await page.waitForFunction(() => document.querySelectorAll('[data-timeline] rect[data-item]').length >= 2);
  await bars.nth(1).focus();
  // Several redraws later (one every 100 ms), the focus is still on the timeline's second bar.
  await page.waitForTimeout(600);
  const focusedNow = () => page.evaluate(() => {
    const bar = document.activeElement;
    return bar?.matches('[data-timeline] rect[data-item]') ? [...document.querySelectorAll('[data-timeline] rect[data-item]')].indexOf(bar) : null;
  });
  assert.equal(await focusedNow(), 1);
  await page.keyboard.press('ArrowRight');
  assert.equal(await focusedNow(), 2);
  await page.getByText('Done: 12 items on pool.').waitFor({ timeout: 30_000 });
  assert.equal(await focusedNow(), 2);
  // Focus that leaves the chart stays where it went.
  await field(page, 'Workers').focus();
  await button(page, 'Run').click();
  await page.getByText('Done: 12 items on pool.').waitFor({ timeout: 30_000 });
  assert.equal(await focusedNow(), null);
  assert.deepEqual(problems, []);
  await close();
});

test('the Mandelbrot picture sits under the result, with a legend of the lanes its colours mean', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  await fillForm(page, { workload: 'mandelbrot_row', items: 'range(0, 600, 40)', executor: 'pool', workers: 2 });
  await button(page, 'Run').click();
  await page.getByText('Done: 15 items on pool.').waitFor({ timeout: 60_000 });
  assert.equal(await page.locator('[data-mandelbrot]').evaluate((s) => s.previousElementSibling.hasAttribute('data-result')), true);
  assert.deepEqual(await page.locator('[data-mandelbrot-legend] li').allTextContents(), ['lane 0', 'lane 1']);
  // Every bar is the colour of its lane's swatch (the timeline's lanes are 22 units apart, from
  // 4). Which lanes have bars is the machine's to decide: on a busy one, a lane woken late may
  // find the 15 rows all taken.
  const swatches = await page.locator('[data-mandelbrot-legend] .swatch').evaluateAll((ss) => ss.map((e) => getComputedStyle(e).backgroundColor));
  const bars = await page.locator('[data-timeline] rect[data-item]').evaluateAll((bs) => bs.map((b) => [(Number(b.getAttribute('y')) - 4) / 22, getComputedStyle(b).fill]));
  assert.equal(bars.length, 15);
  for (const [lane, fill] of bars) assert.equal(fill, swatches[lane], `lane ${lane}`);
  assert.notEqual(swatches[0], swatches[1]);
  // Compare's bars are one colour: lane colours mean lanes.
  await button(page, 'Compare executors').click();
  await page.locator('[data-compare-chart] [data-bar]').first().waitFor({ timeout: 60_000 });
  const fills = await page.locator('[data-compare-chart] [data-bar] rect').evaluateAll((rs) => [...new Set(rs.map((r) => getComputedStyle(r).fill))]);
  assert.equal(fills.length, 1);
  assert.deepEqual(problems, []);
  await close();
});
