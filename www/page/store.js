// The page's state in one place: an EventTarget that views listen to, as vanilla TodoMVC does.
// A view renders from the state and changes it only through `update`; nothing else holds
// state between events.

export class Store extends EventTarget {
  #state;

  constructor(initial) {
    super();
    this.#state = Object.freeze({ ...initial });
  }

  /** The state as it stands: read-only. */
  get state() {
    return this.#state;
  }

  /** Changes some fields; listeners get a `change` event whose `detail` is the set of names changed. */
  update(patch) {
    const changed = new Set(Object.keys(patch).filter((name) => !Object.is(this.#state[name], patch[name])));
    if (changed.size === 0) return;
    this.#state = Object.freeze({ ...this.#state, ...patch });
    this.dispatchEvent(new CustomEvent('change', { detail: changed }));
  }

  /** Calls `render(state)` now and whenever one of `names` changes. */
  watch(names, render) {
    render(this.#state);
    this.addEventListener('change', ({ detail }) => {
      if (names.some((name) => detail.has(name))) render(this.#state);
    });
  }

  /** Tells listeners of `type` about a moment that leaves no state behind (a progress tick). */
  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
