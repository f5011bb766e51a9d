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

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  run.disabled = true;
  status.textContent = 'Running…';
  showInputError(null);
  try {
    const report = await playground.run({
      workload: workload.value,
      items: input.value,
      executor: executor.value,
      workers: workers.valueAsNumber,
    });
    showReport(report);
    const raised = report.failed ? `, ${report.failed} raised` : '';
    status.textContent = `Done: ${report.results.length} items on ${report.executor}${raised}.`;
  } catch (error) {
    if (INPUT_ERRORS.has(error.name)) {
      showInputError(error);
      status.textContent = 'The input list has an error; nothing ran.';
    } else {
      status.textContent = `${error.name}: ${error.message}`;
    }
  } finally {
    run.disabled = false;
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
