// shared/columns.js: the columns the wasm sends become the page API's objects, and a printed
// list's elements can be cut out of it again (the message-passing executor's chunks).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { element, itemsFrom, reportFrom, sublist } from '../../www/shared/columns.js';
import { loadWasm } from './wasm.mjs';

const wasm = await loadWasm();

test('a printed list is cut into elements and sublists at its ends, any text included', () => {
  const { inputs, inputEnds } = wasm.plan({ workload: 'custom', items: "['a, b', 'é𝄞', 3]", workers: 1 });
  assert.equal(inputs, "['a, b', 'é𝄞', 3]");
  assert.deepEqual([0, 1, 2].map((i) => element(inputs, inputEnds, i)), ["'a, b'", "'é𝄞'", '3']);
  assert.equal(sublist(inputs, inputEnds, 1, 3), "['é𝄞', 3]");
  assert.equal(sublist(inputs, inputEnds, 2, 2), '[]');
});

test('a report assembled from columns has one object per item, errors and lanes kept', () => {
  const options = { workload: 'fib', items: '[1, 51, 2]', workers: 2 };
  const finished = {
    index: Uint32Array.from([2, 1]), lane: Uint8Array.from([1, 0]),
    inputs: '[2, 51]', inputEnds: Uint32Array.from([2, 6]),
    reprs: "[1, ValueError('fib() accepts 0 <= n <= 50, got 51')]", reprEnds: Uint32Array.from([2, 52]),
    extras: [{ at: 1, error: { type: 'ValueError', message: 'fib() accepts 0 <= n <= 50, got 51' } }],
  };
  const bars = { index: Uint32Array.from([2, 1]), lane: Uint8Array.from([1, 0]), start: Float64Array.from([1, 2]), end: Float64Array.from([3, 4]) };
  const report = reportFrom(wasm.assemble(options, [finished], [bars], 'cancelled', 1000, 10));
  assert.equal(report.printed, "[CancelledError(), ValueError('fib() accepts 0 <= n <= 50, got 51'), 1]");
  assert.deepEqual(report.results.map((r) => r.lane), [undefined, 0, 1]);
  assert.deepEqual(report.results[1].error, { type: 'ValueError', message: 'fib() accepts 0 <= n <= 50, got 51' });
  assert.deepEqual({ ok: report.ok, failed: report.failed, cancelled: report.cancelled, stopped: report.stopped }, { ok: 1, failed: 1, cancelled: 1, stopped: 'cancelled' });
  assert.deepEqual(report.trace.map((t) => [t.index, t.start_ms, t.end_ms]), [[2, 1, 3], [1, 2, 4]]);
  assert.equal(itemsFrom(wasm.assemble(options, [], [], undefined, 0, 0).results).length, 3);
});

test('columns that do not fit are refused, not read past their end', () => {
  const bad = { index: Uint32Array.from([0]), lane: Uint8Array.from([0]), inputs: '[1]', inputEnds: Uint32Array.from([9]), reprs: '[1]', reprEnds: Uint32Array.from([2]), extras: [] };
  assert.throws(() => wasm.assemble({ items: '[1]' }, [bad], [], undefined, 0, 0), /bad item columns/);
  assert.throws(() => wasm.assemble({ items: '[1]' }, [{ ...bad, inputEnds: Uint32Array.from([2]), index: Uint32Array.from([5]) }], [], undefined, 0, 0), /past the input list/);
});
