// Whole Python programs through the page API, in real Chromium: the presets (the seed's three
// programs and the Python docs' example) and a sample of the differential corpus print what
// python3 prints and end with its exit status; threads take turns as under the GIL; process pools run in parallel; bad
// programs end with a clear error inside their budget, and the next run works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, readdirSync } from 'node:fs';
import { servedPlayground, openPlayground } from './harness.mjs';

const env = servedPlayground();
/** The docs' URL example asks for a page that is not there, on purpose. */
const MISSING_PAGE = { expected: [/no-such-page\.txt/] };
const ROOT = new URL('../../', import.meta.url);

/**
 * What python3 prints to stdout for `code`, and its exit status; run asynchronously, as the
 * program may fetch from the server this process runs.
 */
async function cpythonRun(code) {
  try {
    const { stdout } = await promisify(execFile)('python3', ['-c', code], { encoding: 'utf8', timeout: 60_000 });
    return { stdout, status: 0 };
  } catch (e) {
    // A program's own sys.exit(n); a signal or a timeout has no numeric code.
    if (typeof e.code === 'number') return { stdout: e.stdout, status: e.code };
    throw e;
  }
}

/** What python3 prints to stdout for `code`. */
async function cpython(code) {
  return (await cpythonRun(code)).stdout;
}

/** Runs `code` in the page; the report, with the output pieces as `onoutput` gave them. */
function runProgram(page, code, options = {}) {
  return page.evaluate(async ([code, options]) => {
    const pieces = [];
    const controller = new AbortController();
    if (options.cancel_after_ms) setTimeout(() => controller.abort(), options.cancel_after_ms);
    const began = performance.now();
    const report = await window.playground.runProgram({
      code, timeout_ms: options.timeout_ms, signal: controller.signal, onoutput: (piece) => pieces.push(piece),
    });
    return { ...report, pieces, returned_ms: performance.now() - began };
  }, [code, options]);
}

const joined = (pieces, stream) => pieces.filter((p) => p.stream === stream).map((p) => p.text).join('');

test("the presets and a sample of the corpus print what python3 prints, their output streamed as it is printed", async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url, MISSING_PAGE);
  const presets = readdirSync(new URL('python/programs/', ROOT)).map((name) => new URL(`python/programs/${name}`, ROOT));
  const sample = ['03_ppe_submit_result', '11_as_completed', '15_ppe_exception_map', '17_thread_uncaught', '19_mp_pool_imap',
    '23_ppe_worker_global', '29_lock_counter', '33_condition_producer_consumer', '35_queue_workers', '40_no_main_guard',
    '50_process_start_join', '51_process_queue', '57_sys_exit', '58_pipe', '59_process_sync', '60_waiting_processes',
    '62_threads_taking_turns_on_a_lock', '63_many_small_calls', '72_sleeping_processes', '74_properties_and_method_values',
    '75_shared_value_and_array', '76_objects_between_processes', '77_exception_classes', '79_waits_inside_builtins',
    '80_exception_arguments', '81_manager_shared_state', '108_asyncio_tasks', '110_asyncio_blocking_vs_waiting',
    '112_asyncio_async_generators']
    .map((name) => new URL(`tests/programs/${name}.py`, ROOT));
  for (const file of [...presets, ...sample]) {
    // The docs' URL example fetches the site's samples, from wherever the page is served.
    const code = readFileSync(file, 'utf8').replaceAll('http://127.0.0.1:8080/', env.server.url);
    const report = await runProgram(page, code);
    // Its pages print as they finish downloading, in an order timing decides.
    const inOrder = (text) => (code.includes('as_completed(future_to_url)') ? text.split('\n').sort().join('\n') : text);
    const expected = await cpythonRun(code);
    // With its stderr: a run that stopped early says why there (a flake seen once, not reproduced).
    assert.equal(inOrder(report.stdout), inOrder(expected.stdout), `${file.pathname}\nstderr: ${report.stderr}`);
    assert.equal(report.error, undefined, `${file.pathname}: ${report.stderr}`);
    assert.equal(report.exit_code, expected.status, file.pathname);
    assert.equal(joined(report.pieces, 'stdout'), report.stdout, file.pathname);
    assert.equal(joined(report.pieces, 'stderr'), report.stderr, file.pathname);
  }
  assert.deepEqual(problems, []);
  await close();
});

