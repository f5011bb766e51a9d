// The headers the playground's site is served with: by tools/serve.mjs here, and by hosts that
// read a `_headers` file (Netlify, Cloudflare Pages), which tools/dist.mjs writes from these.
// Hosts that send none (GitHub Pages) get COOP/COEP from the service worker (www/coi-sw.js).

/**
 * `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`
 * make the page cross-origin isolated, which is what lets browsers hand out SharedArrayBuffer
 * (and so wasm threads).
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** Same-origin files say so; the embeddable ones (below) are for any site. */
export const SAME_ORIGIN_RESOURCE = { 'Cross-Origin-Resource-Policy': 'same-origin' };

// No inline script, no eval beyond compiling WebAssembly, nothing from other origins; workers
// and the service worker only from here. Frames are not restricted: the embed is meant to be
// framed by any site.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  // wasm-bindgen-rayon starts its pool's Workers from blob: URLs.
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Every response's. */
export const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
};

// What other sites load to embed the playground: the iframe's page and the custom element's
// module. They may be loaded cross-origin (an isolated host needs CORP to allow it, a module
// script needs CORS); everything else stays same-origin.
export const EMBEDDABLE = new Set(['embed.html', 'embed.js']);
export const EMBED_HEADERS = { 'Cross-Origin-Resource-Policy': 'cross-origin', 'Access-Control-Allow-Origin': '*' };
