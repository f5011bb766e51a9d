// The executors' knobs mean what they mean in concurrent.futures and multiprocessing, in real
// Chromium: workers, chunk size, order, progress, cancel, timeout, a dying Worker, and the
// message-passing pool, which also runs on a page that is not cross-origin isolated.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPlayground } from './harness.mjs';

const ALL = ['sequential', 'async', 'pool', 'message-passing'];

let server;
let browser;
let session;

before(async () => {
  server = await startServer({ dropPaths: ['/samples/unreachable.txt'] });
  browser = await launchBrowser();
  session = await openPlayground(browser, `${server.url}?test-hooks`);
});

after(async () => {
  await session?.close();
  await browser?.close();
  await server?.close();
});

const run = (options) => session.page.evaluate((o) => window.playground.run(o), options);

test('8 pool workers overlap 8 blocking waits of 200 ms', async () => {
  await run({ workload: 'sleep_ms', items: '[1] * 8', executor: 'pool', workers: 8 });
  const report = await run({ workload: 'sleep_ms', items: '[200] * 8', executor: 'pool', workers: 8, chunksize: 1 });
  assert.equal(report.printed, `[${Array(8).fill(200).join(', ')}]`);
  assert.equal(report.lanes_used, 8);
  assert.ok(report.wall_ms >= 195 && report.wall_ms < 400, `wall ${report.wall_ms} ms`);
});

test('a new worker count takes effect on the next run, without a reload', async () => {
  for (const workers of [2, 3, 1]) {
    const report = await run({ workload: 'sleep_ms', items: `[30] * ${workers}`, executor: 'pool', workers, chunksize: 1 });
    assert.equal(report.lanes_used, workers);
  }
});

test('chunk size changes the trace as Pool.map chunks it', async () => {
  const chunked = await run({ workload: 'sleep_ms', items: '[20] * 8', executor: 'pool', workers: 2, chunksize: 4 });
  const laneOf = (r, i) => r.trace.find((t) => t.index === i).lane;
  assert.equal(chunked.chunksize, 4);
  for (const chunk of [[0, 1, 2, 3], [4, 5, 6, 7]]) {
    assert.equal(new Set(chunk.map((i) => laneOf(chunked, i))).size, 1, `chunk ${chunk} on one lane`);
  }
  assert.notEqual(laneOf(chunked, 0), laneOf(chunked, 4));
  const auto = await run({ workload: 'sleep_ms', items: '[1] * 100', executor: 'pool', workers: 2 });
  assert.equal(auto.chunksize, 13, "auto is Pool.map's ceil(n / (4 * workers))");
  const stealing = await run({ workload: 'sleep_ms', items: '[20] * 8', executor: 'pool', workers: 2, scheduling: 'work-stealing', chunksize: 1 });
  assert.equal(stealing.scheduling, 'work-stealing');
  assert.equal(stealing.lanes_used, 2);
});

test('as completed, results come in the order they finish, each with its index', async () => {
  for (const executor of ['async', 'pool', 'message-passing']) {
    const streamed = await session.page.evaluate(async (executor) => {
      const seen = [];
      const report = await window.playground.run({
        workload: 'sleep_ms', items: '[300, 10, 100]', executor, workers: 3, chunksize: 1, order: 'completed',
        onprogress: (p) => seen.push(...p.items.map((i) => i.index)),
      });
      return { seen, report };
    }, executor);
    assert.equal(streamed.report.printed, '[10, 100, 300]', executor);
    assert.deepEqual(streamed.report.results.map((r) => r.index), [1, 2, 0], executor);
    assert.deepEqual(streamed.seen, [1, 2, 0], executor);
  }
});

test('every item keeps its input, result, error and lane in reports and progress, any text included', async () => {
  // Items cross from the compute Worker as columns (www/shared/columns.js): text outside ASCII, a
  // separator inside a repr and an exception must come out as the objects the API promises.
  const code = "def worker(x):\n    if x == 'boom':\n        raise ValueError('ünï, code')\n    return x * 2\n";
  const items = "['é', '𝄞', 'a, b', 'boom', 7]";
  for (const executor of ALL) {
    for (const order of ['ordered', 'completed']) {
      const { report, streamed, json } = await session.page.evaluate(async (options) => {
        const streamed = [];
        const report = await window.playground.run({ ...options, onprogress: (p) => streamed.push(...p.items) });
        return { report, streamed, json: JSON.parse(JSON.stringify(report)) };
      }, { workload: 'custom', code, items, executor, order, workers: 2, chunksize: 1 });
      const label = `${executor} ${order}`;
      const byIndex = [...report.results].sort((a, b) => a.index - b.index);
      assert.deepEqual(byIndex.map((r) => [r.index, r.input, r.repr]), [
        [0, "'é'", "'éé'"], [1, "'𝄞'", "'𝄞𝄞'"], [2, "'a, b'", "'a, ba, b'"],
        [3, "'boom'", "ValueError('ünï, code')"], [4, '7', '14'],
      ], label);
      assert.equal(report.printed, `[${report.results.map((r) => r.repr).join(', ')}]`, label);
      assert.ok(report.results.every((r) => Number.isInteger(r.lane) && r.lane >= 0 && r.lane < 2), label);
      assert.deepEqual(byIndex.map((r) => r.error?.type), [undefined, undefined, undefined, 'ValueError', undefined], label);
      assert.equal(byIndex[3].error.message, 'ünï, code', label);
      assert.match(byIndex[3].error.traceback, /ValueError: ünï, code$/, label);
      assert.deepEqual(json.results, report.results, `${label}: JSON.stringify keeps the results`);
      assert.deepEqual(streamed.map((i) => i.index).sort(), [0, 1, 2, 3, 4], `${label}: progress`);
      assert.deepEqual(streamed.find((i) => i.index === 1), byIndex[1], `${label}: progress item`);
    }
  }
});

