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
  if (program.length <= SHOWN_HEAD + SHOWN_TAIL) return program;
  // Cut between characters, never inside a surrogate pair (an emoji in a string item).
  const head = SHOWN_HEAD - (/[\uD800-\uDBFF]/.test(program[SHOWN_HEAD - 1]) ? 1 : 0);
  const tail = program.length - SHOWN_TAIL + (/[\uDC00-\uDFFF]/.test(program[program.length - SHOWN_TAIL]) ? 1 : 0);
  const note = t('python.not-shown', { count: (tail - head).toLocaleString() });
  return `${program.slice(0, head)} \u2026 ${note} \u2026 ${program.slice(tail)}`;
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
