// A worker of the JavaScript peer's pool: runs one item, or one chunk, per message.
import { KERNELS } from './kernels.mjs';

self.addEventListener('message', ({ data }) => {
  const kernel = KERNELS[data.workload];
  self.postMessage({ id: data.id, results: data.items.map((x) => kernel(x)) });
});
