// The page API, `window.playground`, and the one bridge to the compute Worker behind it.
//
// The bridge owns exactly one compute Worker at a time, queues runs so they never overlap,
// and starts a fresh Worker (a fresh wasm instance and pool) only when a run asks the pool for
// more workers than the current pool has threads: rayon's pool is built once per instance.
import { Request, Reply, errorFromWire } from './protocol.js';

export const MAX_WORKERS = 32;

/** `navigator.hardwareConcurrency`, within 1 to MAX_WORKERS. */
export function defaultWorkers() {
  return Math.min(MAX_WORKERS, Math.max(1, navigator.hardwareConcurrency || 1));
}

class ComputeBridge {
  #worker = null;
  #nextId = 1;
  #pending = new Map();
  #queue = Promise.resolve();
  #info = null;

  /** Starts a compute Worker with a pool of `threads`; resolves to {threaded, threads, workloads}. */
  start(threads) {
    this.#stop(new Error('the compute Worker was restarted'));
    const worker = new Worker(new URL('./compute-worker.js', import.meta.url), { type: 'module' });
    worker.addEventListener('message', ({ data }) => this.#settle(data));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.#stop(new Error(`the compute Worker failed: ${event.message || 'it could not start'}`));
    });
    this.#worker = worker;
    const ready = this.#request({ type: Request.INIT, threads });
    this.#info = ready;
    return ready;
  }

  /** Runs one job after the ones before it; resolves to the report. */
  run(options) {
    const turn = this.#queue.then(async () => {
      let info = await this.#info;
      if (options.executor === 'pool' && info.threaded && options.workers > info.threads) {
        info = await this.start(options.workers);
      }
      const { report } = await this.#request({ type: Request.RUN, options });
      return report;
    });
    this.#queue = turn.catch(() => {});
    return turn;
  }

  #request(message) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, ...message });
    });
  }

  #settle({ id, type, error, ...rest }) {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    if (type === Reply.ERROR) pending.reject(errorFromWire(error));
    else pending.resolve(rest);
  }

  #stop(reason) {
    this.#worker?.terminate();
    this.#worker = null;
    for (const { reject } of this.#pending.values()) reject(reason);
    this.#pending.clear();
  }
}

/** The run options with defaults filled in; `items` may be the text a person types or an array. */
function normalize(options = {}) {
  const items = Array.isArray(options.items) ? JSON.stringify(options.items) : options.items;
  return {
    workload: options.workload ?? 'square',
    items: typeof items === 'string' ? items : '',
    executor: options.executor ?? 'sequential',
    workers: Number.isInteger(options.workers) ? options.workers : defaultWorkers(),
    base_url: document.baseURI,
  };
}

/** Creates the page API on `window.playground` and starts the compute Worker. */
export function createPlayground() {
  const bridge = new ComputeBridge();
  const ready = bridge.start(defaultWorkers()).then((info) => ({
    ...info,
    isolated: self.crossOriginIsolated === true,
  }));
  const playground = Object.freeze({
    /** Resolves to {threaded, threads, isolated, workloads} once the Worker (and pool) are ready. */
    ready,
    /** Runs a map; resolves to the report, rejects with a named Error. */
    run: (options) => bridge.run(normalize(options)),
  });
  window.playground = playground;
  return playground;
}
