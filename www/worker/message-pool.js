// The message-passing executor: N plain Web Workers with separate memory, the analogue of
// `multiprocessing.Pool`. Chunks of `chunksize` items go out by postMessage to whichever Worker
// is free and come back whole, as Pool.map's do; it needs no SharedArrayBuffer, so it also
// runs where the page is not cross-origin isolated. The compute Worker owns it, and turns what
// it gathers into a report by the wasm's one rule (`assemble`, src/web.rs, through src/report.rs).
import { Request, Reply, errorFromWire } from '../shared/protocol.js';
import { sublist } from '../shared/columns.js';

const now = () => performance.timeOrigin + performance.now();

/**
 * A chunk's columns as the whole run sees them: indexes from the chunk's start, the pool lane
 * that ran it, times from the run's start, and the picture rows (`[index, pixels]`, indexed in
 * the chunk) among the items' extras, as the compute engine's progress carries them.
 */
function shiftColumns({ results, trace }, { start, lane, shift, pixels }) {
  const at = new Map();
  results.index.forEach((index, i) => at.set(index, i));
  const extras = [...results.extras, ...pixels.filter(([index]) => at.has(index)).map(([index, row]) => ({ at: at.get(index), pixels: row }))];
  extras.sort((a, b) => a.at - b.at);
  const items = {
    ...results,
    index: results.index.map((index) => index + start),
    lane: results.lane.map((l) => (l === results.noLane ? l : lane)),
    extras,
  };
  const bars = trace && {
    index: trace.index.map((index) => index + start),
    lane: trace.lane.map(() => lane),
    start: trace.start.map((t) => t + shift),
    end: trace.end.map((t) => t + shift),
  };
  return { items, bars };
}

export class MessagePool {
  /** Each lane's Worker, or null once it died or was stopped: the next run starts it again. */
  #webWorkers = [];
  #nextId = 1;
  #abort = null;
  /** A stop that came while the run was still starting its Workers. */
  #stopEarly = null;
  #brokenPool;

  /**
   * `brokenPool(total, done)` makes the error of a run of `total` items that lost a Worker when
   * those in `done` had finished (the wasm's, as the rayon pool's).
   */
  constructor(brokenPool) {
    this.#brokenPool = brokenPool;
  }

