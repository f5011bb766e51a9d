// The JavaScript peer: single-threaded map, and a pool of plain Workers fed one item per
// message or one chunk per message (Pool.map's chunks), for the bench runner to time.
import { KERNELS } from './kernels.mjs';

function pool(workers) {
  const list = Array.from({ length: workers }, () => new Worker(new URL('./worker.mjs', import.meta.url), { type: 'module' }));
  let nextId = 1;
  return {
    /** Maps `items` in messages of `chunk` items, each Worker taking the next when free. */
    map(workload, items, chunk) {
      return new Promise((resolve) => {
        const results = new Array(items.length);
        let next = 0;
        let done = 0;
        const feed = (worker) => {
          if (next >= items.length) return;
          const start = next;
          next += chunk;
          const id = nextId++;
          const onMessage = ({ data }) => {
            if (data.id !== id) return;
            worker.removeEventListener('message', onMessage);
            data.results.forEach((r, k) => {
              results[start + k] = r;
            });
            done += data.results.length;
            if (done === items.length) resolve(results);
            else feed(worker);
          };
          worker.addEventListener('message', onMessage);
          worker.postMessage({ id, workload, items: items.slice(start, start + chunk) });
        };
        list.forEach(feed);
      });
    },
  };
}

window.peer = {
  sequential: (workload, items) => items.map(KERNELS[workload]),
  pool,
  ready: true,
};
