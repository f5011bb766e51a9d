// The compute Worker: it owns the wasm instance and the rayon pool, so no wasm work and no
// rayon call ever runs on the page's main thread (rayon would spin there and freeze the page).
//
// It loads the threaded build when the page is cross-origin isolated (SharedArrayBuffer is
// available) and the single-threaded build otherwise, where every executor but the pool works.
import { Request, Reply, errorToWire } from './protocol.js';

let loaded = null;

async function init(threads) {
  const threaded = self.crossOriginIsolated === true;
  const wasm = await import(threaded ? './pkg/map_playground.js' : './pkg-st/map_playground.js');
  await wasm.default();
  if (threaded) await wasm.initThreadPool(threads);
  return { wasm, threaded, threads: threaded ? threads : 0 };
}

async function handle(message) {
  switch (message.type) {
    case Request.INIT: {
      loaded ??= init(message.threads);
      const { wasm, threaded, threads } = await loaded;
      return { type: Reply.READY, threaded, threads, workloads: wasm.workloads() };
    }
    case Request.RUN: {
      if (!loaded) throw new Error('the compute Worker was asked to run before INIT');
      const { wasm } = await loaded;
      return { type: Reply.RESULT, report: await wasm.run(message.options) };
    }
    default:
      throw new Error(`unknown request type ${message.type}`);
  }
}

self.addEventListener('message', async ({ data }) => {
  try {
    self.postMessage({ id: data.id, ...(await handle(data)) });
  } catch (error) {
    self.postMessage({ id: data.id, type: Reply.ERROR, error: errorToWire(error) });
  }
});
