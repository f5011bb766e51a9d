// The Python panel: in Map mode, the program CPython runs for the form's settings
// (python-program.js); in Program mode, the program itself, which is already Python.
import { t } from './i18n.js';
import { copy } from './clipboard.js';
import { pythonProgram } from './python-program.js';
import { fromForm } from '../shared/options.js';

export function mountPythonPanel(store, $) {
  store.watch(['form', 'lang', 'catalog', 'mode', 'program'], ({ form, catalog, mode, program }) => {
    if (mode === 'program') {
      $('python').textContent = program;
    } else {
      const options = fromForm(form, catalog?.limits.max_workers);
      $('python').textContent = pythonProgram({ ...form, ...options }, document.baseURI);
    }
    $('python-help').textContent = t(mode === 'program' ? 'python.help.program' : 'python.help');
  });
  $('copy-python').addEventListener('click', () => copy($('python').textContent, $('copy-python-status')));
}
