// The full page: its state (store.js) and one view per feature, wired here. Views render
// from the state; the runner (run-controls.js) calls the page API (playground.js). User text
// only ever reaches the page through textContent; every string comes from i18n.js.
import { playground } from './start.js';
import { Store } from './store.js';
import { LANGUAGES, defaultLanguage, language, setLanguage, t, translatePage } from './i18n.js';
import { diagnose } from '../isolation/doctor.js';
import { decodeProgram, decodeState, encodeState, sayLeftOut } from './share.js';
import { copy } from './clipboard.js';
import { defaultWorkers } from '../shared/options.js';
import { FIELDS, mountForm } from './form.js';
import { createRunner, mountRunControls } from './run-controls.js';
import { mountResult } from './result-view.js';
import { mountCompare } from './compare.js';
import { mountScaling } from './scaling.js';
import { mountTimeline } from './timeline.js';
import { mountMandelbrot } from './mandelbrot.js';
import { mountPythonPanel } from './python-panel.js';
import { mountEmbedSnippets } from './embed-snippets.js';
import { mountDoctor } from './doctor-view.js';
import { mountModeSwitch } from './mode.js';
import { mountProgramForm } from './program-form.js';
import { mountOutput } from './program-view.js';
import { mountProgramTimeline } from './program-timeline.js';
import { PROGRAM_PRESETS } from './presets.js';
import { mountShownRuns } from './shown-run.js';

const $ = (hook) => document.querySelector(`[data-${hook}]`);

const hash = location.hash;
const lang = new URLSearchParams(hash.replace(/^#/, '')).get('l');
setLanguage(Object.hasOwn(LANGUAGES, lang ?? '') ? lang : defaultLanguage());
translatePage();

const initialForm = Object.fromEntries(FIELDS.map((name) => [name, $(name).value]));
const sharedProgram = decodeProgram(hash);
const store = new Store({
  mode: sharedProgram.mode ?? 'map',
  form: initialForm,
  program: sharedProgram.program ?? PROGRAM_PRESETS[0].code,
  programReport: null,
  lang: language(),
  catalog: null,
  doctor: diagnose(),
  busy: false,
  status: t('status.starting'),
  progress: null,
  result: null,
  inputError: null,
  codeError: null,
  fieldErrors: null,
  shown: {},
});

const runner = createRunner(store, playground);
mountModeSwitch(store, $);
mountForm(store, $);
mountProgramForm(store, $);
mountRunControls(store, runner, $);
mountResult(store, $);
mountOutput(store, $);
mountProgramTimeline(store, $);
mountCompare(store, runner, $);
mountScaling(store, runner, $);
mountTimeline(store, $);
mountMandelbrot(store, $);
mountPythonPanel(store, $);
mountEmbedSnippets(store, $);
mountDoctor(store, $);
mountShownRuns(store);

// The language select, and the address that restores the form.
$('language').replaceChildren(...Object.entries(LANGUAGES).map(([code, name]) => new Option(name, code)));
$('language').value = language();
$('language').addEventListener('change', () => {
  setLanguage($('language').value);
  translatePage();
  store.update({ lang: language() });
});
store.watch(['form', 'lang', 'mode', 'program'], ({ form, lang: current, mode, program }) => {
  const state = { ...form, lang: current, mode, program };
  // Only when the address changes: Chromium's replaceState saves the form's fields with the
  // history entry, a second for every edit of a 5 MB input list that the link leaves out anyway.
  const hash = encodeState(state);
  if (store.state.catalog && hash !== (location.hash || '#')) history.replaceState(null, '', hash);
  const note = sayLeftOut('share.left-out', state);
  $('link-left-out').textContent = note;
  $('link-left-out').hidden = !note;
});
$('copy-link').addEventListener('click', () => copy(location.href, $('status')));

playground.ready.then(
  (info) => {
    const shared = decodeState(hash, info.catalog, Object.keys(LANGUAGES));
    // The compute Worker's facts replace the page's: it knows whether the pool really started.
    store.update({ catalog: info.catalog, doctor: diagnose(info.support) });
    const workers = String(defaultWorkers(info.catalog.limits.max_workers));
    store.update({
      form: { ...store.state.form, workers, ...shared },
      status: info.threaded ? t('status.ready.pool', { threads: info.threads }) : t('status.ready.single'),
    });
    document.documentElement.dataset.ready = 'true';
  },
  (error) => store.update({ status: t('status.failed', { error: `${error.name}: ${error.message}` }) }),
);
