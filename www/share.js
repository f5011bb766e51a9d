// The form's state in the URL hash, so a link restores it. Everything read back is checked
// against what the form can hold before use; nothing runs on load.
import { EXECUTORS, WORKLOADS } from './playground.js';

const KEYS = {
  workload: 'w', items: 'i', executor: 'e', workers: 'n', chunksize: 'c',
  scheduling: 's', order: 'o', timeout: 't', lang: 'l', code: 'f',
};

/** Longest input list a link may carry; longer text stays out of the address. */
export const MAX_SHARED_ITEMS = 20_000;

/** Longest worker function a link may carry. */
export const MAX_SHARED_CODE = 20_000;

const CHOICES = {
  executor: EXECUTORS,
  scheduling: ['queue', 'work-stealing', 'longest-first'],
  order: ['ordered', 'completed'],
  lang: ['en', 'ko'],
};

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

/** The state a hash holds, keeping only values the form accepts. */
export function decodeState(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const state = {};
  for (const [name, key] of Object.entries(KEYS)) {
    const value = params.get(key);
    if (value === null) continue;
    const ok = {
      workload: () => WORKLOADS.includes(value),
      items: () => value.length <= MAX_SHARED_ITEMS,
      code: () => value.length <= MAX_SHARED_CODE,
      workers: () => /^\d{1,2}$/.test(value),
      chunksize: () => /^(auto|\d{1,7})$/.test(value),
      timeout: () => /^\d{1,9}$/.test(value),
    }[name] ?? (() => CHOICES[name].includes(value));
    if (ok()) state[name] = value;
  }
  return state;
}
