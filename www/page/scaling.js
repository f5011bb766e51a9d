// Scaling: the form's run on the pool (or, without isolation, on message-passing) at 1, 2, …
// workers with the speedup against Amdahl's law, or at doubling chunk sizes with the wall time.
import { t } from './i18n.js';
import { amdahlFit, drawPlot } from './charts.js';

export function mountScaling(store, runner, $) {
  $('scaling').addEventListener('click', runner.whileBusy(async (options) => {
    const executor = store.state.doctor.executors.includes('pool') ? 'pool' : 'message-passing';
    const run = (o, step) => {
      store.update({ status: t('status.scaling', { step }) });
      return runner.runOnce(o);
    };
    const sweep = $('scaling-mode').value === 'workers' ? byWorkers : byChunksize;
    const last = await sweep({ ...options, executor }, run, $);
    return last && { report: last, options: { ...options, executor } };
  }));
}

async function byWorkers(options, run, $) {
  const points = [];
  let last = null;
  const top = Math.max(2, options.workers);
  let one = null;
  for (let n = 1; n <= top; n++) {
    const report = await run({ ...options, workers: n }, `${n} / ${top}`);
    if (!report || report.stopped) break;
    last = report;
    one ??= report.wall_ms;
    points.push({ x: n, y: one / Math.max(report.wall_ms, 1e-6) });
  }
  if (points.length) {
    const s = amdahlFit(points);
    drawPlot($('scaling-chart'), points, {
      xLabel: t('axis.workers'), yLabel: t('axis.speedup'),
      ideal: (x) => x, fit: (x) => 1 / (s + (1 - s) / x),
      legend: [['measured', t('scaling.measured')], ['ideal', t('scaling.ideal')], ['fit', t('scaling.fit')]],
    });
    $('scaling-fit').textContent = t('scaling.serial', { percent: (100 * s).toFixed(1) });
  }
  return last;
}

async function byChunksize(options, run, $) {
  const points = [];
  let last = null;
  let size = 1;
  let top = Infinity;
  while (size <= top) {
    const report = await run({ ...options, chunksize: size }, `chunksize ${size}`);
    if (!report || report.stopped) break;
    last = report;
    top = Math.max(1, Math.ceil(report.results.length / options.workers));
    points.push({ x: size, y: report.wall_ms });
    size *= 2;
  }
  if (points.length) {
    drawPlot($('scaling-chart'), points, {
      xLabel: t('axis.chunksize'), yLabel: t('axis.wall'),
      legend: [['measured', t('scaling.measured')]],
    });
    $('scaling-fit').textContent = '';
  }
  return last;
}
