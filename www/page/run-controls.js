// Running: the Run and Cancel buttons, the progress bar and the status line, and the runner
// that Run (of a map or of a program), Compare and Scaling share: one run at a time, with
// progress, cancel and errors put where they belong (under the field they are about, or in
// the status line). Ctrl+Enter (Cmd+Enter) anywhere in the form runs it, as Run does.
import { t } from './i18n.js';
import { Baselines, describeEnd, isInputError } from './result-view.js';
import { describeProgramEnd, programRefusal } from './program-view.js';
import { runOnCtrlEnter } from './code-box.js';
import { formProblems, fromForm } from '../shared/options.js';
import { shownNow } from './shown-run.js';
import { describeWait } from './build-wait.js';

/** A run shorter than this shows no progress bar. */
const PROGRESS_AFTER_MS = 300;

/**
 * The runner: `whileBusy(work)` makes a button handler that runs `work(options)` (the form's
 * run options) with the form busy; `work` resolves to `{report, options, made}`: the run the
 * Result then shows (or none) with its options, and the other outputs it made ('compare',
 * 'scaling', shown-run.js), or to null. `runOnce(options, {live})` is one run, resolving to
 * its report or to null after showing its error; with `live`, the timeline draws it as it
 * goes. `runProgram(code)` runs a whole program with the form busy, its output streamed as
 * `program-output` events.
 */
export function createRunner(store, playground) {
  const baselines = new Baselines();
  let controller = null;
  /**
   * Whether Cancel was pressed in this busy spell: Compare and Scaling are many runs, and a
   * cancel that falls between two of them (no controller then) must stop the next one too.
   */
  let cancelled = false;

  async function runOnce(options, { live = false } = {}) {
    if (cancelled) return null;
    controller = new AbortController();
    store.update({ progress: { done: 0, total: 0, shown: false } });
    // A run waiting for a build (build-wait.js) has no progress to show yet.
    let waiting = false;
    const timer = setTimeout(() => !waiting && store.update({ progress: { ...store.state.progress, shown: true } }), PROGRESS_AFTER_MS);
    const run = { ...options, picture: options.workload === 'mandelbrot_row' };
    store.emit('run-start', { ...run, live });
    try {
      const report = await playground.run({
        ...run,
        signal: controller.signal,
        onprogress: (progress) => {
          store.update({ progress: { done: progress.done, total: progress.total, shown: store.state.progress?.shown ?? false } });
          store.emit('progress', { options: run, live, progress });
        },
        onwait: (wait) => {
          waiting = wait.state === 'building';
          store.update({ status: describeWait(wait), progress: { ...store.state.progress, shown: !waiting } });
        },
      });
      baselines.record(options, report);
      return report;
    } catch (error) {
      if (error.source === 'code') store.update({ codeError: error, status: t('status.code-error') });
      else if (isInputError(error)) store.update({ inputError: error, status: t('status.input-error') });
      else store.update({ status: `${error.name}: ${error.message}` });
      return null;
    } finally {
      clearTimeout(timer);
      store.update({ progress: null });
      controller = null;
    }
  }

  function whileBusy(work) {
    return async (event) => {
      event?.preventDefault();
      if (store.state.busy || !store.state.catalog) return;
      const { form, catalog } = store.state;
      const fieldErrors = formProblems(form, catalog.limits);
      store.update({ inputError: null, codeError: null, fieldErrors });
      if (fieldErrors) {
        store.update({ status: t('status.field-error') });
        return;
      }
      store.update({ busy: true });
      cancelled = false;
      const options = fromForm(form, catalog.limits.max_workers);
      const done = await work(options);
      if (done?.made?.length) store.update({ shown: shownNow(store.state.shown, done.made, options) });
      if (done?.report) {
        store.update({
          result: { report: done.report, baseline: baselines.get(done.options) },
          shown: shownNow(store.state.shown, ['result'], done.options),
          status: describeEnd(done.report),
        });
      } else if (done?.status) {
        store.update({ status: done.status });
      } else if (cancelled) {
        // Cancelled between two runs: no run was left to say so.
        store.update({ status: t('status.stopped') });
      }
      store.update({ busy: false });
    };
  }

  async function runProgram(code) {
    if (store.state.busy || !store.state.catalog) return;
    const refusal = programRefusal(code, store.state.catalog.limits);
    if (refusal) {
      store.update({ status: refusal });
      return;
    }
    cancelled = false;
    controller = new AbortController();
    store.update({ busy: true, status: t('status.running'), programReport: null });
    store.emit('program-start');
    try {
      const report = await playground.runProgram({
        code,
        signal: controller.signal,
        onoutput: (piece) => store.emit('program-output', piece),
        onwait: (waiting) => store.update({ status: describeWait(waiting) }),
      });
      store.update({ programReport: report, status: describeProgramEnd(report) });
    } catch (error) {
      store.update({ status: `${error.name}: ${error.message}` });
    } finally {
      controller = null;
      store.update({ busy: false });
    }
  }

  const cancel = () => {
    cancelled = true;
    controller?.abort();
  };
  return { runOnce, whileBusy, runProgram, cancel };
}

export function mountRunControls(store, runner, $) {
  const runMap = runner.whileBusy(async (options) => {
    store.update({ status: t('status.running') });
    const report = await runner.runOnce(options, { live: true });
    return report && { report, options };
  });
  $('form').addEventListener('submit', (event) => {
    if (store.state.mode !== 'program') {
      runMap(event);
      return;
    }
    event.preventDefault();
    runner.runProgram(store.state.program);
  });
  runOnCtrlEnter($('form'));
  $('cancel').addEventListener('click', runner.cancel);
  // A run disables the button that started it, which drops the focus to the page: once the
  // run ends, the focus comes back to what had it when the run began, or to where a person
  // moved it meanwhile (a chart's bar keeps its own: chart-nav.js puts it back after a redraw).
  let focusedBefore = null;
  document.addEventListener('focusin', (event) => {
    if (store.state.busy) focusedBefore = event.target;
  });
  store.watch(['busy', 'catalog'], ({ busy, catalog }) => {
    if (busy && !focusedBefore) focusedBefore = document.activeElement;
    const idle = !busy && Boolean(catalog);
    for (const hook of ['run', 'compare', 'scaling']) {
      const button = $(hook);
      if (button) button.disabled = !idle;
    }
    $('cancel').disabled = !busy;
    if (busy || !focusedBefore) return;
    const lost = !document.activeElement || document.activeElement === document.body;
    if (lost && focusedBefore.isConnected && !focusedBefore.disabled) focusedBefore.focus();
    focusedBefore = null;
  });
  store.watch(['status'], ({ status }) => {
    $('status').textContent = status;
  });
  store.watch(['progress'], ({ progress }) => {
    const box = $('progress-box');
    if (!box) return;
    box.hidden = !progress?.shown;
    if (!progress) return;
    $('progress').max = Math.max(1, progress.total);
    $('progress').value = progress.done;
    $('progress-text').textContent = `${progress.done} / ${progress.total}`;
  });
}
