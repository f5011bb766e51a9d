// The page: reads the form, calls the page API, and renders the report. User text only ever
// reaches the page through textContent.
import { createPlayground, defaultWorkers, MAX_WORKERS } from './playground.js';
import { PRESETS } from './presets.js';

const $ = (hook) => document.querySelector(`[data-${hook}]`);

const form = $('form');
const preset = $('preset');
const workload = $('workload');
const workloadDescription = $('workload-description');
const input = $('items');
const inputError = $('input-error');
const executor = $('executor');
const workers = $('workers');
const run = $('run');
const cancel = $('cancel');
const chunksize = $('chunksize');
const scheduling = $('scheduling');
const order = $('order');
const timeout = $('timeout');
const progressBox = $('progress-box');
const progress = $('progress');
const progressText = $('progress-text');
const status = $('status');
const printed = $('printed');
const wall = $('wall-ms');
const lanes = $('lanes-used');

const playground = createPlayground();

workers.max = String(MAX_WORKERS);
workers.value = String(defaultWorkers());

let catalog = [];

for (const p of PRESETS) preset.append(new Option(p.label, p.id));

function describeWorkload() {
  const entry = catalog.find((w) => w.name === workload.value);
  workloadDescription.textContent = entry ? entry.description : '';
}

function fillCatalog(entries) {
  catalog = entries;
  const chosen = workload.value;
  workload.replaceChildren(...entries.map((w) => new Option(`${w.name}(${w.arg === 'str' ? 'url' : 'n'}): ${w.cpu_bound ? 'CPU-bound' : 'I/O-bound'}`, w.name)));
  workload.value = chosen;
  describeWorkload();
}

workload.addEventListener('change', () => {
  preset.value = '';
  describeWorkload();
});

preset.addEventListener('change', () => {
  const chosen = PRESETS.find((p) => p.id === preset.value);
  if (!chosen) return;
  workload.value = chosen.workload;
  input.value = chosen.items;
  showInputError(null);
  describeWorkload();
});

function showInputError(error) {
  inputError.textContent = error ? (error.display ?? `${error.name}: ${error.message}`) : '';
  inputError.hidden = !error;
  if (error) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

// The most raised items listed one by one; the rest are counted.
const ERRORS_LISTED = 50;

function showItemErrors(results) {
  const raised = results.filter((r) => r.error);
  const rows = raised.slice(0, ERRORS_LISTED).map((r) => {
    const li = document.createElement('li');
    li.textContent = `item ${r.index} (${r.input}): ${r.error.type}: ${r.error.message}`;
    return li;
  });
  if (raised.length > ERRORS_LISTED) {
    const more = document.createElement('li');
    more.textContent = `… and ${raised.length - ERRORS_LISTED} more`;
    rows.push(more);
  }
  $('item-errors').replaceChildren(...rows);
  $('errors').hidden = raised.length === 0;
}

function showReport(report) {
  printed.textContent = report.printed;
  showItemErrors(report.results);
  wall.textContent = `${report.wall_ms.toFixed(2)} ms`;
  lanes.textContent = `${report.lanes_used} of ${report.workers}`;
}

// Errors about the input belong next to the input; any other error goes to the status line.
const INPUT_ERRORS = new Set(['SyntaxError', 'NameError', 'TypeError', 'ValueError', 'OverflowError', 'InputError']);

/** The Chunk size field as the page API takes it: a number, or the text (`auto`, or an error). */
function chunksizeOption() {
  const text = chunksize.value.trim();
  return /^\d+$/.test(text) ? Number(text) : text || 'auto';
}

// The progress bar appears only on runs long enough to need it.
const PROGRESS_AFTER_MS = 300;

function showProgress({ done, total }) {
  progress.max = Math.max(1, total);
  progress.value = done;
  progressText.textContent = `${done} / ${total}`;
}

function describeEnd(report) {
  const raised = report.failed ? `, ${report.failed} raised` : '';
  if (report.stopped === 'cancelled') return `Cancelled: ${report.ok} done, ${report.cancelled} cancelled.`;
  if (report.stopped === 'timeout') return `Timed out: ${report.ok} done${raised}.`;
  return `Done: ${report.results.length} items on ${report.executor}${raised}.`;
}

let controller = null;

cancel.addEventListener('click', () => controller?.abort());

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  controller = new AbortController();
  run.disabled = true;
  cancel.disabled = false;
  status.textContent = 'Running…';
  showInputError(null);
  showProgress({ done: 0, total: 0 });
  const progressTimer = setTimeout(() => {
    progressBox.hidden = false;
  }, PROGRESS_AFTER_MS);
  try {
    const report = await playground.run({
      workload: workload.value,
      items: input.value,
      executor: executor.value,
      workers: workers.valueAsNumber,
      chunksize: chunksizeOption(),
      scheduling: scheduling.value,
      order: order.value,
      timeout_ms: Number.isFinite(timeout.valueAsNumber) ? timeout.valueAsNumber : undefined,
      onprogress: showProgress,
      signal: controller.signal,
    });
    showReport(report);
    status.textContent = describeEnd(report);
  } catch (error) {
    if (INPUT_ERRORS.has(error.name)) {
      showInputError(error);
      status.textContent = 'The input list has an error; nothing ran.';
    } else {
      status.textContent = `${error.name}: ${error.message}`;
    }
  } finally {
    clearTimeout(progressTimer);
    progressBox.hidden = true;
    run.disabled = false;
    cancel.disabled = true;
    controller = null;
  }
});

playground.ready.then(
  (info) => {
    fillCatalog(info.workloads);
    if (!info.isolated) {
      const pool = executor.querySelector('option[value="pool"]');
      pool.disabled = true;
      pool.textContent = 'pool (needs a cross-origin isolated page)';
      $('isolation').hidden = false;
    }
    run.disabled = false;
    status.textContent = info.threaded ? `Ready: pool of ${info.threads} Web Workers.` : 'Ready (single-threaded build).';
    document.documentElement.dataset.ready = 'true';
  },
  (error) => {
    status.textContent = `The playground could not start: ${error.name}: ${error.message}`;
  },
);
