// page/measure.js: how Compare, Scaling and `playground.compare` time runs. A fake runner
// stands in for the page API: its reports' wall times are scripted, and the order it is called
// in is recorded, so warm-up, rounds, fewer runs for long runs, stops and the caveats are
// checked exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { caveats, compareRuns, measure, median } from '../../www/page/measure.js';

/** A runner whose run of `options.executor` takes `ms[executor]` (a number or a function of the call). */
function fakeRunner(ms) {
  const calls = [];
  const runOne = async (options, step) => {
    calls.push(`${options.executor}:${step.phase}`);
    const time = ms[options.executor];
    return { executor: options.executor, wall_ms: typeof time === 'function' ? time(calls.length) : time };
  };
  return { calls, runOne };
}

test('median of odd and even counts', () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
});

test('every point is warmed up (2 runs and 300 ms at least), then run in rounds: 5 at least, and 300 ms of runs each', async () => {
  const { calls, runOne } = fakeRunner({ a: 100, b: 50 });
  const entries = await measure([{ executor: 'a' }, { executor: 'b' }], runOne);
  assert.deepEqual(calls, [
    'a:warm-up', 'a:warm-up', 'a:warm-up', // 3 x 100 ms reach 300 ms
    'b:warm-up', 'b:warm-up', 'b:warm-up', 'b:warm-up', 'b:warm-up', 'b:warm-up',
    ...Array(6).fill(['a:run', 'b:run']).flat(), // b needs 6 x 50 ms; a runs as many rounds
  ]);
  assert.deepEqual(entries.map((e) => [e.median_ms, e.runs]), [[100, 6], [50, 6]]);
});

test('short runs are timed more often, up to 31 times', async () => {
  const { runOne } = fakeRunner({ a: 4, b: 1 });
  const entries = await measure([{ executor: 'a' }, { executor: 'b' }], runOne);
  assert.deepEqual(entries.map((e) => e.runs), [31, 31]);
});

test('without rounds each point is warmed up and run in turn', async () => {
  const { calls, runOne } = fakeRunner({ a: 400, b: 100 });
  await measure([{ executor: 'a' }, { executor: 'b' }], runOne, { rounds: false });
  assert.deepEqual(calls, [
    'a:warm-up', 'a:warm-up', ...Array(5).fill('a:run'),
    'b:warm-up', 'b:warm-up', 'b:warm-up', ...Array(5).fill('b:run'),
  ]);
});

test('runs of a second or more are timed 3 times after one warm-up, so Compare stays short', async () => {
  const { calls, runOne } = fakeRunner({ a: 1500 });
  const [entry] = await measure([{ executor: 'a' }], runOne);
  assert.deepEqual(calls, ['a:warm-up', 'a:run', 'a:run', 'a:run']);
  assert.equal(entry.runs, 3);
});

test('the median, the range and the speedup over sequential; a stopped run stops it all', async () => {
  const times = [9, 10, 11, 30, 8, 10, 12];
  const { runOne } = fakeRunner({ sequential: 20, pool: (n) => times[n % times.length] });
  const entries = await compareRuns({ workload: 'fib' }, ['sequential', 'pool'], runOne);
  const pool = entries.find((e) => e.executor === 'pool');
  assert.equal(entries[0].speedup, 1);
  assert.equal(pool.runs, entries[0].runs);
  assert.ok(pool.runs >= 5);
  assert.ok(pool.min_ms <= pool.median_ms && pool.median_ms <= pool.max_ms);
  assert.equal(pool.speedup, 20 / pool.median_ms);
  const stopped = async (options) => (options.executor === 'pool' ? { stopped: 'cancelled', wall_ms: 1 } : { wall_ms: 1 });
  assert.equal(await compareRuns({}, ['sequential', 'pool'], stopped), null);
  assert.equal(await compareRuns({}, ['sequential'], async () => null), null);
});

test('caveats: a speedup over the lanes that ran, and a spread too wide to read', () => {
  const entry = (label, speedup, lanes, min = 10, max = 11) => ({ label, speedup, lanes, min_ms: min, max_ms: max, median_ms: 10 });
  assert.deepEqual(caveats([entry('sequential', 1, 1), entry('pool', 1.9, 2), entry('async', 0.98, 1), entry('sleep', 7.5, Infinity)]), []);
  assert.deepEqual(caveats([entry('pool', 2.9, 2)]).map((n) => n.key), ['measure.impossible.lanes']);
  assert.deepEqual(caveats([entry('async', 1.4, 1)]).map((n) => n.key), ['measure.impossible.one']);
  assert.deepEqual(caveats([entry('pool', 1.8, 2, 6, 14)]).map((n) => [n.key, n.vars.min, n.vars.max]), [['measure.wide', '6.0', '14.0']]);
});
