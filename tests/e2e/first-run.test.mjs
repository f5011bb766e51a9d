// A first run, as a person makes it: the seed's example on every executor, typed into
// the form in real Chromium, on a cross-origin isolated page; the pool on two Web Workers;
// a malformed list; and the fallback on a page that is not isolated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedPlayground, openPlayground, startServer } from './harness.mjs';

const env = servedPlayground();

async function runFromForm(page, items, executor) {
  const input = page.getByLabel('Input list', { exact: true });
  await input.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(items);
  await page.getByLabel('Executor', { exact: true }).selectOption(executor);
  await page.getByRole('button', { name: 'Run' }).click();
}

test('the page is cross-origin isolated and its pool is ready', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  const info = await page.evaluate(async () => ({ isolated: crossOriginIsolated, ...(await window.playground.ready) }));
  assert.equal(info.isolated, true);
  assert.equal(info.threaded, true);
  assert.ok(info.threads >= 1);
  assert.deepEqual(problems, []);
  await close();
});

test('every executor prints the seed result typed into the form', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  const result = page.getByRole('region', { name: 'Result' });
  for (const executor of ['sequential', 'async', 'pool']) {
    await runFromForm(page, '[1, 2, 3, 4, 5]', executor);
    await page.getByText(`Done: 5 items on ${executor}.`).waitFor();
    assert.equal(await result.locator('[data-printed]').textContent(), '[1, 4, 9, 16, 25]', executor);
    assert.match(await result.locator('[data-wall-ms]').textContent(), /^\d+\.\d\d ms$/);
  }
  assert.deepEqual(problems, []);
  await close();
});

test('the page API runs every executor and reports its fields', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  for (const executor of ['sequential', 'async', 'pool']) {
    const report = await page.evaluate(
      (executor) => window.playground.run({ workload: 'square', items: '[1, 2, 3, 4, 5]', executor, workers: 2 }),
      executor,
    );
    assert.equal(report.printed, '[1, 4, 9, 16, 25]');
    assert.deepEqual(report.results.map((r) => r.repr), ['1', '4', '9', '16', '25']);
    assert.equal(report.executor, executor);
    assert.equal(report.workers, 2);
    assert.equal(typeof report.wall_ms, 'number');
    assert.ok(report.lanes_used >= 1);
  }
  assert.deepEqual(problems, []);
  await close();
});

test('the pool with 2 workers runs items on 2 Web Workers at once', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  // The facts are taken in the page: a 200,000-item report sent back whole took half a minute.
  const facts = await page.evaluate(async () => {
    const report = await window.playground.run({ workload: 'square', items: 'range(200000)', executor: 'pool', workers: 2 });
    // Each lane's span: from its first item's start to its last item's end.
    const span = (lane) => report.trace.filter((t) => t.lane === lane)
      .reduce(([lo, hi], t) => [Math.min(lo, t.start_ms), Math.max(hi, t.end_ms)], [Infinity, -Infinity]);
    return {
      lanesUsed: report.lanes_used,
      lanes: [...new Set(report.results.map((r) => r.lane))].sort(),
      last: report.results[199999].repr,
      spans: [span(0), span(1)],
    };
  });
  assert.equal(facts.lanesUsed, 2);
  assert.deepEqual(facts.lanes, [0, 1]);
  assert.equal(facts.last, String(199999 ** 2));
  // The two lanes overlapped in time: each started before the other finished.
  const [a, b] = facts.spans;
  assert.ok(a[0] < b[1] && b[0] < a[1], `lanes did not overlap: ${a} vs ${b}`);
  assert.deepEqual(problems, []);
  await close();
});

test('a malformed list shows where it is wrong, keeps the text, and the page stays usable', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  await runFromForm(page, '[1, 2,, 3]', 'sequential');
  const message = page.locator('[data-input-error]');
  await message.waitFor({ state: 'visible' });
  const text = await message.textContent();
  assert.match(text, /SyntaxError: invalid syntax/);
  assert.match(text, /\n {4}\[1, 2,, 3\]\n {10}\^\n/);
  assert.equal(await page.getByLabel('Input list', { exact: true }).inputValue(), '[1, 2,, 3]');
  assert.equal(await page.getByLabel('Input list', { exact: true }).getAttribute('aria-invalid'), 'true');

  await runFromForm(page, '[1, 2, 3]', 'pool');
  await page.getByText('Done: 3 items on pool.').waitFor();
  assert.equal(await page.locator('[data-printed]').textContent(), '[1, 4, 9]');
  assert.equal(await message.isHidden(), true);
  assert.deepEqual(problems, []);
  await close();
});

test('without cross-origin isolation the pool is marked unavailable and the rest works', async () => {
  const plain = await startServer({ isolation: false });
  try {
    const { page, problems, close } = await openPlayground(env.browser, `${plain.url}?coi=off`);
    assert.equal(await page.evaluate(() => crossOriginIsolated), false);
    assert.equal(await page.locator('option[value="pool"]').isDisabled(), true);
    assert.equal(await page.locator('[data-isolation]').isVisible(), true);
    for (const executor of ['sequential', 'async']) {
      const report = await page.evaluate((executor) => window.playground.run({ items: '[1, 2, 3, 4, 5]', executor }), executor);
      assert.equal(report.printed, '[1, 4, 9, 16, 25]');
    }
    const refused = await page.evaluate(() =>
      window.playground.run({ items: '[1]', executor: 'pool' }).then(() => null, (e) => ({ name: e.name, message: e.message })),
    );
    assert.equal(refused.name, 'PoolUnavailable');
    assert.match(refused.message, /cross-origin isolated/);
    assert.deepEqual(problems, []);
    await close();
  } finally {
    await plain.close();
  }
});
