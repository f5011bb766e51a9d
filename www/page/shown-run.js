// Which run each output shows. The result, timeline and picture show one run; Compare and
// Scaling charts show a measurement of their own. Each says under its heading what it shows
// (the workload, the items, the executor and workers, when), and once the form no longer
// describes it, it is greyed out and says so: an old chart beside a new result, or an old
// result under an input that failed to parse, read as if they belonged to the form.
//
// `state.shown` holds, per source ('result', 'compare', 'scaling'), the run options it
// measured and when; an element with `data-shows-run="<source>"` is one of that source's
// outputs.
import { t } from './i18n.js';
import { fromForm } from '../shared/options.js';

/** The settings that make a run what it is, per source: Compare runs every executor. */
const SETTINGS = ['workload', 'items', 'code', 'executor', 'workers', 'chunksize', 'scheduling', 'order', 'timeout_ms'];
const COMPARED = SETTINGS.filter((name) => name !== 'executor');
const COMPARES = { result: SETTINGS, compare: COMPARED, scaling: COMPARED };

/** The longest stretch of the items a caption quotes. */
const QUOTED = 40;

const sameRun = (a, b, names) => names.every((name) => (a[name] ?? null) === (b[name] ?? null));
const quoted = (items) => {
  const flat = String(items).replace(/\s+/g, ' ').trim();
  return flat.length > QUOTED ? `${flat.slice(0, QUOTED - 1)}…` : flat;
};

/** The caption of what `run` ({options, at}) measured, for `source`. */
function caption(source, { options, at }) {
  const vars = {
    workload: options.workload, items: quoted(options.items), executor: options.executor, workers: options.workers,
    at: at.toLocaleTimeString(),
  };
  return t(`shows.${source}`, vars);
}

/** Records that `sources` now show a run of `options`, in a state patch's `shown`. */
export function shownNow(shown, sources, options) {
  const at = new Date();
  return Object.fromEntries([...Object.entries(shown ?? {}), ...sources.map((source) => [source, { options, at }])]);
}

export function mountShownRuns(store) {
  const outputs = [...document.querySelectorAll('[data-shows-run]')];
  store.watch(['form', 'shown', 'lang', 'catalog'], ({ form, shown, catalog }) => {
    const now = catalog ? fromForm(form, catalog.limits.max_workers) : null;
    for (const output of outputs) {
      const source = output.dataset.showsRun;
      const run = shown?.[source];
      // Inserted on first use: the result section makes its own markup (result-view.js).
      let line = output.querySelector(':scope > [data-shows]');
      if (!line) {
        line = document.createElement('p');
        line.className = 'note shows';
        line.dataset.shows = '';
        const heading = output.querySelector(':scope > h2');
        if (heading) heading.after(line);
        else output.prepend(line);
      }
      const stale = Boolean(run && now && !sameRun(run.options, now, COMPARES[source]));
      line.hidden = !run;
      line.textContent = run ? [caption(source, run), ...(stale ? [t('shows.stale')] : [])].join(' ') : '';
      output.toggleAttribute('data-stale', stale);
    }
  });
}
