// The status line of a run that waits for the Python engine's build: `./build.sh serve` builds
// it after the page is up (worker/engine-build.js), and a custom worker or a program run in the
// meantime starts once it is there.
import { t } from './i18n.js';

const clock = (s) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;

/** `waiting` as the page API's `onwait` gets it, in words; once built, the run runs. */
export function describeWait({ state, elapsed_s, usual_s, step, steps }) {
  if (state === 'built') return t('status.running');
  return t('status.engine-building', {
    elapsed: clock(elapsed_s),
    usual: Math.max(1, Math.round(usual_s / 60)),
    step: step && steps ? t('status.engine-building.step', { step, steps }) : '',
  });
}
