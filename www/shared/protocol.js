// The messages between the page, the compute Worker and the Workers it owns: a small closed
// set, each with an `id` (a reply carries the id of its request) and a `type`. Errors cross as
// {name, message, ...}.

/** Page -> compute Worker -> compute engine (RUN also compute Worker -> message-passing Worker). */
export const Request = Object.freeze({
  /**
   * Start. To the compute Worker: `{threads, testHooks}`; it starts an engine with a pool of
   * `threads`. To the engine: `{build, module, threaded, threads, python, testHooks}`: the
   * build's folder and its wasm, compiled; it instantiates it and, where `threaded`, starts
   * the pool.
   */
  INIT: 'map-playground/init',
  /**
   * Run `options` (the page API's run options, without callbacks); with `watch`, reply
   * PROGRESS as it goes (the page shows progress, or may have to stop the run).
   */
  RUN: 'map-playground/run',
  /**
   * Run a whole Python program: `{options: {code, timeout_ms}}`; with `watch`, reply PROGRESS
   * with each piece of its output, `{stream, text}`, as it is printed. Only an engine with the
   * Python engine runs it; the compute Worker starts one.
   */
  PROGRAM: 'map-playground/program',
  /**
   * Stop run `runId`, in flight or queued: items not started are cancelled. No reply. To the
   * engine (no `runId`: its run in flight), an empty RESULT at once, which tells the compute
   * Worker the engine heard it: one that cannot hear is inside a long item, and is stopped.
   */
  CANCEL: 'map-playground/cancel',
  /**
   * Test hook, honoured only when INIT said `testHooks`: make a Worker die mid-run: `target`
   * is 'pool' (a rayon Worker), 'message-passing' (one of its Workers) or 'compute' (the
   * engine). No reply.
   */
  FAULT: 'map-playground/fault',
});

/** Back towards the page. */
export const Reply = Object.freeze({
  /**
   * INIT done: `{threaded, threads, python, workloads, catalog, support}` (catalog: every
   * option's names and limits, src/options.rs; workloads: its workloads; support: the compute
   * Worker's isolation/threads.js facts, `missing: 'start'` once a threaded start failed).
   */
  READY: 'map-playground/ready',
  /**
   * A watched run's progress: `{began_ms, done, total, items, trace}`, the items finished since
   * the last one, as columns (shared/columns.js reads them); a program's: `{stream, text}`.
   * A run (watched or not) that waits for its engine's build to be built first:
   * `{waiting: {state: 'building', elapsed_s, usual_s, step, steps, what}}`, then
   * `{waiting: {state: 'built'}}` (worker/engine-build.js).
   */
  PROGRESS: 'map-playground/progress',
  /**
   * RUN done: `{report, results, trace, abandoned}`: the report's other fields, its items and
   * trace as columns; `abandoned`: the pool is busy and must be replaced. A message-passing
   * Worker adds `pixels`, `[index, pixels]` pairs of a picture run. PROGRAM done:
   * `{report}`, `{stdout, stderr, error, wall_ms, trace, abandoned}`.
   */
  RESULT: 'map-playground/result',
  /** A request failed: `{error: {name, message, ...}}`. */
  ERROR: 'map-playground/error',
  /** A message-passing Worker's modules are loaded and it listens (no id; it answers nothing). */
  LOADED: 'map-playground/loaded',
});

/** The error of a run cancelled before it started, on either side of the compute Worker. */
export function abortError() {
  const error = new Error('the run was cancelled before it started');
  error.name = 'AbortError';
  return error;
}

/** Turns anything thrown into a plain object that survives postMessage. */
export function errorToWire(error) {
  if (error instanceof Error) {
    const wire = { name: error.name, message: error.message };
    for (const key of ['line', 'column', 'detail', 'display', 'lost', 'source']) {
      if (error[key] !== undefined) wire[key] = error[key];
    }
    return wire;
  }
  return { name: 'Error', message: String(error) };
}

/** Turns a wire error back into an Error with the same name and fields. */
export function errorFromWire(wire) {
  const error = new Error(wire.message);
  Object.assign(error, wire);
  return error;
}
