// The page's charts, drawn as SVG: the compare bars, the timelines (Gantt) of a map and of a
// program, and the scaling plot.
// Text goes through textContent only; nothing here parses markup.
// A chart scales with its box, and its text with it: on a phone an 800-wide chart would draw
// its 12 px text at 5 px. So each chart says how narrow it may be drawn with its text still
// MIN_TEXT_PX (`--readable-width`); style.css holds a chart in a scroll box to that width.

const SVG = 'http://www.w3.org/2000/svg';

/** The size chart text is drawn at, in the chart's units (pixels at full size). */
const TEXT_PX = 12;
/** The smallest a chart's text may render on screen, in CSS pixels. */
const MIN_TEXT_PX = 11;

/** The most item bars the timeline draws one by one; past this it aggregates per lane. */
export const TIMELINE_BARS = 2000;

/** A lane's hue, in degrees: the golden angle apart, so neighbouring lanes differ most. */
const laneHue = (lane) => (lane * 137.5) % 360;
const SATURATION = 0.65;
const LIGHTNESS = 0.5;

/** One colour per lane, the same in the timeline, the compare bars and the Mandelbrot picture. */
export function laneColor(lane) {
  return `hsl(${laneHue(lane)} ${SATURATION * 100}% ${LIGHTNESS * 100}%)`;
}

/** The same colour as `laneColor(lane)`, as `[r, g, b]` from 0 to 255, for pixels. */
export function laneRgb(lane) {
  const h = laneHue(lane) / 60;
  const c = SATURATION * (1 - Math.abs(2 * LIGHTNESS - 1));
  const x = c * (1 - Math.abs((h % 2) - 1));
  const [r, g, b] = [[c, x, 0], [x, c, 0], [0, c, x], [0, x, c], [x, 0, c], [c, 0, x]][Math.floor(h) % 6];
  const m = LIGHTNESS - c / 2;
  return [r + m, g + m, b + m].map((v) => Math.round(v * 255));
}

function el(name, attrs = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  parent?.append(node);
  return node;
}

function text(parent, x, y, content, attrs = {}) {
  const node = el('text', { x, y, ...attrs }, parent);
  node.textContent = content;
  return node;
}

function reset(svg, width, height) {
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('font-size', TEXT_PX);
  svg.style.setProperty('--readable-width', `${Math.ceil((width * MIN_TEXT_PX) / TEXT_PX)}px`);
  // SVG elements have no `hidden` property; the attribute is what hides them.
  svg.removeAttribute('hidden');
}

/**
 * Makes `node` one of its chart's items, described by `description` (what a screen reader
 * reads, the hover text, and the line under the chart); the `first` is the chart's one tab
 * stop, which chart-nav.js moves with the arrow keys.
 */
function item(node, description, first) {
  node.setAttribute('tabindex', first ? '0' : '-1');
  node.setAttribute('aria-label', description);
  el('title', {}, node).textContent = description;
}

const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

/**
 * Compare: one bar per executor, its median wall time, with a line across its range (fastest
 * to slowest run), and the speedup over sequential. `bars`: {executor, median_ms, min_ms,
 * max_ms, speedup}; `runs`: how many timed runs each median is of.
 */
export function drawCompare(svg, bars, { title, runs }) {
  const width = 600;
  const row = 34;
  const left = 150;
  const height = 30 + row * bars.length;
  reset(svg, width, height);
  el('title', {}, svg).textContent = title;
  const max = Math.max(...bars.map((b) => b.max_ms), 1);
  const scale = (ms) => ((width - left - 170) * ms) / max;
  bars.forEach((bar, i) => {
    const y = 20 + i * row;
    const w = Math.max(2, scale(bar.median_ms));
    const g = el('g', { 'data-bar': bar.executor }, svg);
    text(g, left - 8, y + 16, bar.executor, { 'text-anchor': 'end', class: 'label' });
    // One colour for every executor: the lane colours mean lanes, in the timeline and picture.
    el('rect', { x: left, y, width: w, height: row - 10, class: 'bar', rx: 3 }, g);
    const mid = y + (row - 10) / 2;
    el('line', { x1: left + scale(bar.min_ms), x2: left + scale(bar.max_ms), y1: mid, y2: mid, class: 'range' }, g);
    for (const ms of [bar.min_ms, bar.max_ms]) el('line', { x1: left + scale(ms), x2: left + scale(ms), y1: mid - 5, y2: mid + 5, class: 'range' }, g);
    const label = `${fmt(bar.median_ms)} ms · ${bar.speedup.toFixed(2)}×`;
    text(g, left + Math.max(w, scale(bar.max_ms)) + 6, y + 16, label, { class: 'value' });
    el('title', {}, g).textContent = `${bar.executor}: median ${fmt(bar.median_ms)} ms of ${runs} runs (${fmt(bar.min_ms)}–${fmt(bar.max_ms)} ms), ${bar.speedup.toFixed(2)}×`;
  });
}

