// The timeline of the program run shown: one row per thread or process (charts.js draws it),
// described as a whole, since a pool may run thousands of calls: the chart is one focusable
// image named by its summary, and a table lists each row with its count of bars.
import { t } from './i18n.js';
import { drawProgramTimeline } from './charts.js';

/**
 * The rows of a program report's timeline, by lane: `{lane, name, kind, bars, busy_ms}`. The
 * trace lists the threads a program started and the calls its pools ran; the main thread
 * (lane 0) runs from the start to the end, and is drawn so unless the trace says otherwise.
 */
export function programLanes(report) {
  const lanes = new Map();
  for (const entry of report.trace) {
    if (!lanes.has(entry.lane)) lanes.set(entry.lane, { lane: entry.lane, name: entry.name, kind: entry.kind, bars: [] });
    lanes.get(entry.lane).bars.push({ start_ms: entry.start_ms, end_ms: entry.end_ms });
  }
  if (!lanes.has(0)) lanes.set(0, { lane: 0, name: 'MainThread', kind: 'thread', bars: [{ start_ms: 0, end_ms: report.wall_ms }] });
  return [...lanes.values()]
    .sort((a, b) => a.lane - b.lane)
    .map((row) => ({ ...row, busy_ms: row.bars.reduce((sum, bar) => sum + (bar.end_ms - bar.start_ms), 0) }));
}

const ms = (value) => value.toFixed(1);

function tableRow(row) {
  const tr = document.createElement('tr');
  const first = row.bars.reduce((most, bar) => Math.min(most, bar.start_ms), Infinity);
  const last = row.bars.reduce((most, bar) => Math.max(most, bar.end_ms), 0);
  for (const value of [row.name, t(`kind.${row.kind}`), String(row.bars.length), ms(row.busy_ms), `${ms(first)}–${ms(last)}`]) {
    const td = document.createElement('td');
    td.textContent = value;
    tr.append(td);
  }
  return tr;
}

export function mountProgramTimeline(store, $) {
  store.watch(['programReport', 'lang'], ({ programReport: report }) => {
    const svg = $('program-timeline');
    const drawn = Boolean(report?.trace.length);
    $('program-timeline-none').hidden = !report || drawn;
    $('program-lanes-box').hidden = !drawn;
    $('program-legend').hidden = !drawn;
    if (!drawn) {
      svg.setAttribute('hidden', '');
      return;
    }
    const rows = programLanes(report);
    const span = report.trace.reduce((most, entry) => Math.max(most, entry.end_ms), report.wall_ms);
    const kind = (row) => t(`kind.${row.kind}`);
    drawProgramTimeline(svg, rows, {
      span,
      rowTitle: (row) => t('program.timeline.row', { name: row.name, kind: kind(row), bars: row.bars.length, busy: ms(row.busy_ms) }),
    });
    const count = (name) => rows.filter((row) => row.kind === name).length;
    svg.setAttribute('aria-label', t('program.timeline.summary', {
      threads: count('thread'), processes: count('process'), bars: rows.reduce((sum, row) => sum + row.bars.length, 0), ms: ms(span),
    }));
    $('program-lanes').replaceChildren(...rows.map(tableRow));
  });
}
