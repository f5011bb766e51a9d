// The form's state in the URL hash, so a link restores it. What is read back is checked
// against the catalog (shared/options.js) before it reaches the form; nothing runs on load.
// Program mode is `m=p`, its program under `p`; the mode and the program need no catalog, so
// they are read on their own (`decodeProgram`), before the catalog arrives.
import { checkSettings } from '../shared/options.js';
import { t } from './i18n.js';

const KEYS = {
  workload: 'w', items: 'i', executor: 'e', workers: 'n', chunksize: 'c',
  scheduling: 's', order: 'o', timeout: 't', lang: 'l', code: 'f',
};

/** Longest input list a link may carry; longer text stays out of the address. */
export const MAX_SHARED_ITEMS = 20_000;

/** Longest worker function, or program, a link may carry. */
export const MAX_SHARED_CODE = 20_000;

/** The most each long field may hold to travel in a link (or an embed snippet). */
const MAX_SHARED = { items: MAX_SHARED_ITEMS, code: MAX_SHARED_CODE, program: MAX_SHARED_CODE };

/** Whether `value` of `field` (a key of MAX_SHARED) is short enough for a link. */
const fits = (field, value) => (value ?? '').length <= MAX_SHARED[field];

/** Whether a link, or an embed snippet, carries the form's worker code: only `custom` runs it. */
export const carriesCode = (form) => form.workload === 'custom';

/**
 * The fields of `state` that a link, and an embed snippet, leave out for being too long:
 * `[{field, length, max}]` (`field` is 'items', 'code' or 'program'), for the mode `state` is
 * in; empty when the link carries everything that mode runs. The page says so beside the link.
 */
export function leftOut(state) {
  const fields = state.mode === 'program' ? ['program'] : carriesCode(state) ? ['items', 'code'] : ['items'];
  return fields
    .filter((field) => !fits(field, state[field]))
    .map((field) => ({ field, length: state[field].length, max: MAX_SHARED[field] }));
}

/**
 * `leftOut(state)` in words, by the i18n `key` of a field's sentence, with how to shorten a long
 * input list; '' for none.
 */
export function sayLeftOut(key, state) {
  const fields = leftOut(state);
  const said = fields.map(({ field, length, max }) => t(key, { what: t(field), length: length.toLocaleString(), max: max.toLocaleString() }));
  if (fields.some(({ field }) => field === 'items')) said.push(t('share.long-list'));
  return said.join(' ');
}

/** The mode's key, and its value for Program mode; Map mode, the default, is left out. */
const MODE_KEY = 'm';
const PROGRAM_MODE = 'p';
/** The program's key. */
const PROGRAM_KEY = 'p';

/**
 * The hash for `state` (the form's values as strings, and `mode` and `program`); the program
 * goes only with Program mode.
 */
export function encodeState(state) {
  const params = new URLSearchParams();
  const programMode = state.mode === 'program';
  if (programMode) params.set(MODE_KEY, PROGRAM_MODE);
  for (const [name, key] of Object.entries(KEYS)) {
    const value = state[name];
    if (value === undefined || value === '') continue;
    if (name in MAX_SHARED && !fits(name, value)) continue;
    if (name === 'code' && !carriesCode(state)) continue;
    params.set(key, value);
  }
  if (programMode && fits('program', state.program)) params.set(PROGRAM_KEY, state.program ?? '');
  return `#${params}`;
}

/** The mode and the program a hash holds: `{mode, program}`, each only where the link has it. */
export function decodeProgram(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const out = {};
  if (params.get(MODE_KEY) === PROGRAM_MODE) out.mode = 'program';
  const program = params.get(PROGRAM_KEY);
  if (program !== null && fits('program', program)) out.program = program;
  return out;
}

/**
 * The form state a hash holds (strings, as the form's fields hold them), keeping only what the
 * catalog accepts and `languages` lists.
 */
export function decodeState(hash, catalog, languages) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const raw = {};
  for (const [name, key] of Object.entries(KEYS)) {
    const value = params.get(key);
    if (value !== null) raw[name] = value;
  }
  if (!fits('items', raw.items)) delete raw.items;
  if (!fits('code', raw.code)) delete raw.code;
  const checked = checkSettings(raw, catalog);
  const state = {};
  for (const [name, value] of Object.entries(checked)) state[name === 'timeout_ms' ? 'timeout' : name] = String(value);
  if (languages.includes(raw.lang)) state.lang = raw.lang;
  return state;
}
