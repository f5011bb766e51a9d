// page/share.js: a link carries the form and gives back only what the catalog accepts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeState, encodeState, MAX_SHARED_ITEMS } from '../../www/page/share.js';
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