test('threads take turns on one interpreter; a process pool computes in parallel', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  // Sleeps decide the order, as in CPython; a CPU-bound thread does not starve the main one.
  const order = `import threading, time
def job(name, pause):
    print(name, 'start')
    time.sleep(pause)
    print(name, 'end')
a = threading.Thread(target=job, args=('A', 0.3))
b = threading.Thread(target=job, args=('B', 0.1))
a.start(); b.start(); a.join(); b.join()
def spin():
    while True:
        pass
threading.Thread(target=spin, daemon=True).start()
time.sleep(0.05)
print('main goes on')
`;
  const ran = await runProgram(page, order);
  assert.equal(ran.stdout, 'A start\nB start\nB end\nA end\nmain goes on\n');
  assert.equal(ran.error, undefined, ran.stderr);
  const names = ran.trace.map((entry) => `${entry.kind}:${entry.name}`);
  assert.ok(names.includes('thread:Thread-1 (job)') && names.includes('thread:Thread-3 (spin)'), names.join());

  // An uncaught exception in a thread is printed as CPython prints it, its traceback included,
  // and the program goes on.
  const raised = await runProgram(page, `import threading
def bad():
    raise ValueError("it's bad")
t = threading.Thread(target=bad)
t.start(); t.join()
print('after')
`);
  assert.equal(raised.stdout, 'after\n');
  assert.match(raised.stderr, /^Exception in thread Thread-1 \(bad\):\nTraceback \(most recent call last\):\n  File "main\.py", line 3, in bad\n    raise ValueError\("it's bad"\)\nValueError: it's bad\n$/);

  // Two worker processes overlap in time. The program first waits until both are up, as a
  // benchmark warms its executor: a worker still loading on a busy machine lets the other take
  // both items of a short map, in CPython too.
  const pool = await runProgram(page, `from concurrent.futures import ProcessPoolExecutor
import multiprocessing, time
def name(pause):
    time.sleep(pause)
    return multiprocessing.current_process().name
def work(n):
    total = 0
    for i in range(n):
        total += i % 7
    return total
with ProcessPoolExecutor(2) as ex:
    seen = set()
    while len(seen) < 2:
        for who in ex.map(name, [0.05, 0.05]):
            seen.add(who)
    print(list(ex.map(work, [300000, 300000])))
`);
  assert.equal(pool.stdout, await cpython(`print([sum(i % 7 for i in range(300000))] * 2)`));
  const calls = pool.trace.filter((entry) => entry.kind === 'process').slice(-2);
  assert.notEqual(calls[0].name, calls[1].name);
  assert.ok(calls[1].start_ms < calls[0].end_ms && calls[0].start_ms < calls[1].end_ms, JSON.stringify(calls));
  assert.deepEqual(problems, []);
  await close();
});

