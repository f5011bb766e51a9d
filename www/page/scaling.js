// Scaling: the form's run on the pool (or, where the pool cannot run, on message-passing) at
// 1, 2, … workers with the speedup against Amdahl's law, or at doubling chunk sizes with the
// wall time. Each point is measured as a benchmark is (measure.js: warmed up, the median of
// several runs); a speedup that cannot be true is said to be so, and Amdahl's law is fitted
// only to 3 points or more (through 2 points any serial fraction fits).
import { t } from './i18n.js';
import { amdahlFit, drawPlot } from './charts.js';
import { caveats, idealSpeedup, machineCores, measure } from './measure.js';
import { mountChartNav } from './chart-nav.js';
import { runnable } from '../isolation/doctor.js';
import { describeEnd } from './result-view.js';
import { isCpuBound } from '../shared/options.js';

/** The fewest points an Amdahl fit is drawn from. */
const FIT_POINTS = 3;

export function mountScaling(store, runner, $) {
  mountChartNav($('scaling-chart'), $('scaling-details'));
  $('scaling').addEventListener('click', runner.whileBusy(async (options) => {
    const executor = runnable(store.state.doctor, 'pool');
    const cpuBound = isCpuBound(store.state.catalog, options.workload);
    const sweep = $('scaling-mode').value === 'workers' ? byWorkers : byChunksize;
    let last = null;
    const run = (label) => async (o, step) => {
      store.update({ status: t('status.scaling', { step: `${label(o)}, ${t(`measure.${step.phase}`, step)}` }) });
      last = await runner.runOnce(o);
      return last;
    };
    const drawn = await sweep({ ...options, executor }, run, $, cpuBound);
    // The chart is the sweep's output; the Result keeps the run it showed, as the form says.
    if (drawn) return { made: ['scaling'], status: t('status.scaled', { points: drawn }) };
    return last && { status: describeEnd(last), made: [] };
  }));
}

/** The chart's caption: how the points were measured, then what they cannot mean. */
function caption($, runs, notes = []) {
  $('scaling-fit').textContent = [t('scaling.measured.note', { runs }), ...notes].join(' ');
}

/**
 * The speedup at 1 to `options.workers` workers; resolves to the points drawn, 0 when stopped.
 * On computing work the ideal line stops at the machine's cores, and Amdahl's law is fitted
 * only to the points up to them: past them the cores run out, which is no serial fraction.
 */
async function byWorkers(options, run, $, cpuBound) {
  const top = Math.max(2, options.workers);
  const counts = Array.from({ length: top }, (_, i) => i + 1);
  const measured = await measure(counts.map((workers) => ({ ...options, workers })), run((o) => `${o.workers} / ${top}`), { rounds: false });
  if (!measured) return 0;
  const one = measured[0].median_ms;
  const points = measured.map((m) => ({ x: m.options.workers, y: one / Math.max(m.median_ms, 1e-6) }));
  const cores = machineCores();
  const ideal = (workers, items = Infinity) => idealSpeedup({ executor: options.executor, workers, items, cpuBound, cores });
  const limited = cpuBound && top > cores;
  const fitting = limited ? points.filter((p) => p.x <= cores) : points;
  const fitted = fitting.length >= FIT_POINTS;
  const s = fitted ? amdahlFit(fitting) : null;
  drawPlot($('scaling-chart'), points, {
    xLabel: t('axis.workers'), yLabel: t('axis.speedup'),
    ideal,
    ...(fitted ? { fit: (x) => 1 / (s + (1 - s) / x) } : {}),
    legend: [['measured', t('scaling.measured')], ['ideal', t('scaling.ideal')], ...(fitted ? [['fit', t('scaling.fit')]] : [])],
  });
  const notes = caveats(measured.map((m, i) => ({ ...m, label: `${m.options.workers} ${t('axis.workers')}`, speedup: points[i].y, lanes: ideal(m.options.workers, m.report.results.length) })));
  const noFit = limited && points.length >= FIT_POINTS ? t('scaling.no-fit.cores', { points: FIT_POINTS, cores }) : t('scaling.no-fit', { points: FIT_POINTS });
  caption($, Math.min(...measured.map((m) => m.runs)), [
    ...(limited ? [t('scaling.cores', { cores })] : []),
    fitted ? t('scaling.serial', { percent: (100 * s).toFixed(1) }) : noFit,
    ...notes.map((n) => t(n.key, n.vars)),
  ]);
  return points.length;
}

/** The wall time at doubling chunk sizes; resolves to the points drawn, 0 when stopped. */
async function byChunksize(options, run, $) {
  // The sizes that change anything: up to the items per worker.
  const first = await run(() => 'chunksize 1')({ ...options, chunksize: 1 }, { phase: 'warm-up', run: 1 });
  if (!first || first.stopped) return 0;
  const items = first.results.length;
  const sizes = [];
  for (let size = 1; size <= Math.max(1, Math.ceil(items / options.workers)); size *= 2) sizes.push(size);
  const measured = await measure(sizes.map((chunksize) => ({ ...options, chunksize })), run((o) => `chunksize ${o.chunksize}`));
  if (!measured) return 0;
  const points = measured.map((m) => ({ x: m.options.chunksize, y: m.median_ms }));
  drawPlot($('scaling-chart'), points, {
    xLabel: t('axis.chunksize'), yLabel: t('axis.wall'),
    legend: [['measured', t('scaling.measured')]],
  });
  const notes = caveats(measured.map((m) => ({ ...m, label: `chunksize ${m.options.chunksize}`, speedup: 0, lanes: 1 })));
  caption($, Math.min(...measured.map((m) => m.runs)), notes.map((n) => t(n.key, n.vars)));
  return points.length;
}
