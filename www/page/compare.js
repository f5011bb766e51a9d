// Compare: the form's run on every executor this page can use, measured as a benchmark is
// (measure.js: warmed up, several runs in rounds, the median and its range), as bars with
// their speedups over sequential, and what the figures cannot mean. The Result then shows the
// last run of the executor the form names.
import { t } from './i18n.js';
import { compareExecutors } from './result-view.js';

export function mountCompare(store, runner, $) {
  $('compare').addEventListener('click', runner.whileBusy(async (options) => {
    const cpuBound = store.state.catalog.workloads.find((w) => w.name === options.workload)?.cpu_bound ?? true;
    let last = null;
    const entries = await compareExecutors(document, options, store.state.doctor.executors, cpuBound, async (o, step) => {
      store.update({ status: t('status.comparing', { executor: o.executor, step: t(`measure.${step.phase}`, step) }) });
      last = await runner.runOnce(o);
      return last;
    });
    // Stopped: the run it stopped in, whose status says so.
    if (!entries) return last && { report: last, options: { ...options, executor: last.executor }, made: [] };
    // The Result shows the run of the executor the form names, as the form says.
    const own = entries.find((e) => e.executor === options.executor) ?? entries.at(-1);
    return { report: own.report, options: { ...options, executor: own.executor }, made: ['compare'] };
  }));
}
