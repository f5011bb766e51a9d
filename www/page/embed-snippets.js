// The Embed section: the form's settings as an iframe and as the <map-playground> element, for
// a tutorial to paste.
import { copy } from './clipboard.js';

const attr = (value) => String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The two embed snippets for a form state (strings), its language and the page's address. */
export function embedSnippets(form, lang, base) {
  const settings = {
    workload: form.workload, items: form.items, executor: form.executor,
    workers: form.workers, chunksize: form.chunksize || 'auto', lang,
  };
  const src = new URL('embed.html', base);
  for (const [name, value] of Object.entries(settings)) src.searchParams.set(name, value);
  const iframe = `<iframe src="${attr(src.href)}" allow="cross-origin-isolated"\n  style="width: 100%; height: 28rem; border: 0" title="map-playground"></iframe>`;
  const attributes = Object.entries(settings).map(([name, value]) => `${name}="${attr(value)}"`).join(' ');
  const element = `<script type="module" src="${attr(new URL('embed.js', base).href)}"></script>\n<map-playground ${attributes}></map-playground>`;
  return { iframe, element };
}

export function mountEmbedSnippets(store, $) {
  store.watch(['form', 'lang'], ({ form, lang }) => {
    const snippets = embedSnippets(form, lang, document.baseURI);
    $('embed-iframe').textContent = snippets.iframe;
    $('embed-element').textContent = snippets.element;
  });
  $('copy-iframe').addEventListener('click', () => copy($('embed-iframe').textContent, $('copy-embed-status')));
  $('copy-element').addEventListener('click', () => copy($('embed-element').textContent, $('copy-embed-status')));
  $('embed').addEventListener('click', () => {
    const open = $('embed-snippets').hidden;
    $('embed-snippets').hidden = !open;
    $('embed').setAttribute('aria-expanded', String(open));
  });
}
