// The page: the form, its outputs and charts. It reads the form, calls the page API
// (playground.js), and renders what comes back. User text only ever reaches the page through
// textContent; every string comes from the language tables (i18n.js).
import { createPlayground, defaultWorkers, MAX_WORKERS } from './playground.js';
import { PRESETS } from './presets.js';
import { LANGUAGES, defaultLanguage, language, setLanguage, t, translatePage } from './i18n.js';
import { amdahlFit, drawPlot, drawTimeline } from './charts.js';
import { Baselines, compareExecutors, describeEnd, isInputError, renderErrors, renderPrinted, renderTimings } from './views.js';
import { diagnose } from './doctor.js';
import { decodeState, encodeState } from './share.js';
import { pythonProgram } from './python.js';
import { MandelbrotView } from './mandelbrot.js';

const $ = (hook) => document.querySelector(`[data-${hook}]`);

const form = $('form');
const fields = {
  preset: $('preset'),
  workload: $('workload'),
  items: $('items'),
  executor: $('executor'),
  workers: $('workers'),
  chunksize: $('chunksize'),
  scheduling: $('scheduling'),
  order: $('order'),
  timeout: $('timeout'),
  code: $('code'),
  lang: $('language'),
};
const run = $('run');
const cancel = $('cancel');
const status = $('status');
const inputError = $('input-error');
const codeError = $('code-error');
const progressBox = $('progress-box');
const progress = $('progress');
const progressText = $('progress-text');
const mandelbrot = new MandelbrotView($('mandelbrot-canvas'));

const playground = createPlayground();
const doctor = diagnose();
let catalog = [];
let lastReport = null;
let busy = false;
let controller = null;
const baselines = new Baselines();

// ---- the form's state ----------------------------------------------------------------------

function readForm() {
  return {
    workload: fields.workload.value,
    items: fields.items.value,
    executor: fields.executor.value,
    workers: fields.workers.value,
    chunksize: fields.chunksize.value.trim(),
    scheduling: fields.scheduling.value,
    order: fields.order.value,
    timeout: fields.timeout.value,
    code: fields.code.value,
    lang: language(),
  };
}

function writeForm(state) {
  for (const name of ['workload', 'items', 'executor', 'workers', 'chunksize', 'scheduling', 'order', 'timeout', 'code']) {
    if (state[name] !== undefined) fields[name].value = state[name];
  }
}

/** The page API options of the form as it stands. */
function runOptions(state = readForm()) {
  const chunk = state.chunksize;
  const workers = Number(state.workers);
  return {
    workload: state.workload,
    items: state.items,
    executor: state.executor,
    workers: Number.isInteger(workers) && workers > 0 ? workers : defaultWorkers(),
    chunksize: /^\d+$/.test(chunk) ? Number(chunk) : chunk || 'auto',
    scheduling: state.scheduling,
    order: state.order,
    timeout_ms: /^\d+$/.test(state.timeout) ? Number(state.timeout) : undefined,
    ...(state.workload === 'custom' ? { code: state.code } : {}),
  };
}

const attr = (value) => String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The two embed snippets for the form's settings: an iframe, and the custom element. */
function embedSnippets(state) {
  const settings = {
    workload: state.workload, items: state.items, executor: state.executor,
    workers: state.workers, chunksize: state.chunksize || 'auto', lang: language(),
  };
  const src = new URL('embed.html', document.baseURI);
  for (const [name, value] of Object.entries(settings)) src.searchParams.set(name, value);
  const iframe = `<iframe src="${attr(src.href)}" allow="cross-origin-isolated"\n  style="width: 100%; height: 28rem; border: 0" title="map-playground"></iframe>`;
  const attributes = Object.entries(settings).map(([name, value]) => `${name}="${attr(value)}"`).join(' ');
  const element = `<script type="module" src="${attr(new URL('embed.js', document.baseURI).href)}"></script>\n<map-playground ${attributes}></map-playground>`;
  return { iframe, element };
}

