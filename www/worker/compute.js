// The compute Worker: the one Worker the page talks to, which owns everything that computes.
//
// It chooses the executor (the JavaScript twin of the wasm's one `match`): the sequential,
// async and pool executors run in the compute engine (engine.js: the wasm instance and its
// rayon pool), the message-passing executor on its own Workers (message-pool.js). Every report
// is made by the wasm's one rule: the engine's by `run`, and a message-passing run's, or one
// whose engine had to be stopped mid-item, by `assemble` from the items' columns, in this
// Worker's own small wasm instance (the single-threaded build; it runs no items).
//
// It keeps one engine at a time and runs one request after another. It chooses the engine's
// build (threaded where this Worker has everything the pool needs, isolation/threads.js; with
// the Python engine once a custom worker runs) and compiles its wasm while the engine's Worker
// starts. A threaded engine that fails to start anyway (or does not start within START_MS) is
// replaced by a single-threaded one, and READY's `support` says why the pool is out. It starts a fresh engine
// (a fresh wasm instance and rayon pool) when a pool run asks for a different worker count
// (rayon's pool is sized once per instance), after a run that left pool items running, after
// the engine died, and one with the Python engine the first time a custom worker or a whole
// Python program runs (that build runs every workload, so it stays). It enforces cancel and timeout from outside too: an
// engine stuck in one long item is stopped, and the run reported from the progress it had sent.
// An engine whose build is still being built (engine-build.js) waits for it, and the run that
// waits is told so with PROGRESS `{waiting}`; a cancel ends that wait for the run.
import { Request, Reply, abortError, errorToWire } from '../shared/protocol.js';
import { Requests } from '../shared/requests.js';
import { threadSupport } from '../isolation/threads.js';
import { fetchBuild } from './engine-build.js';

/**
 * How long a stopped run's engine may take to end the run before it is stopped. It must hear
 * the stop first, within a tick of the run (the catalog's `tick_ms`, when a watched run yields
 * between items) and HEAR_MS more: one that does not is inside a long item on its own thread
 * (sequential, async), and waiting longer only delays the stop. One that heard ends the run at
 * its next item, once the awaits in flight (a sleep, a fetch) are done.
 */
const HEAR_MS = 30;
const ANSWER_MS = 150;
/** How long a threaded engine may take to start its pool before the single-threaded build stands in. */
const START_MS = 20_000;
/**
 * How long an engine's first program is run unseen before it runs for real (`warmUp`).
 * A fresh engine runs the interpreter in V8's baseline tier, and an interpreter loop already
 * running keeps it: the first thing a program timed ran 1.5-3x slower than the same code a
 * second later, so CPU-bound threads "beat" sequential code (1.4-2.0x on a fresh page) where
 * CPython shows 1x. A second of the program itself brings the paths it uses to the optimized
 * tier, as a benchmark's warm-up does; its output and result are dropped.
 */
const PROGRAM_WARMUP_MS = 1000;
/**
 * A warm-up run shorter than this, or one that raised, is not repeated: `print(1)` or a typo
 * should not wait a second on a fresh page, and a program that quick has no loop long enough
 * for the tier it runs in to mislead.
 */
const WARMUP_REPEAT_MS = 20;

const now = () => performance.timeOrigin + performance.now();

/**
 * This Worker's own wasm: it checks a message-passing run's options and makes the reports of
 * runs whose items ran elsewhere; it runs no items. It loads once the engine is ready, so that
 * it never slows the page's start.
 */
let own = null;
function ownWasm() {
  own ??= import('../pkg-st/map_playground.js').then(async (wasm) => {
    await wasm.default();
    return wasm;
  });
  return own;
}

/** A compute engine Worker and the requests it has not answered. */
class Engine {
  #worker;
  #requests;
  /** Why it was stopped, once it was. */
  #stopped = null;
  /** Ends a wait for its build when it is stopped. */
  #waiting = new AbortController();
  info;
  /** Whether it started: one that dies before is not restarted at once (it may never start). */
  ready = false;
  /** Whether a program ran here already (so its interpreter is warm: `warmUp`). */
  ranProgram = false;

