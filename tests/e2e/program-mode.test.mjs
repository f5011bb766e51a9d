// Program mode as a person uses it, in real Chromium: the Mode switch, the example programs,
// Run and its Output (python3's output), the timeline, the Python panel, a shared link that
// restores the program, a syntax error that keeps what was typed, and Cancel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { servedPlayground, openPlayground } from './harness.mjs';

const env = servedPlayground();
/** The docs' URL example asks for a page that is not there, on purpose. */
const MISSING_PAGE = { expected: [/no-such-page\.txt/] };
const preset = (id) => readFileSync(new URL(`../../python/programs/${id}.py`, import.meta.url), 'utf8');
/** What python3 prints; asynchronous, as the program may fetch from the server this process runs. */
const cpython = async (code) => (await promisify(execFile)('python3', ['-c', code], { encoding: 'utf8', timeout: 60_000 })).stdout;

const programBox = (page) => page.getByRole('textbox', { name: 'Program', exact: true });

async function runAndWait(page) {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.locator('[data-status]').getByText(/^(Ran in|Cancelled after|Timed out after)/).waitFor({ timeout: 60_000 });
}

test('a person switches to Program, runs the seed\'s Pool.map program and reads what python3 prints', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url, MISSING_PAGE);
  assert.equal(await programBox(page).isVisible(), false);
  await page.getByRole('radio', { name: 'Program', exact: true }).check();
  assert.equal(await programBox(page).isVisible(), true);
  assert.equal(await page.getByLabel('Input list').isVisible(), false);
  await page.getByLabel('Example program').selectOption('seed_pool_map');
  assert.equal(await programBox(page).inputValue(), preset('seed_pool_map'));
  await runAndWait(page);
  const output = page.getByRole('log', { name: 'Output' });
  assert.equal(await output.textContent(), await cpython(preset('seed_pool_map')));
  // Pool() with no count starts one worker process per CPU (2 here); the program has one thread.
  assert.match(await page.locator('[data-output-timing]').textContent(), /^Wall time \d+\.\d\d s, on 1 thread\(s\) and 2 worker process\(es\)\.$/);
  // The timeline: one row per worker process, described as a whole; no bar is a tab stop.
  const timeline = page.locator('[data-program-timeline]');
  assert.equal(await timeline.isVisible(), true);
  assert.match(await timeline.getAttribute('aria-label'), /process/);
  assert.equal(await timeline.locator('[tabindex]').count(), 0);
  assert.equal(await page.locator('[data-program-legend]').isVisible(), true);
  // The Python panel shows the program itself.
  assert.equal(await page.locator('[data-python]').textContent(), preset('seed_pool_map'));

  // The docs' URL example fetches this site's samples, the URLs naming the site it is served from.
  await page.getByLabel('Example program').selectOption('docs_load_url');
  assert.match(await programBox(page).inputValue(), new RegExp(`'${env.server.url}samples/1k.txt'`));
  await runAndWait(page);
  const fetched = (await output.textContent()).split('\n').sort().join('\n');
  assert.equal(fetched, (await cpython(await programBox(page).inputValue())).split('\n').sort().join('\n'));
  assert.match(fetched, /100k\.txt' page is 100000 bytes/);
  assert.match(fetched, /no-such-page\.txt' generated an exception: HTTP Error 404: Not Found/);

  // Edited, the program is no longer the example; a link restores mode and program.
  await programBox(page).fill('import threading\nprint(threading.current_thread().name)\n');
  assert.equal(await page.getByLabel('Example program').inputValue(), '');
  const link = page.url();
  assert.match(link, /[#&]m=p/);
  const again = await openPlayground(env.browser, link);
  assert.equal(await again.page.getByRole('radio', { name: 'Program', exact: true }).isChecked(), true);
  assert.equal(await programBox(again.page).inputValue(), 'import threading\nprint(threading.current_thread().name)\n');
  await runAndWait(again.page);
  assert.equal(await again.page.getByRole('log', { name: 'Output' }).textContent(), 'MainThread\n');
  assert.deepEqual(again.problems, []);
  await again.close();
  assert.deepEqual(problems, []);
  await close();
});

test('a syntax error shows its line and keeps the program; Cancel stops a runaway program and Run works again', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  await page.getByRole('radio', { name: 'Program', exact: true }).check();
  const broken = 'import time\n\nfor i in range(3)\n    print(i)\n';
  await programBox(page).fill(broken);
  await runAndWait(page);
  assert.match(await page.locator('[data-status]').textContent(), /SyntaxError at line 3/);
  assert.match(await page.getByRole('log', { name: 'Output' }).textContent(), /File "main\.py", line 3/);
  assert.equal(await programBox(page).inputValue(), broken);

  await programBox(page).fill('import threading\ndef spin():\n    while True:\n        pass\nthreading.Thread(target=spin).start()\n');
  await programBox(page).press('Control+Enter');
  await page.locator('[data-status]').getByText('Running').waitFor();
  await page.waitForTimeout(500);
  const began = Date.now();
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await page.locator('[data-status]').getByText(/^Cancelled after/).waitFor({ timeout: 5_000 });
  assert.ok(Date.now() - began < 1000, `Cancel took ${Date.now() - began} ms`);
  assert.match(await page.getByRole('log', { name: 'Output' }).textContent(), /KeyboardInterrupt/);
  // A stopped run keeps no trace, and says so (it used to say the program ran on one thread).
  assert.match(await page.locator('[data-output-timing]').textContent(), /^Stopped after [\d.]+ s; a stopped run keeps no record/);
  assert.match(await page.locator('[data-program-timeline-none]').textContent(), /^The run was stopped/);

  await programBox(page).fill('print("again")\n');
  await runAndWait(page);
  assert.equal(await page.getByRole('log', { name: 'Output' }).textContent(), 'again\n');
  assert.deepEqual(problems, []);
  await close();
});