  /**
   * Starts a Worker; resolves to it once its modules are loaded (it says LOADED). The pool
   * starts them one after another: WebKitGTK 2.50 under a service worker (a static host's,
   * coi-sw.js) fails to load all but one of several module Workers started side by side from
   * one script.
   */
  #start() {
    const worker = new Worker(new URL('./message-worker.js', import.meta.url), { type: 'module' });
    return new Promise((resolve, reject) => {
      const settle = (error) => {
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        if (!error) return resolve(worker);
        worker.terminate();
        return reject(error);
      };
      const onMessage = ({ data }) => data?.type === Reply.LOADED && settle(null);
      const onError = (event) => {
        event.preventDefault?.();
        settle(new Error(`a message-passing Worker could not start${event.message ? `: ${event.message}` : ''}`));
      };
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
    });
  }

  /** Keeps exactly `n` Workers, ending some or starting the missing ones, one at a time. */
  async #resize(n) {
    while (this.#webWorkers.length > n) this.#webWorkers.pop()?.terminate();
    for (let lane = 0; lane < n; lane++) this.#webWorkers[lane] ??= await this.#start();
  }

  /** Ends the Worker of `lane`, after it died or was stopped mid-chunk; the next run starts another. */
  #replace(lane) {
    this.#webWorkers[lane]?.terminate();
    this.#webWorkers[lane] = null;
  }

  /** For a test hook: terminates one Worker as if its process died. */
  killOne() {
    const victim = this.#webWorkers[0];
    victim?.terminate();
    victim?.dispatchEvent(new ErrorEvent('error', { message: 'the Worker was terminated' }));
  }

  /** Stops the run in flight, as `why` ('cancelled' or 'timeout'). */
  stop(why) {
    if (this.#abort) this.#abort(why);
    else this.#stopEarly ??= why;
  }

  /**
   * Runs `options` as `plan` (the wasm's `plan`: the items' printed list, the chunk size, the
   * worker count) says. `onprogress({done, total, items, trace})` gets each chunk's columns;
   * with `cancelled`, the run was stopped before it started and runs nothing.
   * Resolves to `{finished, bars, stopped, began_ms, wall_ms}`: the chunks' item and trace
   * columns, indexed in the whole input; rejects with BrokenPool when a Worker dies mid-run.
   */
  async run(options, plan, { onprogress, timeout_ms, cancelled = false }) {
    const began_ms = now();
    const { inputs, inputEnds, chunksize, workers } = plan;
    const total = inputEnds.length;
    const chunks = [];
    for (let start = 0; start < total; start += chunksize) chunks.push([start, Math.min(total, start + chunksize)]);
    this.#stopEarly = null;
    try {
      await this.#resize(workers);
    } catch {
      throw this.#brokenPool(total, []);
    }
    const stopEarly = this.#stopEarly;
    const lanes = this.#webWorkers.slice(0, Math.max(1, Math.min(workers, chunks.length)));

    return new Promise((resolve, reject) => {
      const finished = [];
      const bars = [];
      const inFlight = new Map();
      let done = 0;
      let next = 0;
      let stopped = null;
      let settled = false;
      let graceTimer = null;
      let deadlineTimer = null;

      const cleanup = () => {
        settled = true;
        this.#abort = null;
        clearTimeout(graceTimer);
        clearTimeout(deadlineTimer);
        lanes.forEach((worker) => {
          worker.removeEventListener('message', onMessage);
          worker.removeEventListener('error', onError);
        });
      };
      const finish = () => {
        if (settled) return;
        for (const lane of inFlight.keys()) this.#replace(lane);
        cleanup();
        resolve({ finished, bars, stopped, began_ms, wall_ms: now() - began_ms });
      };
      const stop = (why) => {
        if (stopped || settled) return;
        stopped = why;
        if (inFlight.size === 0) finish();
        else graceTimer = setTimeout(finish, plan.grace_ms);
      };
      this.#abort = stop;

      const dispatch = (lane) => {
        if (stopped || next >= chunks.length) {
          if (inFlight.size === 0) finish();
          return;
        }
        const [start, end] = chunks[next++];
        const id = this.#nextId++;
        inFlight.set(lane, { id, start, end });
        lanes[lane].postMessage({
          id,
          type: Request.RUN,
          options: { ...options, executor: 'sequential', workers: 1, items: sublist(inputs, inputEnds, start, end), timeout_ms: undefined },
        });
      };

      function onMessage(event) {
        const lane = lanes.indexOf(event.currentTarget);
        const chunk = inFlight.get(lane);
        if (!chunk || event.data.id !== chunk.id) return;
        inFlight.delete(lane);
        if (event.data.type === Reply.ERROR) {
          cleanup();
          reject(errorFromWire(event.data.error));
          return;
        }
        // The chunk's report as its Worker's wasm gave it: columns, indexed within the chunk.
        const { items, bars: chunkBars } = shiftColumns(event.data, {
          start: chunk.start, lane, shift: event.data.report.began_ms - began_ms, pixels: event.data.pixels,
        });
        finished.push(items);
        if (chunkBars) bars.push(chunkBars);
        done += items.index.length;
        onprogress?.({ done, total, items, trace: chunkBars ?? { index: [], lane: [], start: [], end: [] } });
        dispatch(lane);
      }

      const onError = (event) => {
        event.preventDefault?.();
        if (settled) return;
        for (let lane = 0; lane < lanes.length; lane++) this.#replace(lane);
        inFlight.clear();
        cleanup();
        const error = this.#brokenPool(total, finished.flatMap((items) => [...items.index]));
        reject(error);
      };

      lanes.forEach((worker) => {
        worker.addEventListener('message', onMessage);
        worker.addEventListener('error', onError);
      });
      if (timeout_ms) deadlineTimer = setTimeout(() => stop('timeout'), timeout_ms);
      if (cancelled) stop('cancelled');
      else if (stopEarly) stop(stopEarly);
      else if (total === 0) finish();
      else lanes.forEach((_, lane) => dispatch(lane));
    });
  }
}
