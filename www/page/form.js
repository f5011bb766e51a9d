// The Map form: its fields mirror `state.form` (strings, as fields hold them) both ways; its
// selects list what the catalog names; presets fill it; field errors show under their field,
// the field keeping what was typed.
import { t } from './i18n.js';
import { PRESETS, holdsPreset } from './presets.js';
import { indentOnTab } from './code-box.js';
import { NUMBER_FIELDS, defaultWorkers } from '../shared/options.js';
import { runnable } from '../isolation/doctor.js';

/** The form's fields, by `data-*` hook; `state.form` has one value per field. */
export const FIELDS = Object.freeze(['preset', 'workload', 'items', 'executor', 'workers', 'chunksize', 'scheduling', 'order', 'timeout', 'code']);

/**
 * An input list longer than this is not wrapped in its field: a browser lays out a wrapped 5 MB
 * line for most of a second on each edit, and about half that unwrapped.
 */
const WRAPPED_AT_MOST = 20_000;

export function mountForm(store, $) {
  const mapFields = $('map-fields');
  const fields = Object.fromEntries(FIELDS.map((name) => [name, $(name)]));
  const read = () => Object.fromEntries(FIELDS.map((name) => [name, fields[name].value]));

  /** Puts `state.form` into the fields, leaving alone the ones that already hold it. */
  const write = ({ form: values }) => {
    for (const name of FIELDS) if (fields[name].value !== values[name]) fields[name].value = values[name];
    const wrap = (values.items ?? '').length > WRAPPED_AT_MOST ? 'off' : 'soft';
    if (fields.items.wrap !== wrap) fields.items.wrap = wrap;
    $('code-box').hidden = values.workload !== 'custom';
    describeWorkload(store.state);
  };

  const describeWorkload = ({ catalog, form: values }) => {
    const entry = catalog?.workloads.find((w) => w.name === values.workload);
    $('workload-description').textContent = entry ? `${t(entry.cpu_bound ? 'bound.cpu' : 'bound.io')}: ${t(`desc.${entry.name}`)}` : '';
  };

  /** Lists the presets and what the catalog names, in the page's language. */
  const fillChoices = ({ catalog, doctor, form: values }) => {
    // 'custom': shown once the form no longer holds the preset it started from, never offered.
    const custom = new Option(t('preset.custom'), 'custom');
    custom.hidden = true;
    fields.preset.replaceChildren(new Option(t('preset.none'), ''), ...PRESETS.map((p) => new Option(t(`preset.${p.id}`), p.id)), custom);
    if (catalog) {
      const label = (w) => (w.name === 'custom' ? t('workload.custom') : `${w.name}: ${t(w.cpu_bound ? 'bound.cpu' : 'bound.io')}`);
      fields.workload.replaceChildren(...catalog.workloads.map((w) => new Option(label(w), w.name)));
      fields.executor.replaceChildren(...catalog.executors.map((name) => {
        const option = new Option(t(`executor.${name}`), name);
        if (name === 'pool' && !doctor.executors.includes('pool')) {
          option.textContent = t('executor.pool.unavailable');
          option.disabled = true;
        }
        return option;
      }));
      fields.scheduling.replaceChildren(...catalog.schedulings.map((name) => new Option(t(`scheduling.${name}`), name)));
      fields.order.replaceChildren(...catalog.orders.map((name) => new Option(t(`order.${name}`), name)));
    }
    for (const name of FIELDS) fields[name].value = values[name];
    // A select whose value the catalog does not list takes its first choice; the state follows.
    for (const name of ['workload', 'executor', 'scheduling', 'order']) {
      if (fields[name].selectedIndex === -1 && fields[name].options.length) fields[name].selectedIndex = 0;
    }
    store.update({ form: read() });
    describeWorkload(store.state);
  };

  store.watch(['catalog', 'lang'], fillChoices);
  store.watch(['form'], write);

  /** The form as its fields hold it; a preset edited away from is 'custom'. */
  const changed = () => {
    const values = read();
    const preset = PRESETS.find((p) => p.id === values.preset);
    if (preset && !holdsPreset(preset, values)) values.preset = 'custom';
    store.update({ form: values });
  };
  // The preset menu fills the form itself (below): its own input and change are not an edit.
  const edited = (event) => event.target !== fields.preset && changed();
  mapFields.addEventListener('input', edited);
  mapFields.addEventListener('change', edited);
  fields.preset.addEventListener('change', () => {
    const chosen = PRESETS.find((p) => p.id === fields.preset.value);
    if (!chosen) return changed();
    const executor = runnable(store.state.doctor, chosen.executor);
    const workers = String(chosen.workers ?? defaultWorkers(store.state.catalog?.limits.max_workers));
    return store.update({ form: { ...read(), workload: chosen.workload, items: chosen.items, executor, workers }, inputError: null });
  });
  store.watch(['form', 'lang'], ({ form: values }) => {
    const chosen = PRESETS.find((p) => p.id === values.preset);
    $('preset-lesson').textContent = chosen ? t(`preset.${chosen.id}.lesson`) : '';
  });

  indentOnTab(fields.code, changed);

  /** Shows `message` in `box` under `field` and marks the field invalid; null clears both. */
  const showFieldError = (box, field, message) => {
    box.textContent = message ?? '';
    box.hidden = !message;
    if (message) field.setAttribute('aria-invalid', 'true');
    else field.removeAttribute('aria-invalid');
  };
  const runError = (error) => error && (error.display ?? `${error.name}: ${error.message}`);
  store.watch(['inputError'], ({ inputError }) => showFieldError($('input-error'), fields.items, runError(inputError)));
  store.watch(['codeError'], ({ codeError }) => showFieldError($('code-error'), fields.code, runError(codeError)));
  // The numbers out of range (shared/options.js's formProblems), each with the catalog's limit.
  store.watch(['fieldErrors', 'lang'], ({ fieldErrors }) => {
    for (const name of NUMBER_FIELDS) {
      const problem = fieldErrors?.[name];
      showFieldError($(`${name}-error`), fields[name], problem && t(`field.${name}`, problem));
    }
  });
}
