// Fetching a build's wasm, and waiting for one that is still being built. The Python engine's
// builds are the big ones and are built last: `./build.sh serve` starts serving as soon as the
// small builds exist and builds the engine while it serves. A build that is not there (404)
// asks the server whether one is coming (/build-status.json, which tools/serve.mjs serves from
// what build.sh writes) and, while it is being built, waits for it and tells `onwait` how far
// it got. Where none is coming (a static host, a failed build), it fails saying which build is
// missing and how to make it.

/** How often a run that waits for a build asks again. */
const POLL_MS = 1000;

/**
 * Fetches `url` (a build's wasm); `onwait({state: 'building', elapsed_s, usual_s, step, steps,
 * what})` while it is being built, then `onwait({state: 'built'})` once it is there. Aborting
 * `signal` ends the wait; `method: 'HEAD'` only waits for it to be there.
 */
export async function fetchBuild(url, { onwait, signal, method = 'GET' }) {
  let builtOnce = false;
  let waited = false;
  for (;;) {
    signal.throwIfAborted();
    const response = await fetch(url, { signal, method });
    if (response.ok) {
      if (waited) onwait({ state: 'built' });
      return response;
    }
    if (response.status !== 404) throw buildError(`${folder(url)} could not be loaded: the server answered ${response.status}`);
    const status = await buildStatus(url);
    if (status?.state === 'building') {
      waited = true;
      onwait({
        state: 'building',
        elapsed_s: Math.max(0, status.now - status.started),
        usual_s: status.usual_s,
        step: status.step ?? null,
        steps: status.steps ?? null,
        what: status.what ?? null,
      });
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    } else if (status?.state === 'done' && !builtOnce) {
      // Built between the fetch and the question: fetch it once more.
      builtOnce = true;
    } else if (status?.state === 'failed') {
      throw buildError(`the build of ${folder(url)} failed: its output is in the terminal that runs ./build.sh serve`);
    } else if (/\/r\/\w+\/[^/]+\/[^/]+$/.test(url.pathname)) {
      // A published site (tools/dist.mjs) whose release this page belongs to was replaced.
      throw buildError(`${folder(url)} of this page's version is gone: the site was updated since the page loaded; reload the page`);
    } else {
      throw buildError(`${folder(url)} is not on this server: \`./build.sh build\` makes it`);
    }
  }
}

async function buildStatus(url) {
  try {
    const response = await fetch(new URL('../build-status.json', url), { cache: 'no-store' });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

function folder(url) {
  return new URL('.', url).pathname.split('/').filter(Boolean).pop() + '/';
}

function buildError(message) {
  const error = new Error(message);
  error.name = 'BuildMissing';
  return error;
}