  /**
   * Starts an engine, `threaded` with a pool of `threads` or single-threaded (and with the
   * Python engine if `python`). Its wasm is compiled here while the engine's Worker starts, and
   * handed to it ready.
   */
  constructor(threaded, threads, python, testHooks, onDeath) {
    const build = `../pkg${python ? '-py' : ''}${threaded ? '' : '-st'}/`;
    this.#worker = new Worker(new URL('./engine.js', import.meta.url), { type: 'module' });
    this.#requests = new Requests(this.#worker);
    this.#worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.stop(`the compute engine Worker stopped: ${event.message || 'it could not start'}`);
      onDeath();
    });
    let late = null;
    const module = fetchBuild(new URL(`${build}map_playground_bg.wasm`, import.meta.url), { onwait: tellWaiting, signal: this.#waiting.signal }).then((response) => {
      // The pool's start is timed from here: waiting for a build is not a pool that hangs.
      if (threaded && !this.#stopped) late = setTimeout(() => this.stop(`its pool did not start within ${START_MS / 1000} s`), START_MS);
      return WebAssembly.compileStreaming(response);
    });
    this.info = module.then((compiled) => {
      if (this.#stopped) throw this.#stopped;
      return this.request({ type: Request.INIT, build, module: compiled, threaded, threads, python, testHooks }).promise;
    });
    this.info.then(() => {
      this.ready = true;
    }, () => {}).finally(() => clearTimeout(late));
  }

  /** Sends `message`; `.promise` settles with the reply, `onprogress` gets each PROGRESS. */
  request(message, onprogress) {
    return this.#requests.send(message, onprogress);
  }

  /** Posts a message that gets no reply. */
  tell(message) {
    this.#worker.postMessage({ id: 0, ...message });
  }

  /** Settles request `id` with `value`, as if the engine had answered; false if it had. */
  settle(id, value) {
    return this.#requests.settle(id, value);
  }

  /** Ends the engine; its unanswered requests fail with BrokenPool and `why`. */
  stop(why) {
    this.#worker.terminate();
    const broken = () => {
      const error = new Error(why);
      error.name = 'BrokenPool';
      return error;
    };
    this.#stopped ??= broken();
    this.#waiting.abort(this.#stopped);
    this.#requests.failAll(broken);
  }
}

let engine = null;
/** The engine's info, with `support`, once it is ready (startEngine's promise). */
let engineReady = null;
/**
 * What the pool needs, as this Worker finds it (isolation/threads.js); once a threaded engine
 * failed to start, `missing` is 'start' and `error` says how, and every engine after it is
 * single-threaded.
 */
let support = threadSupport(self);
let threads = 1;
let python = false;
let testHooks = false;
let queue = Promise.resolve();
/** The run in flight: its id, and how to stop it once it has started. */
let current = null;
/** Runs cancelled before their turn came. */
const cancelled = new Set();
/** The message-passing executor, loaded on its first run. */
let messagePool = null;

function startEngine(n = threads, withPython = python) {
  engine?.stop('the compute engine was restarted');
  threads = n;
  python = withPython;
  // An engine that dies after it started is replaced at once; one that never started is
  // started again by the next run, which then says why if it cannot.
  const threaded = support.missing === null;
  const started = new Engine(threaded, n, withPython, testHooks, () => {
    if (engine === started && started.ready) startEngine();
  });
  engine = started;
  engineReady = started.info.then(
    (info) => ({ ...info, support }),
    (error) => {
      // A threaded start that failed, and was not stopped for another engine: the pool cannot
      // start in this browser after all. The single-threaded build runs everything else.
      // A build that is missing is not the pool's failure: the threaded build stays, and the
      // next engine is one without the Python engine, so that maps still run.
      if (error.name === 'BuildMissing' && engine === started) python = false;
      if (!threaded || engine !== started || error.name === 'BuildMissing') throw error;
      support = { ...support, missing: 'start', error: `${error.name}: ${error.message}` };
      return startEngine(n, withPython);
    },
  );
  // Not every start is awaited (a restart after a run, say): its failure is the next run's.
  engineReady.catch(() => {});
  return engineReady;
}

