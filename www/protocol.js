// The messages between the page and its Workers: a small closed set, each with an `id` (a
// reply carries the id of its request) and a `type`. Errors cross as {name, message, ...}.

/** Page -> compute Worker (and, for RUN, page -> message-passing Worker). */
export const Request = Object.freeze({
  /** Load the wasm (with the Python engine if `python`) and, where the page is isolated, start a pool of `threads`. */
  INIT: 'map-playground/init',
  /** Parse and check `options` without running: replies PREPARED. */
  PREPARE: 'map-playground/prepare',
  /**
   * Run `options` (the page API's run options, without callbacks); with `watch`, reply
   * PROGRESS as it goes (the page shows progress, or may have to stop the run).
   */
  RUN: 'map-playground/run',
  /** Stop the run in flight: items not started are cancelled. */
  CANCEL: 'map-playground/cancel',
  /** Test hook, honoured only when INIT said `testHooks`: terminate a pool Worker. */
  FAULT: 'map-playground/fault',
});

/** Worker -> page. */
export const Reply = Object.freeze({
  /** INIT done: `{threaded, threads, python, workloads}` (workloads: the catalog). */
  READY: 'map-playground/ready',
  /** PREPARE done: `{inputs, inputEnds, chunksize}`: the items' printed list (columns.js). */
  PREPARED: 'map-playground/prepared',
  /**
   * A watched run's progress: `{done, total, items, trace}`, the items finished since the last
   * one, as columns (columns.js reads them).
   */
  PROGRESS: 'map-playground/progress',
  /**
   * RUN done: `{report, results, trace, abandoned}`: the report's other fields, its items and
   * trace as columns; `abandoned`: the pool is busy and must be replaced. A message-passing
   * Worker adds `pixels`, `[index, pixels]` pairs of a picture run.
   */
  RESULT: 'map-playground/result',
  /** A request failed: `{error: {name, message, ...}}`. */
  ERROR: 'map-playground/error',
});

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
