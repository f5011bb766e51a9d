// The form's state in the URL hash, so a link restores it. What is read back is checked
// against the catalog (shared/options.js) before it reaches the form; nothing runs on load.
import { checkSettings } from '../shared/options.js';

const KEYS = {
  workload: 'w', items: 'i', executor: 'e', workers: 'n', chunksize: 'c',
  scheduling: 's', order: 'o', timeout: 't', lang: 'l', code: 'f',
};

/** Longest input list a link may carry; longer text stays out of the address. */
export const MAX_SHARED_ITEMS = 20_000;

/** Longest worker function a link may carry. */
export const MAX_SHARED_CODE = 20_000;

/** The hash for `state` (the form's values as strings). */
export function encodeState(state) {
  const params = new URLSearchParams();
  for (const [name, key] of Object.entries(KEYS)) {
    const value = state[name];
    if (value === undefined || value === '') continue;
    if (name === 'items' && value.length > MAX_SHARED_ITEMS) continue;
    if (name === 'code' && (state.workload !== 'custom' || value.length > MAX_SHARED_CODE)) continue;
    params.set(key, value);
  }
  return `#${params}`;
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
