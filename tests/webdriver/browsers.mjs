// The WebDriver browsers, each launched the way this machine kind allows: Debian's Firefox ESR
// through geckodriver, headless; WebKitGTK's MiniBrowser through Debian's WebKitWebDriver,
// which needs a display, so under an Xvfb started here when none is set. playwright-core
// drives only the browsers Playwright downloads, which cannot be downloaded here.
import { execFileSync, spawn } from 'node:child_process';
import { Builder } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import remote from 'selenium-webdriver/remote/index.js';

const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';
const MINIBROWSER = process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

const TIMEOUTS = { script: 120_000, pageLoad: 60_000 };

/** Firefox ESR, headless; resolves to {driver, close()}. */
export async function launchFirefox() {
  const geckodriver = process.env.GECKODRIVER ?? execFileSync('sh', ['-c', 'command -v geckodriver'], { encoding: 'utf8' }).trim();
  const options = new firefox.Options().setBinary(FIREFOX).addArguments('-headless');
  // No calls home from a test browser: this machine's network is closed.
  for (const [pref, value] of Object.entries({
    'app.update.enabled': false,
    'browser.shell.checkDefaultBrowser': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'extensions.update.enabled': false,
  })) options.setPreference(pref, value);
  const driver = await new Builder()
    .forBrowser('firefox')
    .setFirefoxOptions(options)
    .setFirefoxService(new firefox.ServiceBuilder(geckodriver).setStdio('ignore'))
    .build();
  await driver.manage().setTimeouts(TIMEOUTS);
  return { driver, close: () => driver.quit() };
}

/** Starts Xvfb on a free display; resolves to {display, stop()}. */
function startXvfb() {
  return new Promise((resolve, reject) => {
    // -displayfd: Xvfb picks a free display and writes its number to fd 3 once it is ready.
    const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    let number = '';
    xvfb.stdio[3].on('data', (chunk) => {
      number += chunk;
      if (number.includes('\n')) resolve({ display: `:${number.trim()}`, stop: () => xvfb.kill() });
    });
    xvfb.on('error', reject);
    xvfb.on('exit', (code) => reject(new Error(`Xvfb exited with ${code} before it was ready`)));
  });
}

/**
 * WebKitGTK's MiniBrowser; resolves to {driver, close()}. WebKitGTK hides SharedArrayBuffer
 * even on an isolated page; `sharedArrayBuffer: true` exposes it (JSC_useSharedArrayBuffer=1
 * in the environment the web process inherits), as Safari does on an isolated page.
 *
 * JavaScriptCore's concurrent JIT is off (JSC_useConcurrentJIT=0): with it on, WebKitGTK 2.50
 * now and then runs the Python engine wrong while several pool Workers run it at once (README,
 * "WebKit"): the Python docs' is_prime program ended with an error no other engine gives
 * (`UnboundLocalError` for its loop variable) in 9 of 48 fresh loads, and in none of 24 with it
 * off, nor in Chromium, Firefox or natively. A browser bug this suite cannot fix; it tests the
 * page.
 */
export async function launchWebKit({ sharedArrayBuffer }) {
  const xvfb = process.env.DISPLAY ? null : await startXvfb();
  const env = { ...process.env, DISPLAY: process.env.DISPLAY ?? xvfb.display, JSC_useConcurrentJIT: '0' };
  if (sharedArrayBuffer) env.JSC_useSharedArrayBuffer = '1';
  else delete env.JSC_useSharedArrayBuffer;
  const service = new remote.DriverService.Builder(WEBKIT_DRIVER).setLoopback(true).setEnvironment(env).build();
  try {
    const driver = await new Builder()
      .usingServer(await service.start())
      .withCapabilities({ browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } })
      .build();
    await driver.manage().setTimeouts(TIMEOUTS);
    return {
      driver,
      close: async () => {
        await driver.quit().catch(() => {});
        await service.kill();
        xvfb?.stop();
      },
    };
  } catch (error) {
    await service.kill();
    xvfb?.stop();
    throw error;
  }
}
