// The single-threaded build of the wasm (www/pkg-st, from `./build.sh build`), loaded in Node:
// the unit tests check the page's modules against the real catalog and the real option rules.
import { readFileSync } from 'node:fs';

const PKG = new URL('../../www/pkg-st/', import.meta.url);

export async function loadWasm() {
  const wasm = await import(new URL('map_playground.js', PKG));
  await wasm.default({ module_or_path: readFileSync(new URL('map_playground_bg.wasm', PKG)) });
  return wasm;
}
