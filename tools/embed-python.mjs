// Embeds the Python sources the page shows in modules it imports (generated: not in git):
// python/workloads.py, the one source of the built-in workloads, in www/page/workloads-py.js,
// and the example programs of python/programs/ in www/page/programs-py.js, by file name
// without `.py`. `./build.sh build` runs it.
//
// usage: node tools/embed-python.mjs
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

const ROOT = new URL('../', import.meta.url);
const source = readFileSync(new URL('python/workloads.py', ROOT), 'utf8');
writeFileSync(
  new URL('www/page/workloads-py.js', ROOT),
  `// Generated from python/workloads.py by tools/embed-python.mjs; edit that file instead.\nexport default ${JSON.stringify(source)};\n`,
);

const PROGRAMS = new URL('python/programs/', ROOT);
const programs = Object.fromEntries(readdirSync(PROGRAMS).filter((name) => name.endsWith('.py')).sort()
  .map((name) => [name.slice(0, -3), readFileSync(new URL(name, PROGRAMS), 'utf8')]));
writeFileSync(
  new URL('www/page/programs-py.js', ROOT),
  `// Generated from python/programs/*.py by tools/embed-python.mjs; edit those files instead.\nexport default ${JSON.stringify(programs, null, 1)};\n`,
);
