// The published site (`./build.sh dist`, tools/dist.mjs) on a plain static host: a server that
// sends no COOP/COEP and lets browsers cache for 10 minutes, as GitHub Pages does. The service
// worker isolates the page (the pool runs), a second deploy with changed files is what the
// next load shows, with no file of the old release mixed in, and after the first visit the
// site works offline: the server gone, a reload runs every executor, and the custom worker
// whose engine build it had used.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WWW, launchBrowser, openPlayground } from './harness.mjs';
import { serve } from '../../tools/serve.mjs';
import { writeSite } from '../../tools/dist.mjs';

let dir;
let site;
let server;
let browser;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dist-'));
  site = join(dir, 'site');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.closeAllConnections();
  server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A copy of www/ (links to its files) whose tagline says `tagline`: a release with a changed file. */
async function wwwWithTagline(tagline) {
  const from = join(dir, 'www2');
  await mkdir(join(from, 'page'), { recursive: true });
  for (const name of await readdir(WWW)) if (name !== 'page') await symlink(join(WWW, name), join(from, name));
  for (const name of await readdir(join(WWW, 'page'))) {
    if (name !== 'i18n.js') await symlink(join(WWW, 'page', name), join(from, 'page', name));
  }
  const i18n = await readFile(join(WWW, 'page', 'i18n.js'), 'utf8');
  const changed = i18n.replace(/('tagline': )"[^"]*"/, `$1${JSON.stringify(tagline)}`);
  assert.notEqual(changed, i18n);
  await writeFile(join(from, 'page', 'i18n.js'), changed);
  return from;
}

/** The release ids of the `r/` files this page loaded. */
const releasesLoaded = (page) => page.evaluate(() => [...new Set(performance.getEntriesByType('resource')
  .map((entry) => new URL(entry.name).pathname.match(/^\/r\/(\w+)\//)?.[1]).filter(Boolean))]);

const runAll = (page, withCustom) => page.evaluate(async (custom) => {
  const out = {};
  for (const executor of ['sequential', 'async', 'pool', 'message-passing']) {
    out[executor] = (await window.playground.run({ workload: 'fib', items: '[10, 20]', executor, workers: 2 })).printed;
  }
  if (custom) out.custom = (await window.playground.run({ workload: 'custom', code: 'def worker(n):\n    return n * 7\n', items: '[1, 2]', executor: 'pool', workers: 2 })).printed;
  const { threaded } = await window.playground.ready;
  return { ...out, threaded, isolated: self.crossOriginIsolated };
}, withCustom);

/** Waits until the page has reloaded under its service worker: isolated and ready. */
async function untilIsolated(page) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    // The reload may destroy the context an evaluation runs in: ask again.
    const isolated = await page.evaluate(() => self.crossOriginIsolated && document.documentElement.dataset.ready === 'true').catch(() => false);
    if (isolated) return;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error('the page did not reload isolated under its service worker within 30 s');
}

const ALL_RAN = { sequential: '[55, 6765]', async: '[55, 6765]', pool: '[55, 6765]', 'message-passing': '[55, 6765]', threaded: true, isolated: true };

test('dist/ on a plain static host: isolated by its service worker, a new deploy picked up, and offline after the first visit', async () => {
  const first = await writeSite({ from: WWW, out: site });
  server = await serve({ root: site, port: 0, plain: true });
  const url = `http://127.0.0.1:${server.address().port}/`;
  const headers = (await fetch(url)).headers;
  assert.equal(headers.get('cross-origin-embedder-policy'), null, 'the host sends no isolation headers');

  // First visit: the service worker registers, the page reloads under it, isolated.
  const { page, problems, close } = await openPlayground(browser, url);
  await untilIsolated(page);
  assert.deepEqual(await runAll(page, true), { ...ALL_RAN, custom: '[7, 14]' });
  await page.evaluate(() => navigator.serviceWorker.ready);
  assert.deepEqual(await releasesLoaded(page), [first]);
  // What other sites frame or load may be loaded cross-origin; the rest stays same-origin.
  const corp = await page.evaluate(() => Promise.all(['embed.html', 'embed.js', 'index.html'].map((path) => fetch(path)
    .then((r) => r.headers.get('cross-origin-resource-policy')))));
  assert.deepEqual(corp, ['cross-origin', 'cross-origin', 'same-origin']);

  // A second deploy, with a changed file, replaces the site; the next load shows it, all of it.
  const second = await writeSite({ from: await wwwWithTagline('A new release of the playground.'), out: site });
  assert.notEqual(second, first);
  await page.reload();
  await page.waitForSelector('html[data-ready="true"]');
  assert.equal(await page.locator('[data-i18n="tagline"]').textContent(), 'A new release of the playground.');
  assert.deepEqual(await releasesLoaded(page), [second]);
  // The new release's service worker takes over and drops the old release's cache.
  await page.waitForFunction((id) => caches.keys().then((keys) => keys.length === 1 && keys[0].endsWith(` ${id}`)), second, { timeout: 30_000, polling: 200 });
  assert.deepEqual(await runAll(page, true), { ...ALL_RAN, custom: '[7, 14]' });

  // Offline: the server is gone; the page reloads from the cache and every executor runs.
  await new Promise((done) => {
    server.closeAllConnections();
    server.close(done);
  });
  server = null;
  const offline = await fetch(url).then(() => 'answered', () => 'unreachable');
  assert.equal(offline, 'unreachable');
  await page.reload();
  await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
  // The page came from the service worker's cache (a reload without it shows an error page).
  assert.ok(await page.evaluate(() => performance.getEntriesByType('navigation')[0].workerStart > 0));
  assert.equal(await page.locator('[data-i18n="tagline"]').textContent(), 'A new release of the playground.');
  assert.deepEqual(await runAll(page, true), { ...ALL_RAN, custom: '[7, 14]' });
  assert.deepEqual(problems.filter((p) => !/ERR_CONNECTION_REFUSED|Failed to fetch|An unknown error occurred when fetching the script/.test(p)), []);
  await close();
});
