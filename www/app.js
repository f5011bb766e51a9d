// The page: reads the form, calls the page API, and renders the report. User text only ever
// reaches the page through textContent.
import { createPlayground, defaultWorkers, MAX_WORKERS } from './playground.js';

const $ = (hook) => document.querySelector(`[data-${hook}]`);

const form = $('form');
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

function showInputError(error) {
  inputError.textContent = error ? (error.display ?? `${error.name}: ${error.message}`) : '';
  inputError.hidden = !error;
  if (error) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

function showReport(report) {
  printed.textContent = report.printed;
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
      items: input.value,
      executor: executor.value,
      workers: workers.valueAsNumber,
    });
    showReport(report);
    status.textContent = `Done: ${report.results.length} items on ${report.executor}.`;
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
