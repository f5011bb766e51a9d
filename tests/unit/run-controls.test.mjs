// The runner's Cancel (www/page/run-controls.js): Compare and Scaling are many runs, and a
// Cancel that falls between two of them, when no run is in flight to abort, stops the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRunner } from '../../www/page/run-controls.js';

/** A store as the page's: `state`, `update`, `emit`. */
function fakeStore() {
  return {
    state: { busy: false, catalog: { limits: { max_workers: 8 } }, form: {}, progress: null },
    update(change) {
      Object.assign(this.state, change);
    },
    emit() {},
  };
}

test('a Cancel between two runs of one busy spell stops the runs after it, and the next spell runs', async () => {
  const store = fakeStore();
  let ran = 0;
  const playground = {
    run: async () => {
      ran++;
      return { wall_ms: 1 };
    },
  };
  const runner = createRunner(store, playground);
  const reports = [];
  const compareLike = async () => {
    reports.push(await runner.runOnce({ workload: 'fib' }));
    runner.cancel();
    reports.push(await runner.runOnce({ workload: 'fib' }));
    reports.push(await runner.runOnce({ workload: 'fib' }));
    return null;
  };
  await runner.whileBusy(compareLike)();
  assert.equal(ran, 1, 'only the run before the Cancel ran');
  assert.deepEqual(reports.map((r) => r === null), [false, true, true]);
  assert.equal(store.state.status, 'Cancelled.');
  assert.equal(store.state.busy, false);
  await runner.whileBusy(async () => {
    await runner.runOnce({ workload: 'fib' });
    return null;
  })();
  assert.equal(ran, 2, 'a new spell runs again');
});
