// How Compare, Scaling and the page API's `compare` time a run: as a benchmark does. A fresh
// page runs wasm in V8's baseline tier first, and a function already running never switches
// to the optimized code, so the first executor timed used to pay for the others' warm-up (async
// "beat" sequential on CPU-bound work by up to 1.7x). Each point is warmed up first, then run
// several times; its median is the figure and its range the spread. Compare runs its
// executors in rounds, each once a round, so a slow moment of the machine falls on all alike.
// And a figure that cannot be true is said to be so, with the reason.

/**
 * At least this many warm-up runs, and this long in all (as the page waits for them, so that a
 * run too short for the clock still counts), per point; at most MAX_RUNS of them.
 */
const WARMUP_RUNS = 2;
const WARMUP_MS = 300;
/**
 * Timed runs per point: at least RUNS, and more for short runs (a run of a few ms moves by 2x
 * on a shared machine) until each point has TIMED_MS of them, up to MAX_RUNS; only LONG_RUNS
 * where a run takes LONG_RUN_MS or more, so that Compare stays a matter of seconds.
 */
const RUNS = 5;
const TIMED_MS = 300;
const MAX_RUNS = 31;
const LONG_RUNS = 3;
const LONG_RUN_MS = 1000;
/** A spread (max - min) over this fraction of the median is too wide to read a difference from. */
const WIDE_SPREAD = 0.5;
/** Slack on the ceilings a figure cannot pass (the machine's clock and scheduling). */
const SLACK = 1.1;

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Times each of `points` (run options) with `runOne(options, step)`, which resolves to a
 * report, or to null when the run failed or was stopped (then this resolves to null too).
 * `step` is {point, phase: 'warm-up' | 'run', run} for a status line. With `rounds`,
 * every point runs once a round after all were warmed up; without, each point is warmed up and
 * run in turn (a pool sized anew for each point would otherwise restart between runs).
 * Resolves to one entry per point: {options, median_ms, min_ms, max_ms, runs, times, report},
 * `report` being its last run's.
 */
export async function measure(points, runOne, { rounds = true } = {}) {
  const entries = points.map((options) => ({ options, times: [], report: null }));
  let long = false;
  const timed = (entry) => entry.times.reduce((sum, ms) => sum + ms, 0);
  /** Whether `entry` wants another timed run, after `run` of them. */
  const more = (entry, run) => run < (long ? LONG_RUNS : RUNS) || (!long && run < MAX_RUNS && timed(entry) < TIMED_MS);
  const once = async (entry, point, phase, run) => {
    const report = await runOne(entry.options, { point, phase, run });
    if (!report || report.stopped) return false;
    entry.report = report;
    if (phase === 'run') entry.times.push(report.wall_ms);
    return report;
  };
  const warmUp = async (entry, point) => {
    let spent = 0;
    for (let run = 1; run <= WARMUP_RUNS || (spent < WARMUP_MS && run <= MAX_RUNS); run++) {
      const began = performance.now();
      const report = await once(entry, point, 'warm-up', run);
      if (!report) return false;
      spent += Math.max(report.wall_ms, performance.now() - began);
      if (report.wall_ms >= LONG_RUN_MS) {
        long = true;
        break;
      }
    }
    return true;
  };
  if (rounds) {
    for (const [point, entry] of entries.entries()) if (!(await warmUp(entry, point))) return null;
    for (let run = 1; entries.some((entry) => more(entry, run - 1)); run++) {
      for (const [point, entry] of entries.entries()) if (!(await once(entry, point, 'run', run))) return null;
    }
  } else {
    for (const [point, entry] of entries.entries()) {
      if (!(await warmUp(entry, point))) return null;
      for (let run = 1; more(entry, run - 1); run++) {
        if (!(await once(entry, point, 'run', run))) return null;
      }
    }
  }
  return entries.map(({ options, times, report }) => ({
    options,
    median_ms: median(times),
    min_ms: Math.min(...times),
    max_ms: Math.max(...times),
    runs: times.length,
    times,
    report,
  }));
}

/**
 * Compare: `options` on each of `executors`, measured in rounds. One entry per executor,
 * {executor, median_ms, min_ms, max_ms, runs, speedup} (speedup: the sequential median over
 * this one, or the first executor's where sequential is not among them), with `report`, the
 * last run's; null when a run failed or was stopped.
 */
export async function compareRuns(options, executors, runOne) {
  // The pool first, once: a pool of another size restarts the compute engine, which would
  // otherwise throw away the warm-up of the executors before it.
  if (executors.includes('pool')) {
    const sized = await runOne({ ...options, executor: 'pool' }, { point: executors.indexOf('pool'), phase: 'warm-up', run: 0 });
    if (!sized || sized.stopped) return null;
  }
  const measured = await measure(executors.map((executor) => ({ ...options, executor })), runOne);
  if (!measured) return null;
  const base = (measured.find((m) => m.options.executor === 'sequential') ?? measured[0]).median_ms;
  return measured.map(({ options: o, median_ms, min_ms, max_ms, runs, report }) => ({
    executor: o.executor, median_ms, min_ms, max_ms, runs, speedup: base / Math.max(median_ms, 1e-6), report,
  }));
}

/** The machine's cores: how many lanes can compute at once. */
export const machineCores = () => Math.max(1, globalThis.navigator?.hardwareConcurrency ?? 1);

/**
 * The most a run can gain over sequential, the one rule behind every "ideal" the page shows:
 * `workers` lanes, but no more lanes than `items`, and on computing work (`cpuBound`) no more
 * than the machine's `cores` (this machine's by default); async, one thread taking turns, gains on waiting only; sequential
 * is 1.
 */
export function idealSpeedup({ executor, workers, items, cpuBound, cores = machineCores() }) {
  if (executor === 'sequential') return 1;
  if (executor === 'async' && cpuBound) return 1;
  return Math.max(1, Math.min(workers, items, cpuBound ? cores : Infinity));
}

/** Whether `speedup` is past what `ideal` allows, beyond the machine's clock and scheduling. */
export const pastIdeal = (speedup, ideal) => speedup > ideal * SLACK;

/**
 * What a learner must be told about measured figures, as i18n keys with their values:
 * a speedup that cannot be true (above the lanes that ran, or async ahead of sequential on
 * computing, which one thread cannot be), and a spread too wide to read a difference from.
 * `entries` are {label, median_ms, min_ms, max_ms, speedup, lanes}: `lanes` is the most the
 * speedup can be (the workers for a pool, 1 for async on computing, Infinity on waiting).
 */
export function caveats(entries) {
  const notes = [];
  for (const e of entries) {
    if (pastIdeal(e.speedup, e.lanes)) {
      notes.push({ key: e.lanes === 1 ? 'measure.impossible.one' : 'measure.impossible.lanes', vars: { label: e.label, speedup: e.speedup.toFixed(2), lanes: e.lanes } });
    }
    if ((e.max_ms - e.min_ms) / Math.max(e.median_ms, 1e-6) > WIDE_SPREAD) {
      notes.push({ key: 'measure.wide', vars: { label: e.label, min: e.min_ms.toFixed(1), max: e.max_ms.toFixed(1) } });
    }
  }
  return notes;
}
