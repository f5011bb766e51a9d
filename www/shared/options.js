// Run options on the JavaScript side: how the page API, the form, the embed, share links and
// the postMessage API turn what they hold into the options the wasm checks (src/options.rs).
//
// Every name and limit comes from the catalog the compute Worker sends (`ready.catalog`), so
// none is written here; the wasm checks every option again and says what is wrong. What is
// here is what only the browser knows (its core count, the page's address) and the shapes a
// person types (a form's strings, a link's parameters).

/** The browser's core count: the default worker count, within 1 to `max` (the catalog's). */
export function defaultWorkers(max = Infinity) {
  return Math.min(max, Math.max(1, globalThis.navigator?.hardwareConcurrency || 1));
}

/** The page API options that are passed on to the wasm as they are, with `trace` and `picture`. */
const SETTINGS = Object.freeze(['workload', 'items', 'executor', 'workers', 'chunksize', 'scheduling', 'order', 'timeout_ms', 'code']);

/**
 * The page API's options as the wasm takes them: `items` may be an array (sent as its JSON
 * text, which is also Python), the worker count defaults to the core count (at most
 * `maxWorkers`, the catalog's), and relative URLs resolve against `baseUrl`. Every other
 * default is the wasm's.
 */
export function toRunOptions(options, baseUrl, maxWorkers = Infinity) {
  const items = Array.isArray(options.items) ? JSON.stringify(options.items) : options.items;
  const out = { base_url: baseUrl };
  for (const name of [...SETTINGS, 'trace', 'picture']) if (options[name] !== undefined && options[name] !== null) out[name] = options[name];
  out.items = typeof items === 'string' ? items : '';
  if (!Number.isInteger(out.workers)) out.workers = defaultWorkers(maxWorkers);
  return out;
}

/** A chunk size as typed: digits are a number, anything else is sent as typed ('auto' when empty). */
const chunkOf = (text) => (/^\d+$/.test(text) ? Number(text) : text || 'auto');

/**
 * The run options of a form's values (strings, as the fields hold them): `{workload, items,
 * executor, workers, chunksize, scheduling, order, timeout, code}`. An empty or unusable
 * worker count is the core count (at most `maxWorkers`): a form is checked with
 * `formProblems` before it runs, so only a program shown while typing ever gets one. The code
 * goes only with a custom worker.
 */
export function fromForm(state, maxWorkers = Infinity) {
  const workers = Number(state.workers);
  const options = {
    workload: state.workload,
    items: state.items,
    executor: state.executor,
    workers: Number.isInteger(workers) && workers > 0 ? workers : defaultWorkers(maxWorkers),
    chunksize: chunkOf(String(state.chunksize ?? '').trim()),
    scheduling: state.scheduling,
    order: state.order,
    timeout_ms: /^\d+$/.test(state.timeout ?? '') ? Number(state.timeout) : undefined,
  };
  if (state.workload === 'custom') options.code = state.code;
  return options;
}

/** Whether the catalog's `workload` only computes (a workload it does not know counts as computing). */
export const isCpuBound = (catalog, workload) => catalog?.workloads.find((w) => w.name === workload)?.cpu_bound ?? true;

/** The form's fields that hold numbers: `formProblems` checks them. */
export const NUMBER_FIELDS = Object.freeze(['workers', 'chunksize', 'timeout']);

/** The most each number a person sets may be (the least is 1), by the catalog's `limits`. */
const most = (limits) => ({ workers: limits.max_workers, chunksize: limits.max_items, timeout: Infinity });

/**
 * `value` (any value, strings or not) as a whole number from 1 to `max`, or NaN. At most 9
 * digits: a longer timeout would pass what setTimeout can wait, and fire at once.
 */
function within(value, max) {
  const text = String(value ?? '').trim();
  const count = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
  return count >= 1 && count <= max ? count : NaN;
}

/**
 * The numbers typed into a form (its strings, as `fromForm` takes them) that no run can take,
 * by field, each with the most it may be: `{workers: {max}, chunksize: {max}, timeout: {max}}`
 * for the fields out of range, or null when none is. An empty field takes its default.
 */
export function formProblems(state, limits) {
  const top = most(limits);
  const problems = {};
  for (const name of NUMBER_FIELDS) {
    const typed = String(state[name] ?? '').trim();
    if (typed === '' || (name === 'chunksize' && typed === 'auto')) continue;
    if (Number.isNaN(within(typed, top[name]))) problems[name] = { max: top[name] };
  }
  return Object.keys(problems).length ? problems : null;
}

/**
 * The settings in `input` (an embed's attributes, a link's parameters, a host's message: any
 * values, strings or not) that the catalog accepts, typed as run options; the rest is dropped.
 * Lengths past the wasm's limits are left for the wasm to refuse with its message.
 */
export function checkSettings(input, catalog) {
  const out = {};
  if (!input || typeof input !== 'object' || !catalog) return out;
  const { limits } = catalog;
  const named = (name, list) => {
    if (list.includes(input[name])) out[name] = input[name];
  };
  named('workload', catalog.workloads.map((w) => w.name));
  named('executor', catalog.executors);
  named('scheduling', catalog.schedulings);
  named('order', catalog.orders);
  if (typeof input.items === 'string') out.items = input.items;
  if (typeof input.code === 'string' && input.code.length <= limits.max_code_chars) out.code = input.code;
  const top = most(limits);
  const workers = within(input.workers, top.workers);
  if (workers) out.workers = workers;
  const chunk = String(input.chunksize ?? '').trim();
  if (chunk === 'auto') out.chunksize = 'auto';
  else if (within(chunk, top.chunksize)) out.chunksize = within(chunk, top.chunksize);
  const timeout = within(input.timeout_ms ?? input.timeout, top.timeout);
  if (timeout) out.timeout_ms = timeout;
  return out;
}
