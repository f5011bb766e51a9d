// The messages between the page and its compute Worker: a small closed set, each with an `id`
// (a reply carries the id of its request) and a `type`. Errors cross as {name, message, ...}.

/** Page -> Worker. */
export const Request = Object.freeze({
  /** Load the wasm and, where the page is isolated, start a pool of `threads`. */
  INIT: 'map-playground/init',
  /** Run `options` (the page API's run options). */
  RUN: 'map-playground/run',
});

/** Worker -> page. */
export const Reply = Object.freeze({
  /** INIT done: `{threaded, threads, workloads}` (workloads: the catalog). */
  READY: 'map-playground/ready',
  /** RUN done: `{report}`. */
  RESULT: 'map-playground/result',
  /** A request failed: `{error: {name, message, ...}}`. */
  ERROR: 'map-playground/error',
});

/** Turns anything thrown into a plain object that survives postMessage. */
export function errorToWire(error) {
  if (error instanceof Error) {
    const wire = { name: error.name, message: error.message };
    for (const key of ['line', 'column', 'detail', 'display']) {
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
