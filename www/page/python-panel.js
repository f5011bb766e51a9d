// The Python panel: the program CPython runs for the form's settings (python-program.js).
import { copy } from './clipboard.js';
import { pythonProgram } from './python-program.js';
import { fromForm } from '../shared/options.js';

export function mountPythonPanel(store, $) {
  store.watch(['form', 'lang', 'catalog'], ({ form, catalog }) => {
    const options = fromForm(form, catalog?.limits.max_workers);
    $('python').textContent = pythonProgram({ ...form, ...options }, document.baseURI);
  });
  $('copy-python').addEventListener('click', () => copy($('python').textContent, $('copy-python-status')));
}
