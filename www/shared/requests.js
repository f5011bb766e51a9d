// Requests to a Worker and their replies: each request gets an id, its PROGRESS replies go to
// its `onprogress`, and its RESULT (or any other reply) or ERROR settles it. The page keeps one
// for the compute Worker, the compute Worker one for its engine.
import { Reply, errorFromWire } from './protocol.js';

export class Requests {
  #worker;
  #nextId = 1;
  #pending = new Map();

  /** Requests to `worker`, whose replies this reads. */
  constructor(worker) {
    this.#worker = worker;
    worker.addEventListener('message', ({ data }) => this.#receive(data));
  }

  /** Sends `message`; `.promise` settles with the reply, `onprogress` gets each PROGRESS. */
  send(message, onprogress) {
    const id = this.#nextId++;
    const promise = new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject, onprogress }));
    this.#worker.postMessage({ id, ...message });
    return { id, promise };
  }

  /** Settles request `id` with `value`, as if its reply had come; false if it had already. */
  settle(id, value) {
    const pending = this.#pending.get(id);
    pending?.resolve(value);
    this.#pending.delete(id);
    return Boolean(pending);
  }

  /** Fails every request not answered yet with `error()`. */
  failAll(error) {
    for (const { reject } of this.#pending.values()) reject(error());
    this.#pending.clear();
  }

  #receive({ id, type, error, ...rest }) {
    const pending = this.#pending.get(id);
    if (!pending) return;
    if (type === Reply.PROGRESS) {
      pending.onprogress?.(rest);
      return;
    }
    this.#pending.delete(id);
    if (type === Reply.ERROR) pending.reject(errorFromWire(error));
    else pending.resolve(rest);
  }
}
