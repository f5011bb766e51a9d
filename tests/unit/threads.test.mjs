// isolation/threads.js: what the pool needs, checked in a scope before the threaded build is
// chosen. Each need is taken away from a scope that has them all (Node's own WebAssembly,
// SharedArrayBuffer and MessageChannel), and the check must name it, with the browser's words
// where a check threw. The real browsers' cases are in the e2e and WebDriver suites.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NEEDS, threadSupport } from '../../www/isolation/threads.js';

/** A scope with every need met; `changes` replaces some of its globals. */
function scope(changes = {}) {
  return { crossOriginIsolated: true, SharedArrayBuffer, WebAssembly, MessageChannel, Worker: class {}, ...changes };
}

/** A MessageChannel whose ports refuse a shared memory as WebKitGTK's do without SharedArrayBuffer. */
class RefusingChannel extends MessageChannel {
  constructor() {
    super();
    this.port1.postMessage = () => {
      throw new DOMException('The object can not be cloned.', 'DataCloneError');
    };
  }
}

test('a scope with everything the pool needs misses nothing', () => {
  const facts = threadSupport(scope());
  assert.equal(facts.missing, null);
  assert.equal(facts.error, null);
  for (const need of NEEDS) assert.equal(facts[need], true, need);
});

test('each missing need is named, the first one in order', () => {
  const cases = [
    ['threads', { WebAssembly: { ...WebAssembly, validate: () => false } }],
    ['isolated', { crossOriginIsolated: false, SharedArrayBuffer: undefined }],
    ['isolated', { crossOriginIsolated: undefined }],
    // WebKitGTK by default: isolated, no SharedArrayBuffer.
    ['sab', { SharedArrayBuffer: undefined }],
    ['sharedMemory', { WebAssembly: { ...WebAssembly, Memory: class { constructor() { throw new RangeError('could not allocate memory'); } } } }],
    ['sharedMemory', { WebAssembly: { ...WebAssembly, Memory: class { buffer = new ArrayBuffer(65536); } } }],
    ['sendMemory', { MessageChannel: RefusingChannel }],
    ['workers', { Worker: undefined }],
  ];
  for (const [need, changes] of cases) {
    const facts = threadSupport(scope(changes));
    assert.equal(facts.missing, need, JSON.stringify(Object.keys(changes)));
    assert.equal(facts[need], false, need);
  }
});

test('a check that throws gives the browser\'s words', () => {
  assert.equal(threadSupport(scope({ MessageChannel: RefusingChannel })).error, 'DataCloneError: The object can not be cloned.');
  const noMemory = { WebAssembly: { ...WebAssembly, Memory: class { constructor() { throw new RangeError('could not allocate memory'); } } } };
  assert.equal(threadSupport(scope(noMemory)).error, 'RangeError: could not allocate memory');
});
