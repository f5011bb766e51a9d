// Embeds python/workloads.py, the one Python source of the built-in workloads, in a module the
// page imports (www/page/workloads-py.js, generated: not in git). `./build.sh build` runs it.
//
// usage: node tools/embed-python.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const ROOT = new URL('../', import.meta.url);
const source = readFileSync(new URL('python/workloads.py', ROOT), 'utf8');
writeFileSync(
  new URL('www/page/workloads-py.js', ROOT),
  `// Generated from python/workloads.py by tools/embed-python.mjs; edit that file instead.\nexport default ${JSON.stringify(source)};\n`,
);
