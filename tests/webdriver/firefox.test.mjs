// The WebDriver scenarios (scenarios.mjs) in Debian's Firefox ESR.
import { browserSuite } from './scenarios.mjs';
import { launchFirefox } from './browsers.mjs';

browserSuite('Firefox', launchFirefox);
