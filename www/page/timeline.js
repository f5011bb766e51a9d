// The timeline of the report shown: one lane per worker, one bar per item, the bars one tab
// stop (chart-nav.js). A run from Run is drawn as it goes, from its progress (a 4 s run
// showed a blank timeline until its end), at most every LIVE_MS; the report then draws it
// whole.
import { t } from './i18n.js';
import { TIMELINE_BARS, drawTimeline } from './charts.js';
import { mountChartNav } from './chart-nav.js';

/** The least time between two drawings of a run in progress: a large run's tick is costly. */
const LIVE_MS = 100;

export function mountTimeline(store, $) {
  const svg = $('timeline');
  mountChartNav(svg, $('timeline-details'));
  const draw = (report) => {
    const { aggregated } = drawTimeline(svg, report, {
      workers: report.workers,
      label: (bar) => t('timeline.bar', { index: bar.index, input: bar.input, lane: bar.lane, start: bar.start_ms.toFixed(1), end: bar.end_ms.toFixed(1) }),
      laneLabel: (lane) => t('timeline.lane', { lane }),
    });
    $('timeline-note').hidden = !aggregated;
  };
  store.watch(['result', 'lang'], ({ result }) => {
    if (!result?.report.trace) {
      svg.setAttribute('hidden', '');
      return;
    }
    draw(result.report);
  });

  // The run in progress: what has finished so far, drawn at the next frame.
  let live = null;
  let frame = 0;
  store.addEventListener('run-start', ({ detail: options }) => {
    live = options.live ? { workers: options.workers, trace: [], results: [], began: performance.now() } : null;
  });
  store.addEventListener('progress', ({ detail: { live: drawn, progress } }) => {
    if (!drawn || !live) return;
    // One by one: a tick of a large run holds more items than a call may take arguments.
    for (const bar of progress.trace) live.trace.push(bar);
    // Past TIMELINE_BARS the lanes are drawn aggregated, without the items' inputs.
    if (live.trace.length <= TIMELINE_BARS) for (const item of progress.items) live.results.push(item);
    frame ||= setTimeout(() => requestAnimationFrame(() => {
      frame = 0;
      // The axis runs to now, so that it grows with the run.
      if (live && store.state.busy) draw({ ...live, wall_ms: performance.now() - live.began });
    }), LIVE_MS);
  });
}
