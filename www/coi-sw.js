// The site's service worker (registered by isolation/coi.js, from the top of the site so that
// its scope covers the pages). Two jobs:
//
// - Isolation on hosts that cannot send headers (GitHub Pages and the like), the technique of
//   coi-serviceworker: it answers this site's requests with the headers that make pages
//   cross-origin isolated.
// - Offline, on a published site (`./build.sh dist`, tools/dist.mjs, which fills in RELEASE):
//   it keeps the release in a cache. Everything of a release lives under `r/<id>/`, whose files
//   never change: they come from the cache first. The pages and the rest come from the network
//   first, revalidated (a new deploy is seen on the next load), and from the cache when the
//   network fails. Installing caches the release, as much of it as it can fetch (offline
//   never stands in the way of isolation), but the Python-engine builds (about 25 MB), which
//   are cached when a page first uses them. A new release's worker replaces this one at once
//   and drops the old release's cache.
//
// In www/ as served by `./build.sh serve`, RELEASE is null: no cache, isolation only.
const RELEASE = null;

const SCOPE = self.registration.scope;
// Cache names are per site (several sites may share an origin: GitHub Pages project sites).
const PREFIX = `map-playground ${SCOPE} `;
const CACHE = RELEASE && PREFIX + RELEASE.id;
const RELEASE_PATH = RELEASE && new URL(`r/${RELEASE.id}/`, SCOPE).pathname;
// What other sites frame or load, as tools/site-headers.mjs's EMBEDDABLE: cross-origin allowed.
const EMBEDDABLE = ['embed.html', 'embed.js'].map((file) => new URL(file, SCOPE).pathname);

self.addEventListener('install', (event) => {
  self.skipWaiting();
  if (!RELEASE) return;
  const fill = caches.open(CACHE).then((cache) => Promise.allSettled(
    RELEASE.precache.map((path) => cache.add(new Request(new URL(path, SCOPE), { cache: 'no-cache' }))),
  ));
  event.waitUntil(fill);
});

self.addEventListener('activate', (event) => {
  const dropOld = caches.keys().then((keys) => Promise.all(
    keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE).map((key) => caches.delete(key)),
  ));
  event.waitUntil(dropOld.then(() => self.clients.claim()));
});

/** `response` with the headers that isolate a page, as the site's own server would send them. */
function isolated(response, path) {
  if (response.status === 0) return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  if (!headers.has('Cross-Origin-Resource-Policy')) {
    headers.set('Cross-Origin-Resource-Policy', EMBEDDABLE.includes(path) ? 'cross-origin' : 'same-origin');
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** A page's address may carry settings (?workload=…): the page is the same page. */
const cacheKey = (request) => (request.mode === 'navigate' ? request.url.replace(/[?#].*$/, '') : request);

/** From the network (`init` may revalidate); a whole 200 is kept in the cache. */
async function fetchAndKeep(event, init) {
  const { request } = event;
  const response = await fetch(request, init);
  if (response.status === 200 && !response.redirected) {
    const copy = response.clone();
    event.waitUntil(caches.open(CACHE).then((cache) => cache.put(cacheKey(request), copy)).catch(() => {}));
  }
  return response;
}

async function answer(event, path) {
  const { request } = event;
  if (!RELEASE || request.method !== 'GET') return isolated(await fetch(request), path);
  if (path.startsWith(RELEASE_PATH)) {
    const cached = await caches.match(request, { cacheName: CACHE });
    return isolated(cached ?? await fetchAndKeep(event), path);
  }
  try {
    return isolated(await fetchAndKeep(event, { cache: 'no-cache' }), path);
  } catch (offline) {
    const cached = await caches.match(cacheKey(request), { cacheName: CACHE });
    if (cached) return isolated(cached, path);
    throw offline;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  // A request Chrome would reject (only-if-cached outside same-origin) must be left alone.
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith(answer(event, url.pathname));
});
