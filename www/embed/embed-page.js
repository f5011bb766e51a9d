// The embed: a compact playground for tutorial pages, configured by URL parameters and driven
// by its host through postMessage. Where the pool cannot run (not cross-origin isolated, or a
// browser that lacks what the pool needs, isolation/threads.js) it runs the single-threaded
// build and tells the reader so in a line, with the isolation doctor's fix for the page's
// author one click away.
//
// URL parameters: workload, items, executor, workers, chunksize, order, lang (en, ko), theme
// (light, dark), origins (comma-separated host origins allowed to drive it; default: any), mode
// (map, the default, or program) and code (in Program mode, the program; in Map mode, the
// custom worker's code, shown in its own box while the workload is `custom`).
//
// Host -> embed: {type: 'map-playground:run' | 'map-playground:set' | 'map-playground:cancel',
// id, options}; `options.mode` switches the mode, and `options.code` sets the program or the
// custom worker, as the URL's `code` does.
// Embed -> host: 'map-playground:ready', ':progress', ':output' (a program's output as it is
// printed), ':result', ':error', ':resize', with the id of the request they answer. Anything
// else is ignored.
import { playground } from '../page/start.js';
import { defaultLanguage, setLanguage, t, translatePage } from '../page/i18n.js';
import { diagnose, runnable } from '../isolation/doctor.js';
import { Baselines, compareExecutors, comparedRun, describeEnd, isInputError, mountResultSection, renderReport } from '../page/result-view.js';
import { OutputView, describeProgramEnd, mountOutputSection, programRefusal } from '../page/program-view.js';
import { indentOnTab, runOnCtrlEnter } from '../page/code-box.js';
import { checkSettings, isCpuBound } from '../shared/options.js';
import { describeWait } from '../page/build-wait.js';

const PREFIX = 'map-playground:';
const $ = (name) => document.querySelector(`[data-${name}]`);
const params = new URLSearchParams(location.search);
let doctor = diagnose();
const baselines = new Baselines();

const allowed = (params.get('origins') ?? '').split(',').map((o) => o.trim()).filter(Boolean);

/** The settings a host may give: the URL parameters and `options` of the postMessage API. */
const HOST_SETTINGS = ['workload', 'items', 'executor', 'workers', 'chunksize', 'scheduling', 'order', 'timeout'];

/**
 * The settings a host gave, checked against the catalog; anything else is dropped.
 * Without isolation the pool cannot start: its nearest stand-in is message-passing.
 */
function hostSettings(input, catalog) {
  const given = input && typeof input === 'object' ? input : {};
  const out = checkSettings(Object.fromEntries(HOST_SETTINGS.filter((name) => name in given).map((name) => [name, given[name]])), catalog);
  if (out.executor) out.executor = runnable(doctor, out.executor);
  return out;
}

const settings = {
  workload: 'square',
  executor: runnable(doctor, 'pool'),
  chunksize: 'auto',
};
// The items and the program show at once; every setting is checked when the catalog arrives.
if (params.has('items')) $('items').value = params.get('items');

/** 'map' or 'program': the body carries it, and style.css shows that mode's part of the embed. */
const MODES = ['map', 'program'];
let mode = 'map';
function setMode(next) {
  if (!MODES.includes(next)) return;
  mode = next;
  document.body.dataset.mode = mode;
}
setMode(params.get('mode'));

/**
 * Takes a host's checked settings and its `code`, the program in Program mode and the custom
 * worker's in Map mode: the items and the code go in their boxes, where a reader may edit them.
 * The code is taken as given: a run refuses code past the limits, and says so.
 */
function take(checked, code) {
  Object.assign(settings, checked);
  if (checked.items !== undefined) $('items').value = checked.items;
  if (typeof code === 'string') $(mode === 'program' ? 'program' : 'code').value = code;
  $('worker').hidden = settings.workload !== 'custom';
}
// The boxes fill at once; the other settings are checked when the catalog arrives.
if (params.has('code')) $(mode === 'program' ? 'program' : 'code').value = params.get('code');

