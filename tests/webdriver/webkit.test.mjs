// The WebDriver scenarios (scenarios.mjs) in WebKitGTK (Debian's WebKitWebDriver and
// MiniBrowser, under Xvfb), twice: with SharedArrayBuffer exposed, as Safari does on an
// isolated page, where every executor runs; and as WebKitGTK is by default, isolated but
// without SharedArrayBuffer, where the page must start on the single-threaded build, run every
// other executor and say what the pool misses.
import { browserSuite } from './scenarios.mjs';
import { launchWebKit } from './browsers.mjs';

browserSuite('WebKit', () => launchWebKit({ sharedArrayBuffer: true }));
browserSuite('WebKit without SharedArrayBuffer', () => launchWebKit({ sharedArrayBuffer: false }), {
  pool: false,
  missing: /SharedArrayBuffer/,
});
