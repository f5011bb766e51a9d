// The end-to-end checks that matter most, in a second browser: Debian's Firefox ESR, driven
// through geckodriver (WebDriver) by selenium-webdriver, since playwright-core drives only the
// Firefox build Playwright downloads. Isolation and the pool, every executor from the form,
// every workload against CPython, custom Python workers, cancel, bad input, markup as text, and
// the fallback without COOP/COEP. README "Tests in Firefox" says what stays Chromium-only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Builder, By, until } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import { startServer } from '../e2e/harness.mjs';

const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const GECKODRIVER = process.env.GECKODRIVER ?? execFileSync('sh', ['-c', 'command -v geckodriver'], { encoding: 'utf8' }).trim();
const EXECUTORS = ['sequential', 'async', 'pool', 'message-passing'];
const ORACLE = new URL('../oracle/workloads.py', import.meta.url).pathname;

let isolated;
let plain;
let driver;

async function launch() {
  const options = new firefox.Options().setBinary(FIREFOX).addArguments('-headless');
  // No calls home from a test browser: this machine's network is closed.
  for (const [pref, value] of Object.entries({
    'app.update.enabled': false,
    'browser.shell.checkDefaultBrowser': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'extensions.update.enabled': false,
  })) options.setPreference(pref, value);
  const built = await new Builder()
    .forBrowser('firefox')
    .setFirefoxOptions(options)
    .setFirefoxService(new firefox.ServiceBuilder(GECKODRIVER).setStdio('ignore'))
    .build();
  await built.manage().setTimeouts({ script: 120_000, pageLoad: 60_000 });
  return built;
}

before(async () => {
  isolated = await startServer();
  plain = await startServer({ isolation: false });
  driver = await launch();
});

after(async () => {
  await driver?.quit();
  await isolated?.close();
  await plain?.close();
});

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

/** What CPython prints for `items` (a list's text, which is both JSON and Python here). */
function cpython(workload, items) {
  const printed = execFileSync('python3', [ORACLE, '--print'], { input: `{"workload": "${workload}", "items": ${items}}\n`, encoding: 'utf8' });
  return JSON.parse(printed);
}

test('Firefox: the page is cross-origin isolated and its pool is ready', async () => {
  await open(isolated.url);
  const info = await driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     window.playground.ready.then((i) => done({ isolated: self.crossOriginIsolated, threaded: i.threaded, threads: i.threads }));`,
  );
  assert.deepEqual({ isolated: info.isolated, threaded: info.threaded }, { isolated: true, threaded: true });
  assert.ok(info.threads >= 1);
});

test('Firefox: every executor prints the seed result typed into the form', async () => {
  await open(isolated.url);
  const items = await driver.findElement(By.id('items'));
  await items.clear();
  await items.sendKeys('[1, 2, 3, 4, 5]');
  for (const executor of EXECUTORS) {
    await driver.findElement(By.css(`#executor option[value="${executor}"]`)).click();
    await driver.findElement(By.css('[data-run]')).click();
    const printed = await driver.findElement(By.css('[data-printed]'));
    await driver.wait(until.elementTextIs(printed, '[1, 4, 9, 16, 25]'), 30_000);
    await driver.wait(async () => /^Done/.test(await driver.findElement(By.css('[data-status]')).getText()), 30_000);
    // The next executor's run must print afresh.
    await driver.executeScript("document.querySelector('[data-printed]').textContent = ''");
  }
});

test('Firefox: every workload prints as CPython on every executor', async () => {
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
    for (const executor of EXECUTORS) {
      const { report, error } = await run({ workload, items, executor, workers: 2 });
      assert.equal(error, undefined, `${workload} on ${executor}`);
      assert.equal(report.printed, expected, `${workload} on ${executor}`);
    }
  }
});

test('Firefox: a custom Python worker runs on every executor, with Python\'s errors', async () => {
  await open(isolated.url);
  const code = 'def worker(n):\n    if n == 3:\n        raise ValueError(f"bad {n}")\n    return [n * n, str(n), n / 2]\n';
  for (const executor of EXECUTORS) {
    const { report, error } = await run({ workload: 'custom', code, items: '[1, 3, 4]', executor, workers: 2 });
    assert.equal(error, undefined, executor);
    assert.equal(report.printed, "[[1, '1', 0.5], ValueError('bad 3'), [16, '4', 2.0]]", executor);
    assert.equal(report.results[1].error.line, 3, executor);
  }
  const { error } = await run({ workload: 'custom', code: 'def worker(n)\n    return n\n', items: '[1]', executor: 'pool' });
  assert.equal(error?.name, 'SyntaxError');
});

test('Firefox: cancel stops the pool and the sequential executor within 200 ms', async () => {
  await open(isolated.url);
  for (const executor of ['sequential', 'pool']) {
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

test('Firefox: a malformed list shows where it is wrong and keeps the text', async () => {
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

test('Firefox: markup in an input comes out as text', async () => {
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

test('Firefox: without COOP/COEP the pool is marked unavailable and message-passing works', async () => {
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
