// The Program form: the code box, which mirrors `state.program` both ways, and the example
// programs' menu, which shows the example the box holds word for word (or none, once edited).
import { t } from './i18n.js';
import { PROGRAM_PRESETS } from './presets.js';
import { indentOnTab } from './code-box.js';

const presetOf = (code) => PROGRAM_PRESETS.find((p) => p.code === code)?.id ?? '';

export function mountProgramForm(store, $) {
  const box = $('program');
  const menu = $('program-preset');

  store.watch(['program'], ({ program }) => {
    if (box.value !== program) box.value = program;
    menu.value = presetOf(program);
  });
  store.watch(['lang'], ({ program }) => {
    menu.replaceChildren(new Option(t('preset.none'), ''), ...PROGRAM_PRESETS.map((p) => new Option(t(`program.preset.${p.id}`), p.id)));
    menu.value = presetOf(program);
  });
  store.watch(['catalog', 'lang'], ({ catalog }) => {
    const budget = catalog ? ` ${t('program.budget', { seconds: catalog.limits.program_timeout_ms / 1000 })}` : '';
    $('program-help').textContent = `${t('program.help')}${budget}`;
  });

  const edited = () => store.update({ program: box.value });
  box.addEventListener('input', edited);
  indentOnTab(box, edited);
  menu.addEventListener('change', () => {
    const chosen = PROGRAM_PRESETS.find((p) => p.id === menu.value);
    if (chosen) store.update({ program: chosen.code });
  });
}
