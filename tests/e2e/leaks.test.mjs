// Long use: 200 runs in one page, mixing executors and worker counts. The JS heap and the wasm
// memory stay within stated bounds, and Workers are not leaked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedPlayground, openPlayground } from './harness.mjs';

// The bounds: after a warm-up, 200 more runs may grow the page's JS heap by at most 8 MB and
// the compute engine's wasm memory by at most 16 MB (wasm memory never shrinks, so a leak of
// any size per run would pass 16 MB over 200 runs of 2,000 items).
const JS_HEAP_GROWTH = 8 << 20;
const WASM_GROWTH = 16 << 20;
const RUNS = 200;

const env = servedPlayground();

test(`${RUNS} runs mixing executors leak neither memory nor Workers`, async (t) => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  };
  const mix = (i) => ({
    workload: ['square', 'collatz_steps', 'fib', 'is_prime'][i % 4],
    items: i % 4 === 2 ? '[5] * 2000' : 'range(1, 2001)',
    executor: ['sequential', 'async', 'pool', 'message-passing'][i % 4],
    workers: 1 + (i % 3),
  });
  const runMany = (from, to) => {
    const runs = [];
    for (let i = from; i < to; i++) runs.push(mix(i));
    return page.evaluate(async (runs) => {
      let memory = 0;
      for (const options of runs) {
        const report = await window.playground.run(options);
        if (report.results.length !== 2000) throw new Error(`${JSON.stringify(options)}: ${report.results.length} results`);
        if (report.memory_bytes) memory = report.memory_bytes;
      }
      return memory;
    }, runs);
  };

  const wasmBefore = await runMany(0, 24);
  const heapBefore = await heap();
  const wasmAfter = await runMany(24, 24 + RUNS);
  const heapAfter = await heap();
  // A replaced compute engine (a new worker count starts a new pool) goes away a moment after
  // it is terminated; what is left must settle to the compute Worker, its engine with the pool
  // threads, and the message-passing Workers: 1 + 1 + 3 + 3 at the most in this mix.
  const LIVE_WORKERS = 1 + 1 + 3 + 3;
  const settleBy = Date.now() + 15_000;
  while (page.workers().length > LIVE_WORKERS && Date.now() < settleBy) await page.waitForTimeout(250);
  const workersAfter = page.workers().length;
  t.diagnostic(`JS heap ${((heapAfter - heapBefore) / 1024).toFixed(0)} KB, wasm memory ${((wasmAfter - wasmBefore) / 1024).toFixed(0)} KB, ${workersAfter} Workers`);
  assert.ok(heapAfter - heapBefore < JS_HEAP_GROWTH, `JS heap grew ${(heapAfter - heapBefore) >> 10} KB`);
  assert.ok(wasmAfter - wasmBefore < WASM_GROWTH, `wasm memory grew ${(wasmAfter - wasmBefore) >> 10} KB`);
  assert.ok(workersAfter <= LIVE_WORKERS, `${workersAfter} Workers alive`);
  assert.deepEqual(problems, []);
  await close();
});
