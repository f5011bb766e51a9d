// The isolation doctor: what this browser and page allow, which executors that leaves, and,
// when the pool is out, what is missing and how to fix it. The facts are threads.js's: the
// page's own until the compute Worker is ready, then the compute Worker's, which also says
// whether the threaded build really started there.
import { threadSupport } from './threads.js';

/** The advice key (see i18n.js) for each thing the pool can miss; 'start': it failed anyway. */
const ADVICE = {
  threads: 'doctor.fix.threads',
  sab: 'doctor.fix.sab',
  sharedMemory: 'doctor.fix.memory',
  sendMemory: 'doctor.fix.send',
  workers: 'doctor.fix.workers',
  start: 'doctor.fix.start',
};

/**
 * `executor`, where `doctor` (diagnose's) lists it; else the pool's stand-in, message-passing,
 * the pool with separate memory that runs everywhere.
 */
export function runnable(doctor, executor) {
  return doctor.executors.includes(executor) ? executor : 'message-passing';
}

/**
 * The facts of `support` (threads.js's, the compute Worker's once it is ready), the executors
 * they leave, and the advice key for what keeps the pool out, with `error`, the browser's words.
 */
export function diagnose(support = threadSupport(self)) {
  const pool = support.missing === null;
  let advice = 'doctor.ok';
  if (support.missing === 'isolated') advice = window.top !== window ? 'doctor.fix.iframe' : 'doctor.fix.headers';
  else if (!pool) advice = ADVICE[support.missing] ?? 'doctor.fix.start';
  return {
    isolated: support.isolated,
    sab: support.sab,
    threads: support.threads,
    memory: support.sendMemory,
    workers: support.workers,
    cores: navigator.hardwareConcurrency || 1,
    executors: ['sequential', 'async', ...(pool ? ['pool'] : []), 'message-passing'],
    advice,
    error: support.error,
  };
}
