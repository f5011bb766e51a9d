// Numbers a learner can trust: `playground.compare` on a fresh page measures as a benchmark
// does, so its first figures already tell the lesson. fib over [27] * 16 is CPU-bound: async
// (one thread) must come out level with sequential, and the pool of 2 ahead, over 7 fresh page
// loads. Before the warm-up, the first executor paid for V8's tier-up and async "beat"
// sequential by 1.26-1.74x in 5 of 6 loads. A run this short (7-15 ms) moves by 2x on a shared
// 2-core VM (about 20% CPU steal here): one load's sequential runs spread over 6.3-20 ms, and
// the pool of one load came out at 0.97x while the loads around it gave 1.2-1.6x (fib over
// [30] * 16 moved as much: 1.18-1.95x). So the test holds the lesson over the loads' median
// (async within 10% of sequential, the pool ahead by 1.3x or more) and bounds each load's async
// within 35%; a cold start fails the median. The figure, 1.6x, is timed where figures
// are, in `./build.sh bench` (#18, over 7 fresh loads): on 2026-12-05 twelve runs of this test
// gave medians of 1.60-1.85x, but on 2026-12-07 the same build gave 1.46-1.49x here and in CI
// (a lane's first items slower on a vCPU just woken), and a test that a day's machine fails is
// no test of the code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedPlayground, openPlayground } from './harness.mjs';
import { median } from '../../www/page/measure.js';

const env = servedPlayground();

test('the first compare on a fresh page: async level with sequential, the pool of 2 ahead, over 7 loads', async () => {
  const seen = [];
  for (let load = 0; load < 7; load++) {
    const { page, problems, close } = await openPlayground(env.browser, env.server.url);
    const entries = await page.evaluate(() => window.playground.compare({ workload: 'fib', items: '[27] * 16', workers: 2 }));
    const by = Object.fromEntries(entries.map((e) => [e.executor, e]));
    assert.deepEqual(Object.keys(by), ['sequential', 'async', 'pool', 'message-passing']);
    for (const e of entries) {
      assert.ok(e.runs >= 3 && e.min_ms <= e.median_ms && e.median_ms <= e.max_ms, JSON.stringify(e));
      assert.equal(e.speedup, by.sequential.median_ms / e.median_ms);
    }
    seen.push({ async: by.async.speedup, pool: by.pool.speedup, sequential: [by.sequential.min_ms, by.sequential.median_ms, by.sequential.max_ms], spread: [by.pool.min_ms, by.pool.median_ms, by.pool.max_ms] });
    assert.deepEqual(problems, []);
    await close();
  }
  const said = JSON.stringify(seen);
  for (const load of seen) assert.ok(Math.abs(load.async - 1) <= 0.35, said);
  assert.ok(Math.abs(median(seen.map((load) => load.async)) - 1) <= 0.1, said);
  assert.ok(median(seen.map((load) => load.pool)) >= 1.3, said);
});

test('compare stops with an AbortError when its signal aborts', async () => {
  const { page, close } = await openPlayground(env.browser, env.server.url);
  const result = await page.evaluate(async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    return window.playground.compare({ workload: 'sleep_ms', items: '[50] * 8', executor: 'pool', signal: controller.signal })
      .then(() => 'resolved', (e) => e.name);
  });
  assert.equal(result, 'AbortError');
  await close();
});
