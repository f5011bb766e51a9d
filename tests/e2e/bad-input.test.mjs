// Bad input, as a person types it: each malformed list gets a clear message next to the
// input, and each number out of range one next to its field; the text stays as typed, the
// console stays clean, and the page stays usable.
// Out-of-domain items fail one by one, as Python raises, while the others print.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedPlayground, openPlayground } from './harness.mjs';

// [input, workload, what the message must say]
const MALFORMED = [
  ['[1, 2', 'square', /'\[' was never closed/],
  ['[1, 2]]', 'square', /SyntaxError: invalid syntax/],
  ['1, 2, 3', 'square', /SyntaxError: invalid syntax/],
  ['[1,, 2]', 'square', /SyntaxError: invalid syntax/],
  ['[1 2]', 'square', /Perhaps you forgot a comma/],
  ['[1, 2)', 'square', /closing parenthesis '\)' does not match opening parenthesis '\['/],
  ['{1, 2}', 'square', /SyntaxError: invalid syntax/],
  ['[foo]', 'square', /NameError: name 'foo' is not defined/],
  ['[True]', 'square', /True is not an int or a str/],
  ['[None]', 'square', /None is not an int or a str/],
  ['[1.5, 2]', 'square', /floats are not supported/],
  ['[1e3]', 'square', /floats are not supported/],
  ['[9223372036854775808]', 'square', /OverflowError: int too large.*9223372036854775807/],
  ['[-9223372036854775809]', 'square', /OverflowError/],
  ['[01]', 'square', /leading zeros in decimal integer literals/],
  ['[1_]', 'square', /invalid decimal literal/],
  ['[0x]', 'square', /invalid hexadecimal literal/],
  ['[١٢٣]', 'square', /invalid character '١' \(U\+0661\)/],
  ['[[1, 2], [3]]', 'square', /nested lists are not supported/],
  ["['a', 'b']", 'square', /InputError: square\(\) takes int items, but item 0 is a str: 'a'/],
  ['[1, 2]', 'fetch_len', /InputError: fetch_len\(\) takes str items, but item 0 is an int: 1/],
  ["['abc]", 'fetch_len', /unterminated string literal/],
  ["b'abc'", 'square', /literals are not supported/],
  ["['\\N{EM DASH}']", 'fetch_len', /\\N\{\.\.\.\} escapes are not supported/],
  ["['\\ud800']", 'fetch_len', /lone surrogates are not supported/],
  ['', 'square', /the input is empty/],
  ['5', 'square', /the input must be a list, not int/],
  ['range(10000000)', 'square', /at most 1000000 items/],
  ['[0] * 10000000', 'square', /at most 1000000 items/],
  ['range(1, 2, 0)', 'square', /range\(\) arg 3 must not be zero/],
  ['range()', 'square', /range expected at least 1 argument, got 0/],
  ['list(5)', 'square', /'int' object is not iterable/],
  ['[1] + 2', 'square', /unsupported operand type\(s\) for \+: 'list' and 'int'/],
  ['[1] * [2]', 'square', /can't multiply sequence by non-int/],
  ['[-[1]]', 'square', /bad operand type for unary -: 'list'/],
  ["['a' * 1000000] * 1000000", 'fetch_len', /MemoryError: too much text/],
  [`${'('.repeat(300)}[1]${')'.repeat(300)}`, 'square', /too many nested parentheses/],
];

const env = servedPlayground();

const field = (page, label) => page.getByLabel(label, { exact: true });

test(`${MALFORMED.length} malformed inputs each get a clear message, and nothing is lost`, async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  const message = page.locator('[data-input-error]');
  for (const [items, workload, expected] of MALFORMED) {
    await field(page, 'Workload').selectOption(workload);
    await field(page, 'Input list').fill(items);
    await page.evaluate(() => {
      document.querySelector('[data-input-error]').hidden = true;
    });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await message.waitFor({ state: 'visible' });
    assert.match(await message.textContent(), expected, items.slice(0, 60));
    assert.equal(await field(page, 'Input list').inputValue(), items);
    assert.equal(await field(page, 'Input list').getAttribute('aria-invalid'), 'true');
  }
  await field(page, 'Workload').selectOption('square');
  await field(page, 'Input list').fill('[]');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByText('Done: 0 items on sequential.').waitFor();
  assert.equal(await page.locator('[data-printed]').textContent(), '[]');
  assert.equal(await message.isHidden(), true);
  assert.deepEqual(problems, []);
  await close();
});

