// What the pool needs from the browser, checked before the threaded build is chosen. The pool
// is a wasm instance whose memory is shared with Workers that a Worker starts
// (wasm-bindgen-rayon), so it needs all of: WebAssembly threads, cross-origin isolation, a
// `SharedArrayBuffer`, a shared `WebAssembly.Memory`, that memory sent to another agent by
// postMessage, and Workers that start Workers. Being isolated is not enough: WebKitGTK, for
// one, isolates the page and still hides `SharedArrayBuffer`, and there a shared memory cannot
// be sent. One rule, for every scope: the compute Worker picks its build by it, and the page's
// isolation doctor (doctor.js) shows it.

// (module (memory 1 1 shared)): valid only where WebAssembly threads are supported.
const SHARED_MEMORY_MODULE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 5, 4, 1, 3, 1, 1]);

/** The needs, in the order they are checked: the first one missing is the one to fix. */
export const NEEDS = Object.freeze(['threads', 'isolated', 'sab', 'sharedMemory', 'sendMemory', 'workers']);

/**
 * The facts in `scope` (a window or a Worker's global): one boolean per need, `missing` (the
 * first need that is not met, or null) and `error` (the browser's words for the failure of a
 * check that threw, or null).
 */
export function threadSupport(scope = globalThis) {
  const facts = { threads: false, isolated: scope.crossOriginIsolated === true, sab: typeof scope.SharedArrayBuffer === 'function', sharedMemory: false, sendMemory: false, workers: typeof scope.Worker === 'function' };
  let error = null;
  const failed = (e) => `${e?.name ?? 'Error'}: ${e?.message ?? e}`;
  try {
    facts.threads = scope.WebAssembly.validate(SHARED_MEMORY_MODULE);
  } catch (e) {
    error = failed(e);
  }
  let memory = null;
  if (facts.threads && facts.sab) {
    try {
      memory = new scope.WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
      facts.sharedMemory = memory.buffer instanceof scope.SharedArrayBuffer;
      if (!facts.sharedMemory) error = 'its buffer is not a SharedArrayBuffer';
    } catch (e) {
      error = failed(e);
    }
  }
  if (facts.sharedMemory && facts.isolated) {
    // A port's postMessage clones as a Worker's does, and throws the same DataCloneError.
    let channel = null;
    try {
      channel = new scope.MessageChannel();
      channel.port1.postMessage(memory);
      facts.sendMemory = true;
    } catch (e) {
      error = failed(e);
    } finally {
      channel?.port1.close();
      channel?.port2.close();
    }
  }
  const missing = NEEDS.find((need) => !facts[need]) ?? null;
  return { ...facts, missing, error: missing ? error : null };
}