test('bad programs end with a clear error, and the next run works', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  const syntax = await runProgram(page, 'import threading\n\nif True\n    print(1)\n');
  assert.equal(syntax.error.type, 'SyntaxError');
  assert.equal(syntax.error.line, 3);
  // As CPython prints it: no traceback header, the line, a caret, its words.
  assert.equal(syntax.stderr, '  File "main.py", line 3\n    if True\n           ^\nSyntaxError: expected \':\'\n');
  const unclosed = await runProgram(page, 'print(max(1,\n          2)\n');
  assert.equal(unclosed.stderr, '  File "main.py", line 1\n    print(max(1,\n         ^\nSyntaxError: \'(\' was never closed\n');

  const recursion = await runProgram(page, 'def f(n):\n    return f(n + 1)\nf(0)\n');
  assert.equal(recursion.error.type, 'RecursionError');

  const many = await runProgram(page, `import threading, time
threads = [threading.Thread(target=time.sleep, args=(1,)) for _ in range(10000)]
for t in threads:
    t.start()
`);
  assert.equal(many.error.type, 'RuntimeError');
  assert.match(many.error.message, /^can't start new thread/);

  const huge = await runProgram(page, 'for i in range(300000):\n    print("line", i, "of a program that prints too much")\nprint("end")\n');
  assert.ok(huge.stdout.length <= 1 << 20);
  assert.match(huge.stderr, /the playground keeps the first 1 MiB of a program's output/);

  for (const [where, code] of [
    ['the main thread', 'while True:\n    pass\n'],
    ['a thread', 'import threading\nt = threading.Thread(target=lambda: [0 for _ in iter(int, 1)])\ndef spin():\n    while True:\n        pass\nthreading.Thread(target=spin).start()\n'],
    ['a process', 'from multiprocessing import Pool\ndef spin(x):\n    while True:\n        pass\nwith Pool(2) as p:\n    p.map(spin, [1, 2])\n'],
    ['a thread that never ends', 'import threading, time\ndef forever():\n    while True:\n        time.sleep(0.05)\nthreading.Thread(target=forever).start()\n'],
  ]) {
    const stopped = await runProgram(page, code, { timeout_ms: 1500 });
    assert.equal(stopped.error?.type, 'TimeoutError', `${where}: ${stopped.stderr}`);
    assert.equal(stopped.stopped, 'timeout', where);
    assert.match(stopped.error.message, /budget of 1\.5 s/, where);
    assert.ok(stopped.returned_ms < 4000, `${where}: ${stopped.returned_ms} ms`);
    const next = await runProgram(page, 'print(6 * 7)\n');
    assert.equal(next.stdout, '42\n', `after ${where}`);
  }

  const cancelled = await runProgram(page, 'from multiprocessing import Pool\ndef spin(x):\n    while True:\n        pass\nwith Pool(2) as p:\n    p.map(spin, [1, 2])\n', { cancel_after_ms: 800 });
  assert.equal(cancelled.stopped, 'cancelled');
  assert.equal(cancelled.error.type, 'KeyboardInterrupt');
  assert.ok(cancelled.returned_ms < 800 + 400, `cancel took ${cancelled.returned_ms - 800} ms`);
  assert.equal((await runProgram(page, 'print("again")\n')).stdout, 'again\n');
  assert.deepEqual(problems, []);
  await close();
});

test("a fresh page's first program times CPU work on threads no faster than sequentially (its engine is warmed first)", async () => {
  // The lesson a learner tries first: CPU-bound work timed sequentially, then on threads. On a
  // fresh page the engine's code is still being optimized as the first program starts; before
  // the warm-up, its first timed part ran 1.7-2.8x slower than a moment later, so threads
  // "beat" sequential code (1.4-2.0x). The parts here last about 0.2 s, as a tutorial's do:
  // the first 20-50 ms of a program still run slower while the browser's background compiler
  // catches up (more so on a busy 2-core machine), which a shorter part would magnify. The
  // median of five fresh loads; CPython prints about 1.0.
  const code = `import time
from concurrent.futures import ThreadPoolExecutor
def cpu(n):
    total = 0
    for i in range(n):
        total += i * i
    return total
began = time.perf_counter()
list(map(cpu, [1200000] * 4))
sequential = time.perf_counter() - began
began = time.perf_counter()
with ThreadPoolExecutor(4) as executor:
    list(executor.map(cpu, [1200000] * 4))
print(sequential / (time.perf_counter() - began))
`;
  const ratios = [];
  for (let load = 0; load < 5; load++) {
    const { page, problems, close } = await openPlayground(env.browser, env.server.url);
    const ran = await runProgram(page, code);
    assert.equal(ran.error, undefined, ran.stderr);
    ratios.push(Number(ran.stdout));
    assert.deepEqual(problems, []);
    await close();
  }
  const median = [...ratios].sort((a, b) => a - b)[2];
  assert.ok(median < 1.15, `sequential time over threaded time, five fresh loads: ${ratios.map((r) => r.toFixed(2)).join(', ')}`);
});
