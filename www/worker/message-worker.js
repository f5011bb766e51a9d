// One Worker of the message-passing executor: a process of `multiprocessing.Pool`. It has its
// own single-threaded wasm instance and shares no memory with anyone; a chunk of items comes
// in as text (Python's reprs, the analogue of pickling) and its report goes back by message.
import { Request, Reply, errorToWire } from '../shared/protocol.js';

// The build with the Python engine is loaded only for a custom worker.
const builds = new Map();
function load(python) {
  const path = python ? '../pkg-py-st/map_playground.js' : '../pkg-st/map_playground.js';
  if (!builds.has(path)) {
    const loading = import(path).then(async (wasm) => {
      await wasm.default();
      return wasm;
    });
    builds.set(path, loading);
    // A build that failed to load is asked for again next time (it may be there by then).
    loading.catch(() => builds.delete(path));
  }
  return builds.get(path);
}

self.addEventListener('message', async ({ data }) => {
  if (data.type !== Request.RUN) return;
  try {
    const wasm = await load(data.options.workload === 'custom');
    // mandelbrot_row's picture rides on progress items: [index, pixels] beside the report.
    const pixels = [];
    const collect = ({ items }) => {
      for (const { at, pixels: row } of items.extras) if (row) pixels.push([items.index[at], row]);
    };
    const wire = await wasm.run(data.options, data.options.picture ? collect : undefined);
    // As the wasm gave it, columns and all (RESULT), for the pool to merge.
    self.postMessage({ id: data.id, type: Reply.RESULT, ...wire, pixels });
  } catch (error) {
    self.postMessage({ id: data.id, type: Reply.ERROR, error: errorToWire(error) });
  }
});

// Listening: the pool starts its next Worker only now (message-pool.js says why).
self.postMessage({ type: Reply.LOADED });
