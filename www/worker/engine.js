// The compute engine: a Worker the compute Worker (compute.js) starts, that owns the wasm
// instance and the rayon pool and runs the sequential, async and pool executors. No wasm work
// and no rayon call ever runs on the page's main thread (rayon would spin there and freeze it).
//
// INIT names its build and brings its wasm compiled (compute.js chooses them): the threaded
// build where everything the pool needs is there (isolation/threads.js), the
// single-threaded one otherwise, where every executor but the pool works; with the Python
// engine (pkg-py*) for custom workers.
// It watches the pool's Workers: one that dies mid-run ends the run with BrokenPool.
import { Request, Reply, errorToWire } from '../shared/protocol.js';

let loaded = null;
let testHooks = false;
const poolWorkers = [];

// wasm-bindgen-rayon starts the pool's Workers from this scope; seeing them lets a Worker that
// dies (a trap, an uncaught error) end the run with BrokenPool instead of hanging it.
function watchPoolWorkers(onDeath) {
  const NativeWorker = self.Worker;
  self.Worker = class PoolWorker extends NativeWorker {
    constructor(...args) {
      super(...args);
      poolWorkers.push(this);
      this.addEventListener('error', (event) => {
        event.preventDefault();
        onDeath();
      });
    }
  };
}

async function init({ build, module, threaded, threads, python }) {
  const wasm = await import(`${build}map_playground.js`);
  await wasm.default({ module_or_path: module });
  if (threaded) {
    watchPoolWorkers(() => wasm.poolBroken());
    // The page asks for its core count, which may pass the most the options allow.
    threads = Math.min(threads, wasm.catalog().limits.max_workers);
    await wasm.initThreadPool(threads);
    wasm.poolStarted();
  }
  return { wasm, threaded, threads: threaded ? threads : 0, python };
}

async function handle(message) {
  switch (message.type) {
    case Request.INIT: {
      testHooks = message.testHooks === true;
      loaded ??= init(message);
      const { wasm, threaded, threads, python } = await loaded;
      return { type: Reply.READY, threaded, threads, python, catalog: wasm.catalog() };
    }
    case Request.RUN: {
      const { wasm } = await ready();
      // Only a watched run sends progress: a run nobody watches pays nothing for it.
      const progress = message.watch ? (tick) => self.postMessage({ id: message.id, type: Reply.PROGRESS, ...tick }) : undefined;
      return { type: Reply.RESULT, ...(await wasm.run(message.options, progress)) };
    }
    case Request.PROGRAM: {
      const { wasm, python } = await ready();
      if (!python) throw new Error('this compute engine has no Python engine');
      const output = message.watch ? (piece) => self.postMessage({ id: message.id, type: Reply.PROGRESS, ...piece }) : undefined;
      return { type: Reply.RESULT, report: wasm.runProgram(message.options, output) };
    }
    case Request.CANCEL: {
      const { wasm } = await ready();
      wasm.cancel();
      return { type: Reply.RESULT };
    }
    case Request.FAULT: {
      if (!testHooks || message.target !== 'pool' || poolWorkers.length === 0) return null;
      const { wasm } = await ready();
      poolWorkers.pop().terminate();
      wasm.poolBroken();
      return null;
    }
    default:
      throw new Error(`unknown request type ${message.type}`);
  }
}

function ready() {
  if (!loaded) throw new Error('the compute engine was asked to work before INIT');
  return loaded;
}

self.addEventListener('message', async ({ data }) => {
  try {
    const reply = await handle(data);
    if (reply) self.postMessage({ id: data.id, ...reply });
  } catch (error) {
    self.postMessage({ id: data.id, type: Reply.ERROR, error: errorToWire(error) });
  }
});
