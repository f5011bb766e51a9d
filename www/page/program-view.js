// A program's run as the full page (main.js) and the embed (embed/embed-page.js) both show it:
// the Output section's markup, made here once; the output as a terminal shows it; the report's
// threads and processes, row by row (the timeline draws them, the Output counts them); and the
// status line of a run, including the one for a program too long to run.
import { t, translatePage } from './i18n.js';

/** The Output section's contents, in markup that holds no text of its own (i18n.js fills it). */
const OUTPUT_MARKUP = `
  <h2 id="output-title" data-i18n="output">Output</h2>
  <p class="note" data-i18n="output.help"></p>
  <pre class="output" data-output role="log" aria-live="polite" aria-labelledby="output-title" tabindex="0"></pre>
  <p data-output-timing></p>`;

/** Fills a page's `<section data-output-section>` with the Output section's markup. */
export function mountOutputSection(section) {
  const template = document.createElement('template');
  template.innerHTML = OUTPUT_MARKUP;
  section.replaceChildren(template.content);
  translatePage(section);
}

/**
 * A program's output in a `<pre>`: stdout and stderr interleaved in the order they were
 * printed, each piece in a span of its stream's class (`stdout`, `stderr`), the next piece of
 * the same stream added to the same text node. It keeps to the end while the person has not
 * scrolled up. Once the run ends, `timing` says how long it took and on how many threads and
 * worker processes.
 */
export class OutputView {
  #pre;
  #timing;
  /** How much of each stream is shown, to add what a report holds and no piece brought. */
  #shown = { stdout: 0, stderr: 0 };

  constructor(pre, timing) {
    this.#pre = pre;
    this.#timing = timing;
  }

  clear() {
    this.#pre.replaceChildren();
    this.#timing.textContent = '';
    this.#shown = { stdout: 0, stderr: 0 };
  }

  /** Adds one piece of output, `{stream: 'stdout' | 'stderr', text}`. */
  append({ stream, text }) {
    if (!text || !(stream in this.#shown)) return;
    const pre = this.#pre;
    const atEnd = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
    const last = pre.lastElementChild;
    if (last?.className === stream) {
      last.firstChild.appendData(text);
    } else {
      const span = document.createElement('span');
      span.className = stream;
      span.textContent = text;
      pre.append(span);
    }
    this.#shown[stream] += text.length;
    if (atEnd) pre.scrollTop = pre.scrollHeight;
  }

  /**
   * Adds what the finished run's report holds beyond the pieces shown: the pieces are a
   * prefix of each stream, and a run that was stopped gets its last words (a
   * KeyboardInterrupt, a TimeoutError) in the report only.
   */
  finish(report) {
    for (const stream of ['stdout', 'stderr']) this.append({ stream, text: report[stream].slice(this.#shown[stream]) });
    // A run stopped from outside (Cancel, or an engine past its budget) kept no trace.
    const untraced = report.stopped && report.trace.length === 0;
    this.#timing.textContent = untraced
      ? t('output.timing.stopped', { seconds: seconds(report.wall_ms) })
      : t('output.timing', { seconds: seconds(report.wall_ms), ...kindCounts(programLanes(report)) });
  }
}

/**
 * The rows of a program report's timeline, by lane: `{lane, name, kind, bars, busy_ms}`. The
 * trace lists the threads a program started and the calls its pools ran, and `processes`
 * every worker process it started, so one that ran no call has its row too (a short map may
 * be run by one worker of two); the main thread (lane 0) runs from the start to the end, and
 * is drawn so unless the trace says otherwise.
 */
export function programLanes(report) {
  const lanes = new Map();
  for (const entry of report.trace) {
    if (!lanes.has(entry.lane)) lanes.set(entry.lane, { lane: entry.lane, name: entry.name, kind: entry.kind, bars: [] });
    lanes.get(entry.lane).bars.push({ start_ms: entry.start_ms, end_ms: entry.end_ms });
  }
  for (const { lane, name } of report.processes ?? []) {
    if (!lanes.has(lane)) lanes.set(lane, { lane, name, kind: 'process', bars: [] });
  }
  if (!lanes.has(0)) lanes.set(0, { lane: 0, name: 'MainThread', kind: 'thread', bars: [{ start_ms: 0, end_ms: report.wall_ms }] });
  return [...lanes.values()]
    .sort((a, b) => a.lane - b.lane)
    .map((row) => ({ ...row, busy_ms: row.bars.reduce((sum, bar) => sum + (bar.end_ms - bar.start_ms), 0) }));
}

/** How many of `rows` (programLanes) are threads and how many worker processes. */
export function kindCounts(rows) {
  const count = (kind) => rows.filter((row) => row.kind === kind).length;
  return { threads: count('thread'), processes: count('process') };
}

const seconds = (ms) => (ms / 1000).toFixed(2);

/**
 * The status line for a finished program run: its wall time, and how it ended (an exit status
 * other than 0 without an error is the program's own `sys.exit(n)`).
 */
export function describeProgramEnd(report) {
  const vars = { seconds: seconds(report.wall_ms), type: report.error?.type, line: report.error?.line, code: report.exit_code };
  if (report.stopped === 'cancelled') return t('status.program.cancelled', vars);
  if (report.stopped === 'timeout') return t('status.program.timeout', vars);
  if (report.error) return t(report.error.line ? 'status.program.raised.line' : 'status.program.raised', vars);
  if (report.exit_code) return t('status.program.exited', vars);
  return t('status.program.done', vars);
}

/**
 * Why `code` is not run, in the page's language, or null when it may run: past the catalog's
 * `max_code_chars` the page API refuses it, and the person should read why in their language.
 */
export function programRefusal(code, limits) {
  if (code.length <= limits.max_code_chars) return null;
  return t('status.program.too-long', { n: code.length, max: limits.max_code_chars });
}

/**
 * The Output section of the full page: cleared by a run's `program-start`, filled by its
 * `program-output` events as the program prints, completed from its report once it ends.
 */
export function mountOutput(store, $) {
  mountOutputSection($('output-section'));
  const view = new OutputView($('output'), $('output-timing'));
  store.addEventListener('program-start', () => view.clear());
  store.addEventListener('program-output', ({ detail }) => view.append(detail));
  store.watch(['programReport'], ({ programReport }) => {
    if (programReport) view.finish(programReport);
  });
}