function formChanged() {
  history.replaceState(null, '', encodeState(readForm()));
  const snippets = embedSnippets(readForm());
  $('embed-iframe').textContent = snippets.iframe;
  $('embed-element').textContent = snippets.element;
  $('python').textContent = pythonProgram({ ...readForm(), ...runOptions() }, document.baseURI);
  $('mandelbrot').hidden = fields.workload.value !== 'mandelbrot_row';
  $('code-box').hidden = fields.workload.value !== 'custom';
}

/** The Workload select's one-line description: CPU- or I/O-bound, and how the cost grows. */
function describeWorkload() {
  const entry = catalog.find((w) => w.name === fields.workload.value);
  $('workload-description').textContent = entry ? `${t(entry.cpu_bound ? 'bound.cpu' : 'bound.io')}: ${t(`desc.${entry.name}`)}` : '';
}

// ---- language ------------------------------------------------------------------------------

function fillChoices() {
  const preset = fields.preset.value;
  fields.preset.replaceChildren(new Option(t('preset.none'), ''), ...PRESETS.map((p) => new Option(t(`preset.${p.id}`), p.id)));
  fields.preset.value = preset;
  const chosen = fields.workload.value;
  if (catalog.length) {
    const label = (w) => (w.name === 'custom' ? t('workload.custom') : `${w.name}: ${t(w.cpu_bound ? 'bound.cpu' : 'bound.io')}`);
    fields.workload.replaceChildren(...catalog.map((w) => new Option(label(w), w.name)));
    fields.workload.value = chosen;
  }
  describeWorkload();
  if (!doctor.executors.includes('pool')) fields.executor.querySelector('option[value="pool"]').textContent = t('executor.pool.unavailable');
}

function applyLanguage(lang) {
  setLanguage(lang);
  fields.lang.value = language();
  translatePage();
  fillChoices();
  renderDoctor();
  if (lastReport) renderReport(lastReport);
  formChanged();
}

// ---- result, timings, timeline -------------------------------------------------------------

function renderTimeline(report) {
  const svg = $('timeline');
  if (!report.trace) {
    svg.setAttribute('hidden', '');
    return;
  }
  const { aggregated } = drawTimeline(svg, report, {
    workers: report.workers,
    label: (bar) => t('timeline.bar', { index: bar.index, input: bar.input, lane: bar.lane, start: bar.start_ms.toFixed(1), end: bar.end_ms.toFixed(1) }),
    laneLabel: (lane) => t('timeline.lane', { lane }),
  });
  $('timeline-note').hidden = !aggregated;
}

function renderReport(report, options = runOptions()) {
  renderPrinted(document, report);
  renderErrors(document, report.results);
  renderTimings(document, report, baselines.get(options));
  renderTimeline(report);
}

// ---- running -------------------------------------------------------------------------------

const PROGRESS_AFTER_MS = 300;

/** Shows a run's `error` in `box` under `field` and marks the field invalid; null clears both. */
function showFieldError(box, field, error) {
  box.textContent = error ? (error.display ?? `${error.name}: ${error.message}`) : '';
  box.hidden = !error;
  if (error) field.setAttribute('aria-invalid', 'true');
  else field.removeAttribute('aria-invalid');
}

const showInputError = (error) => showFieldError(inputError, fields.items, error);
const showCodeError = (error) => showFieldError(codeError, fields.code, error);

function showProgress({ done, total }) {
  progress.max = Math.max(1, total);
  progress.value = done;
  progressText.textContent = `${done} / ${total}`;
}

function setBusy(on) {
  busy = on;
  run.disabled = on;
  cancel.disabled = !on;
  $('compare').disabled = on;
  $('scaling').disabled = on;
}

