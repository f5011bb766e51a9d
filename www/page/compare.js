// Compare: the form's run on every executor this page can use, measured as a benchmark is
// (measure.js: warmed up, several runs in rounds, the median and its range), as bars with
// their speedups over sequential, and what the figures cannot mean. The Result then shows the
// last run of the executor the form names.
import { t } from './i18n.js';
import { compareExecutors, comparedRun } from './result-view.js';
import { isCpuBound } from '../shared/options.js';

export function mountCompare(store, runner, $) {
  $('compare').addEventListener('click', runner.whileBusy(async (options) => {
    const cpuBound = isCpuBound(store.state.catalog, options.workload);
    let last = null;
    const entries = await compareExecutors(document, options, store.state.doctor.executors, cpuBound, async (o, step) => {
      store.update({ status: t('status.comparing', { executor: o.executor, step: t(`measure.${step.phase}`, step) }) });
      last = await runner.runOnce(o);
      return last;
    });
    const report = comparedRun(entries, options.executor, last);
    return report && { report, options: { ...options, executor: report.executor }, made: entries ? ['compare'] : [] };
  }));
}
