// A run's items and trace as the compute Worker sends them: columns (src/columns.rs), turned
// into the page API's objects only when something reads them.
//
// An object per item made 100,000-item reports cost ten times the run itself to serialize,
// parse and post. Columns are two printed lists (inputs and results, as Python prints a list)
// with each element's end, a few typed arrays, and the rare extras (an exception, a picture
// row); `report.printed` is the results' printed list itself. `report.results`,
// `report.trace` and a progress tick's `items` and `trace` are built on first read and kept.

/** The lane of an item that never ran. */
const NO_LANE = 255;

/** The elements of a printed list `[a, b, c]` whose elements end at `ends`. */
function elements(text, ends) {
  const out = new Array(ends.length);
  let start = 1;
  for (let i = 0; i < ends.length; i++) {
    out[i] = text.slice(start, ends[i]);
    start = ends[i] + 2;
  }
  return out;
}

/** Item objects `{index, input, repr, error?, lane?, pixels?}` from item columns. */
export function itemsFrom(columns) {
  const { index, lane, extras } = columns;
  const inputs = elements(columns.inputs, columns.inputEnds);
  const reprs = elements(columns.reprs, columns.reprEnds);
  const extra = new Map(extras.map((e) => [e.at, e]));
  const items = new Array(index.length);
  for (let at = 0; at < items.length; at++) {
    const item = { index: index[at], input: inputs[at], repr: reprs[at] };
    const more = extra.get(at);
    if (more?.error) item.error = more.error;
    if (lane[at] !== NO_LANE) item.lane = lane[at];
    if (more?.pixels) item.pixels = more.pixels;
    items[at] = item;
  }
  return items;
}

/** Trace bars `{index, lane, start_ms, end_ms}` from trace columns. */
export function traceFrom({ index, lane, start, end }) {
  const bars = new Array(index.length);
  for (let i = 0; i < bars.length; i++) bars[i] = { index: index[i], lane: lane[i], start_ms: start[i], end_ms: end[i] };
  return bars;
}

/** Gives `object` a property `key` whose value `make` builds the first time it is read. */
function lazy(object, key, make) {
  const settle = (value) => Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(object, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = make();
      settle(value);
      return value;
    },
    set: settle,
  });
}

/** The page API's report from the compute Worker's `{report, results, trace}`. */
export function reportFrom({ report, results, trace }) {
  report.printed = results.reprs;
  lazy(report, 'results', () => itemsFrom(results));
  if (trace) lazy(report, 'trace', () => traceFrom(trace));
  return report;
}

/** A progress tick `{done, total, items, trace}` from the compute Worker's. */
export function progressFrom({ done, total, items, trace }) {
  const progress = { done, total };
  lazy(progress, 'items', () => itemsFrom(items));
  lazy(progress, 'trace', () => traceFrom(trace));
  return progress;
}
