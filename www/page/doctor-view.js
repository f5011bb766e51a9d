// The isolation doctor's view: what this browser and page allow, and what to do when the pool
// is out (isolation/doctor.js finds the facts).
import { t } from './i18n.js';

export function mountDoctor(store, $) {
  store.watch(['lang', 'doctor'], ({ doctor }) => {
    const yes = (v) => t(v ? 'doctor.yes' : 'doctor.no');
    const rows = [
      ['doctor.isolated', yes(doctor.isolated)],
      ['doctor.sab', yes(doctor.sab)],
      ['doctor.threads', yes(doctor.threads)],
      ['doctor.memory', yes(doctor.memory)],
      ['doctor.workers', yes(doctor.workers)],
      ['doctor.cores', String(doctor.cores)],
      ['doctor.executors', doctor.executors.join(', ')],
    ];
    $('doctor').replaceChildren(...rows.flatMap(([key, value]) => {
      const dt = document.createElement('dt');
      dt.textContent = t(key);
      const dd = document.createElement('dd');
      dd.textContent = value;
      return [dt, dd];
    }));
    $('doctor-advice').textContent = t(doctor.advice, { error: doctor.error ?? '' });
    $('isolation').hidden = doctor.executors.includes('pool');
  });
}