async function init(message) {
  testHooks = message.testHooks === true;
  const info = await startEngine(message.threads, false);
  ownWasm();
  return { type: Reply.READY, ...info, workloads: info.catalog.workloads };
}

/** The engine's info once it is ready; an engine that failed to start is started afresh. */
async function engineInfo() {
  try {
    return await engineReady;
  } catch {
    return startEngine();
  }
}

/** Runs `options`, the executor chosen here; resolves to the wasm's `{report, results, trace}`. */
async function run({ id, options, watch }) {
  let info = await engineInfo();
  if (current.cancelled) throw abortError();
  if (options.workload === 'custom' && !info.python) {
    info = await startPythonEngine(options.executor === 'pool' && info.threaded ? options.workers : threads);
  }
  const progress = watch ? (tick) => self.postMessage({ id, type: Reply.PROGRESS, ...tick }) : undefined;
  switch (options.executor) {
    case 'message-passing':
      return runMessagePassing(options, progress);
    case 'pool':
      if (info.threaded && options.workers !== info.threads) await startEngine(options.workers);
      return runInEngine(info.catalog, options, watch, progress);
    default:
      return runInEngine(info.catalog, options, watch, progress);
  }
}

async function runMessagePassing(options, progress) {
  const wasm = await ownWasm();
  // A custom worker's Workers load the single-threaded build with the Python engine, which
  // `./build.sh serve` may still be building: wait for it here, as an engine would.
  if (options.workload === 'custom') await untilBuilt('../pkg-py-st/');
  const plan = { ...wasm.plan(options), grace_ms: wasm.catalog().limits.grace_ms };
  // Its BrokenPool error is the wasm's, as the rayon pool's.
  messagePool ??= new (await import('./message-pool.js')).MessagePool((total, done) => wasm.brokenPool(total, Uint32Array.from(done)));
  const running = messagePool.run(options, plan, {
    onprogress: progress, timeout_ms: options.timeout_ms, cancelled: current.cancelled,
  });
  onStop((why) => messagePool.stop(why));
  const { finished, bars, stopped, began_ms, wall_ms } = await running;
  return { type: Reply.RESULT, ...wasm.assemble(options, finished, bars, stopped ?? undefined, began_ms, wall_ms) };
}

/**
 * Runs a whole program in an engine with the Python engine. The program runs to its end on
 * the engine's thread, so a cancel (or a budget the engine missed) stops the engine: the
 * report is then made here from the output it had sent.
 */
async function runProgram({ id, options, watch }) {
  let info = await engineInfo();
  if (current.cancelled) throw abortError();
  if (!info.python) info = await startPythonEngine(threads);
  const budget = options.timeout_ms ?? info.catalog.limits.program_timeout_ms;
  const interrupted = ['KeyboardInterrupt', 'the run was cancelled'];
  if (!(await warmUp(options, budget))) return { type: Reply.RESULT, report: stoppedReport(...interrupted, [], now()) };
  const began = now();
  const pieces = [];
  const running = engine;
  const request = running.request({ type: Request.PROGRAM, options, watch: true }, (piece) => {
    pieces.push(piece);
    if (watch) self.postMessage({ id, type: Reply.PROGRESS, ...piece });
  });
  const stopWith = (type, message) => {
    const report = stoppedReport(type, message, pieces, began);
    if (running.settle(request.id, { report }) && engine === running) startEngine();
  };
  onStop(() => stopWith(...interrupted));
  // The engine ends a program at its budget itself; this only catches one too busy to.
  const deadline = setTimeout(() => stopWith('TimeoutError', `the program ran past the playground's budget of ${budget / 1000} s`), budget + 1000);
  try {
    const { report } = await request.promise;
    if (report.abandoned && engine === running) startEngine();
    delete report.abandoned;
    return { type: Reply.RESULT, report };
  } catch (error) {
    if (error.name === 'BrokenPool' && engine === running) startEngine();
    throw error;
  } finally {
    clearTimeout(deadline);
  }
}

