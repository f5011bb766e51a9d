// A program report's timeline rows (www/page/program-view.js): the trace's threads and pool
// calls, and every worker process the program started, one that ran no call included, so the
// Output counts the two processes `Pool()` starts on 2 CPUs even when one ran the whole map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kindCounts, programLanes } from '../../www/page/program-view.js';

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