test('a picture run streams every row of mandelbrot_row with its pixels on every executor', async () => {
  for (const executor of ALL) {
    const rows = await session.page.evaluate(async (executor) => {
      const rows = {};
      await window.playground.run({
        workload: 'mandelbrot_row', items: '[0, 299, 300]', executor, workers: 2, chunksize: 1, picture: true,
        onprogress: (p) => {
          for (const item of p.items) rows[item.index] = item.pixels && [item.pixels.length, item.pixels.reduce((a, b) => a + b, 0)];
        },
      });
      return rows;
    }, executor);
    const expected = await run({ workload: 'mandelbrot_row', items: '[0, 299, 300]', executor: 'sequential' });
    // Each row's pixel counts, one per column of the 800-wide picture, add up to its result.
    assert.deepEqual(rows, Object.fromEntries(expected.results.map((r) => [r.index, [800, Number(r.repr)]])), executor);
  }
});

test('progress arrives at 5 Hz or more on every executor', async () => {
  for (const executor of ALL) {
    const { ticks, report } = await session.page.evaluate(async (executor) => {
      const ticks = [];
      const report = await window.playground.run({
        workload: 'sleep_ms', items: '[100] * 8', executor, workers: 2, chunksize: 1,
        onprogress: (p) => ticks.push({ at: performance.now(), done: p.done, total: p.total }),
      });
      return { ticks, report };
    }, executor);
    const span = report.wall_ms / 1000;
    const items = ticks.filter((t) => t.total === 8);
    assert.ok(items.length >= 5 * span - 1, `${executor}: ${items.length} ticks in ${span} s`);
    assert.equal(items.at(-1).done, 8, executor);
  }
});

test('cancel stops every executor within 200 ms, and the next run starts at once', async () => {
  for (const executor of ALL) {
    const result = await session.page.evaluate(async (executor) => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 250);
      const report = await window.playground.run({
        workload: 'sleep_ms', items: '[100] * 40', executor, workers: 2, chunksize: 1, signal: controller.signal,
      });
      const stoppedIn = performance.now();
      const next = await window.playground.run({ workload: 'square', items: '[1, 2, 3]', executor });
      return { report, next: next.printed, nextMs: performance.now() - stoppedIn };
    }, executor);
    assert.equal(result.report.stopped, 'cancelled', executor);
    assert.ok(result.report.wall_ms < 250 + 200, `${executor}: stopped after ${result.report.wall_ms} ms`);
    assert.ok(result.report.cancelled > 0 && result.report.ok > 0, executor);
    assert.match(result.report.printed, /CancelledError\(\)\]$/);
    assert.equal(result.next, '[1, 4, 9]', executor);
  }
});

test('cancel stops a long CPU-bound item too', async () => {
  for (const executor of ALL) {
    // The pool is sized first, so that the measured run starts no new pool.
    await run({ workload: 'fib', items: '[1]', executor, workers: 1 });
    const result = await session.page.evaluate(async (executor) => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const started = performance.now();
      const report = await window.playground.run({ workload: 'fib', items: '[45, 45]', executor, workers: 1, signal: controller.signal });
      const took = performance.now() - started;
      const next = await window.playground.run({ workload: 'fib', items: '[10]', executor });
      return { report, took, next: next.printed };
    }, executor);
    assert.ok(result.took < 100 + 250, `${executor}: took ${result.took} ms`);
    assert.equal(result.report.printed, '[CancelledError(), CancelledError()]', executor);
    assert.equal(result.next, '[55]', executor);
  }
});

