// The result section, shared by the full page (main.js) and the embed (embed/embed-page.js):
// its markup, made here once; the printed result with its expander, the raised items, the
// timings against a sequential baseline, and the compare run. Each finds its elements by
// `data-*` hook inside `root`.
import { t, translatePage } from './i18n.js';
import { drawCompare } from './charts.js';
import { caveats, compareRuns, idealSpeedup, pastIdeal } from './measure.js';
import { isCpuBound } from '../shared/options.js';

/** The result section's contents, in markup that holds no text of its own (i18n.js fills it). */
const RESULT_MARKUP = `
  <h2 id="result-title" data-i18n="result">Result</h2>
  <pre class="printed" data-printed></pre>
  <p class="note" data-stops-note hidden></p>
  <button type="button" data-more hidden></button>
  <div data-errors hidden>
    <h3 data-i18n="errors">Items that raised</h3>
    <ul class="item-errors" data-item-errors></ul>
  </div>
  <h3 id="timings-title" data-i18n="timings">Timings</h3>
  <dl class="timings">
    <dt data-i18n="timings.wall">Wall time</dt><dd data-wall-ms>–</dd>
    <dt data-i18n="timings.busy">Sum of item times</dt><dd data-busy-ms>–</dd>
    <dt data-i18n="timings.speedup">Speedup</dt><dd data-speedup>–</dd>
    <dt data-i18n="timings.efficiency">Efficiency</dt><dd data-efficiency>–</dd>
    <dt data-i18n="timings.lanes">Lanes used</dt><dd data-lanes-used>–</dd>
  </dl>`;

/** Fills the `<section data-result>` of a page with the result's markup. */
export function mountResultSection(section) {
  const template = document.createElement('template');
  template.innerHTML = RESULT_MARKUP;
  section.setAttribute('aria-labelledby', 'result-title');
  section.replaceChildren(template.content);
  translatePage(section);
}

/**
 * Shows a report in `root`: its printed list, its raised items and its timings (`cpuBound`:
 * whether its workload only computes, for the speedup's ideal).
 */
export function renderReport(root, report, baseline, { cpuBound = true } = {}) {
  renderPrinted(root, report);
  renderErrors(root, report.results);
  renderTimings(root, report, baseline, cpuBound);
}

// The result shows this many items at first, and this many more per click: a 1,000,000-item
// result never builds a million nodes at once.
export const FIRST_ITEMS = 200;
const MORE_ITEMS = 5000;
const ERRORS_LISTED = 50;

const hook = (root, name) => root.querySelector(`[data-${name}]`);
const errorText = (e) => `${e.type}${e.message ? `: ${e.message}` : ''}${e.line ? ` (${t('errors.line', { line: e.line })})` : ''}`;
const ms = (value) => `${value.toFixed(2)} ms`;

/**
 * The last line of the traceback Python prints for an item's exception: `Type: message`, or a
 * custom worker's own last line (`KeyError: 'a'`: str() of a KeyError is its key's repr).
 */
function exceptionLine(error) {
  if (error.traceback) return error.traceback.trimEnd().split('\n').at(-1);
  return error.message ? `${error.type}: ${error.message}` : error.type;
}

/**
 * Where Python's program raises instead of printing the list (`report.stops_at`), the page
 * prints what it prints, its traceback (the frames elided as doctest writes them), and says
 * which item raised; else the list.
 */
function renderPrinted(root, report) {
  const stops = report.stops_at === undefined ? null : report.results.find((r) => r.index === report.stops_at);
  const note = hook(root, 'stops-note');
  if (note) {
    note.hidden = !stops;
    // An item the run's timeout left unfinished: `map(..., timeout=)` raises TimeoutError there.
    const key = report.stopped === 'timeout' && stops && stops.lane === undefined ? 'result.stops.timeout' : 'result.stops';
    note.textContent = stops ? t(key, { index: stops.index, input: stops.input }) : '';
  }
  if (!stops) {
    renderList(root, report);
    return;
  }
  hook(root, 'printed').textContent = `Traceback (most recent call last):\n  ...\n${exceptionLine(stops.error)}`;
  const more = hook(root, 'more');
  if (more) more.hidden = true;
}

/** Renders the first `count` items of the printed list; the `more` button shows the next ones. */
function renderList(root, report, count = FIRST_ITEMS) {
  const printed = hook(root, 'printed');
  const more = hook(root, 'more');
  const shown = Math.min(count, report.results.length);
  const nodes = ['['];
  for (let i = 0; i < shown; i++) {
    const r = report.results[i];
    if (i > 0) nodes.push(', ');
    if (r.error) {
      const span = document.createElement('span');
      span.className = 'raised';
      span.textContent = r.repr;
      span.title = errorText(r.error);
      nodes.push(span);
    } else {
      nodes.push(r.repr);
    }
  }
  if (shown < report.results.length) nodes.push(', …');
  nodes.push(']');
  printed.replaceChildren(...nodes);
  const left = report.results.length - shown;
  if (more) {
    more.hidden = left === 0;
    more.textContent = t('result.more', { n: Math.min(left, MORE_ITEMS) });
    more.onclick = () => renderList(root, report, shown + MORE_ITEMS);
  }
}

