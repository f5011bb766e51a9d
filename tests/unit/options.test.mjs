// shared/options.js against the wasm's own rules: what the page sends is what the wasm takes,
// and the settings it keeps from a link or a host are the ones the catalog names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSettings, formProblems, fromForm, toRunOptions } from '../../www/shared/options.js';
import { loadWasm } from './wasm.mjs';

const wasm = await loadWasm();
const catalog = wasm.catalog();

test('the catalog names every workload, executor, scheduling and order, with the limits', () => {
  assert.deepEqual(catalog.executors, ['sequential', 'async', 'pool', 'message-passing']);
  assert.deepEqual(catalog.schedulings, ['queue', 'work-stealing', 'longest-first']);
  assert.deepEqual(catalog.orders, ['ordered', 'completed']);
  assert.equal(catalog.workloads.at(-1).name, 'custom');
  assert.equal(catalog.limits.max_workers, 32);
  assert.deepEqual(catalog.mandelbrot, { width: 800, height: 600, max_iter: 500 });
});

test('the page API fills in only what the browser knows; the wasm fills in the rest', () => {
  const options = toRunOptions({ items: [1, 2, 3], workload: 'fib', signal: 'dropped' }, 'http://x/');
  assert.equal(options.items, '[1,2,3]');
  assert.ok(Number.isInteger(options.workers) && options.workers >= 1);
  assert.equal(options.base_url, 'http://x/');
  assert.equal(options.signal, undefined);
  const plan = wasm.plan(options);
  assert.equal(plan.executor, 'sequential');
  assert.equal(plan.inputs, '[1, 2, 3]');
});

test('a form becomes options the wasm accepts, and its mistakes come back named', () => {
  const form = {
    workload: 'square', items: 'range(10)', executor: 'pool', workers: '3', chunksize: ' 4 ',
    scheduling: 'queue', order: 'completed', timeout: '', code: 'ignored',
  };
  const options = fromForm(form);
  assert.deepEqual(
    { workers: options.workers, chunksize: options.chunksize, timeout_ms: options.timeout_ms, code: options.code },
    { workers: 3, chunksize: 4, timeout_ms: undefined, code: undefined },
  );
  assert.equal(wasm.plan(options).chunksize, 4);
  assert.equal(fromForm({ ...form, chunksize: '' }).chunksize, 'auto');
  assert.equal(fromForm({ ...form, workload: 'custom' }).code, 'ignored');
  const refused = (o) => {
    try {
      wasm.plan(o);
      return null;
    } catch (e) {
      return `${e.name}: ${e.message}`;
    }
  };
  assert.equal(refused(fromForm({ ...form, chunksize: 'big' })), 'OptionError: chunksize must be a number or \'auto\', got "big"');
  assert.equal(refused({ ...options, workers: 33 }), 'OptionError: workers must be from 1 to 32, got 33');
});

test('settings from a link or a host keep only what the catalog names', () => {
  const input = {
    workload: 'fib', executor: 'threads', scheduling: 'work-stealing', order: 'sorted',
    workers: '33', chunksize: 'auto', items: '[1]', timeout: '250', code: 5, extra: 'x',
  };
  assert.deepEqual(checkSettings(input, catalog), {
    workload: 'fib', scheduling: 'work-stealing', items: '[1]', chunksize: 'auto', timeout_ms: 250,
  });
  assert.deepEqual(checkSettings({ workers: 32, chunksize: '7' }, catalog), { workers: 32, chunksize: 7 });
  assert.deepEqual(checkSettings({ workers: '0', chunksize: '0' }, catalog), {});
  assert.deepEqual(checkSettings(null, catalog), {});
  // Whatever it keeps, the wasm takes.
  for (const executor of catalog.executors) {
    assert.doesNotThrow(() => wasm.plan(toRunOptions(checkSettings({ ...input, executor }, catalog), 'http://x/')));
  }
});

test("a form's numbers out of range are named by field with the catalog's limit, as the wasm would refuse them", () => {
  const { limits } = catalog;
  const form = {
    workload: 'square', items: '[1]', executor: 'pool', workers: '', chunksize: 'auto',
    scheduling: 'queue', order: 'ordered', timeout: '',
  };
  assert.equal(formProblems(form, limits), null);
  assert.equal(formProblems({ ...form, workers: ` ${limits.max_workers} `, chunksize: String(limits.max_items), timeout: '1' }, limits), null);
  assert.deepEqual(formProblems({ ...form, workers: '0', chunksize: 'big', timeout: '-5' }, limits), {
    workers: { max: limits.max_workers }, chunksize: { max: limits.max_items }, timeout: { max: Infinity },
  });
  for (const workers of ['2.5', '1e3', String(limits.max_workers + 1)]) assert.ok(formProblems({ ...form, workers }, limits).workers, workers);
  // At the limits the wasm runs what the form lets through; past them it refuses it too.
  const plan = (values) => () => wasm.plan(fromForm(values, limits.max_workers));
  assert.doesNotThrow(plan({ ...form, workers: String(limits.max_workers), chunksize: String(limits.max_items) }));
  assert.throws(plan({ ...form, workers: String(limits.max_workers + 1) }), /workers must be from 1 to/);
  assert.throws(plan({ ...form, chunksize: String(limits.max_items + 1) }), /chunksize must be from 1 to/);
});
