// The message-passing executor: N plain Web Workers with separate memory, the analogue of
// `multiprocessing.Pool`. Chunks of `chunksize` items go out by postMessage to whichever Worker
// is free and come back whole, as Pool.map's do; it needs no SharedArrayBuffer, so it also
// runs where the page is not cross-origin isolated.
import { Request, Reply, errorFromWire } from './protocol.js';
import { assembleReport } from './report.js';
import { element, itemsFrom, sublist, traceFrom } from './columns.js';

/** How long a stopped run waits for chunks in flight before it terminates their Workers. */
const GRACE_MS = 100;

const now = () => performance.timeOrigin + performance.now();

export class MessagePool {
  #workers = [];
  #nextId = 1;

  #spawn() {
    return new Worker(new URL('./process-worker.js', import.meta.url), { type: 'module' });
  }

  /** Keeps exactly `n` Workers, starting or ending some. */
  #resize(n) {
    while (this.#workers.length > n) this.#workers.pop().terminate();
    while (this.#workers.length < n) this.#workers.push(this.#spawn());
  }

  /** Replaces the Worker of `lane`, after it died or was stopped mid-chunk. */
  #replace(lane) {
    this.#workers[lane].terminate();
    this.#workers[lane] = this.#spawn();
  }

  /** For a test hook: terminates one Worker as if its process died. */
  killOne() {
    const victim = this.#workers[0];
    victim?.terminate();
    victim?.dispatchEvent(new ErrorEvent('error', { message: 'the Worker was terminated' }));
  }

  /**
   * Runs `options` (already checked: `prepared` holds the items' printed list and the chunk
   * size).
   * Resolves to a report; rejects with BrokenPool when a Worker dies mid-run.
   */
  run(options, prepared, { onprogress, signal } = {}) {
    const began_ms = now();
    const { inputs, inputEnds, chunksize } = prepared;
    const total = inputEnds.length;
    const chunks = [];
    for (let start = 0; start < total; start += chunksize) chunks.push([start, Math.min(total, start + chunksize)]);
    this.#resize(options.workers);
    const lanes = this.#workers.slice(0, Math.max(1, Math.min(options.workers, chunks.length)));

    return new Promise((resolve, reject) => {
      const finished = [];
      const trace = [];
      const inFlight = new Map();
      let next = 0;
      let stopped = null;
      let settled = false;
      let graceTimer = null;
      let deadlineTimer = null;

      const cleanup = () => {
        settled = true;
        clearTimeout(graceTimer);
        clearTimeout(deadlineTimer);
        signal?.removeEventListener('abort', onAbort);
        lanes.forEach((worker) => {
          worker.removeEventListener('message', onMessage);
          worker.removeEventListener('error', onError);
        });
      };
      const finish = () => {
        if (settled) return;
        for (const lane of inFlight.keys()) this.#replace(lane);
        cleanup();
        const report = assembleReport(
          {
            ...options, chunksize, scheduling: 'queue', order: options.order ?? 'ordered', total,
            inputOf: (index) => element(inputs, inputEnds, index), began_ms, wall_ms: now() - began_ms, stopped,
          },
          finished,
          trace,
        );
        resolve(report);
      };
      const stop = (why) => {
        if (stopped || settled) return;
        stopped = why;
        if (inFlight.size === 0) finish();
        else graceTimer = setTimeout(finish, GRACE_MS);
      };
      const onAbort = () => stop('cancelled');

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
        // The chunk's report as the Worker's wasm gave it: columns, indexed within the chunk.
        const { report, results, trace: bars, pixels } = event.data;
        const rows = new Map(pixels);
        const fresh = itemsFrom(results);
        for (const item of fresh) {
          if (rows.has(item.index)) item.pixels = rows.get(item.index);
          item.index += chunk.start;
          item.lane = lane;
        }
        const shift = report.began_ms - began_ms;
        const freshTrace = bars ? traceFrom(bars) : [];
        for (const bar of freshTrace) {
          bar.index += chunk.start;
          bar.lane = lane;
          bar.start_ms += shift;
          bar.end_ms += shift;
        }
        for (const item of fresh) finished.push(item);
        for (const entry of freshTrace) trace.push(entry);
        onprogress?.({ done: finished.length, total, items: fresh, trace: freshTrace });
        dispatch(lane);
      }

      const onError = (event) => {
        event.preventDefault?.();
        if (settled) return;
        const done = new Set(finished.map((r) => r.index));
        const lost = [];
        for (let i = 0; i < total; i++) if (!done.has(i)) lost.push(i);
        for (let lane = 0; lane < lanes.length; lane++) this.#replace(lane);
        inFlight.clear();
        cleanup();
        const error = new Error(
          `a message-passing Worker died mid-run; ${lost.length} item(s) lost: ${lost.slice(0, 20).join(', ')}${lost.length > 20 ? ` and ${lost.length - 20} more` : ''}. The pool is being rebuilt; run again`,
        );
        error.name = 'BrokenPool';
        error.lost = lost;
        reject(error);
      };

      lanes.forEach((worker) => {
        worker.addEventListener('message', onMessage);
        worker.addEventListener('error', onError);
      });
      signal?.addEventListener('abort', onAbort);
      if (options.timeout_ms) deadlineTimer = setTimeout(() => stop('timeout'), options.timeout_ms);
      if (signal?.aborted) stop('cancelled');
      else if (total === 0) finish();
      else lanes.forEach((_, lane) => dispatch(lane));
    });
  }
}
