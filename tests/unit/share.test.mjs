// page/share.js: a link carries the form and gives back only what the catalog accepts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeState, encodeState, leftOut, MAX_SHARED_CODE, MAX_SHARED_ITEMS, sayLeftOut } from '../../www/page/share.js';
import { loadWasm } from './wasm.mjs';

const catalog = (await loadWasm()).catalog();
const LANGUAGES = ['en', 'ko'];

test('a link restores the form it was made from', () => {
  const form = {
    workload: 'custom', items: "[1, 'a b', 3]", executor: 'message-passing', workers: '4', chunksize: '2',
    scheduling: 'longest-first', order: 'completed', timeout: '900', code: 'def worker(x):\n    return x', lang: 'ko',
  };
  assert.deepEqual(decodeState(encodeState(form), catalog, LANGUAGES), form);
});

test('what the form cannot hold is left out of the link or dropped from it', () => {
  assert.equal(encodeState({ workload: 'fib', code: 'def worker(x): pass' }), '#w=fib');
  assert.equal(encodeState({ items: 'x'.repeat(MAX_SHARED_ITEMS + 1) }), '#');
  const hash = '#w=cube&e=pool&n=99&c=-1&s=queue&l=fr&t=abc';
  assert.deepEqual(decodeState(hash, catalog, LANGUAGES), { executor: 'pool', scheduling: 'queue' });
});

test('what a link leaves out is named, for the mode the form is in', () => {
  const long = 'x'.repeat(MAX_SHARED_ITEMS + 1);
  const longCode = 'y'.repeat(MAX_SHARED_CODE + 1);
  assert.deepEqual(leftOut({ workload: 'fib', items: '[1, 2]' }), []);
  assert.deepEqual(leftOut({ workload: 'fib', items: long, code: longCode }), [{ field: 'items', length: long.length, max: MAX_SHARED_ITEMS }]);
  assert.deepEqual(leftOut({ workload: 'custom', items: '[1]', code: longCode }).map((f) => f.field), ['code']);
  assert.deepEqual(leftOut({ mode: 'program', workload: 'fib', items: long, program: longCode }).map((f) => f.field), ['program']);
  assert.deepEqual(leftOut({ mode: 'program', program: 'print(1)' }), []);
  // What is left out is exactly what encodeState drops.
  assert.equal(encodeState({ workload: 'custom', items: long, code: longCode }), '#w=custom');
  assert.equal(sayLeftOut('share.left-out', { workload: 'fib', items: '[1]' }), '');
  const said = sayLeftOut('share.left-out', { workload: 'fib', items: long });
  assert.match(said, /^Input list is 20,001 characters: a link carries at most 20,000/);
});
