// The end-to-end checks that matter most, for every browser driven through WebDriver (Firefox
// ESR and WebKitGTK, browsers.mjs launches them): isolation and the pool, every executor from
// the form, every workload against CPython, custom Python workers, cancel, bad input, markup
// as text, and the fallback without COOP/COEP. A browser that is isolated but cannot run the
// pool (WebKitGTK without SharedArrayBuffer) runs the same checks on every other executor, and
// its isolation doctor must name what is missing. README "Tests in Firefox and WebKit" says what
// stays Chromium-only.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { By, until } from 'selenium-webdriver';
import { startServer } from '../e2e/harness.mjs';

const EXECUTORS = ['sequential', 'async', 'pool', 'message-passing'];
const ORACLE = new URL('../oracle/workloads.py', import.meta.url).pathname;
/** Whole programs: the blog post's three and the Python docs' is_prime example. */
const PROGRAMS = [
  ...['seed_executors', 'seed_pool_map', 'docs_is_prime'].map((name) => new URL(`../../python/programs/${name}.py`, import.meta.url)),
  // Processes and a queue they share, on this browser's Workers; more processes waiting than
  // the page has threads (a waiting process gives its thread back).
  new URL('../programs/51_process_queue.py', import.meta.url),
  new URL('../programs/60_waiting_processes.py', import.meta.url),
];

/** What python3 prints to stdout for the program `code`. */
const python3 = (code) => execFileSync('python3', ['-c', code], { encoding: 'utf8', timeout: 60_000 });

/** What CPython prints for `items` (a list's text, which is both JSON and Python here). */
function cpython(workload, items) {
  const printed = execFileSync('python3', [ORACLE, '--print'], { input: `{"workload": "${workload}", "items": ${items}}\n`, encoding: 'utf8' });
  return JSON.parse(printed);
}

/**
 * Registers the suite for one browser: `launch()` resolves to {driver, close()}. With `pool`
 * false the browser is expected to refuse the pool on an isolated page, and `missing` is what
 * the doctor must name (a RegExp on its advice).
 */