/** One run of `options` with progress, the picture and the cancel button wired; null on error. */
async function runOnce(options) {
  controller = new AbortController();
  showProgress({ done: 0, total: 0 });
  const timer = setTimeout(() => {
    progressBox.hidden = false;
  }, PROGRESS_AFTER_MS);
  const picture = options.workload === 'mandelbrot_row';
  if (picture) mandelbrot.clear();
  try {
    const report = await playground.run({
      ...options,
      picture,
      signal: controller.signal,
      onprogress: (p) => {
        showProgress(p);
        if (picture) {
          for (const item of p.items) {
            if (item.pixels) mandelbrot.drawRow(Number(item.input), item.pixels, item.lane);
          }
        }
      },
    });
    baselines.record(options, report);
    return report;
  } catch (error) {
    if (error.source === 'code') {
      showCodeError(error);
      status.textContent = t('status.code-error');
    } else if (isInputError(error)) {
      showInputError(error);
      status.textContent = t('status.input-error');
    } else {
      status.textContent = `${error.name}: ${error.message}`;
    }
    return null;
  } finally {
    clearTimeout(timer);
    progressBox.hidden = true;
    controller = null;
  }
}

cancel.addEventListener('click', () => controller?.abort());

/**
 * A button's work with the form busy: `work(options)` runs the form's options its way and
 * resolves to the report to show (with the options it ran), or null when nothing is to show.
 */
function whileBusy(work) {
  return async (event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    showInputError(null);
    showCodeError(null);
    const shown = await work(runOptions());
    if (shown) {
      lastReport = shown.report;
      renderReport(shown.report, shown.options);
      status.textContent = describeEnd(shown.report);
    }
    setBusy(false);
  };
}

form.addEventListener('submit', whileBusy(async (options) => {
  status.textContent = t('status.running');
  const report = await runOnce(options);
  return report && { report, options };
}));

$('compare').addEventListener('click', whileBusy(async (options) => {
  const last = await compareExecutors(document, options, doctor.executors, (o) => {
    status.textContent = t('status.comparing', { executor: o.executor });
    return runOnce(o);
  });
  return last && { report: last, options: { ...options, executor: last.executor } };
}));

$('scaling').addEventListener('click', whileBusy(async (options) => {
  const executor = doctor.executors.includes('pool') ? 'pool' : 'message-passing';
  const mode = $('scaling-mode').value;
  const points = [];
  let last = null;
  if (mode === 'workers') {
    const top = Math.max(2, options.workers);
    let one = null;
    for (let n = 1; n <= top; n++) {
      status.textContent = t('status.scaling', { step: `${n} / ${top}` });
      const report = await runOnce({ ...options, executor, workers: n });
      if (!report || report.stopped) break;
      last = report;
      one ??= report.wall_ms;
      points.push({ x: n, y: one / Math.max(report.wall_ms, 1e-6) });
    }
    if (points.length) {
      const s = amdahlFit(points);
      drawPlot($('scaling-chart'), points, {
        xLabel: t('axis.workers'), yLabel: t('axis.speedup'),
        ideal: (x) => x, fit: (x) => 1 / (s + (1 - s) / x),
        legend: [['measured', t('scaling.measured')], ['ideal', t('scaling.ideal')], ['fit', t('scaling.fit')]],
      });
      $('scaling-fit').textContent = t('scaling.serial', { percent: (100 * s).toFixed(1) });
    }
  } else {
    let size = 1;
    let top = Infinity;
    while (size <= top) {
      status.textContent = t('status.scaling', { step: `chunksize ${size}` });
      const report = await runOnce({ ...options, executor, chunksize: size });
      if (!report || report.stopped) break;
      last = report;
      top = Math.max(1, Math.ceil(report.results.length / options.workers));
      points.push({ x: size, y: report.wall_ms });
      size *= 2;
    }
    if (points.length) {
      drawPlot($('scaling-chart'), points, {
        xLabel: t('axis.chunksize'), yLabel: t('axis.wall'),
        legend: [['measured', t('scaling.measured')]],
      });
      $('scaling-fit').textContent = '';
    }
  }
  return last && { report: last, options: { ...options, executor } };
}));