/** Lists the items that raised (cancelled ones are counted in the status instead). */
function renderErrors(root, results) {
  const list = hook(root, 'item-errors');
  if (!list) return;
  const raised = results.filter((r) => r.error && r.error.type !== 'CancelledError');
  const rows = raised.slice(0, ERRORS_LISTED).map((r) => {
    const li = document.createElement('li');
    const text = t('errors.item', { index: r.index, input: r.input, error: errorText(r.error) });
    if (r.error.traceback) {
      // A custom worker's exception: its traceback, as Python prints it, one click away.
      const details = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = text;
      const pre = document.createElement('pre');
      pre.className = 'traceback';
      pre.textContent = r.error.traceback;
      details.append(summary, pre);
      li.append(details);
    } else {
      li.textContent = text;
    }
    return li;
  });
  if (raised.length > ERRORS_LISTED) {
    const li = document.createElement('li');
    li.textContent = t('errors.more', { n: raised.length - ERRORS_LISTED });
    rows.push(li);
  }
  list.replaceChildren(...rows);
  hook(root, 'errors').hidden = raised.length === 0;
}

/** Sequential wall times by input: the baseline of every speedup. */
export class Baselines {
  #times = new Map();

  #key(options) {
    return `${options.workload}\u0000${options.items}`;
  }

  record(options, report) {
    if (report.executor === 'sequential' && !report.stopped) this.#times.set(this.#key(options), report.wall_ms);
  }

  get(options) {
    return this.#times.get(this.#key(options));
  }
}

/**
 * Wall time, busy time, lanes, and speedup and efficiency beside their ideals (idealSpeedup):
 * a pool of 4 on 2 cores can gain 2x, not 4x, and async on computing 1x; a figure past its
 * ideal says it cannot be true.
 */
function renderTimings(root, report, baseline, cpuBound) {
  const set = (name, text) => {
    const el = hook(root, name);
    if (el) el.textContent = text;
  };
  set('wall-ms', ms(report.wall_ms));
  set('busy-ms', report.busy_ms === undefined ? '–' : ms(report.busy_ms));
  set('lanes-used', `${report.lanes_used} / ${report.workers}`);
  if (baseline === undefined) {
    set('speedup', t('timings.no-baseline'));
    set('efficiency', '–');
    return;
  }
  const ideal = idealSpeedup({ executor: report.executor, workers: report.workers, items: report.results.length, cpuBound });
  const speedup = baseline / Math.max(report.wall_ms, 1e-6);
  set('speedup', `${speedup.toFixed(2)}× (${t('timings.ideal', { value: `${ideal}×` })})`);
  const past = pastIdeal(speedup, ideal) ? ` ${t('timings.past-ideal')}` : '';
  set('efficiency', `${((100 * speedup) / ideal).toFixed(0)}% (${t('timings.ideal', { value: '100%' })})${past}`);
}

/** Whether a run's error is about the input list (it belongs next to the input, not in the status). */
export function isInputError(error) {
  return Boolean(error.display) || error.name === 'InputError';
}

/** The status line for a finished run. */
export function describeEnd(report) {
  if (report.stopped === 'cancelled') return t('status.cancelled', report);
  if (report.stopped === 'timeout') return t('status.timeout', report);
  const key = report.failed ? 'status.done.raised' : 'status.done';
  return t(key, { n: report.results.length, executor: report.executor, failed: report.failed });
}

/**
 * Compare: `options` on each of `executors`, measured as measure.js says, with `runOne(options)`
 * (which resolves to a report, or null when the run failed); draws the chart (each executor's
 * median, its range and its speedup) and the caveats in `root`. `cpuBound`: whether the
 * workload only computes, where async cannot beat sequential. Resolves to the entries, or null.
 */
export async function compareExecutors(root, options, executors, cpuBound, runOne) {
  const entries = await compareRuns(options, executors, runOne);
  if (!entries) return null;
  drawCompare(hook(root, 'compare-chart'), entries, { title: t('compare.title'), runs: entries[0].runs });
  // The most each can gain (its report gives its workers and items).
  const lanes = ({ executor, report }) => idealSpeedup({ executor, workers: report.workers, items: report.results.length, cpuBound });
  const notes = caveats(entries.map((e) => ({ ...e, label: e.executor, lanes: lanes(e) })));
  const note = hook(root, 'compare-note');
  note.textContent = [t('compare.measured', { runs: entries[0].runs }), ...notes.map((n) => t(n.key, n.vars))].join(' ');
  return entries;
}

/**
 * The run the Result shows after Compare: the one of `executor` (the executor the form names),
 * or the last that ran; where Compare stopped (no `entries`), `last`, the run it stopped in,
 * whose status says so.
 */
export function comparedRun(entries, executor, last) {
  if (!entries) return last;
  return (entries.find((e) => e.executor === executor) ?? entries.at(-1)).report;
}

/** The Result section of the full page: the report of the last run shown, in the page's language. */
export function mountResult(store, $) {
  mountResultSection($('result'));
  store.watch(['result', 'lang'], ({ result }) => {
    if (result) renderReport(document, result.report, result.baseline, { cpuBound: isCpuBound(store.state.catalog, result.report.workload) });
  });
}
