// The Python panel: in Map mode, the program CPython runs for the form's settings
// (python-program.js); in Program mode, the program itself, which is already Python.
import { t } from './i18n.js';
import { copy } from './clipboard.js';
import { pythonProgram } from './python-program.js';
import { fromForm } from '../shared/options.js';

/**
 * The most of a program the panel lays out, its start and its end: a browser lays out a 5 MB
 * input list in the panel for most of a second on every edit, and no one reads it there.
 */
const SHOWN_HEAD = 16_000;
const SHOWN_TAIL = 4_000;

/** `program` as the panel shows it: whole, or its start and end around a note of what is not shown. */
function shown(program) {
  const hidden = program.length - SHOWN_HEAD - SHOWN_TAIL;
  if (hidden <= 0) return program;
  const note = t('python.not-shown', { count: hidden.toLocaleString() });
  return `${program.slice(0, SHOWN_HEAD)} \u2026 ${note} \u2026 ${program.slice(-SHOWN_TAIL)}`;
}

export function mountPythonPanel(store, $) {
  /** The whole program, which Copy copies, however much of it is shown. */
  let whole = '';
  store.watch(['form', 'lang', 'catalog', 'mode', 'program'], ({ form, catalog, mode, program }) => {
    if (mode === 'program') {
      whole = program;
    } else {
      const options = fromForm(form, catalog?.limits.max_workers);
      whole = pythonProgram({ ...form, ...options }, document.baseURI);
    }
    $('python').textContent = shown(whole);
    $('python-help').textContent = t(mode === 'program' ? 'python.help.program' : 'python.help');
  });
  $('copy-python').addEventListener('click', () => copy(whole, $('copy-python-status')));
}
