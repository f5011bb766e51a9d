// The page API, `window.playground`, and the one bridge to the compute Worker behind it.
//
// The bridge owns exactly one compute Worker at a time and queues runs so they never overlap.
// It starts a fresh Worker (a fresh wasm instance and rayon pool) when a pool run asks for a
// different worker count (rayon's pool is sized once per instance), after a run that left pool
// items running, and after the Worker died, and one with the Python engine the first time a
// custom worker runs (that build runs every workload, so it stays). It enforces cancel and
// timeout from the outside too: a compute Worker stuck in one long item is stopped, and the run
// reported from the progress it had sent. The message-passing executor runs on its own Workers (MessagePool).
import { Request, Reply, errorFromWire } from './protocol.js';
import { MessagePool } from './process-pool.js';
import { assembleReport } from './report.js';
import { itemsFrom, progressFrom, reportFrom, traceFrom } from './columns.js';

export const MAX_WORKERS = 32;

/** The page API's workload names, in the catalog's order. */
export const WORKLOADS = Object.freeze(['square', 'is_prime', 'count_primes', 'fib', 'collatz_steps', 'sha256_chain', 'mandelbrot_row', 'sleep_ms', 'fetch_len', 'custom']);

/** The worker function a custom run starts with: the seed's. */
export const SEED_WORKER = 'def worker(num):\n    return num * num\n';

/** The page API's executor names. */
export const EXECUTORS = Object.freeze(['sequential', 'async', 'pool', 'message-passing']);

/** How long a stopped run may take to answer before its compute Worker is stopped. */
const ANSWER_MS = 150;

/** `navigator.hardwareConcurrency`, within 1 to MAX_WORKERS. */
export function defaultWorkers() {
  return Math.min(MAX_WORKERS, Math.max(1, navigator.hardwareConcurrency || 1));
}

const now = () => performance.timeOrigin + performance.now();

class ComputeBridge {
  #worker = null;
  #nextId = 1;
  #pending = new Map();
  #queue = Promise.resolve();
  #info = null;
  #threads = 0;
  #python = false;
  #testHooks;
  #messagePool = new MessagePool();

  constructor({ testHooks = false } = {}) {
    this.#testHooks = testHooks;
  }

