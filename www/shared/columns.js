// A run's items and trace as the compute Worker sends them: columns (src/columns.rs), turned
// into the page API's objects on the page's side.
//
// An object per item made 100,000-item reports cost ten times the run itself to serialize,
// parse and post. Columns are two printed lists (inputs and results, as Python prints a list)
// with each element's end, a few typed arrays, and the rare extras (an exception, a picture
// row); `report.printed` is the results' printed list itself. The objects are then built once,
// in the receiving thread, as plain data (no getters: privileged readers such as Firefox's
// WebDriver do not see accessor properties).

/** Where element `at` of a printed list `[a, b, c]` whose elements end at `ends` starts. */
const startOf = (ends, at) => (at === 0 ? 1 : ends[at - 1] + 2);

/** The elements of a printed list `[a, b, c]` whose elements end at `ends`. */
function elements(text, ends) {
  const out = new Array(ends.length);
  for (let i = 0; i < ends.length; i++) out[i] = text.slice(startOf(ends, i), ends[i]);
  return out;
}

/** Element `at` of a printed list. */
export function element(text, ends, at) {
  return text.slice(startOf(ends, at), ends[at]);
}

/** Elements `start` to `end` (not included) of a printed list, printed as a list. */
export function sublist(text, ends, start, end) {
  return end > start ? `[${text.slice(startOf(ends, start), ends[end - 1])}]` : '[]';
}

/** Item objects `{index, input, repr, error?, lane?, pixels?}` from item columns. */
export function itemsFrom(columns) {
  // noLane: the lane of an item that never ran.
  const { index, lane, noLane, extras } = columns;
  const inputs = elements(columns.inputs, columns.inputEnds);
  const reprs = elements(columns.reprs, columns.reprEnds);
  const extra = new Map(extras.map((e) => [e.at, e]));
  const items = new Array(index.length);
  for (let at = 0; at < items.length; at++) {
    const item = { index: index[at], input: inputs[at], repr: reprs[at] };
    const more = extra.get(at);
    if (more?.error) item.error = more.error;
    if (lane[at] !== noLane) item.lane = lane[at];
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

/** The page API's report from the compute Worker's `{report, results, trace}`. */
export function reportFrom({ report, results, trace }) {
  report.printed = results.reprs;
  report.results = itemsFrom(results);
  if (trace) report.trace = traceFrom(trace);
  return report;
}

/** A progress tick `{done, total, items, trace}` from the compute Worker's. */
export function progressFrom({ done, total, items, trace }) {
  return { done, total, items: itemsFrom(items), trace: traceFrom(trace) };
}
