// A program report's timeline rows (www/page/program-view.js): the trace's threads and pool
// calls, and every worker process the program started, one that ran no call included, so the
// Output counts the two processes `Pool()` starts on 2 CPUs even when one ran the whole map;
// and the status line of how a program ended.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeProgramEnd, kindCounts, programLanes } from '../../www/page/program-view.js';

const call = (lane, name, start_ms, end_ms) => ({ lane, kind: 'process', name, start_ms, end_ms });

test('a worker process that ran no call has its row, with no bar', () => {
  const report = {
    wall_ms: 40,
    trace: [call(1, 'ForkPoolWorker-1', 10, 11), call(1, 'ForkPoolWorker-1', 11, 12)],
    processes: [{ lane: 1, name: 'ForkPoolWorker-1' }, { lane: 2, name: 'ForkPoolWorker-2' }],
  };
  const rows = programLanes(report);
  assert.deepEqual(rows.map((row) => [row.lane, row.name, row.kind, row.bars.length, row.busy_ms]), [
    [0, 'MainThread', 'thread', 1, 40],
    [1, 'ForkPoolWorker-1', 'process', 2, 2],
    [2, 'ForkPoolWorker-2', 'process', 0, 0],
  ]);
  assert.deepEqual(kindCounts(rows), { threads: 1, processes: 2 });
});

test('a report that lists no process (a stopped run) reads its rows from its trace alone', () => {
  const rows = programLanes({ wall_ms: 5, trace: [call(1, 'ForkProcess-1', 1, 2)], processes: [] });
  assert.deepEqual(kindCounts(rows), { threads: 1, processes: 1 });
});

test('the status line says how a program ended: an exception, its own sys.exit(n), or well', () => {
  assert.equal(describeProgramEnd({ wall_ms: 1234, exit_code: 0 }), 'Ran in 1.23 s.');
  assert.equal(describeProgramEnd({ wall_ms: 10, exit_code: 3 }), 'Ran in 0.01 s, then exited with status 3 (sys.exit).');
  assert.equal(
    describeProgramEnd({ wall_ms: 10, exit_code: 1, error: { type: 'ValueError', line: 4 } }),
    'Ran in 0.01 s, then stopped on ValueError at line 4.',
  );
  assert.equal(describeProgramEnd({ wall_ms: 2000, stopped: 'timeout' }), 'Timed out after 2.00 s.');
});
