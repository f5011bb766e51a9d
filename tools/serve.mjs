// A small static server for the playground, with the headers threads need (site-headers.mjs).
// `--no-isolation` leaves COOP/COEP off, to test the fallback; `--plain` sends none of the
// site's headers and lets browsers cache for 10 minutes, as GitHub Pages serves a site (to try
// `./build.sh dist`'s output as a static host would: `node tools/serve.mjs --root dist --plain`).
//
// `--build-status FILE` serves FILE (which `./build.sh serve` rewrites while the Python-engine
// builds run after the server started) as /build-status.json, with the server's clock beside
// it: a page that finds no engine build asks it whether one is coming (worker/engine-build.js).
//
// usage: node tools/serve.mjs [--root www] [--port 8080] [--host 127.0.0.1] [--no-isolation]
//                             [--plain] [--build-status FILE]
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { COMMON_HEADERS, EMBEDDABLE, EMBED_HEADERS, ISOLATION_HEADERS, SAME_ORIGIN_RESOURCE } from './site-headers.mjs';

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

/**
 * Serves `root`; resolves to the listening server once it is bound. `dropPaths` (for tests
 * only; the command line has no way to set it) are paths whose connections are cut without an
 * answer, the way a network failure looks to the page.
 */
export function serve({ root, port = 8080, host = '127.0.0.1', isolation = true, plain = false, dropPaths = [], buildStatus = null }) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const headers = plain ? { 'Cache-Control': 'max-age=600' } : {
      'Cache-Control': 'no-cache',
      ...COMMON_HEADERS,
      ...(isolation ? { ...ISOLATION_HEADERS, ...SAME_ORIGIN_RESOURCE } : {}),
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
    if (path === '/build-status.json' && buildStatus) {
      try {
        const status = JSON.parse(await readFile(buildStatus, 'utf8'));
        res.writeHead(200, { ...headers, 'Cache-Control': 'no-store', 'Content-Type': MIME['.json'] });
        return res.end(JSON.stringify({ ...status, now: Math.floor(Date.now() / 1000) }));
      } catch {
        return send(404, 'no build status\n');
      }
    }
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
      const fileHeaders = { ...headers, ...(!plain && EMBEDDABLE.has(basename(file)) ? EMBED_HEADERS : {}), ETag: etag };
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
      plain: { type: 'boolean', default: false },
      'build-status': { type: 'string' },
    },
  });
  const server = await serve({
    root: values.root,
    port: Number(values.port),
    host: values.host,
    isolation: !values['no-isolation'],
    plain: values.plain,
    buildStatus: values['build-status'] ?? null,
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
