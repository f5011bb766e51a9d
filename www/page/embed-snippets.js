// The Embed section: the form's settings (or, in Program mode, the program) as an iframe and
// as the <map-playground> element, for a tutorial to paste.
import { copy } from './clipboard.js';
import { carriesCode, sayLeftOut } from './share.js';

/** `value` escaped for an HTML attribute value or element text. */
const html = (value) => String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The two embed snippets for a form state (strings), its language and the page's address; in
 * Program mode (`program` given) the program, and for a custom worker its code, goes in the
 * iframe's address and the element's text.
 */
export function embedSnippets(form, lang, base, program = null) {
  const settings = program === null
    ? { workload: form.workload, items: form.items, executor: form.executor, workers: form.workers, chunksize: form.chunksize || 'auto', lang }
    : { mode: 'program', lang };
  if (program === null && form.order && form.order !== 'ordered') settings.order = form.order;
  if (program === null && form.scheduling) settings.scheduling = form.scheduling;
  if (program === null && /^\d+$/.test(form.timeout ?? '')) settings.timeout = form.timeout;
  const code = program ?? (carriesCode(form) ? form.code ?? '' : null);
  const src = new URL('embed.html', base);
  for (const [name, value] of Object.entries(settings)) src.searchParams.set(name, value);
  if (code !== null) src.searchParams.set('code', code);
  const iframe = `<iframe src="${html(src.href)}" allow="cross-origin-isolated"\n  style="width: 100%; height: 28rem; border: 0" title="map-playground"></iframe>`;
  const attributes = Object.entries(settings).map(([name, value]) => `${name}="${html(value)}"`).join(' ');
  // The code as the text of a <pre>, as a tutorial's code block is.
  const content = code === null ? '' : `<pre>${html(code)}</pre>`;
  const element = `<script type="module" src="${html(new URL('embed.js', base).href)}"></script>\n<map-playground ${attributes}>${content}</map-playground>`;
  return { iframe, element };
}

/**
 * The Embed section: its snippets are made while it is open (for every edit, as the form
 * changes), and not at all for an input a link could not carry either: that is said instead.
 */
export function mountEmbedSnippets(store, $) {
  const render = () => {
    if ($('embed-snippets').hidden) return;
    const { form, lang, mode, program } = store.state;
    const note = sayLeftOut('embed.left-out', { ...form, lang, mode, program });
    $('embed-left-out').textContent = note;
    $('embed-left-out').hidden = !note;
    $('embed-boxes').hidden = Boolean(note);
    if (note) return;
    const snippets = embedSnippets(form, lang, document.baseURI, mode === 'program' ? program : null);
    $('embed-iframe').textContent = snippets.iframe;
    $('embed-element').textContent = snippets.element;
  };
  store.watch(['form', 'lang', 'mode', 'program'], render);
  $('copy-iframe').addEventListener('click', () => copy($('embed-iframe').textContent, $('copy-embed-status')));
  $('copy-element').addEventListener('click', () => copy($('embed-element').textContent, $('copy-embed-status')));
  $('embed').addEventListener('click', () => {
    const open = $('embed-snippets').hidden;
    $('embed-snippets').hidden = !open;
    $('embed').setAttribute('aria-expanded', String(open));
    render();
  });
}
