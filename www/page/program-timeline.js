// The timeline of the program run shown: one row per thread or process (program-view.js reads
// them from the report, charts.js draws them),
// described as a whole, since a pool may run thousands of calls: the chart is one focusable
// image named by its summary, and a table lists each row with its count of bars.
import { t } from './i18n.js';
import { drawProgramTimeline } from './charts.js';
import { kindCounts, programLanes } from './program-view.js';

const ms = (value) => value.toFixed(1);

function tableRow(row) {
  const tr = document.createElement('tr');
  const first = row.bars.reduce((most, bar) => Math.min(most, bar.start_ms), Infinity);
  const last = row.bars.reduce((most, bar) => Math.max(most, bar.end_ms), 0);
  const span = row.bars.length ? `${ms(first)}–${ms(last)}` : '–';
  for (const value of [row.name, t(`kind.${row.kind}`), String(row.bars.length), ms(row.busy_ms), span]) {
    const td = document.createElement('td');
    td.textContent = value;
    tr.append(td);
  }
  return tr;
}

export function mountProgramTimeline(store, $) {
  store.watch(['programReport', 'lang'], ({ programReport: report }) => {
    const svg = $('program-timeline');
    const drawn = Boolean(report?.trace.length || report?.processes?.length);
    $('program-timeline-none').hidden = !report || drawn;
    $('program-timeline-none').textContent = t(report?.stopped ? 'program.timeline.stopped' : 'program.timeline.none');
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
    svg.setAttribute('aria-label', t('program.timeline.summary', {
      ...kindCounts(rows), bars: rows.reduce((sum, row) => sum + row.bars.length, 0), ms: ms(span),
    }));
    $('program-lanes').replaceChildren(...rows.map(tableRow));
  });
}
