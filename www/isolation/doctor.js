// The isolation doctor: what this browser and page allow, which executors that leaves, and,
// when the pool is out, what is missing and how to fix it.

// (module (memory 1 1 shared)): valid only where WebAssembly threads are supported.
const SHARED_MEMORY_MODULE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 5, 4, 1, 3, 1, 1]);

/** The facts, and the advice key (see i18n.js) for what keeps the pool out, if anything. */
export function diagnose() {
  const isolated = self.crossOriginIsolated === true;
  const sab = typeof SharedArrayBuffer === 'function';
  const threads = WebAssembly.validate(SHARED_MEMORY_MODULE);
  const framed = window.top !== window;
  const pool = isolated && sab && threads;
  let advice = 'doctor.ok';
  if (!threads) advice = 'doctor.fix.threads';
  else if (!isolated) advice = framed ? 'doctor.fix.iframe' : 'doctor.fix.headers';
  return {
    isolated,
    sab,
    threads,
    cores: navigator.hardwareConcurrency || 1,
    executors: ['sequential', 'async', ...(pool ? ['pool'] : []), 'message-passing'],
    advice,
  };
}