/**
 * The timeline: one lane per worker, one bar per item, in the order they started, each an
 * item of the chart with its index, input and times. Past TIMELINE_BARS items, each lane is
 * drawn as its busy fraction over time.
 */
export function drawTimeline(svg, report, { workers, label, laneLabel }) {
  const trace = report.trace ?? [];
  const lanes = trace.reduce((most, t) => Math.max(most, t.lane + 1), Math.max(workers, 1));
  const width = 800;
  const laneHeight = 22;
  const left = 60;
  const height = 24 + lanes * laneHeight;
  reset(svg, width, height);
  const span = trace.reduce((most, t) => Math.max(most, t.end_ms), Math.max(report.wall_ms, 0.001));
  const x = (ms) => left + ((width - left - 10) * ms) / span;
  for (let lane = 0; lane < lanes; lane++) {
    text(svg, left - 6, 14 + lane * laneHeight + 6, laneLabel(lane), { 'text-anchor': 'end', class: 'label' });
    el('line', { x1: left, x2: width - 10, y1: 20 + lane * laneHeight, y2: 20 + lane * laneHeight, class: 'lane' }, svg);
  }
  text(svg, width - 10, height - 2, `${fmt(span)} ms`, { 'text-anchor': 'end', class: 'value' });
  const inputs = new Map(report.results.map((r) => [r.index, r.input]));
  if (trace.length <= TIMELINE_BARS) {
    const started = [...trace].sort((a, b) => a.start_ms - b.start_ms || a.lane - b.lane);
    started.forEach((t, i) => {
      const bar = el('rect', {
        x: x(t.start_ms),
        y: 4 + t.lane * laneHeight,
        width: Math.max(1, x(t.end_ms) - x(t.start_ms)),
        height: laneHeight - 6,
        fill: laneColor(t.lane),
        'data-item': t.index,
      }, svg);
      item(bar, label({ ...t, input: inputs.get(t.index) ?? '' }), i === 0);
    });
    return { aggregated: false };
  }
  const buckets = 200;
  const busy = Array.from({ length: lanes }, () => new Float64Array(buckets));
  const size = span / buckets;
  for (const t of trace) {
    for (let b = Math.floor(t.start_ms / size); b <= Math.min(buckets - 1, Math.floor(t.end_ms / size)); b++) {
      const overlap = Math.min(t.end_ms, (b + 1) * size) - Math.max(t.start_ms, b * size);
      if (overlap > 0) busy[t.lane][b] += overlap / size;
    }
  }
  busy.forEach((row, lane) => {
    row.forEach((fraction, b) => {
      if (fraction > 0) {
        el('rect', {
          x: x(b * size), y: 4 + lane * laneHeight, width: x(size) - left + 0.5, height: laneHeight - 6,
          fill: laneColor(lane), 'fill-opacity': Math.min(1, fraction).toFixed(2),
        }, svg);
      }
    });
  });
  return { aggregated: true };
}

/**
 * A program's timeline: one row per thread or process (`rows`: `{name, kind, bars}`, each bar
 * `{start_ms, end_ms}`), its bars in its kind's colour (the classes `thread` and `process`),
 * over `span` ms. Bars less than a pixel apart are drawn as one, so a pool's thousands of
 * short calls stay a few hundred shapes. Nothing here is focusable: the caller describes the
 * chart as a whole; `rowTitle(row)` is a row's hover text.
 */
