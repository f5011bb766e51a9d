// Compare: the form's run on every executor this page can use, one after another, as bars of
// wall time with their speedups over the first.
import { t } from './i18n.js';
import { compareExecutors } from './result-view.js';

export function mountCompare(store, runner, $) {
  $('compare').addEventListener('click', runner.whileBusy(async (options) => {
    const last = await compareExecutors(document, options, store.state.doctor.executors, (o) => {
      store.update({ status: t('status.comparing', { executor: o.executor }) });
      return runner.runOnce(o);
    });
    return last && { report: last, options: { ...options, executor: last.executor } };
  }));
}
