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
//   network fails. Installing caches the release but the Python-engine builds (about 25 MB),
//   which are cached when a page first uses them. A new release's worker replaces this one at
//   once and drops the old release's cache.
//
// In www/ as served by `./build.sh serve`, RELEASE is null: no cache, isolation only.
const RELEASE = null;

const CACHE = RELEASE && `map-playground-${RELEASE.id}`;
const RELEASE_PATH = RELEASE && new URL(`r/${RELEASE.id}/`, self.registration.scope).pathname;

self.addEventListener('install', (event) => {
  self.skipWaiting();
  if (RELEASE) event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(RELEASE.precache.map((path) => new Request(path, { cache: 'no-cache' })))));
});

self.addEventListener('activate', (event) => {
  const dropOld = caches.keys().then((keys) => Promise.all(
    keys.filter((key) => key.startsWith('map-playground-') && key !== CACHE).map((key) => caches.delete(key)),
  ));
  event.waitUntil(dropOld.then(() => self.clients.claim()));
});

/** `response` with the headers that isolate a page, as the site's own server would send them. */
function isolated(response) {
  if (response.status === 0) return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** From the network (`init` may revalidate), kept in the cache when it is a whole 200. */
async function fetchAndKeep(request, init) {
  const response = await fetch(request, init);
  if (RELEASE && response.status === 200 && request.method === 'GET') {
    const copy = response.clone();
    caches.open(CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

async function answer(request) {
  if (!RELEASE || request.method !== 'GET') return isolated(await fetch(request));
  const path = new URL(request.url).pathname;
  if (path.startsWith(RELEASE_PATH)) {
    const cached = await caches.match(request, { cacheName: CACHE });
    return isolated(cached ?? await fetchAndKeep(request));
  }
  try {
    return isolated(await fetchAndKeep(request, { cache: 'no-cache' }));
  } catch (offline) {
    // A page's address may carry settings (?workload=…): the cached page is the same page.
    const cached = await caches.match(request, { cacheName: CACHE, ignoreSearch: request.mode === 'navigate' });
    if (cached) return isolated(cached);
    throw offline;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  // A request Chrome would reject (only-if-cached outside same-origin) must be left alone.
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  if (new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(answer(request));
});