setLanguage(['en', 'ko'].includes(params.get('lang')) ? params.get('lang') : defaultLanguage());
if (['light', 'dark'].includes(params.get('theme'))) document.documentElement.dataset.theme = params.get('theme');
translatePage();
mountResultSection($('result'));
mountOutputSection($('output-section'));
const output = new OutputView($('output'), $('output-timing'));
for (const box of ['program', 'code']) {
  indentOnTab($(box));
  runOnCtrlEnter($(box));
}
/** Says why the pool is out, when it is. */
function showDoctor() {
  $('isolation-reader').textContent = t('embed.pool-out');
  $('isolation-author').textContent = t(doctor.advice, { error: doctor.error ?? '' });
  $('isolation').hidden = doctor.executors.includes('pool');
}
showDoctor();

// ---- talking to the host -------------------------------------------------------------------

function tell(type, body = {}, origin = null) {
  if (window.parent === window) return;
  const message = { type: PREFIX + type, ...body };
  if (origin) window.parent.postMessage(message, origin);
  else if (allowed.length) allowed.forEach((o) => window.parent.postMessage(message, o));
  else window.parent.postMessage(message, '*');
}

const wireError = (e) => ({ name: e.name, message: e.message, ...(e.display ? { display: e.display } : {}) });

new ResizeObserver(() => tell('resize', { height: Math.ceil(document.documentElement.scrollHeight) })).observe(document.body);

// ---- running -------------------------------------------------------------------------------

let controller = null;
let busy = false;
/** Whether Cancel was pressed while busy: it stops Compare's runs after it too (run-controls.js). */
let cancelled = false;

function setBusy(on) {
  busy = on;
  if (on) cancelled = false;
  $('run').disabled = on;
  $('compare').disabled = on;
  $('cancel').disabled = !on;
}

function show(report, options) {
  const cpuBound = isCpuBound(catalog, options.workload);
  renderReport(document, report, baselines.get(options), { cpuBound });
  $('status').textContent = describeEnd(report);
}

/** A run waiting for the Python engine's build says so in the status line. */
function showWait(waiting) {
  $('status').textContent = describeWait(waiting);
}

/** One run; resolves to the report, or null after showing the error where it belongs. */
async function runOnce(options, { id = null, origin = null } = {}) {
  if (cancelled) return null;
  controller = new AbortController();
  try {
    const report = await playground.run({
      ...options,
      signal: controller.signal,
      onprogress: (p) => tell('progress', { id, done: p.done, total: p.total }, origin),
      onwait: showWait,
    });
    baselines.record(options, report);
    return report;
  } catch (error) {
    // An error in the worker's code goes under the code, one in the items under the items.
    const code = error.source === 'code';
    const input = !code && isInputError(error);
    for (const [box, shown] of [['input-error', input], ['code-error', code]]) {
      $(box).textContent = shown ? (error.display || `${error.name}: ${error.message}`) : '';
      $(box).hidden = !shown;
    }
    $('status').textContent = code ? t('status.code-error') : input ? t('status.input-error') : `${error.name}: ${error.message}`;
    tell('error', { id, error: wireError(error) }, origin);
    return null;
  } finally {
    controller = null;
  }
}

