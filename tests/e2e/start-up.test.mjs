// A page that cannot strand itself: where the threaded build fails to start although the
// browser seemed to have all the pool needs (here: its glue cannot be fetched, cut by the
// server, as a network failure or a browser bug would stop it), the compute Worker starts the
// single-threaded build instead. The page and the embed start, every other executor and
// Program mode run, and the isolation doctor says why the pool is out. The checks' other ways
// to fail are tests/unit/threads.test.mjs; a real browser without SharedArrayBuffer is
// WebKitGTK's suite (tests/webdriver/webkit.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPlayground } from './harness.mjs';

let server;
let browser;
/** What a cut glue file leaves in the consoles, on purpose. */
const EXPECTED = { expected: [/pkg\/map_playground\.js/, /Failed to fetch dynamically imported module/, /ERR_EMPTY_RESPONSE/] };

before(async () => {
  server = await startServer({ dropPaths: ['/pkg/map_playground.js'] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('a threaded start that fails leaves the page on the single-threaded build, saying why', async () => {
  const { page, problems, close } = await openPlayground(browser, server.url, EXPECTED);
  const info = await page.evaluate(async () => {
    const { threaded, support } = await window.playground.ready;
    return { isolated: self.crossOriginIsolated, threaded, support };
  });
  assert.deepEqual({ isolated: info.isolated, threaded: info.threaded, missing: info.support.missing }, { isolated: true, threaded: false, missing: 'start' });
  assert.match(info.support.error, /\S/);
  const advice = await page.locator('[data-doctor-advice]').textContent();
  assert.match(advice, /failed to start/);
  assert.ok(advice.includes(info.support.error), advice);
  assert.equal(await page.locator('#executor option[value="pool"]').isDisabled(), true);
  assert.equal(await page.locator('[data-isolation]').isVisible(), true);
  assert.match(await page.locator('[data-status]').textContent(), /single-threaded build/);

  const runs = await page.evaluate(async () => {
    const out = {};
    for (const executor of ['sequential', 'async', 'message-passing']) {
      out[executor] = (await window.playground.run({ workload: 'fib', items: '[10, 20]', executor, workers: 2 })).printed;
    }
    out.custom = (await window.playground.run({ workload: 'custom', code: 'def worker(n):\n    return n * 3\n', items: '[1, 2]', executor: 'sequential' })).printed;
    out.pool = await window.playground.run({ workload: 'fib', items: '[10]', executor: 'pool' }).then(() => 'ran', (e) => e.name);
    const program = await window.playground.runProgram({
      code: 'from concurrent.futures import ProcessPoolExecutor\nwith ProcessPoolExecutor(2) as ex:\n    print(list(ex.map(abs, [-1, -2])))\n',
    });
    out.program = program.stdout;
    // A Process and a Queue: the parent runs its processes itself, one after another.
    const processes = await window.playground.runProgram({
      code: 'from multiprocessing import Process, Queue\ndef f(q, n):\n    q.put(n * n)\nq = Queue()\n'
        + 'ps = [Process(target=f, args=(q, n)) for n in range(3)]\nfor p in ps:\n    p.start()\n'
        + 'got = sorted([q.get() for p in ps])\nfor p in ps:\n    p.join()\nprint(got, [p.exitcode for p in ps])\n',
    });
    out.processes = processes.stdout + processes.stderr;
    return out;
  });
  assert.deepEqual(runs, {
    sequential: '[55, 6765]', async: '[55, 6765]', 'message-passing': '[55, 6765]', custom: '[3, 6]', pool: 'PoolUnavailable', program: '[1, 2]\n',
    processes: '[0, 1, 4] [0, 0, 0]\n',
  });
  assert.deepEqual(problems, []);
  await close();
});

test('the embed starts on the single-threaded build too, and runs a pool request on message-passing', async () => {
  const { page, problems, close } = await openPlayground(browser, `${server.url}embed.html?workload=fib&items=[10, 20]&executor=pool`, EXPECTED);
  assert.match(await page.locator('[data-isolation]').textContent(), /failed to start/);
  assert.equal(await page.locator('[data-isolation]').isVisible(), true);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.locator('[data-printed]').filter({ hasText: '[55, 6765]' }).waitFor({ timeout: 30_000 });
  await page.locator('[data-status]').filter({ hasText: 'message-passing' }).waitFor({ timeout: 10_000 });
  assert.deepEqual(problems, []);
  await close();
});
