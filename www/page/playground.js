// The page API, `window.playground`, and the page's one link to the compute Worker
// (worker/compute.js), which owns everything that computes. Runs are sent as messages, never
// run here: the main thread stays free. The API fills in what only the browser knows (the
// core count, the page's address) and turns the columns that come back into report objects;
// every other default and limit is the wasm's (src/options.rs).
import { Request, abortError } from '../shared/protocol.js';
import { Requests } from '../shared/requests.js';
import { progressFrom, reportFrom } from '../shared/columns.js';
import { defaultWorkers, toRunOptions } from '../shared/options.js';
import { compareRuns } from './measure.js';
import { diagnose } from '../isolation/doctor.js';

/** A PROGRESS handler: a run's wait for its build (`{waiting}`) to `onwait`, the rest to `handle`. */
const orWaiting = (onwait, handle) => (piece) => (piece.waiting ? onwait?.(piece.waiting) : handle(piece));

class ComputeLink {
  #worker = null;
  #requests = null;
  #testHooks;
  #info = null;
  /** Whether the compute Worker started: one that dies before is started again by the next run only. */
  #ready = false;

  constructor({ testHooks = false } = {}) {
    this.#testHooks = testHooks;
  }

  /**
   * Starts the compute Worker; resolves to {threaded, threads, python, workloads, catalog,
   * support, startup_ms} (support: what the pool needs and what is missing, isolation/threads.js).
   */
  start() {
    this.#worker?.terminate();
    const worker = new Worker(new URL('../worker/compute.js', import.meta.url), { type: 'module' });
    const requests = new Requests(worker);
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      requests.failAll(() => {
        const error = new Error(`the compute Worker stopped: ${event.message || 'it could not start'}`);
        error.name = 'BrokenPool';
        return error;
      });
      if (this.#worker === worker && this.#ready) this.start();
    });
    this.#worker = worker;
    this.#requests = requests;
    this.#ready = false;
    const started = performance.now();
    this.#info = requests.send({ type: Request.INIT, threads: defaultWorkers(), testHooks: this.#testHooks })
      .promise.then((info) => {
        if (this.#worker === worker) this.#ready = true;
        return { ...info, startup_ms: performance.now() - started };
      });
    return this.#info;
  }

  /** Runs the page API's `options` after the runs before it; resolves to the report. */
  async run(apiOptions, { onprogress, onwait, signal } = {}) {
    const { catalog } = await this.#info.catch(() => this.start());
    if (signal?.aborted) throw abortError();
    const options = toRunOptions(apiOptions, document.baseURI, catalog.limits.max_workers);
    // Progress is only sent when someone may need it: for `onprogress`, or to report a run
    // that has to be stopped.
    const watch = Boolean(onprogress || signal || options.timeout_ms);
    const request = this.#requests.send({ type: Request.RUN, options, watch }, orWaiting(onwait, (tick) => onprogress?.(progressFrom(tick))));
    const onAbort = () => this.#worker.postMessage({ type: Request.CANCEL, runId: request.id });
    signal?.addEventListener('abort', onAbort);
    try {
      return reportFrom(await request.promise);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Runs a whole Python program after the runs before it; resolves to
   * {stdout, stderr, error, wall_ms, trace} (and `stopped` when it was cancelled or timed out).
   */
  async runProgram({ code, timeout_ms }, { onoutput, onwait, signal } = {}) {
    await this.#info.catch(() => this.start());
    if (signal?.aborted) throw abortError();
    const options = { code: String(code ?? ''), base_url: document.baseURI };
    if (timeout_ms !== undefined) options.timeout_ms = timeout_ms;
    const request = this.#requests.send({ type: Request.PROGRAM, options, watch: Boolean(onoutput) }, orWaiting(onwait, (piece) => onoutput?.(piece)));
    const onAbort = () => this.#worker.postMessage({ type: Request.CANCEL, runId: request.id });
    signal?.addEventListener('abort', onAbort);
    try {
      return (await request.promise).report;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** A test hook: makes a Worker die mid-run ('pool', 'message-passing' or 'compute'). */
  fault(target) {
    if (this.#testHooks) this.#worker?.postMessage({ type: Request.FAULT, target });
  }
}

/** Creates the page API on `window.playground` and starts the compute Worker. */
export function createPlayground() {
  const testHooks = new URLSearchParams(location.search).has('test-hooks');
  const link = new ComputeLink({ testHooks });
  const ready = link.start().then((info) => ({ ...info, isolated: self.crossOriginIsolated === true }));
  const api = {
    /**
     * Resolves to {threaded, threads, python, isolated, workloads, catalog, support, startup_ms}
     * once the Workers are ready.
     */
    ready,
    /**
     * Runs a map; resolves to the report, rejects with a named Error. `onprogress` gets
     * {done, total, items, trace} as items finish; aborting `signal` cancels the run.
     * `onwait({state: 'building', elapsed_s, usual_s, step, steps, what})` is told, about once
     * a second, while a custom worker's run waits for the Python engine's build (`./build.sh
     * serve` builds it after the page is up), then `{state: 'built'}`; a build that is not
     * coming rejects with BuildMissing.
     */
    run: ({ onprogress, onwait, signal, ...options } = {}) => link.run(options, { onprogress, onwait, signal }),
    /**
     * Compare, measured as a benchmark is (measure.js): the run options, without `executor`, on
     * every executor this page can use, each warmed up and then run several times in rounds.
     * Resolves to one entry per executor, {executor, median_ms, min_ms, max_ms, runs, speedup}
     * (speedup: the sequential median over this one); rejects as a run would, and with an
     * AbortError when a run was cancelled or timed out.
     */
    compare: async ({ signal, executor: _ignored, ...options } = {}) => {
      const { support } = await ready;
      const entries = await compareRuns(options, diagnose(support).executors, (o) => link.run(o, { signal }));
      if (!entries) {
        const error = new Error('the comparison stopped: one of its runs was cancelled or timed out');
        error.name = 'AbortError';
        throw error;
      }
      return entries.map(({ report: _report, ...entry }) => entry);
    },
    /**
     * Runs a whole Python program; resolves to {stdout, stderr, error, wall_ms, trace}.
     * `onoutput({stream, text})` gets its output as it is printed; aborting `signal` stops it;
     * `onwait` as for `run`.
     */
    runProgram: ({ onoutput, onwait, signal, ...options } = {}) => link.runProgram(options, { onoutput, onwait, signal }),
  };
  if (testHooks) api.fault = (target) => link.fault(target);
  const playground = Object.freeze(api);
  window.playground = playground;
  return playground;
}