test('a timeout ends the run with the rest as TimeoutError on every executor', async () => {
  for (const executor of ALL) {
    const report = await run({ workload: 'sleep_ms', items: '[100] * 20', executor, workers: 2, chunksize: 1, timeout_ms: 250 });
    assert.equal(report.stopped, 'timeout', executor);
    assert.ok(report.wall_ms >= 240 && report.wall_ms < 250 + 200, `${executor}: ${report.wall_ms} ms`);
    assert.match(report.printed, /^\[100, .*TimeoutError\(\)\]$/, executor);
    assert.ok(report.failed > 0 && report.ok > 0);
    assert.deepEqual(report.results.at(-1).error, { type: 'TimeoutError', message: '' });
  }
});

test('a pool Worker that dies mid-run gives BrokenPool, and the next run works', async () => {
  for (const executor of ['pool', 'message-passing']) {
    const result = await session.page.evaluate(async (executor) => {
      const running = window.playground.run({ workload: 'sleep_ms', items: '[300] * 4', executor, workers: 2, chunksize: 1 });
      setTimeout(() => window.playground.fault(executor), 100);
      const error = await running.then(() => null, (e) => ({ name: e.name, message: e.message, lost: e.lost }));
      const next = await window.playground.run({ workload: 'square', items: '[1, 2, 3]', executor, workers: 2 });
      return { error, next: next.printed };
    }, executor);
    assert.equal(result.error?.name, 'BrokenPool', executor);
    assert.match(result.error.message, /item\(s\) lost: 0, 1, 2, 3/, executor);
    assert.deepEqual(result.error.lost, [0, 1, 2, 3]);
    assert.equal(result.next, '[1, 4, 9]', executor);
  }
});

test('a compute engine that dies mid-run gives BrokenPool on every executor it runs, and the next run works', async () => {
  for (const executor of ['sequential', 'async', 'pool']) {
    const result = await session.page.evaluate(async (executor) => {
      const running = window.playground.run({ workload: 'sleep_ms', items: '[300] * 4', executor, workers: 2, chunksize: 1 });
      setTimeout(() => window.playground.fault('compute'), 100);
      const error = await running.then(() => null, (e) => ({ name: e.name, message: e.message }));
      const next = await window.playground.run({ workload: 'square', items: '[1, 2, 3]', executor, workers: 2 });
      return { error, next: next.printed };
    }, executor);
    assert.equal(result.error?.name, 'BrokenPool', executor);
    assert.match(result.error.message, /the compute engine Worker stopped/, executor);
    assert.equal(result.next, '[1, 4, 9]', executor);
  }
});

test('a fetch_len that fails on the network raises URLError for that item on every executor', async () => {
  // The server cuts the connection for this one address, for the page and every Worker.
  for (const executor of ALL) {
    const report = await run({ workload: 'fetch_len', items: "['samples/1k.txt', 'samples/unreachable.txt']", executor, workers: 2, chunksize: 1 });
    assert.equal(report.results[0].repr, '1000', executor);
    assert.equal(report.results[1].error?.type, 'URLError', `${executor}: ${report.printed}`);
    assert.match(report.results[1].repr, /^URLError\(["']<urlopen error .+>["']\)$/, executor);
    const next = await run({ workload: 'fetch_len', items: "['samples/10k.txt']", executor, workers: 2 });
    assert.equal(next.printed, '[10000]', executor);
  }
});

test('every executor gives the sequential results on random jobs', async () => {
  let seed = 7;
  const random = (n) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  for (let c = 0; c < 12; c++) {
    const workload = ['square', 'fib', 'collatz_steps', 'is_prime'][random(4)];
    const items = `[${Array.from({ length: random(30) }, () => random(25) - 2).join(', ')}]`;
    const options = { workload, items, workers: 1 + random(4), chunksize: random(2) ? 'auto' : 1 + random(5) };
    const expected = (await run({ ...options, executor: 'sequential' })).printed;
    for (const executor of ['async', 'pool', 'message-passing']) {
      for (const scheduling of ['queue', 'work-stealing', 'longest-first']) {
        assert.equal((await run({ ...options, executor, scheduling })).printed, expected, `${executor} ${JSON.stringify(options)}`);
      }
    }
  }
  assert.deepEqual(session.problems, []);
});

test('the message-passing executor runs on a page without COOP/COEP', async () => {
  const plain = await startServer({ isolation: false });
  try {
    const { page, problems, close } = await openPlayground(browser, `${plain.url}?coi=off`);
    const options = { workload: 'sleep_ms', items: '[100] * 4', executor: 'message-passing', workers: 4, chunksize: 1 };
    await page.evaluate((o) => window.playground.run(o), options);
    const report = await page.evaluate((o) => window.playground.run(o), options);
    assert.equal(await page.evaluate(() => crossOriginIsolated), false);
    assert.equal(report.printed, '[100, 100, 100, 100]');
    assert.equal(report.lanes_used, 4);
    assert.ok(report.wall_ms < 300, `${report.wall_ms} ms`);
    assert.deepEqual(problems, []);
    await close();
  } finally {
    await plain.close();
  }
});
