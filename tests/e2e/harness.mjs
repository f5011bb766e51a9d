// Shared set-up for the browser end-to-end tests: the playground's own server on a free port,
// Debian's Chromium driven by playwright-core, and a page that records every console error and
// uncaught exception so a test can fail on them.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { serve } from '../../tools/serve.mjs';

export const WWW = fileURLToPath(new URL('../../www', import.meta.url));

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Serves www/ (or `root`) on a free loopback port; `isolation: false` drops COOP/COEP;
 * requests for `dropPaths` have their connection cut, a network error; `buildStatus` is the
 * file served as /build-status.json, as `./build.sh serve` has it.
 */
export async function startServer({ isolation = true, dropPaths = [], root = WWW, buildStatus = null } = {}) {
  const server = await serve({ root, port: 0, isolation, dropPaths, buildStatus });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((done) => {
      server.closeAllConnections();
      server.close(done);
    }),
  };
}

/**
 * For a test file: the playground served (isolated) and Chromium launched before its tests,
 * both closed after them. The returned object's `server` and `browser` are set once they run.
 */
export function servedPlayground() {
  const shared = { server: null, browser: null };
  before(async () => {
    shared.server = await startServer();
    shared.browser = await launchBrowser();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return shared;
}

export function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/** The form control labelled `label`, exactly. */
export const field = (page, label) => page.getByLabel(label, { exact: true });

/** Fills the Map form's Workload, Input list, Executor and Workers, those given. */
export async function fillForm(page, { workload, items, executor, workers }) {
  if (workload) await field(page, 'Workload').selectOption(workload);
  if (items !== undefined) await field(page, 'Input list').fill(items);
  if (executor) await field(page, 'Executor').selectOption(executor);
  if (workers) await field(page, 'Workers').fill(String(workers));
}

/**
 * Opens the playground in a fresh context and waits until it is ready. `problems` collects
 * console errors and warnings (a deprecation a dependency logs on every pool start is one),
 * failed responses and uncaught exceptions from the page and its workers,
 * except those matching one of `expected` (for tests that provoke them on purpose).
 */
export async function openPlayground(browser, url, { expected = [] } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const found = [];
  const problems = {
    push: (text) => {
      if (!expected.some((pattern) => pattern.test(text))) found.push(text);
    },
  };
  const LOUD = ['error', 'warning'];
  page.on('console', (msg) => {
    if (LOUD.includes(msg.type())) problems.push(`console.${msg.type()}: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('worker', (worker) => {
    worker.on('console', (msg) => {
      if (LOUD.includes(msg.type())) problems.push(`worker console.${msg.type()}: ${msg.text()}`);
    });
  });
  // The browser's own log also reports what the page cannot see: a Content-Security-Policy
  // violation, a Worker that failed to start.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Log.enable');
  cdp.on('Log.entryAdded', ({ entry }) => {
    if (entry.level === 'error') problems.push(`browser log: ${entry.text} (${entry.url ?? ''})`);
  });
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
  return { page, problems: found, close: () => context.close() };
}
