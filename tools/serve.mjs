// A small static server for the playground, with the headers threads need.
//
// `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`
// make the page cross-origin isolated, which is what lets browsers hand out SharedArrayBuffer
// (and so wasm threads). `--no-isolation` leaves them off, to test the fallback.
//
// usage: node tools/serve.mjs [--root www] [--port 8080] [--host 127.0.0.1] [--no-isolation]
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.bin': 'application/octet-stream',
};

const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

// No inline script, no eval beyond compiling WebAssembly, nothing from other origins; workers
// and the service worker only from here. Frames are not restricted: the embed is meant to be
// framed by any site.
const CONTENT_SECURITY_POLICY = [
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

// What other sites load to embed the playground: the iframe's page and the custom element's
// module. They may be loaded cross-origin (an isolated host needs CORP to allow it, a module
// script needs CORS); everything else stays same-origin.
const EMBEDDABLE = new Set(['embed.html', 'embed.js']);
const EMBED_HEADERS = { 'Cross-Origin-Resource-Policy': 'cross-origin', 'Access-Control-Allow-Origin': '*' };

/**
 * Serves `root`; resolves to the listening server once it is bound. `dropPaths` (for tests
 * only; the command line has no way to set it) are paths whose connections are cut without an
 * answer, the way a network failure looks to the page.
 */
export function serve({ root, port = 8080, host = '127.0.0.1', isolation = true, dropPaths = [] }) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const headers = {
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      ...(isolation ? ISOLATION_HEADERS : {}),
    };
    const send = (code, text) => {
      res.writeHead(code, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return send(400, 'bad request\n');
    }
    if (dropPaths.includes(path)) return req.socket.destroy();
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) return send(403, 'forbidden\n');
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
      // `no-cache` makes the browser ask each time; the validator lets it keep what it has (a
      // 304), and with the body its compiled wasm, which Chromium keeps beside the cached file.
      const etag = `W/"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`;
      const fileHeaders = { ...headers, ...(EMBEDDABLE.has(basename(file)) ? EMBED_HEADERS : {}), ETag: etag };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, fileHeaders);
        return res.end();
      }
      res.writeHead(200, {
        ...fileHeaders,
        'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
        'Content-Length': info.size,
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).pipe(res);
    } catch {
      send(404, 'not found\n');
    }
  });
  return new Promise((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolveServer(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      root: { type: 'string', default: 'www' },
      port: { type: 'string', default: process.env.PORT ?? '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      'no-isolation': { type: 'boolean', default: false },
    },
  });
  const server = await serve({
    root: values.root,
    port: Number(values.port),
    host: values.host,
    isolation: !values['no-isolation'],
  });
  const { address, port } = server.address();
  console.log(`map-playground: serving ${values.root}/ at http://${address}:${port}/ (Ctrl-C to stop)`);
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
