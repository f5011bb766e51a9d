// The page first, the Python engine after: `./build.sh serve` starts serving once the small
// builds exist and builds the engine while it serves. Here the server's root lacks the engine
// builds (pkg-py/, pkg-py-st/) as it does then, and /build-status.json says what build.sh
// would: a custom worker's run and a program wait, saying so in the status line, and run once
// the builds appear; Cancel stops the wait; where no build is coming, the run fails naming the
// missing build and every map executor still works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WWW, startServer, launchBrowser, openPlayground, field, fillForm } from './harness.mjs';

const ENGINE_BUILDS = ['pkg-py', 'pkg-py-st'];
/** The 404s of the missing builds, on purpose. */
const EXPECTED = { expected: [/HTTP 404: .*\/pkg-py/, /HTTP 404: .*build-status\.json/, /status of 404/] };

let dir;
let root;
let statusFile;
let server;
let browser;

/** What build.sh writes while it builds step `step` of the engine, started `ago_s` seconds ago. */
const building = (ago_s, step) => JSON.stringify({
  state: 'building', started: Math.floor(Date.now() / 1000) - ago_s, usual_s: 540, step, steps: 4, what: 'threaded wasm, python',
});

async function engineBuilt(built) {
  for (const name of ENGINE_BUILDS) {
    await rm(join(root, name), { force: true });
    if (built) await symlink(join(WWW, name), join(root, name));
  }
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'build-wait-'));
  root = join(dir, 'www');
  statusFile = join(dir, 'build-status.json');
  await mkdir(root);
  for (const name of await readdir(WWW)) {
    if (!ENGINE_BUILDS.includes(name)) await symlink(join(WWW, name), join(root, name));
  }
  server = await startServer({ root, buildStatus: statusFile });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

test('a custom worker run while the engine builds waits, says so, and runs once it is built', async () => {
  await engineBuilt(false);
  await writeFile(statusFile, building(130, 3));
  const { page, problems, close } = await openPlayground(browser, server.url, EXPECTED);
  await fillForm(page, { workload: 'custom', items: '[1, 2, 3]', executor: 'pool', workers: 2 });
  await field(page, 'Worker function').fill('def worker(n):\n    return n * 10\n');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const status = page.locator('[data-status]');
  await page.waitForFunction(() => /Waiting for the Python engine/.test(document.querySelector('[data-status]').textContent));
  assert.match(await status.textContent(), /\(build step 3 of 4\), 2:\d\d so far of about 9 min/);
  // Still waiting a few polls later, the clock moving on; then the build lands.
  await page.waitForTimeout(1500);
  assert.match(await status.textContent(), /Waiting for the Python engine/);
  // No progress bar stuck at 0 / 0 while nothing runs yet.
  assert.equal(await page.locator('[data-progress-box]').isVisible(), false);
  await engineBuilt(true);
  await writeFile(statusFile, JSON.stringify({ state: 'done' }));
  await page.waitForFunction(() => /^Done/.test(document.querySelector('[data-status]').textContent), null, { timeout: 60_000 });
  assert.match(await page.locator('[data-result]').textContent(), /\[10, 20, 30\]/);
  // The engine it waited for is the threaded one: the pool ran it.
  const report = await page.evaluate(() => window.playground.run({ workload: 'custom', code: 'def worker(n):\n    return n + 1\n', items: '[1]', executor: 'pool', workers: 2 }));
  assert.deepEqual({ printed: report.printed, executor: report.executor }, { printed: '[2]', executor: 'pool' });
  assert.deepEqual(problems, []);
  await close();
});

