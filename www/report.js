// Reports assembled in JavaScript, in the same shape and with the same rules as the Rust
// crate's `Report` (src/report.rs): for the message-passing executor, whose items come back
// from separate Workers, and for a run whose compute Worker had to be stopped mid-item.

const MISSING = { cancelled: 'CancelledError', timeout: 'TimeoutError' };

/**
 * A report from the items that finished (in completion order) and the run's settings.
 * Items that never finished appear as `CancelledError()` or `TimeoutError()`, as Python's
 * futures report them.
 *
 * @param {object} run  {workload, executor, workers, chunksize, scheduling, order, trace, total,
 *                       inputOf (index to input repr; optional), began_ms, wall_ms, stopped}
 * @param {object[]} finished  item reports {index, input, repr, error?, lane}, completion order
 * @param {object[]} trace  trace entries {index, lane, start_ms, end_ms}
 */
export function assembleReport(run, finished, trace) {
  const seen = new Set(finished.map((r) => r.index));
  const results = [...finished];
  const missing = MISSING[run.stopped] ?? MISSING.cancelled;
  for (let index = 0; index < run.total; index++) {
    if (!seen.has(index)) {
      results.push({ index, input: run.inputOf?.(index) ?? '', repr: `${missing}()`, error: { type: missing, message: '' } });
    }
  }
  if (run.order !== 'completed') results.sort((a, b) => a.index - b.index);
  const cancelled = results.filter((r) => r.error?.type === 'CancelledError').length;
  const failed = results.filter((r) => r.error).length - cancelled;
  const report = {
    workload: run.workload,
    executor: run.executor,
    workers: run.workers,
    chunksize: run.chunksize,
    scheduling: run.scheduling,
    order: run.order,
    printed: `[${results.map((r) => r.repr).join(', ')}]`,
    results,
    began_ms: run.began_ms,
    wall_ms: run.wall_ms,
    lanes_used: new Set(finished.map((r) => r.lane)).size,
    ok: results.length - failed - cancelled,
    failed,
    cancelled,
  };
  if (run.trace) {
    report.trace = trace;
    report.busy_ms = trace.reduce((sum, t) => sum + (t.end_ms - t.start_ms), 0);
  }
  if (run.stopped) report.stopped = run.stopped;
  return report;
}