// ---- python panel, sharing, doctor ---------------------------------------------------------

async function copy(text, statusEl) {
  try {
    await navigator.clipboard.writeText(text);
    if (statusEl) statusEl.textContent = t('copied');
  } catch {
    if (statusEl) statusEl.textContent = '';
  }
}

$('copy-python').addEventListener('click', () => copy($('python').textContent, $('copy-python-status')));
$('copy-link').addEventListener('click', () => copy(location.href, status));
$('copy-iframe').addEventListener('click', () => copy($('embed-iframe').textContent, $('copy-embed-status')));
$('copy-element').addEventListener('click', () => copy($('embed-element').textContent, $('copy-embed-status')));
$('embed').addEventListener('click', () => {
  const open = $('embed-snippets').hidden;
  $('embed-snippets').hidden = !open;
  $('embed').setAttribute('aria-expanded', String(open));
});

function renderDoctor() {
  const yes = (v) => t(v ? 'doctor.yes' : 'doctor.no');
  const rows = [
    ['doctor.isolated', yes(doctor.isolated)],
    ['doctor.sab', yes(doctor.sab)],
    ['doctor.threads', yes(doctor.threads)],
    ['doctor.cores', String(doctor.cores)],
    ['doctor.executors', doctor.executors.join(', ')],
  ];
  $('doctor').replaceChildren(...rows.flatMap(([key, value]) => {
    const dt = document.createElement('dt');
    dt.textContent = t(key);
    const dd = document.createElement('dd');
    dd.textContent = value;
    return [dt, dd];
  }));
  $('doctor-advice').textContent = t(doctor.advice);
}

// ---- wiring --------------------------------------------------------------------------------

fields.lang.replaceChildren(...Object.entries(LANGUAGES).map(([code, name]) => new Option(name, code)));
fields.workers.max = String(MAX_WORKERS);
fields.workers.value = String(defaultWorkers());

fields.lang.addEventListener('change', () => applyLanguage(fields.lang.value));

// Tab indents the worker function, as in an editor; Escape, then Tab, leaves it.
let tabLeaves = false;
fields.code.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') {
    tabLeaves = true;
    return;
  }
  if (event.key !== 'Tab' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey || tabLeaves) {
    tabLeaves = false;
    return;
  }
  event.preventDefault();
  fields.code.setRangeText('    ', fields.code.selectionStart, fields.code.selectionEnd, 'end');
  formChanged();
});
fields.workload.addEventListener('change', () => {
  fields.preset.value = '';
  describeWorkload();
});
fields.preset.addEventListener('change', () => {
  const chosen = PRESETS.find((p) => p.id === fields.preset.value);
  if (!chosen) return;
  fields.workload.value = chosen.workload;
  fields.items.value = chosen.items;
  showInputError(null);
  describeWorkload();
  formChanged();
});
form.addEventListener('input', formChanged);
form.addEventListener('change', formChanged);

const shared = decodeState(location.hash);
writeForm(shared);
applyLanguage(shared.lang ?? defaultLanguage());
if (!doctor.executors.includes('pool')) {
  fields.executor.querySelector('option[value="pool"]').disabled = true;
  $('isolation').hidden = false;
}

playground.ready.then(
  (info) => {
    catalog = info.workloads;
    const chosen = shared.workload ?? fields.workload.value;
    fillChoices();
    fields.workload.value = chosen;
    describeWorkload();
    formChanged();
    setBusy(false);
    status.textContent = info.threaded ? t('status.ready.pool', { threads: info.threads }) : t('status.ready.single');
    document.documentElement.dataset.ready = 'true';
  },
  (error) => {
    status.textContent = t('status.failed', { error: `${error.name}: ${error.message}` });
  },
);
