// Fails the build loudly when a wasm build's memory is not what the page expects.
//
// The threaded build must import a shared memory: a build without it compiles fine and only
// fails in the browser (DataCloneError when the pool starts). The single-threaded build must
// not, or it cannot run on a page that is not cross-origin isolated.
//
// usage: node tools/check-wasm.mjs <out-dir>/<name> shared|unshared
import { readFileSync } from 'node:fs';

const [base, want] = process.argv.slice(2);
const fail = (why) => {
  console.error(`check-wasm: ${base}: ${why}`);
  process.exit(1);
};

const module = new WebAssembly.Module(readFileSync(`${base}_bg.wasm`));
const memoryImports = WebAssembly.Module.imports(module).filter((i) => i.kind === 'memory');
const glue = readFileSync(`${base}.js`, 'utf8');
const sharedGlue = /new WebAssembly\.Memory\(\{[^}]*shared:\s*true/.test(glue);

if (want === 'shared') {
  // wasm-bindgen renames the import's module (env -> the glue); the name stays `memory`.
  if (!memoryImports.some((i) => i.name === 'memory')) {
    fail('the threaded build does not import its memory (missing --import-memory / --shared-memory?)');
  }
  if (!sharedGlue) fail('the threaded glue does not create a shared WebAssembly.Memory');
} else if (memoryImports.length > 0 || sharedGlue) {
  fail('the single-threaded build uses a shared memory; keep the threaded flags away from it');
}
console.log(`check-wasm: ${base}: ${want} memory as expected`);
