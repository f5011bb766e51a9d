// Cross-origin isolation on hosts that cannot set headers (GitHub Pages and the like): the
// technique of coi-serviceworker. A service worker (coi-sw.js, at the top of the site so that
// its scope covers the pages) adds COOP/COEP to every response of this site; the page reloads
// once, under it, and is isolated. It never loops: after one reload that did not isolate the
// page, it gives up and the page runs without the pool. In an iframe it registers the worker
// without the reload (see below).
//
// A published site (tools/dist.mjs) loads this script with `data-offline`: there the service
// worker also keeps the site for offline use, so it is registered on isolated pages too (with
// no reload: they need none).
//
// Turn it off with ?coi=off in the address (remembered for the tab's session; it also removes
// the service worker, from the next load on), or by not loading this script. A classic script,
// before the modules: it must act before they start. The pages that load it are at the top of
// the site, so the worker's address is the page's.
(() => {
  const KEY = 'map-playground:coi';
  const params = new URLSearchParams(location.search);
  if (params.get('coi') === 'off') {
    // Off: no new registration, and the one already here goes; the next load is plain.
    sessionStorage.setItem(KEY, 'off');
    // This site's registration only: another site on this origin keeps its own.
    navigator.serviceWorker?.getRegistration(new URL('./', document.baseURI).href).then((r) => {
      if (r?.active?.scriptURL.endsWith('/coi-sw.js')) r.unregister();
    });
  }
  if (params.get('coi') === 'on') sessionStorage.removeItem(KEY);
  const state = sessionStorage.getItem(KEY);
  if (state === 'off' || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  const script = new URL('coi-sw.js', document.baseURI);
  const framed = window.top !== window;
  if (self.crossOriginIsolated) {
    // Offline is for the site a person opens, not for every site that embeds it.
    if (!framed && document.currentScript.hasAttribute('data-offline')) navigator.serviceWorker.register(script).catch(() => {});
    return;
  }
  // In an iframe a reload cannot help now: an isolated host page does not load a frame served
  // without the headers, so a frame that loaded without them has a host that is not isolated,
  // and neither is the frame, whatever its own responses say. The service worker is still
  // registered, without the reload: should the host isolate itself later (with a service
  // worker of its own, say), the frame's next load comes with the headers it then needs.
  if (state === 'reloaded') {
    // The reload under the service worker did not isolate the page (a browser that does not
    // honour the headers from a service worker, say): stop here, once and for all this session.
    sessionStorage.setItem(KEY, 'gave-up');
    return;
  }
  if (state === 'gave-up') return;
  navigator.serviceWorker.register(script).then(
    (registration) => {
      const reload = () => {
        sessionStorage.setItem(KEY, 'reloaded');
        location.reload();
      };
      if (framed) return;
      if (navigator.serviceWorker.controller) reload();
      else {
        const worker = registration.installing ?? registration.waiting ?? registration.active;
        if (worker?.state === 'activated') reload();
        else {
          worker?.addEventListener('statechange', () => {
            if (worker.state === 'activated') reload();
            // It failed to install: the page runs as it is, without the pool.
            else if (worker.state === 'redundant') sessionStorage.setItem(KEY, 'gave-up');
          });
        }
      }
    },
    () => sessionStorage.setItem(KEY, 'gave-up'),
  );
})();