  /**
   * Starts a compute Worker with a pool of `threads`, with the Python engine if `python`;
   * resolves to {threaded, threads, python, workloads, startup_ms} (the Worker's start to its
   * pool being ready).
   */
  start(threads, python = this.#python) {
    this.#stop(new Error('the compute Worker was restarted'));
    this.#threads = threads;
    this.#python = python;
    const worker = new Worker(new URL('./compute-worker.js', import.meta.url), { type: 'module' });
    worker.addEventListener('message', ({ data }) => this.#receive(data));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const error = new Error(`the compute Worker stopped: ${event.message || 'it could not start'}`);
      error.name = 'BrokenPool';
      this.#stop(error);
    });
    this.#worker = worker;
    const started = performance.now();
    this.#info = this.#request({ type: Request.INIT, threads, python, testHooks: this.#testHooks })
      .promise.then((info) => ({ ...info, startup_ms: performance.now() - started }));
    return this.#info;
  }

  /** Runs one job after the ones before it; resolves to the report. */
  run(options, callbacks) {
    const turn = this.#queue.then(() => this.#run(options, callbacks));
    this.#queue = turn.catch(() => {});
    return turn;
  }

  /**
   * A test hook: makes a Worker of the run in flight die: one of the message-passing Workers,
   * a pool Worker, or with `'compute'` the compute Worker itself, which the bridge then sees
   * as a crashed Worker is seen. Only with `?test-hooks`.
   */
  fault(target) {
    if (!this.#testHooks) return;
    if (target === 'message-passing') this.#messagePool.killOne();
    else if (target === 'compute') {
      this.#worker?.terminate();
      this.#worker?.dispatchEvent(new ErrorEvent('error', { message: 'the Worker was terminated' }));
    } else this.#worker?.postMessage({ id: 0, type: Request.FAULT, kind: 'terminate-pool-worker' });
  }

  async #run(options, { onprogress, signal } = {}) {
    let info;
    try {
      info = await this.#info;
    } catch {
      info = await this.start(this.#threads);
    }
    if (signal?.aborted) throw abortError();
    if (options.workload === 'custom' && !info.python) {
      const threads = options.executor === 'pool' && info.threaded ? options.workers : this.#threads;
      info = await this.start(threads, true);
    }
    if (options.executor === 'message-passing') {
      const prepared = await this.#request({ type: Request.PREPARE, options }).promise;
      return this.#messagePool.run(options, prepared, { onprogress, signal });
    }
    if (options.executor === 'pool' && info.threaded && options.workers !== info.threads) {
      await this.start(options.workers);
    }
    return this.#runHere(options, { onprogress, signal });
  }

  /** A run on the compute Worker, stopped from outside if it cannot answer a stop in time. */
  #runHere(options, { onprogress, signal }) {
    const began_ms = now();
    // Progress is only sent when someone may need it: for `onprogress`, or to report a run
    // that has to be stopped from outside.
    const watch = Boolean(onprogress || signal || options.timeout_ms);
    const ticks = [];
    const request = this.#request({ type: Request.RUN, options, watch }, (tick) => {
      ticks.push(tick);
      if (onprogress) onprogress(progressFrom(tick));
    });
    let watchdog = null;
    const forceStop = (stopped) => {
      // The Worker is inside one long item and did not answer in time: stop it instead. The
      // first progress tick gave the item count; items that never finished did not run.
      const finished = ticks.flatMap((tick) => itemsFrom(tick.items));
      const trace = ticks.flatMap((tick) => traceFrom(tick.trace));
      const run = {
        ...options,
        chunksize: null,
        scheduling: options.scheduling ?? 'queue',
        order: options.order ?? 'ordered',
        total: request.total ?? finished.length,
        began_ms,
        wall_ms: now() - began_ms,
        stopped,
      };
      request.settle({ assembled: assembleReport(run, finished, trace), abandoned: true });
    };
    const onAbort = () => {
      if (watchdog) return;
      this.#worker?.postMessage({ id: 0, type: Request.CANCEL });
      watchdog = setTimeout(() => forceStop('cancelled'), ANSWER_MS);
    };
    signal?.addEventListener('abort', onAbort);
    if (signal?.aborted) onAbort();
    // The Worker times the run out itself; this only catches a Worker too busy to answer.
    const deadline = options.timeout_ms ? setTimeout(() => forceStop('timeout'), options.timeout_ms + ANSWER_MS) : null;
    return request.promise.then(
      (reply) => {
        clearTimeout(watchdog);
        clearTimeout(deadline);
        signal?.removeEventListener('abort', onAbort);
        if (reply.abandoned) this.start(this.#threads);
        return reply.assembled ?? reportFrom(reply);
      },
      (error) => {
        clearTimeout(watchdog);
        clearTimeout(deadline);
        signal?.removeEventListener('abort', onAbort);
        if (error.name === 'BrokenPool') this.start(this.#threads);
        throw error;
      },
    );
  }

  #request(message, onprogress) {
    const id = this.#nextId++;
    let settle;
    const promise = new Promise((resolve, reject) => {
      settle = resolve;
      this.#pending.set(id, { resolve, reject, onprogress, message });
      this.#worker.postMessage({ id, ...message });
    });
    const entry = this.#pending.get(id);
    return {
      promise,
      get total() {
        return entry?.total ?? null;
      },
      settle: (value) => {
        this.#pending.delete(id);
        settle(value);
      },
    };
  }

  #receive({ id, type, error, ...rest }) {
    const pending = this.#pending.get(id);
    if (!pending) return;
    if (type === Reply.PROGRESS) {
      pending.total = rest.total;
      pending.onprogress?.(rest);
      return;
    }
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

function abortError() {
  const error = new Error('the run was cancelled before it started');
  error.name = 'AbortError';
  return error;
}

/** The run options with defaults filled in; `items` may be the text a person types or an array. */
function normalize(options) {
  const items = Array.isArray(options.items) ? JSON.stringify(options.items) : options.items;
  return {
    workload: options.workload ?? 'square',
    items: typeof items === 'string' ? items : '',
    executor: options.executor ?? 'sequential',
    workers: Number.isInteger(options.workers) ? options.workers : defaultWorkers(),
    chunksize: options.chunksize ?? 'auto',
    scheduling: options.scheduling ?? 'queue',
    order: options.order ?? 'ordered',
    timeout_ms: options.timeout_ms ?? undefined,
    trace: options.trace ?? true,
    picture: options.picture === true,
    code: typeof options.code === 'string' ? options.code : SEED_WORKER,
    base_url: document.baseURI,
  };
}

/** Creates the page API on `window.playground` and starts the compute Worker. */
export function createPlayground() {
  const testHooks = new URLSearchParams(location.search).has('test-hooks');
  const bridge = new ComputeBridge({ testHooks });
  const ready = bridge.start(defaultWorkers()).then((info) => ({
    ...info,
    isolated: self.crossOriginIsolated === true,
  }));
  const api = {
    /** Resolves to {threaded, threads, python, isolated, workloads, startup_ms} once the Worker (and pool) are ready. */
    ready,
    /**
     * Runs a map; resolves to the report, rejects with a named Error. `onprogress` gets
     * {done, total, items, trace} as items finish; aborting `signal` cancels the run.
     */
    run: ({ onprogress, signal, ...options } = {}) => bridge.run(normalize(options), { onprogress, signal }),
  };
  if (testHooks) api.fault = (executor) => bridge.fault(executor);
  const playground = Object.freeze(api);
  window.playground = playground;
  return playground;
}