export function browserSuite(name, launch, { pool = true, missing = null } = {}) {
  const executors = pool ? EXECUTORS : EXECUTORS.filter((e) => e !== 'pool');
  let isolated;
  let plain;
  let browser;
  let driver;

  async function open(url) {
    await driver.get(url);
    await driver.wait(async () => (await driver.executeScript('return document.documentElement.dataset.ready')) === 'true', 60_000);
  }

  /** `window.playground.run(options)` in the page: {report} or {error: {name, message}}. */
  function run(options) {
    return driver.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       window.playground.run(arguments[0]).then((report) => done({ report }), (e) => done({ error: { name: e.name, message: e.message } }));`,
      options,
    );
  }

  describe(name, () => {
    before(async () => {
      isolated = await startServer();
      plain = await startServer({ isolation: false });
      browser = await launch();
      driver = browser.driver;
    });

    after(async () => {
      await browser?.close();
      await isolated?.close();
      await plain?.close();
    });

    if (pool) {
      test('the page is cross-origin isolated and its pool is ready', async () => {
        await open(isolated.url);
        const info = await driver.executeAsyncScript(
          `const done = arguments[arguments.length - 1];
           window.playground.ready.then((i) => done({ isolated: self.crossOriginIsolated, threaded: i.threaded, threads: i.threads }));`,
        );
        assert.deepEqual({ isolated: info.isolated, threaded: info.threaded }, { isolated: true, threaded: true });
        assert.ok(info.threads >= 1);
      });
    } else {
      test('the page is isolated, starts single-threaded, and the doctor names what the pool misses', async () => {
        await open(isolated.url);
        const info = await driver.executeAsyncScript(
          `const done = arguments[arguments.length - 1];
           window.playground.ready.then((i) => done({ isolated: self.crossOriginIsolated, threaded: i.threaded, missing: i.support.missing }));`,
        );
        assert.deepEqual({ isolated: info.isolated, threaded: info.threaded }, { isolated: true, threaded: false });
        const advice = await driver.findElement(By.css('[data-doctor-advice]')).getAttribute('textContent');
        assert.match(advice, missing, `missing: ${info.missing}`);
        assert.equal(await driver.findElement(By.css('#executor option[value="pool"]')).getAttribute('disabled'), 'true');
        assert.equal(await driver.findElement(By.css('[data-isolation]')).isDisplayed(), true);
        const { error } = await run({ workload: 'fib', items: '[10]', executor: 'pool' });
        assert.equal(error?.name, 'PoolUnavailable');
      });
    }

    test('every executor prints the seed result typed into the form', async () => {
      await open(isolated.url);
      const items = await driver.findElement(By.id('items'));
      await items.clear();
      await items.sendKeys('[1, 2, 3, 4, 5]');
      for (const executor of executors) {
        await driver.findElement(By.css(`#executor option[value="${executor}"]`)).click();
        await driver.findElement(By.css('[data-run]')).click();
        const printed = await driver.findElement(By.css('[data-printed]'));
        await driver.wait(until.elementTextIs(printed, '[1, 4, 9, 16, 25]'), 30_000);
        await driver.wait(async () => /^Done/.test(await driver.findElement(By.css('[data-status]')).getText()), 30_000);
        // The next executor's run must print afresh.
        await driver.executeScript("document.querySelector('[data-printed]').textContent = ''");
      }
    });

    test('every workload prints as CPython on every executor', async () => {
      await open(isolated.url);
      const cases = [
        ['square', '[-3, 0, 9223372036854775807]'],
        ['is_prime', '[0, 1, 2, 97, 1000000007]'],
        ['count_primes', '[0, 10, 1000]'],
        ['fib', '[0, 1, 20, 51]'],
        ['collatz_steps', '[1, 27, 0]'],
        ['sha256_chain', '[0, -1]'],
        ['mandelbrot_row', '[0, 299, 600]'],
        ['sleep_ms', '[0, 5]'],
      ];
      for (const [workload, items] of cases) {
        const expected = cpython(workload, items);
        for (const executor of executors) {
          const { report, error } = await run({ workload, items, executor, workers: 2 });
          assert.equal(error, undefined, `${workload} on ${executor}`);
          assert.equal(report.printed, expected, `${workload} on ${executor}`);
        }
      }
    });

    test('a custom Python worker runs on every executor, with Python\'s errors', async () => {
      await open(isolated.url);
      const code = 'def worker(n):\n    if n == 3:\n        raise ValueError(f"bad {n}")\n    return [n * n, str(n), n / 2]\n';
      for (const executor of executors) {
        const { report, error } = await run({ workload: 'custom', code, items: '[1, 3, 4]', executor, workers: 2 });
        assert.equal(error, undefined, executor);
        assert.equal(report.printed, "[[1, '1', 0.5], ValueError('bad 3'), [16, '4', 2.0]]", executor);
        assert.equal(report.results[1].error.line, 3, executor);
      }
      const { error } = await run({ workload: 'custom', code: 'def worker(n)\n    return n\n', items: '[1]', executor: pool ? 'pool' : 'sequential' });
      assert.equal(error?.name, 'SyntaxError');
    });

    test(`cancel stops the ${pool ? 'pool' : 'message-passing executor'} and the sequential executor within 200 ms`, async () => {
      await open(isolated.url);
      for (const executor of ['sequential', pool ? 'pool' : 'message-passing']) {
        // The engine sized for the run first, so that the abort lands in the run, not in the
        // pool's start (which a slow moment of the machine can make last longer than 250 ms).
        await run({ workload: 'square', items: '[1]', executor, workers: 2 });
        const result = await driver.executeAsyncScript(
          `const done = arguments[arguments.length - 1];
           const controller = new AbortController();
           const started = performance.now();
           let aborted;
           window.playground.run({ workload: 'sleep_ms', items: '[100] * 40', executor: arguments[0], workers: 2, signal: controller.signal })
             .then((r) => done({ stopped: r.stopped, cancelled: r.cancelled, after: performance.now() - aborted }));
           setTimeout(() => { aborted = performance.now(); controller.abort(); }, 250);`,
          executor,
        );
        assert.equal(result.stopped, 'cancelled', executor);
        assert.ok(result.cancelled > 0, executor);
        assert.ok(result.after < 200, `${executor} stopped ${result.after} ms after the abort`);
        const { report } = await run({ workload: 'square', items: '[2]', executor });
        assert.equal(report.printed, '[4]');
      }
    });

    test('whole Python programs print what python3 prints, from the Program form and through runProgram', async () => {
      await open(isolated.url);
      // The form as a learner uses it: Program mode, the first example (the blog post's
      // threading program), Run; the Output ends with its timing line.
      await driver.findElement(By.css('input[name="mode"][value="program"]')).click();
      const code = await driver.findElement(By.id('program')).getAttribute('value');
      await driver.findElement(By.css('[data-run]')).click();
      const timing = await driver.findElement(By.css('[data-output-timing]'));
      await driver.wait(async () => (await timing.getAttribute('textContent')) !== '', 60_000);
      assert.equal(await driver.findElement(By.css('[data-output]')).getAttribute('textContent'), python3(code));
      for (const file of PROGRAMS) {
        const program = readFileSync(file, 'utf8');
        const report = await driver.executeAsyncScript(
          `const done = arguments[arguments.length - 1];
           window.playground.runProgram({ code: arguments[0] }).then(done, (e) => done({ thrown: e.name + ': ' + e.message }));`,
          program,
        );
        assert.equal(report.error, undefined, `${file.pathname}: ${report.thrown ?? `${report.stderr}\nstdout, as far as it got:\n${report.stdout}`}`);
        assert.equal(report.stdout, python3(program), file.pathname);
      }
    });

    test('a malformed list shows where it is wrong and keeps the text', async () => {
      await open(isolated.url);
      const items = await driver.findElement(By.id('items'));
      await items.clear();
      await items.sendKeys('[1, 2,, 3]');
      await driver.findElement(By.css('[data-run]')).click();
      const message = await driver.findElement(By.css('[data-input-error]'));
      await driver.wait(until.elementIsVisible(message), 30_000);
      assert.match(await message.getText(), /SyntaxError/);
      assert.equal(await items.getAttribute('value'), '[1, 2,, 3]');
      await items.clear();
      await items.sendKeys('[3]');
      await driver.findElement(By.css('[data-run]')).click();
      await driver.wait(until.elementTextIs(await driver.findElement(By.css('[data-printed]')), '[9]'), 30_000);
    });

    test('markup in an input comes out as text', async () => {
      await open(isolated.url);
      const { report } = await run({ workload: 'custom', code: 'def worker(s):\n    return s\n', items: "['<img src=x onerror=\"window.pwned=1\">']", executor: 'sequential' });
      await driver.executeScript("document.querySelector('[data-printed]').textContent = ''");
      const items = await driver.findElement(By.id('items'));
      await items.clear();
      await items.sendKeys("['<img src=x>']");
      await driver.findElement(By.css('#workload option[value="custom"]')).click();
      const code = await driver.findElement(By.id('code'));
      await code.clear();
      await code.sendKeys('def worker(s):\n    return s\n');
      await driver.findElement(By.css('[data-run]')).click();
      const printed = await driver.findElement(By.css('[data-printed]'));
      await driver.wait(until.elementTextIs(printed, "['<img src=x>']"), 60_000);
      assert.equal(await driver.executeScript("return document.querySelectorAll('main img').length"), 0);
      assert.equal(report.printed, `['<img src=x onerror="window.pwned=1">']`);
      assert.equal(await driver.executeScript('return window.pwned === undefined'), true);
    });

    test('without COOP/COEP the pool is marked unavailable and message-passing works', async () => {
      await open(`${plain.url}?coi=off`);
      assert.equal(await driver.executeScript('return self.crossOriginIsolated'), false);
      const pool = await driver.findElement(By.css('#executor option[value="pool"]'));
      assert.equal(await pool.getAttribute('disabled'), 'true');
      assert.equal(await driver.findElement(By.css('[data-isolation]')).isDisplayed(), true);
      for (const executor of ['sequential', 'async', 'message-passing']) {
        const { report } = await run({ workload: 'fib', items: '[10, 20]', executor, workers: 2 });
        assert.equal(report.printed, '[55, 6765]', executor);
      }
      const { error } = await run({ workload: 'fib', items: '[10]', executor: 'pool' });
      assert.equal(error?.name, 'PoolUnavailable');
    });

    test('the embed runs a map and a program', async () => {
      await open(`${isolated.url}embed.html?workload=fib&items=${encodeURIComponent('[10, 20]')}&executor=pool&workers=2`);
      await driver.findElement(By.css('[data-run]')).click();
      await driver.wait(until.elementTextIs(await driver.findElement(By.css('[data-printed]')), '[55, 6765]'), 30_000);
      const status = await driver.findElement(By.css('[data-status]'));
      await driver.wait(async () => (await status.getText()).includes(pool ? 'pool' : 'message-passing'), 10_000);
      const code = 'import threading\nt = threading.Thread(target=print, args=("1 < 2",))\nt.start()\nt.join()\n';
      await open(`${isolated.url}embed.html?mode=program&code=${encodeURIComponent(code)}`);
      await driver.findElement(By.css('[data-run]')).click();
      const timing = await driver.findElement(By.css('[data-output-timing]'));
      await driver.wait(async () => (await timing.getAttribute('textContent')) !== '', 60_000);
      assert.equal(await driver.findElement(By.css('[data-output]')).getAttribute('textContent'), '1 < 2\n');
    });

    test('on a server without COOP/COEP the service worker isolates the page', async () => {
      const bare = await startServer({ isolation: false });
      try {
        await driver.get(bare.url);
        // It reloads once under the service worker; then the page is isolated.
        await driver.wait(async () => driver.executeScript('return self.crossOriginIsolated === true && document.documentElement.dataset.ready === "true"'), 60_000);
        const threaded = await driver.executeAsyncScript('const done = arguments[arguments.length - 1]; window.playground.ready.then((i) => done(i.threaded));');
        assert.equal(threaded, pool);
        for (const executor of executors) {
          const { report, error } = await run({ workload: 'fib', items: '[20] * 4', executor, workers: 2 });
          assert.equal(error, undefined, executor);
          assert.equal(report.printed, '[6765, 6765, 6765, 6765]', executor);
        }
      } finally {
        // The next page on that origin is plain again: ?coi=off removes the service worker.
        await driver.get(`${bare.url}?coi=off`);
        await bare.close();
      }
    });
  });
}
