// Embedding: host pages on a second origin (another port) embed the playground, isolated and
// not; the postMessage API drives runs and ignores malformed messages; the custom element; and
// the service-worker path on a server that sends no COOP/COEP at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { startServer, launchBrowser, openPlayground } from './harness.mjs';

let playground;
let host;
let hostUrl;
let browser;

/** A program whose output python3 also prints, with a `<` that markup must carry as text. */
const PROGRAM = `from concurrent.futures import ProcessPoolExecutor
import threading

def square(n):
    return n * n

if __name__ == '__main__':
    with ProcessPoolExecutor(2) as ex:
        print(list(ex.map(square, range(6))))
    t = threading.Thread(target=print, args=('1 < 2',))
    t.start(); t.join()
`;
const PROGRAM_OUTPUT = '[0, 1, 4, 9, 16, 25]\n1 < 2\n';

const ISOLATED = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

/** A host site on its own port: /isolated/* with COOP/COEP, /plain/* without. */
function hostPages(embedOrigin) {
  const iframe = (params) => `<!doctype html><meta charset="utf-8"><title>host</title>
<h1>A tutorial page</h1>
<script>window.received = []; addEventListener('message', (e) => window.received.push(e.data));</script>
<iframe id="pg" src="${embedOrigin}/embed.html?${params}" allow="cross-origin-isolated" style="width:100%;height:30rem;border:0"></iframe>`;
  const element = `<!doctype html><meta charset="utf-8"><title>host</title>
<script type="module" src="${embedOrigin}/embed.js"></script>
<script>window.events = []; for (const t of ['ready', 'result', 'error']) addEventListener('map-playground:' + t, (e) => window.events.push(e.detail));</script>
<map-playground workload="fib" items="[15] * 4" executor="pool" workers="2"></map-playground>`;
  // A tutorial's code block wrapped in the element, indented with the page's markup.
  const program = `<!doctype html><meta charset="utf-8"><title>host</title>
<script type="module" src="${embedOrigin}/embed.js"></script>
<script>window.events = []; for (const t of ['ready', 'output', 'result', 'error']) addEventListener('map-playground:' + t, (e) => window.events.push(e.detail));</script>
<article>
  <map-playground mode="program" lang="en">
    <pre><code>${PROGRAM.replace(/</g, '&lt;')}</code></pre>
  </map-playground>
</article>`;
  // A custom worker: the code block that defines it, inside the element.
  const custom = `<!doctype html><meta charset="utf-8"><title>host</title>
<script type="module" src="${embedOrigin}/embed.js"></script>
<script>window.events = []; for (const t of ['ready', 'result', 'error']) addEventListener('map-playground:' + t, (e) => window.events.push(e.detail));</script>
<map-playground workload="custom" items="[1, 2, 3]" executor="pool" workers="2">
  <pre>def worker(n):
    return n * 10 if n &lt; 3 else 'big'</pre>
</map-playground>`;
  return createServer((req, res) => {
    const [, mode, page] = req.url.split(/[/?]/);
    const pages = { 'element.html': element, 'program.html': program, 'custom.html': custom };
    const body = pages[page] ?? iframe('workload=square&executor=pool&workers=2&lang=en');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...(mode === 'isolated' ? ISOLATED : {}) });
    res.end(body);
  });
}

before(async () => {
  playground = await startServer();
  host = hostPages(playground.url.replace(/\/$/, ''));
  await new Promise((done) => host.listen(0, '127.0.0.1', done));
  hostUrl = `http://127.0.0.1:${host.address().port}`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  host?.closeAllConnections();
  await new Promise((done) => host?.close(done));
  await playground?.close();
});