test('a custom worker on message-passing waits for the single-threaded engine build too', async () => {
  await engineBuilt(false);
  await writeFile(statusFile, building(300, 3));
  const { page, problems, close } = await openPlayground(browser, server.url, EXPECTED);
  await page.evaluate(() => {
    window.waits = [];
    window.done = window.playground.run({
      workload: 'custom', code: 'def worker(n):\n    return -n\n', items: '[1, 2, 3, 4]', executor: 'message-passing', workers: 2,
      onwait: (w) => window.waits.push(w),
    }).then((r) => r.printed, (e) => `${e.name}: ${e.message}`);
  });
  await page.waitForFunction(() => window.waits.length > 0);
  // The threaded build lands first (build step 3 of 4 done); the Workers' one is step 4.
  await symlink(join(WWW, 'pkg-py'), join(root, 'pkg-py'));
  await writeFile(statusFile, building(330, 4));
  await page.waitForFunction(() => window.waits.some((w) => w.step === 4));
  await page.waitForTimeout(1200);
  assert.equal(await page.evaluate(() => window.waits.at(-1).state), 'building');
  await symlink(join(WWW, 'pkg-py-st'), join(root, 'pkg-py-st'));
  await writeFile(statusFile, JSON.stringify({ state: 'done' }));
  assert.equal(await page.evaluate(() => window.done), '[-1, -2, -3, -4]');
  assert.equal(await page.evaluate(() => window.waits.at(-1).state), 'built');
  assert.deepEqual(problems, []);
  await close();
});

test('Cancel ends the wait for a program, and the page stays usable', async () => {
  await engineBuilt(false);
  await writeFile(statusFile, building(10, 4));
  const { page, problems, close } = await openPlayground(browser, server.url, EXPECTED);
  const outcome = await page.evaluate(async () => {
    const controller = new AbortController();
    const waits = [];
    const running = window.playground.runProgram({ code: 'print(1)\n', signal: controller.signal, onwait: (w) => waits.push(w) })
      .then(() => 'ran', (e) => e.name);
    while (waits.length < 2) await new Promise((r) => setTimeout(r, 100));
    controller.abort();
    const ended = await running;
    const map = (await window.playground.run({ workload: 'fib', items: '[10, 20]', executor: 'pool', workers: 2 })).printed;
    return { ended, first: waits[0], map };
  });
  assert.equal(outcome.ended, 'AbortError');
  assert.deepEqual({ ...outcome.first, elapsed_s: undefined }, {
    state: 'building', elapsed_s: undefined, usual_s: 540, step: 4, steps: 4, what: 'threaded wasm, python',
  });
  assert.ok(outcome.first.elapsed_s >= 10 && outcome.first.elapsed_s < 30, String(outcome.first.elapsed_s));
  assert.equal(outcome.map, '[55, 6765]');
  assert.deepEqual(problems, []);
  await close();
});

for (const [label, status, message] of [
  ['no build coming', null, /pkg-py\/ is not on this server: `\.\/build\.sh build` makes it/],
  ['a failed build', { state: 'failed' }, /the build of pkg-py\/ failed: its output is in the terminal/],
]) {
  test(`${label}: the run fails naming the missing build; the map executors still run`, async () => {
    await engineBuilt(false);
    if (status) await writeFile(statusFile, JSON.stringify(status));
    else await rm(statusFile, { force: true });
    const { page, problems, close } = await openPlayground(browser, server.url, EXPECTED);
    const outcome = await page.evaluate(async () => {
      const custom = await window.playground.run({ workload: 'custom', code: 'def worker(n):\n    return n\n', items: '[1]', executor: 'sequential' })
        .then(() => null, (e) => ({ name: e.name, message: e.message }));
      const maps = {};
      for (const executor of ['sequential', 'async', 'pool', 'message-passing']) {
        maps[executor] = (await window.playground.run({ workload: 'fib', items: '[10]', executor, workers: 2 })).printed;
      }
      return { custom, maps, threaded: (await window.playground.ready).threaded };
    });
    assert.equal(outcome.custom.name, 'BuildMissing');
    assert.match(outcome.custom.message, message);
    assert.deepEqual(outcome.maps, { sequential: '[55]', async: '[55]', pool: '[55]', 'message-passing': '[55]' });
    // The page shows it as the status line, and Run works again.
    await fillForm(page, { workload: 'custom', items: '[1]', executor: 'sequential' });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.waitForFunction(() => /BuildMissing/.test(document.querySelector('[data-status]').textContent));
    assert.equal(await page.getByRole('button', { name: 'Run', exact: true }).isDisabled(), false);
    assert.deepEqual(problems, []);
    await close();
  });
}
