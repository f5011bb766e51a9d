// The form's state in the URL hash, so a link restores it. What is read back is checked
// against the catalog (shared/options.js) before it reaches the form; nothing runs on load.
// Program mode is `m=p`, its program under `p`; the mode and the program need no catalog, so
// they are read on their own (`decodeProgram`), before the catalog arrives.
import { checkSettings } from '../shared/options.js';

const KEYS = {
  workload: 'w', items: 'i', executor: 'e', workers: 'n', chunksize: 'c',
  scheduling: 's', order: 'o', timeout: 't', lang: 'l', code: 'f',
};

/** Longest input list a link may carry; longer text stays out of the address. */
export const MAX_SHARED_ITEMS = 20_000;

/** Longest worker function, or program, a link may carry. */
export const MAX_SHARED_CODE = 20_000;

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
    if (name === 'items' && value.length > MAX_SHARED_ITEMS) continue;
    if (name === 'code' && (state.workload !== 'custom' || value.length > MAX_SHARED_CODE)) continue;
    params.set(key, value);
  }
  if (programMode && (state.program ?? '').length <= MAX_SHARED_CODE) params.set(PROGRAM_KEY, state.program ?? '');
  return `#${params}`;
}

/** The mode and the program a hash holds: `{mode, program}`, each only where the link has it. */
export function decodeProgram(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const out = {};
  if (params.get(MODE_KEY) === PROGRAM_MODE) out.mode = 'program';
  const program = params.get(PROGRAM_KEY);
  if (program !== null && program.length <= MAX_SHARED_CODE) out.program = program;
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
  if ((raw.items?.length ?? 0) > MAX_SHARED_ITEMS) delete raw.items;
  if ((raw.code?.length ?? 0) > MAX_SHARED_CODE) delete raw.code;
  const checked = checkSettings(raw, catalog);
  const state = {};
  for (const [name, value] of Object.entries(checked)) state[name === 'timeout_ms' ? 'timeout' : name] = String(value);
  if (languages.includes(raw.lang)) state.lang = raw.lang;
  return state;
}
