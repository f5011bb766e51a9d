// A chart is one tab stop, however many bars or points it draws (the Mandelbrot's 600 bars
// were 600 Tabs between Compare and Scaling): the roving tabindex of the WAI-ARIA Authoring
// Practices. charts.js gives each item a tabindex, 0 for the first and -1 for the rest; here
// the arrow keys, Home and End move the focus, and the 0 with it. The item focused or hovered
// is described in a line under the chart, in the words of its aria-label (what a screen
// reader reads), since a bar a pixel wide has no room for its own text; style.css outlines it.
import { t } from './i18n.js';

/** Where each key moves, from the item at `i` of `n`. */
const MOVES = {
  ArrowRight: (i) => i + 1,
  ArrowDown: (i) => i + 1,
  ArrowLeft: (i) => i - 1,
  ArrowUp: (i) => i - 1,
  Home: () => 0,
  End: (_, n) => n - 1,
};

/**
 * Makes the items of `svg` (its elements with a tabindex) one tab stop moved by the arrow
 * keys, and shows the one focused or hovered in `details`, which otherwise shows the string its
 * `data-i18n` names. `details` is hidden while the chart is, or has no items.
 */
export function mountChartNav(svg, details) {
  const itemOf = (node) => (node !== svg && node instanceof SVGElement && node.hasAttribute('tabindex') && svg.contains(node) ? node : null);
  let hovered = null;
  /** The item with the focus, and its place: a redraw (the live timeline's) puts it back there. */
  let focused = null;
  let focusedAt = 0;

  const describe = () => {
    const shown = hovered ?? itemOf(document.activeElement);
    details.textContent = shown ? shown.getAttribute('aria-label') : t(details.dataset.i18n);
  };

  svg.addEventListener('keydown', (event) => {
    const move = MOVES[event.key];
    const current = itemOf(event.target);
    if (!move || !current || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const items = [...svg.querySelectorAll('[tabindex]')];
    items[Math.max(0, Math.min(items.length - 1, move(items.indexOf(current), items.length)))].focus();
  });
  svg.addEventListener('focusin', (event) => {
    const current = itemOf(event.target);
    if (!current) return;
    for (const other of svg.querySelectorAll('[tabindex="0"]')) other.setAttribute('tabindex', '-1');
    current.setAttribute('tabindex', '0');
    focused = current;
    focusedAt = [...svg.querySelectorAll('[tabindex]')].indexOf(current);
    describe();
  });
  svg.addEventListener('focusout', () => queueMicrotask(() => {
    // Focus that left for another place is not brought back; one lost to a redraw is.
    if (focused?.isConnected && document.activeElement !== focused) focused = null;
    describe();
  }));
  svg.addEventListener('pointerover', (event) => {
    hovered = itemOf(event.target);
    describe();
  });
  svg.addEventListener('pointerleave', () => {
    hovered = null;
    describe();
  });

  // A redrawn chart starts over: its first item is the tab stop, nothing is hovered. Where the
  // focus was on an item the redraw removed, it goes to the item now in that place.
  const drawn = () => {
    hovered = null;
    details.hidden = svg.hasAttribute('hidden') || !svg.querySelector('[tabindex]');
    const lost = focused && !focused.isConnected && (!document.activeElement || document.activeElement === document.body);
    focused = null;
    const items = lost ? [...svg.querySelectorAll('[tabindex]')] : [];
    if (items.length) items[Math.min(focusedAt, items.length - 1)].focus({ preventScroll: true });
    describe();
  };
  new MutationObserver(drawn).observe(svg, { childList: true, attributes: true, attributeFilter: ['hidden'] });
  drawn();
}