test('a 5 MB paste is refused with the item limit, and the page stays responsive', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  const paste = `[${'7, '.repeat(1_700_000)}]`;
  assert.ok(paste.length > 5_000_000);
  await page.evaluate((text) => {
    const input = document.querySelector('[data-items]');
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, paste);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.locator('[data-input-error]').waitFor({ state: 'visible', timeout: 30_000 });
  assert.match(await page.locator('[data-input-error]').textContent(), /at most 1000000 items/);
  assert.equal((await field(page, 'Input list').inputValue()).length, paste.length);
  // A link, and an embed, cannot carry it: the page says so, and lays out only what is read.
  const said = await page.locator('[data-link-left-out]').textContent();
  assert.ok(said.startsWith(`Input list is ${paste.length.toLocaleString('en-US')} characters: a link carries at most 20,000, so this link leaves it out`), said);
  assert.doesNotMatch(await page.evaluate(() => location.hash), /[#&]i=/);
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  assert.match(await page.locator('[data-embed-left-out]').textContent(), /an embed carries at most 20,000, as a link does/);
  assert.equal(await page.locator('[data-embed-iframe]').isVisible(), false);
  const shown = await page.locator('[data-python]').textContent();
  assert.ok(shown.length < 21_000, `the Python panel shows ${shown.length} characters`);
  assert.match(shown, /\[5,\d{3},\d{3} characters not shown here: Copy copies the whole program\]/);
  await page.evaluate(() => { navigator.clipboard.writeText = async (text) => { window.copied = text; }; });
  await page.locator('[data-copy-python]').click();
  const copied = await page.evaluate(() => window.copied);
  assert.ok(copied.includes(paste), 'Copy copies the whole program, its 5 MB list included');
  await field(page, 'Input list').fill('[3]');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByText('Done: 1 items on sequential.').waitFor();
  assert.equal(await page.locator('[data-link-left-out]').isVisible(), false);
  assert.match(await page.locator('[data-embed-iframe]').textContent(), /items=%5B3%5D/);
  assert.deepEqual(problems, []);
  await close();
});

test('items outside a domain fail one by one with Python-shaped errors', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  const cases = [
    ['fib', '[51, 1]', "[ValueError('fib() accepts 0 <= n <= 50, got 51'), 1]"],
    ['is_prime', '[-1, 2]', "[ValueError('is_prime() accepts 0 <= n <= 9223372036854775807, got -1'), True]"],
    ['mandelbrot_row', '[600]', "[ValueError('mandelbrot_row() accepts 0 <= y < 600, got 600')]"],
    ['sleep_ms', '[10001, 1]', "[ValueError('sleep_ms() accepts 0 <= ms <= 10000, got 10001'), 1]"],
    ['collatz_steps', '[0, 1]', "[ValueError('collatz_steps() accepts 1 <= n <= 1000000000000, got 0'), 0]"],
    ['count_primes', '[10000001]', "[ValueError('count_primes() accepts 0 <= n <= 10000000, got 10000001')]"],
  ];
  for (const [workload, items, printed] of cases) {
    for (const executor of ['sequential', 'pool', 'message-passing']) {
      const report = await page.evaluate((o) => window.playground.run(o), { workload, items, executor, workers: 2 });
      assert.equal(report.printed, printed, `${workload} on ${executor}`);
      assert.equal(report.stops_at, 0, `${workload} on ${executor}`);
    }
  }
  assert.deepEqual(problems, []);
  await close();
});

test('a number out of range is refused at its field, which keeps what was typed, and nothing runs', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  const { limits } = await page.evaluate(async () => (await window.playground.ready).catalog);
  // [field, what is typed, its message's hook, what the message must say]
  const cases = [
    ['Workers', '0', 'workers-error', `Workers: a whole number from 1 to ${limits.max_workers}.`],
    ['Workers', String(limits.max_workers + 1), 'workers-error', `Workers: a whole number from 1 to ${limits.max_workers}.`],
    ['Workers', '2.5', 'workers-error', `Workers: a whole number from 1 to ${limits.max_workers}.`],
    ['Chunk size', '0', 'chunksize-error', `Chunk size: a whole number from 1 to ${limits.max_items}, or auto.`],
    ['Chunk size', 'big', 'chunksize-error', `Chunk size: a whole number from 1 to ${limits.max_items}, or auto.`],
    ['Timeout (ms)', '0', 'timeout-error', 'Timeout: a whole number of ms, 1 or more; leave it empty for none.'],
    ['Timeout (ms)', '-5', 'timeout-error', 'Timeout: a whole number of ms, 1 or more; leave it empty for none.'],
  ];
  const fine = { Workers: '2', 'Chunk size': 'auto', 'Timeout (ms)': '' };
  for (const [label, typed, hook, expected] of cases) {
    await field(page, label).fill(typed);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const message = page.locator(`[data-${hook}]`);
    await message.waitFor({ state: 'visible' });
    assert.equal(await message.textContent(), expected, `${label} ${typed}`);
    assert.equal(await message.getAttribute('role'), 'alert');
    const id = await message.getAttribute('id');
    assert.ok((await field(page, label).getAttribute('aria-describedby')).split(' ').includes(id), `${label} names ${id}`);
    assert.equal(await field(page, label).getAttribute('aria-invalid'), 'true');
    assert.equal(await field(page, label).inputValue(), typed);
    assert.equal(await page.locator('[data-status]').textContent(), 'A setting is out of range, as its field says; nothing ran.');
    assert.equal(await page.locator('[data-printed]').textContent(), '');
    await field(page, label).fill(fine[label]);
  }
  await field(page, 'Workers').fill(String(limits.max_workers));
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByText('Done: 5 items on sequential.').waitFor();
  assert.equal(await page.locator('.field-error:not([hidden])').count(), 0);
  assert.equal(await page.locator('[aria-invalid]').count(), 0);
  assert.deepEqual(problems, []);
  await close();
});

test('a list comprehension, as a tutorial writes one, is an input list; one the language lacks says so', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  const run = (items) => page.evaluate((o) => window.playground.run(o).then((r) => r.printed, (e) => `${e.name}: ${e.message}`), { workload: 'square', items, executor: 'sequential' });
  assert.equal(await run('[x for x in range(5)]'), '[0, 1, 4, 9, 16]');
  assert.equal(await run('[2 ** n for n in range(4)]'), '[1, 4, 16, 64]');
  assert.match(await run('[x for x in range(5) if x % 2]'), /^SyntaxError: a comprehension in the input list takes one for and no further 'if'/);
  assert.deepEqual(problems, []);
  await close();
});