/**
 * The report of a program stopped from here, `type: message` ending the output it had sent
 * (`pieces`), as the engine reports an exception.
 */
function stoppedReport(type, message, pieces, began) {
  const text = (stream) => pieces.filter((p) => p.stream === stream).map((p) => p.text).join('');
  const traceback = `${type}: ${message}\n`;
  return {
    stdout: text('stdout'),
    stderr: text('stderr') + traceback,
    error: { type, message, traceback, line: null },
    wall_ms: now() - began,
    trace: [],
    processes: [],
    stopped: type === 'TimeoutError' ? 'timeout' : 'cancelled',
  };
}

/**
 * The engine's first program runs unseen first (see PROGRAM_WARMUP_MS), within the program's
 * own budget: again while another whole run fits in what is left of PROGRAM_WARMUP_MS (unless
 * it was quick or raised: WARMUP_REPEAT_MS), so a short program warms the engine as long as a
 * long one does (run once, a 0.15 s program left its first timed loop 1.6-2.7x slow on a third
 * of fresh loads), and no run is cut short at its budget.
 * A cancel meanwhile, or an engine too busy to end a run, stops the engine as it stops a
 * program; the run then starts on a fresh one. False when the run was cancelled meanwhile.
 */
async function warmUp(options, budget) {
  const running = engine;
  if (running.ranProgram) return true;
  running.ranProgram = true;
  const window = Math.min(PROGRAM_WARMUP_MS, budget);
  const began = performance.now();
  for (;;) {
    const started = performance.now();
    const ended = await warmUpOnce(running, options, window);
    if (current.cancelled) return false;
    if (!ended || engine !== running) break;
    const last = performance.now() - started;
    if (last < WARMUP_REPEAT_MS || last * 1.5 > window - (performance.now() - began)) break;
  }
  if (engine !== running) await engineInfo();
  return true;
}

/** One unseen run of a program, for up to `ms`: whether it ended on its own, without an error. */
async function warmUpOnce(running, options, ms) {
  const request = running.request({ type: Request.PROGRAM, options: { ...options, timeout_ms: ms }, watch: false });
  const stop = () => {
    if (running.settle(request.id, { report: null }) && engine === running) startEngine();
  };
  onStop(stop);
  const deadline = setTimeout(stop, ms + 1000);
  try {
    const { report } = await request.promise;
    return Boolean(report && !report.stopped && !report.error);
  } catch {
    // An engine that broke on it is replaced: the caller waits for the new one (or the real run
    // meets the same).
    return false;
  } finally {
    clearTimeout(deadline);
    current.stop = null;
  }
}

