// The Python program equivalent to the form's settings, in the seed's style: the worker
// function inlined, the items as typed (the input language is a slice of Python), and the
// executor as Python spells it. `python3` runs it as is and prints what the page prints: the
// list, or, where an item raises and the program collects with `map` (the report's
// `stops_at`), that exception's traceback; in `completed` order it collects every outcome, an
// exception in its item's place. A custom worker is printed as the person wrote it.

import WORKLOADS_PY from './workloads-py.js';

/** python/workloads.py read once: its imports, its module constants and its top-level functions. */
function parseModule(text) {
  const imports = [];
  const constants = new Map();
  const functions = new Map();
  // Top-level blocks: a line at column 0 starts one; indented and blank lines belong to it.
  const blocks = [];
  const body = text.replace(/^"""[\s\S]*?"""\n/, '');
  for (const line of body.split('\n')) {
    if (/^\S/.test(line)) blocks.push([line]);
    else blocks.at(-1)?.push(line);
  }
  for (const block of blocks) {
    const head = block[0];
    const source = block.join('\n').replace(/\s+$/, '');
    if (/^(import|from)\s/.test(head)) imports.push(head);
    else if (head.startsWith('def ')) functions.set(head.match(/^def (\w+)/)[1], source);
    else if (/^[A-Z_]+ = /.test(head)) constants.set(head.match(/^(\w+)/)[1], source);
  }
  return { imports, constants, functions };
}

const MODULE = parseModule(WORKLOADS_PY);
const uses = (source, name) => new RegExp(`\\b${name}\\b`).test(source);

/**
 * A built-in workload as the panel shows it: the imports and constants it uses, the
 * functions it calls, then itself renamed `worker`.
 */
function builtinWorker(workload) {
  const own = MODULE.functions.get(workload) ?? MODULE.functions.get('square');
  const name = MODULE.functions.has(workload) ? workload : 'square';
  const body = own.replace(new RegExp(`\\b${name}\\(`, 'g'), 'worker(');
  const helpers = [...MODULE.functions].filter(([other, source]) => other !== name && uses(body.replace(/^def \w+/, ''), other)).map(([, source]) => source);
  const code = [...helpers, body].join('\n\n\n');
  const constants = [...MODULE.constants].filter(([constant]) => uses(code, constant)).map(([constant]) => constant);
  const imports = MODULE.imports.filter((line) => {
    const bound = line.startsWith('from ') ? line.match(/import (\w+)/)[1] : line.match(/^import ([\w.]+)/)[1];
    return uses(code, bound.split('.')[0]);
  });
  return { imports, constants, source: code };
}

const pyStr = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A built-in workload's worker as Python source: its imports, then the function. */
export function workerSource(workload) {
  const { imports, source } = builtinWorker(workload);
  return `${imports.join('\n')}${imports.length ? '\n\n\n' : ''}${source}\n`;
}

/** The worker for imap_unordered in `completed` order: every outcome, an exception as a value. */
const OUTCOME = `def outcome(item):
    try:
        return worker(item)
    except Exception as error:
        return error`;

/** Module-level imports at the head of custom code, which the program keeps at its head. */
const IMPORT = /^(import|from)\s/;

/** A custom worker's code as written: its leading imports, then the rest. */
function customWorker(code) {
  const lines = code.replace(/\s+$/, '').split('\n');
  const head = [];
  while (lines.length && (IMPORT.test(lines[0]) || (head.length && lines[0].trim() === ''))) head.push(lines.shift());
  return { imports: head.filter((l) => l.trim() !== ''), source: lines.join('\n').replace(/^\n+/, '') };
}

/**
 * The program for `settings` ({workload, items, executor, workers, chunksize, order,
 * timeout_ms, code}); `base` is the page address that relative fetch_len URLs resolve against.
 */
export function pythonProgram(settings, base) {
  const worker = settings.workload === 'custom' ? customWorker(settings.code ?? '') : builtinWorker(settings.workload);
  const { executor, workers, order } = settings;
  const imports = new Set(worker.imports);
  const chunk = String(settings.chunksize).trim();
  const explicitChunk = /^\d+$/.test(chunk) ? chunk : null;
  const timeout = settings.timeout_ms ? `, timeout=${settings.timeout_ms / 1000}` : '';
  let body;
  let after = '';
  if (executor === 'sequential') {
    body = 'results = list(map(worker, items))\nprint(results)';
  } else if (executor === 'message-passing') {
    imports.add('from multiprocessing import Pool');
    // Pool.map's default chunksize is the auto rule already; imap_unordered's is 1.
    const auto = `max(1, -(-len(items) // (4 * ${workers})))`;
    const collect = order === 'completed'
      ? `list(pool.imap_unordered(outcome, items, ${explicitChunk ?? auto}))`
      : `pool.map(worker, items${explicitChunk ? `, ${explicitChunk}` : ''})`;
    // imap_unordered would raise at the first exception, and lose the rest of its chunk.
    if (order === 'completed') after = `\n\n\n${OUTCOME}`;
    body = `if __name__ == '__main__':\n    with Pool(${workers}) as pool:\n        results = ${collect}\n    print(results)`;
  } else {
    const name = executor === 'pool' ? 'ProcessPoolExecutor' : 'ThreadPoolExecutor';
    // ProcessPoolExecutor.map's own default chunksize is 1; the playground's auto is Pool.map's rule.
    const chunkArg = executor === 'pool' ? `, chunksize=${explicitChunk ?? `max(1, -(-len(items) // (4 * ${workers})))`}` : '';
    if (order === 'completed') {
      imports.add(`from concurrent.futures import ${name}, as_completed`);
      body = `if __name__ == '__main__':\n    with ${name}(max_workers=${workers}) as executor:\n        futures = [executor.submit(worker, item) for item in items]\n        # Each outcome: the exception the worker raised, or else its result.\n        results = [f.exception() or f.result() for f in as_completed(futures${timeout})]\n    print(results)`;
    } else {
      imports.add(`from concurrent.futures import ${name}`);
      body = `if __name__ == '__main__':\n    with ${name}(max_workers=${workers}) as executor:\n        results = list(executor.map(worker, items${chunkArg}${timeout}))\n    print(results)`;
    }
  }
  // The page's address is the one module constant a workload uses (fetch_len's PAGE).
  const page = worker.constants?.includes('PAGE') ? `PAGE = ${pyStr(base)}\n\n\n` : '';
  const source = `${page}${worker.source}${after}`;
  const items = settings.items.trim().replace(/\n/g, '\n    ');
  return `${[...imports].join('\n')}${imports.size ? '\n\n\n' : ''}${source}\n\n\nitems = list(${items})\n\n${body}\n`;
}
