// <map-playground>: the playground in any page, from one ES module.
//
//   <script type="module" src="https://your.host/map-playground/embed.js"></script>
//   <map-playground workload="fib" items="[25] * 8" executor="pool" workers="4"></map-playground>
//
// or, for a whole program, wrapped around a tutorial's code block (the program is the text of
// its first <pre> or <code>, else its own text, dedented; a `code` attribute, if given, wins):
//
//   <map-playground mode="program"><pre><code>import threading
//   ...</code></pre></map-playground>
//
// and a custom worker the same way, around the code block that defines `worker`:
//
//   <map-playground workload="custom" items="[1, 2, 3]"><pre>def worker(n):
//       return n * n</pre></map-playground>
//
// It creates the embed's iframe (with allow="cross-origin-isolated", so the pool works where
// the host page is isolated), passes its attributes on as the settings, grows the iframe to the
// embed's height, and re-emits the embed's messages as DOM events: `map-playground:ready`,
// `:progress`, `:output` (a program's output as it is printed), `:result`, `:error` (the
// message is the event's `detail`). Its `run(options)`,
// `set(options)` and `cancel()` methods drive the embed.
const PREFIX = 'map-playground:';
const SETTINGS = ['workload', 'items', 'executor', 'workers', 'chunksize', 'scheduling', 'order', 'timeout', 'lang', 'theme', 'mode', 'code'];

/**
 * A code block's text as a program: the blank lines around it dropped, and the indentation all
 * its lines share removed (HTML source is often indented with the page).
 */
function dedent(text) {
  const lines = text.replace(/^\s*\n/, '').replace(/\s+$/, '').split('\n');
  const indents = lines.filter((line) => line.trim()).map((line) => line.match(/^[ \t]*/)[0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return `${lines.map((line) => line.slice(common)).join('\n')}\n`;
}
const EMBED = new URL('embed.html', import.meta.url);

class MapPlayground extends HTMLElement {
  static observedAttributes = SETTINGS;
  #frame = null;
  /** The code taken from the element's text content: the program, or the custom worker. */
  #code = null;
  #nextId = 1;
  #onMessage = (event) => this.#receive(event);

  connectedCallback() {
    if (!this.#frame) {
      const coded = this.getAttribute('mode') === 'program' || this.getAttribute('workload') === 'custom';
      if (coded && !this.hasAttribute('code') && this.textContent.trim()) {
        // The code block's text where there is one: the markup around it is indented too.
        this.#code = dedent((this.querySelector('pre, code') ?? this).textContent);
        this.replaceChildren();
      }
      this.#frame = document.createElement('iframe');
      this.#frame.title = this.getAttribute('title') ?? 'map-playground';
      this.#frame.allow = 'cross-origin-isolated';
      this.#frame.style.cssText = 'width: 100%; border: 0; height: 24rem; display: block;';
      this.#frame.src = this.#src();
      this.append(this.#frame);
    }
    window.addEventListener('message', this.#onMessage);
  }

  disconnectedCallback() {
    window.removeEventListener('message', this.#onMessage);
  }

  attributeChangedCallback() {
    if (this.#frame) this.set(this.#settings());
  }

  /** Runs the embed with `options` merged into its settings; the result comes as an event. */
  run(options = {}) {
    return this.#post('run', options);
  }

  /** Changes the embed's settings without running. */
  set(options = {}) {
    return this.#post('set', options);
  }

  cancel() {
    return this.#post('cancel', {});
  }

  #settings() {
    const settings = {};
    if (this.#code !== null) settings.code = this.#code;
    for (const name of SETTINGS) if (this.hasAttribute(name)) settings[name] = this.getAttribute(name);
    return settings;
  }

  #src() {
    const url = new URL(EMBED);
    for (const [name, value] of Object.entries(this.#settings())) url.searchParams.set(name, value);
    return url.href;
  }

  #post(kind, options) {
    const id = this.#nextId++;
    this.#frame?.contentWindow?.postMessage({ type: PREFIX + kind, id, options }, EMBED.origin);
    return id;
  }

  #receive(event) {
    if (!this.#frame || event.source !== this.#frame.contentWindow || event.origin !== EMBED.origin) return;
    const { type } = event.data ?? {};
    if (typeof type !== 'string' || !type.startsWith(PREFIX)) return;
    if (type === `${PREFIX}resize` && Number.isFinite(event.data.height)) {
      this.#frame.style.height = `${Math.max(120, event.data.height)}px`;
      return;
    }
    this.dispatchEvent(new CustomEvent(type, { detail: event.data, bubbles: true }));
  }
}

if (!customElements.get('map-playground')) customElements.define('map-playground', MapPlayground);
