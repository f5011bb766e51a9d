// `./build.sh dist`: the playground as a self-contained static site, for any host.
//
// Every file but the site's addresses lives under `r/<id>/`, `id` a hash of the whole site: a
// new release's pages load only new addresses, so no browser cache can mix its files with an
// old release's, and a host may cache `r/` for ever (`_headers` says so). What keeps its
// address: the pages (index.html, embed.html), the custom element's module (embed.js: other
// sites load it), the service worker (coi-sw.js: its address is its identity) and the samples
// (programs fetch them by name). The service worker gets the release's id and the files to
// cache for offline use; `_headers` carries tools/site-headers.mjs for hosts that read one, and
// hosts that send no headers (GitHub Pages) are isolated by the service worker.
//
// usage: node tools/dist.mjs [--from www] [--out dist]
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { COMMON_HEADERS, EMBEDDABLE, EMBED_HEADERS, ISOLATION_HEADERS, SAME_ORIGIN_RESOURCE } from './site-headers.mjs';

const PAGES = ['index.html', 'embed.html'];
/** Files that keep their address (besides the pages). */
const FIXED = ['embed.js', 'coi-sw.js'];
const FIXED_DIRS = ['samples/'];
/** Builds too big to cache on install: the service worker caches them when a page first uses them. */
const ON_USE = ['pkg-py/', 'pkg-py-st/'];
/** What a build leaves that the site does not serve: wasm-bindgen's TypeScript declarations. */
const SKIP = [/\.d\.ts$/];

async function listFiles(root, dir = root) {
  const files = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() || (entry.isSymbolicLink() && (await stat(path)).isDirectory())) files.push(...await listFiles(root, path));
    else files.push(relative(root, path).split(sep).join('/'));
  }
  return files.filter((file) => !SKIP.some((pattern) => pattern.test(file))).sort();
}

/** A page with its references to release files pointing into `r/<id>/`, and offline on. */
function rewritePage(html, release, prefix) {
  const out = html.replace(/\b(src|href)="([^"#?:]+)"/g, (whole, attribute, path) => (release.has(path) ? `${attribute}="${prefix}${path}"` : whole));
  const coi = `<script src="${prefix}isolation/coi.js">`;
  if (!out.includes(coi)) throw new Error('a page does not load isolation/coi.js as dist expects');
  return out.replace(coi, `<script src="${prefix}isolation/coi.js" data-offline>`);
}

function headersFile() {
  const block = (path, headers) => [path, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)].join('\n');
  return [
    '# Headers for hosts that read this file (Netlify, Cloudflare Pages); written by tools/dist.mjs',
    '# from tools/site-headers.mjs. Hosts that do not are isolated by the service worker (coi-sw.js).',
    block('/*', { ...ISOLATION_HEADERS, ...COMMON_HEADERS }),
    block('/r/*', { ...SAME_ORIGIN_RESOURCE, 'Cache-Control': 'public, max-age=31536000, immutable' }),
    // Cloudflare Pages serves /embed.html at /embed (it redirects the first to the second).
    ...[...EMBEDDABLE].flatMap((file) => (file.endsWith('.js')
      ? [block(`/${file}`, EMBED_HEADERS)]
      : [`/${file}`, `/${file.replace(/\.html$/, '')}`].map((path) => block(path, { 'Cross-Origin-Resource-Policy': EMBED_HEADERS['Cross-Origin-Resource-Policy'] })))),
    '',
  ].join('\n');
}

/** Writes the site from `from` (a built www/) into `out`, replacing what was there; resolves to its id. */
export async function writeSite({ from, out }) {
  const files = await listFiles(from);
  const builds = ['pkg', 'pkg-st', 'pkg-py', 'pkg-py-st'].map((build) => `${build}/map_playground_bg.wasm`);
  for (const needed of [...PAGES, ...FIXED, ...builds]) {
    if (!files.includes(needed)) throw new Error(`${from}/${needed} is missing: run ./build.sh build first`);
  }
  const contents = new Map(await Promise.all(files.map(async (file) => [file, await readFile(join(from, file))])));
  const hash = createHash('sha256');
  for (const [file, bytes] of contents) hash.update(`${file}\0${bytes.length}\0`).update(bytes);
  const id = hash.digest('hex').slice(0, 12);
  const prefix = `r/${id}/`;

  const fixed = (file) => PAGES.includes(file) || FIXED.includes(file) || FIXED_DIRS.some((d) => file.startsWith(d));
  const release = new Set(files.filter((file) => !fixed(file)));
  // The top page is cached as './' (its address), not as index.html, which some hosts redirect.
  const precache = [
    './', ...files.filter((file) => fixed(file) && !['coi-sw.js', 'index.html'].includes(file)),
    ...[...release].filter((file) => !ON_USE.some((d) => file.startsWith(d))).map((file) => prefix + file),
  ];

  const output = new Map();
  for (const [file, bytes] of contents) {
    if (release.has(file)) output.set(prefix + file, bytes);
    else if (PAGES.includes(file)) output.set(file, rewritePage(bytes.toString('utf8'), release, prefix));
    else if (file === 'coi-sw.js') {
      const source = bytes.toString('utf8');
      const blank = 'const RELEASE = null;';
      if (!source.includes(blank)) throw new Error(`coi-sw.js has no "${blank}" for dist to fill in`);
      output.set(file, source.replace(blank, `const RELEASE = ${JSON.stringify({ id, precache })};`));
    } else output.set(file, bytes);
  }
  output.set('_headers', headersFile());

  await rm(out, { recursive: true, force: true });
  for (const [file, bytes] of output) {
    await mkdir(dirname(join(out, file)), { recursive: true });
    await writeFile(join(out, file), bytes);
  }
  return id;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { from: { type: 'string', default: 'www' }, out: { type: 'string', default: 'dist' } } });
  const id = await writeSite(values);
  console.log(`map-playground: the site is in ${values.out}/ (release ${id}); try it as a static host serves it: node tools/serve.mjs --root ${values.out} --plain`);
}