async function openHost(path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console.error: ${m.text()}`));
  await page.goto(`${hostUrl}${path}`);
  return { page, problems, close: () => context.close() };
}

const waitFor = (page, predicate, arg) => page.waitForFunction(predicate, arg, { timeout: 30_000 });

async function driveRun(page, id, options) {
  await page.evaluate(([id, options]) => {
    document.getElementById('pg').contentWindow.postMessage({ type: 'map-playground:run', id, options }, '*');
  }, [id, options]);
  await waitFor(page, (id) => window.received.some((m) => (m.type === 'map-playground:result' || m.type === 'map-playground:error') && m.id === id), id);
  return page.evaluate((id) => window.received.find((m) => m.id === id && !m.type.endsWith('progress')), id);
}

test('in an isolated host the pool works inside the iframe, driven by postMessage', async () => {
  const { page, problems, close } = await openHost('/isolated/host.html');
  await waitFor(page, () => window.received.some((m) => m.type === 'map-playground:ready'));
  const ready = await page.evaluate(() => window.received.find((m) => m.type === 'map-playground:ready'));
  assert.equal(ready.isolated, true);
  assert.ok(ready.executors.includes('pool'));
  // Items long enough (about 15 ms each) that a lane waking late still gets one: with fib(27),
  // 3 ms in all, one lane once ran all four before the other woke (a full test run).
  const result = await driveRun(page, 1, { workload: 'fib', items: '[30] * 4', executor: 'pool', workers: 2, chunksize: 1 });
  assert.equal(result.type, 'map-playground:result');
  assert.equal(result.report.printed, '[832040, 832040, 832040, 832040]');
  assert.equal(result.report.executor, 'pool');
  assert.equal(result.report.lanes_used, 2);
  assert.ok(await page.evaluate(() => window.received.some((m) => m.type === 'map-playground:resize' && m.height > 100)));

  // Malformed messages change nothing: the next run has the same settings and result.
  await page.evaluate(() => {
    const pg = document.getElementById('pg').contentWindow;
    for (const m of [42, null, 'map-playground:run', { type: 7 }, { type: 'map-playground:nope', id: 9 }, { type: 'other:run', id: 10 },
      { type: 'map-playground:set', options: { workers: 999, executor: '<img src=x>', items: 5, workload: 'rm -rf' } },
      { type: 'map-playground:set', options: 'not an object' }]) pg.postMessage(m, '*');
  });
  const again = await driveRun(page, 2, {});
  assert.equal(again.report.printed, '[832040, 832040, 832040, 832040]');
  assert.equal(again.report.workers, 2);
  assert.equal(await page.evaluate(() => window.received.filter((m) => m.id === 9 || m.id === 10).length), 0);
  assert.deepEqual(problems, []);
  await close();
});

test('in a host that is not isolated the embed falls back and says why', async () => {
  const { page, problems, close } = await openHost('/plain/host.html');
  await waitFor(page, () => window.received.some((m) => m.type === 'map-playground:ready'));
  const ready = await page.evaluate(() => window.received.find((m) => m.type === 'map-playground:ready'));
  assert.equal(ready.isolated, false);
  assert.deepEqual(ready.executors, ['sequential', 'async', 'message-passing']);
  const frame = page.frameLocator('#pg');
  // Readers get a line; the fix, which is the page author's to make, is one click away.
  assert.match(await frame.locator('[data-isolation-reader]').textContent(), /^Here the process pool runs on message-passing Workers/);
  assert.equal(await frame.locator('[data-isolation-author]').isVisible(), false);
  assert.match(await frame.locator('[data-isolation-author]').textContent(), /iframe needs allow="cross-origin-isolated"/);
  // The service worker's reload could not isolate a frame of this host: it loaded once, the
  // worker registered for a later load.
  assert.deepEqual(await frame.locator('html').evaluate(() => [
    performance.getEntriesByType('navigation')[0].type, sessionStorage.getItem('map-playground:coi')]), ['navigate', null]);
  const result = await driveRun(page, 1, { workload: 'square', items: '[1, 2, 3, 4, 5]', executor: 'pool', workers: 2 });
  assert.equal(result.report.printed, '[1, 4, 9, 16, 25]');
  assert.equal(result.report.executor, 'message-passing');
  const bad = await driveRun(page, 2, { items: '[1, 2,, 3]' });
  assert.equal(bad.type, 'map-playground:error');
  assert.equal(bad.error.name, 'SyntaxError');
  assert.match(await frame.locator('[data-input-error]').textContent(), /SyntaxError: invalid syntax/);
  assert.deepEqual(problems, []);
  await close();
});

test('the <map-playground> element embeds, forwards its attributes and re-emits events', async () => {
  const { page, problems, close } = await openHost('/isolated/element.html');
  await waitFor(page, () => window.events.some((d) => d.type === 'map-playground:ready'));
  await page.evaluate(() => document.querySelector('map-playground').run({}));
  await waitFor(page, () => window.events.some((d) => d.type === 'map-playground:result'));
  const result = await page.evaluate(() => window.events.find((d) => d.type === 'map-playground:result'));
  assert.equal(result.report.printed, '[610, 610, 610, 610]');
  assert.equal(result.report.executor, 'pool');
  assert.equal(result.report.workload, 'fib');
  const height = await page.evaluate(() => document.querySelector('map-playground iframe').getBoundingClientRect().height);
  assert.ok(height > 150, `iframe height ${height}`);
  assert.deepEqual(problems, []);
  await close();
});

test('programs embed too: by postMessage, by the iframe\'s address, and as a tutorial\'s code block in the element', async () => {
  const { page, problems, close } = await openHost('/isolated/host.html');
  await waitFor(page, () => window.received.some((m) => m.type === 'map-playground:ready'));
  await page.evaluate(() => {
    document.getElementById('pg').contentWindow.postMessage({ type: 'map-playground:run', id: 7, options: { mode: 'program', code: 'for i in range(3):\n    print(i)\n' } }, '*');
  });
  await waitFor(page, () => window.received.some((m) => m.type === 'map-playground:result' && m.id === 7));
  const [result, output] = await page.evaluate(() => [
    window.received.find((m) => m.type === 'map-playground:result' && m.id === 7),
    window.received.filter((m) => m.type === 'map-playground:output' && m.id === 7).map((m) => m.text).join(''),
  ]);
  assert.equal(result.report.stdout, '0\n1\n2\n');
  assert.equal(output, '0\n1\n2\n');
  await close();

  const direct = await openPlayground(browser, `${playground.url}embed.html?mode=program&lang=en&code=${encodeURIComponent('print(6 * 7)\n')}`);
  await direct.page.getByRole('button', { name: 'Run', exact: true }).click();
  await direct.page.getByText(/^Ran in/).waitFor({ timeout: 60_000 });
  assert.equal(await direct.page.locator('[data-output]').textContent(), '42\n');
  assert.equal(await direct.page.getByLabel('Input list').count(), 1);
  assert.equal(await direct.page.getByLabel('Input list').isVisible(), false);
  assert.deepEqual(direct.problems, []);
  await direct.close();

  const element = await openHost('/isolated/program.html');
  await waitFor(element.page, () => window.events.some((e) => e.type === 'map-playground:ready'));
  await element.page.evaluate(() => document.querySelector('map-playground').run());
  await waitFor(element.page, () => window.events.some((e) => e.type === 'map-playground:result' || e.type === 'map-playground:error'));
  const report = await element.page.evaluate(() => window.events.find((e) => e.type === 'map-playground:result')?.report);
  assert.equal(report?.stdout, PROGRAM_OUTPUT);
  assert.deepEqual(element.problems, []);
  await element.close();
});

test('on a server without COOP/COEP the service worker isolates the page and the pool works', async () => {
  const bare = await startServer({ isolation: false });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(bare.url);
    await page.waitForFunction(() => self.crossOriginIsolated === true && document.documentElement.dataset.ready === 'true', null, { timeout: 30_000 });
    // Items long enough (about 15 ms each) that a lane waking late still gets one: with fib(27),
    // 12 ms in all, one lane once finished everything before the other woke, on a fresh clone.
    const report = await page.evaluate(() => window.playground.run({ workload: 'fib', items: '[30] * 4', executor: 'pool', workers: 2, chunksize: 1 }));
    assert.equal(report.printed, '[832040, 832040, 832040, 832040]');
    assert.equal(report.lanes_used, 2);
    // ?coi=off removes the service worker: the page after it is plain again, with no loop.
    await page.goto(`${bare.url}?coi=off`);
    await page.waitForFunction(() => navigator.serviceWorker.getRegistrations().then((r) => r.length === 0));
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    assert.equal(await page.evaluate(() => crossOriginIsolated), false);
    await context.close();
  } finally {
    await bare.close();
  }
});

test('the Embed button shows both snippets for the current settings, and the snippet works', async () => {
  const { page, problems, close } = await openPlayground(browser, playground.url);
  await page.getByLabel('Workload', { exact: true }).selectOption('fib');
  await page.getByLabel('Input list', { exact: true }).fill('[12, 13]');
  await page.getByLabel('Scheduling', { exact: true }).selectOption('longest-first');
  await page.getByLabel('Timeout (ms)', { exact: true }).fill('20000');
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  const iframe = await page.locator('[data-embed-iframe]').textContent();
  const element = await page.locator('[data-embed-element]').textContent();
  assert.match(iframe, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\.html\?workload=fib&amp;items=%5B12%2C\+13%5D/);
  assert.match(iframe, /allow="cross-origin-isolated"/);
  // Every setting the form runs with travels: the scheduling and the timeout were left out once.
  assert.match(iframe, /&amp;scheduling=longest-first&amp;timeout=20000/);
  assert.match(element, /<map-playground workload="fib" items="\[12, 13\]"/);
  assert.match(element, / scheduling="longest-first" timeout="20000"/);
  // The iframe snippet, pasted into a page of another origin, gives a working playground.
  const { page: hostPage, close: closeHost } = await openHost('/plain/blank.html');
  await hostPage.setContent(`<!doctype html><title>pasted</title>${iframe}`);
  const frame = hostPage.frameLocator('iframe');
  await frame.locator('html[data-ready="true"]').waitFor({ timeout: 30_000 });
  await frame.getByRole('button', { name: 'Run', exact: true }).click();
  await frame.getByText(/^Done: 2 items/).waitFor({ timeout: 30_000 });
  assert.equal(await frame.locator('[data-printed]').textContent(), '[144, 233]');
  await closeHost();
  assert.deepEqual(problems, []);
  await close();
});

test('a custom worker travels into the embed: in the element, its code attribute, run({code}), the URL, postMessage and the snippet', async () => {
  const printedBy = async (page, run) => {
    const before = await page.evaluate(() => window.events.filter((e) => e.type === 'map-playground:result').length);
    await page.evaluate(run);
    await waitFor(page, (n) => window.events.filter((e) => e.type === 'map-playground:result' || e.type === 'map-playground:error').length > n, before);
    return page.evaluate(() => window.events.at(-1).report?.printed ?? JSON.stringify(window.events.at(-1)));
  };
  const element = await openHost('/isolated/custom.html');
  await waitFor(element.page, () => window.events.some((e) => e.type === 'map-playground:ready'));
  assert.equal(await printedBy(element.page, () => document.querySelector('map-playground').run()), "[10, 20, 'big']");
  const frame = element.page.frameLocator('map-playground iframe');
  assert.equal(await frame.getByLabel('Worker function').inputValue(), "def worker(n):\n    return n * 10 if n < 3 else 'big'\n");
  assert.equal(await printedBy(element.page, () => document.querySelector('map-playground').run({ code: 'def worker(n):\n    return -n\n' })), '[-1, -2, -3]');
  assert.equal(await printedBy(element.page, () => {
    document.querySelector('map-playground').setAttribute('code', 'def worker(n):\n    return n % 2 == 0\n');
    document.querySelector('map-playground').run();
  }), '[False, True, False]');
  assert.deepEqual(element.problems, []);
  await element.close();

  const code = 'def worker(word):\n    return word.upper()\n';
  const direct = await openPlayground(browser, `${playground.url}embed.html?workload=custom&items=${encodeURIComponent("['a', 'b']")}&code=${encodeURIComponent(code)}&lang=en`);
  assert.equal(await direct.page.getByLabel('Worker function').inputValue(), code);
  await direct.page.getByRole('button', { name: 'Run', exact: true }).click();
  await direct.page.getByText(/^Done: 2 items/).waitFor({ timeout: 60_000 });
  assert.equal(await direct.page.locator('[data-printed]').textContent(), "['A', 'B']");
  // An error in the worker's code shows under the code, as CPython prints it.
  await direct.page.getByLabel('Worker function').fill('def worker(word)\n    return word\n');
  await direct.page.getByRole('button', { name: 'Run', exact: true }).click();
  await direct.page.locator('[data-code-error]').waitFor({ state: 'visible' });
  assert.equal(await direct.page.locator('[data-code-error]').textContent(), '  File "worker.py", line 1\n    def worker(word)\n                    ^\nSyntaxError: expected \':\'');
  assert.equal(await direct.page.locator('[data-input-error]').isVisible(), false);
  assert.deepEqual(direct.problems, []);
  await direct.close();

  const host = await openHost('/isolated/host.html');
  await waitFor(host.page, () => window.received.some((m) => m.type === 'map-playground:ready'));
  const result = await driveRun(host.page, 3, { workload: 'custom', items: '[3, 4]', code: 'def worker(n):\n    return n ** n\n' });
  assert.equal(result.report.printed, '[27, 256]');
  assert.equal(result.report.workload, 'custom');
  await host.close();

  // The page's snippets for a custom worker carry its code; the element's, pasted, runs it.
  const { page, problems, close } = await openPlayground(browser, playground.url);
  await page.getByLabel('Workload', { exact: true }).selectOption('custom');
  await page.getByLabel('Worker function', { exact: true }).fill('def worker(n):\n    return [n] * 2 if n < 9 else "<b>"\n');
  await page.getByLabel('Input list', { exact: true }).fill('[1, 9]');
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  assert.match(await page.locator('[data-embed-iframe]').textContent(), /&amp;code=def\+worker%28n%29/);
  const snippet = await page.locator('[data-embed-element]').textContent();
  assert.match(snippet, /<map-playground workload="custom"[^>]*><pre>def worker\(n\):\n    return \[n\] \* 2 if n &lt; 9 else &quot;&lt;b>&quot;\n<\/pre><\/map-playground>$/);
  const pasted = await openHost('/plain/blank.html');
  await pasted.page.setContent(`<!doctype html><title>pasted</title><script>window.events = []; for (const t of ['ready', 'result', 'error']) addEventListener('map-playground:' + t, (e) => window.events.push(e.detail));</script>${snippet}`);
  await waitFor(pasted.page, () => window.events.some((e) => e.type === 'map-playground:ready'));
  assert.equal(await printedBy(pasted.page, () => document.querySelector('map-playground').run()), "[[1, 1], '<b>']");
  await pasted.close();
  assert.deepEqual(problems, []);
  await close();
});