/** Runs the program in the box; the host that asked gets its output as it is printed, then the report. */
async function runProgram({ id = null, origin = null } = {}) {
  if (busy) return;
  const code = $('program').value;
  const refusal = programRefusal(code, catalog.limits);
  if (refusal) {
    $('status').textContent = refusal;
    tell('error', { id, error: { name: 'InputError', message: refusal } }, origin);
    return;
  }
  setBusy(true);
  $('status').textContent = t('status.running');
  output.clear();
  controller = new AbortController();
  try {
    const report = await playground.runProgram({
      code,
      signal: controller.signal,
      onoutput: (piece) => {
        output.append(piece);
        tell('output', { id, stream: piece.stream, text: piece.text }, origin);
      },
      onwait: showWait,
    });
    output.finish(report);
    $('status').textContent = describeProgramEnd(report);
    tell('result', { id, report }, origin);
  } catch (error) {
    $('status').textContent = `${error.name}: ${error.message}`;
    tell('error', { id, error: wireError(error) }, origin);
  } finally {
    controller = null;
    setBusy(false);
  }
}

/** The run options: the settings, with the items and (for a custom worker) the code as the boxes hold them. */
function formOptions() {
  return { ...settings, items: $('items').value, ...(settings.workload === 'custom' ? { code: $('code').value } : {}) };
}

async function runForm(request = {}) {
  if (mode === 'program') {
    runProgram(request);
    return;
  }
  if (busy) return;
  setBusy(true);
  $('input-error').hidden = true;
  $('status').textContent = t('status.running');
  const options = formOptions();
  const report = await runOnce(options, request);
  if (report) {
    show(report, options);
    tell('result', { id: request.id ?? null, report }, request.origin);
  }
  setBusy(false);
}

$('form').addEventListener('submit', (event) => {
  event.preventDefault();
  runForm();
});
function cancel() {
  cancelled = true;
  controller?.abort();
}
$('cancel').addEventListener('click', cancel);
$('compare').addEventListener('click', async () => {
  if (busy) return;
  setBusy(true);
  const options = formOptions();
  const cpuBound = isCpuBound(catalog, options.workload);
  let last = null;
  const entries = await compareExecutors(document, options, doctor.executors, cpuBound, async (o, step) => {
    $('status').textContent = t('status.comparing', { executor: o.executor, step: t(`measure.${step.phase}`, step) });
    last = await runOnce(o);
    return last;
  });
  const shown = comparedRun(entries, options.executor, last);
  if (shown) show(shown, options);
  else if (cancelled) $('status').textContent = t('status.stopped');
  setBusy(false);
});

/** Messages from the host that came before the catalog, answered once it is here. */
const early = [];

window.addEventListener('message', (event) => {
  const data = event.data;
  if (event.source !== window.parent || !data || typeof data !== 'object' || typeof data.type !== 'string') return;
  if (allowed.length && !allowed.includes(event.origin)) return;
  if (catalog) receive(event);
  else early.push(event);
});

function receive(event) {
  const data = event.data;
  const id = typeof data.id === 'string' || Number.isFinite(data.id) ? data.id : null;
  switch (data.type) {
    case `${PREFIX}set`:
    case `${PREFIX}run`: {
      const given = data.options && typeof data.options === 'object' ? data.options : {};
      setMode(given.mode);
      take(hostSettings(data.options, catalog), given.code);
      if (data.type === `${PREFIX}run`) runForm({ id, origin: event.origin });
      break;
    }
    case `${PREFIX}cancel`:
      cancel();
      break;
    default:
      break;
  }
}

let catalog = null;

playground.ready.then(
  (info) => {
    catalog = info.catalog;
    // The compute Worker's facts replace the page's: it knows whether the pool really started.
    doctor = diagnose(info.support);
    showDoctor();
    settings.executor = runnable(doctor, settings.executor);
    take(hostSettings(Object.fromEntries(params), catalog), params.get('code') ?? undefined);
    setBusy(false);
    $('status').textContent = info.threaded ? t('status.ready.pool', { threads: info.threads }) : t('status.ready.single');
    document.documentElement.dataset.ready = 'true';
    tell('ready', { isolated: info.isolated, executors: doctor.executors });
    early.splice(0).forEach(receive);
  },
  (error) => {
    $('status').textContent = t('status.failed', { error: `${error.name}: ${error.message}` });
    tell('error', { id: null, error: wireError(error) });
  },
);