/** A run in the engine, stopped from here if it cannot answer a stop in time. */
function runInEngine({ limits }, options, watch, progress) {
  const began_ms = now();
  const ticks = [];
  const running = engine;
  const request = running.request({ type: Request.RUN, options, watch }, (tick) => {
    ticks.push(tick);
    progress?.(tick);
  });
  let watchdog = null;
  let deadline = null;
  let forced = false;
  const forceStop = async (stopped) => {
    // The engine is inside one long item and did not answer in time: stop it instead and
    // report the run from the progress it sent. Items that never finished did not run.
    if (forced) return;
    forced = true;
    const ended = now();
    const began = ticks[0]?.began_ms ?? began_ms;
    try {
      const wasm = await ownWasm();
      const report = wasm.assemble(options, ticks.map((t) => t.items), ticks.map((t) => t.trace), stopped, began, ended - began);
      // The engine may have answered meanwhile: then its report stands and it goes on.
      if (!running.settle(request.id, report)) return;
    } catch (error) {
      running.stop(`the compute engine did not stop in time, and its run could not be reported: ${error.message}`);
    }
    if (engine === running) startEngine();
  };
  let answered = false;
  onStop((why) => {
    if (watchdog) return;
    const stopped = now();
    watchdog = setTimeout(() => forceStop(why), limits.tick_ms + HEAR_MS);
    running.request({ type: Request.CANCEL }).promise.then(() => {
      if (answered || forced) return;
      clearTimeout(watchdog);
      watchdog = setTimeout(() => forceStop(why), stopped + ANSWER_MS - now());
    }, () => {});
  });
  // The engine times the run out itself; this only catches an engine too busy to answer.
  if (options.timeout_ms) deadline = setTimeout(() => forceStop('timeout'), options.timeout_ms + ANSWER_MS);
  const done = () => {
    answered = true;
    clearTimeout(watchdog);
    clearTimeout(deadline);
  };
  return request.promise.then(
    (reply) => {
      done();
      if (reply.abandoned) startEngine();
      return { ...reply, type: Reply.RESULT };
    },
    (error) => {
      done();
      if (error.name === 'BrokenPool' && engine === running) startEngine();
      throw error;
    },
  );
}

/** Resolves once `build` is there, waiting (and saying so) while it is built; a cancel ends the wait. */
function untilBuilt(build) {
  const stop = new AbortController();
  onStop(() => stop.abort(abortError()));
  const url = new URL(`${build}map_playground_bg.wasm`, import.meta.url);
  return fetchBuild(url, { onwait: tellWaiting, signal: stop.signal, method: 'HEAD' }).catch((error) => {
    throw error.name === 'AbortError' || stop.signal.aborted ? abortError() : error;
  });
}

/** Tells the run in flight that it waits for a build (engine-build.js), if a run waits. */
function tellWaiting(waiting) {
  if (current) self.postMessage({ id: current.id, type: Reply.PROGRESS, waiting });
}

/**
 * Starts an engine with the Python engine (a pool of `n`) for the run in flight. A cancel while
 * it waits for its build (engine-build.js) ends the run's wait and goes back to an engine
 * without, so that the next map runs at once.
 */
function startPythonEngine(n) {
  const starting = startEngine(n, true);
  const started = engine;
  return new Promise((resolve, reject) => {
    onStop(() => {
      reject(abortError());
      if (engine === started && !started.ready) startEngine(n, false);
    });
    starting.then(resolve, reject);
  });
}

/** How the run in flight stops; a cancel that came before it could is honoured now. */
function onStop(stop) {
  current.stop = stop;
  if (current.cancelled) stop('cancelled');
}

function cancel(runId) {
  if (current?.id === runId) {
    current.cancelled = true;
    current.stop?.('cancelled');
  } else cancelled.add(runId);
}

function fault(target) {
  if (!testHooks) return;
  if (target === 'message-passing') messagePool?.killOne();
  else if (target === 'compute') {
    engine?.stop('the compute engine Worker stopped: the Worker was terminated');
    startEngine();
  } else engine?.tell({ type: Request.FAULT, target: 'pool' });
}

self.addEventListener('message', ({ data }) => {
  // Cancels and faults act at once; INIT and RUN take their turn.
  if (data.type === Request.CANCEL) return cancel(data.runId);
  if (data.type === Request.FAULT) return fault(data.target);
  queue = queue.then(async () => {
    try {
      let reply;
      if (data.type === Request.INIT) reply = await init(data);
      else if (data.type === Request.RUN || data.type === Request.PROGRAM) {
        current = { id: data.id, cancelled: cancelled.delete(data.id), stop: null };
        reply = await (data.type === Request.RUN ? run(data) : runProgram(data));
      } else throw new Error(`unknown request type ${data.type}`);
      self.postMessage({ id: data.id, ...reply });
    } catch (error) {
      self.postMessage({ id: data.id, type: Reply.ERROR, error: errorToWire(error) });
    } finally {
      if (data.type === Request.RUN || data.type === Request.PROGRAM) current = null;
    }
  });
});
