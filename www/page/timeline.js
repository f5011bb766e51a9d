// The timeline of the report shown: one lane per worker, one bar per item, the bars one tab
// stop (chart-nav.js).
import { t } from './i18n.js';
import { drawTimeline } from './charts.js';
import { mountChartNav } from './chart-nav.js';

export function mountTimeline(store, $) {
  mountChartNav($('timeline'), $('timeline-details'));
  store.watch(['result', 'lang'], ({ result }) => {
    const svg = $('timeline');
    if (!result?.report.trace) {
      svg.setAttribute('hidden', '');
      return;
    }
    const { report } = result;
    const { aggregated } = drawTimeline(svg, report, {
      workers: report.workers,
      label: (bar) => t('timeline.bar', { index: bar.index, input: bar.input, lane: bar.lane, start: bar.start_ms.toFixed(1), end: bar.end_ms.toFixed(1) }),
      laneLabel: (lane) => t('timeline.lane', { lane }),
    });
    $('timeline-note').hidden = !aggregated;
  });
}