export function drawProgramTimeline(svg, rows, { span, rowTitle }) {
  const width = 800;
  const rowHeight = 22;
  const left = Math.min(240, 12 + 7 * Math.max(...rows.map((row) => row.name.length)));
  const height = 24 + rows.length * rowHeight;
  reset(svg, width, height);
  const scale = (width - left - 10) / Math.max(span, 0.001);
  const x = (ms) => left + scale * ms;
  rows.forEach((row, i) => {
    const g = el('g', { class: row.kind }, svg);
    el('title', {}, g).textContent = rowTitle(row);
    text(g, left - 6, 14 + i * rowHeight + 6, row.name, { 'text-anchor': 'end', class: 'label' });
    el('line', { x1: left, x2: width - 10, y1: 20 + i * rowHeight, y2: 20 + i * rowHeight, class: 'lane' }, g);
    const bars = [...row.bars].sort((a, b) => a.start_ms - b.start_ms);
    let drawn = null;
    const draw = () => drawn && el('rect', {
      x: x(drawn.start), y: 4 + i * rowHeight, width: Math.max(1, x(drawn.end) - x(drawn.start)), height: rowHeight - 6,
    }, g);
    for (const bar of bars) {
      if (drawn && x(bar.start_ms) - x(drawn.end) < 1) {
        drawn.end = Math.max(drawn.end, bar.end_ms);
      } else {
        draw();
        drawn = { start: bar.start_ms, end: bar.end_ms };
      }
    }
    draw();
  });
  text(svg, width - 10, height - 2, `${fmt(span)} ms`, { 'text-anchor': 'end', class: 'value' });
}

/** Amdahl's law fit: the serial fraction s minimising the squared error of 1 / (s + (1 - s) / n). */
export function amdahlFit(points) {
  let best = { s: 0, error: Infinity };
  for (let i = 0; i <= 1000; i++) {
    const s = i / 1000;
    const error = points.reduce((sum, p) => sum + (p.y - 1 / (s + (1 - s) / p.x)) ** 2, 0);
    if (error < best.error) best = { s, error };
  }
  return best.s;
}

/**
 * A line plot with labelled axes: the measured points, plus `ideal` and `fit` lines when given
 * (functions of x). `xs` are the x values, drawn evenly spaced (chunk sizes grow by doubling).
 */
export function drawPlot(svg, points, { xLabel, yLabel, ideal, fit, legend }) {
  const width = 600;
  const height = 320;
  const pad = { left: 56, right: 20, top: 20, bottom: 46 };
  reset(svg, width, height);
  const yMax = Math.max(...points.map((p) => p.y), ...(ideal ? points.map((p) => ideal(p.x)) : []), 1) * 1.1;
  const px = (i) => pad.left + ((width - pad.left - pad.right) * i) / Math.max(1, points.length - 1);
  const py = (y) => height - pad.bottom - ((height - pad.top - pad.bottom) * y) / yMax;
  el('line', { x1: pad.left, x2: width - pad.right, y1: py(0), y2: py(0), class: 'axis' }, svg);
  el('line', { x1: pad.left, x2: pad.left, y1: pad.top, y2: py(0), class: 'axis' }, svg);
  points.forEach((p, i) => text(svg, px(i), py(0) + 16, String(p.x), { 'text-anchor': 'middle', class: 'label' }));
  for (const f of [0.5, 1]) text(svg, pad.left - 6, py(yMax * f / 1.1) + 4, (yMax * f / 1.1).toFixed(1), { 'text-anchor': 'end', class: 'label' });
  text(svg, (width + pad.left) / 2, height - 6, xLabel, { 'text-anchor': 'middle', class: 'label' });
  text(svg, 12, pad.top + 4, yLabel, { class: 'label' });
  const path = (f) => points.map((p, i) => `${i ? 'L' : 'M'}${px(i).toFixed(1)},${py(f(p)).toFixed(1)}`).join(' ');
  if (ideal) el('path', { d: path((p) => ideal(p.x)), class: 'ideal' }, svg);
  if (fit) el('path', { d: path((p) => fit(p.x)), class: 'fit' }, svg);
  el('path', { d: path((p) => p.y), class: 'measured' }, svg);
  points.forEach((p, i) => {
    const dot = el('circle', { cx: px(i), cy: py(p.y), r: 5, class: 'point', 'data-point': p.x }, svg);
    item(dot, `${xLabel} ${p.x}: ${yLabel} ${p.y.toFixed(2)}`, i === 0);
  });
  legend.forEach(([cls, name], i) => {
    el('line', { x1: pad.left + 10 + i * 150, x2: pad.left + 34 + i * 150, y1: pad.top, y2: pad.top, class: cls }, svg);
    text(svg, pad.left + 40 + i * 150, pad.top + 4, name, { class: 'label' });
  });
}
