// Presets: the examples a tutorial starts from, each sized to show its lesson on this
// playground (a CPU preset takes 0.3-2 s sequentially, long enough to watch and for the pool
// to win, but for the Mandelbrot picture, whose 600 rows take about 0.17 s) and set to the
// executor its lesson is about. Picking one fills the form; the person
// can then edit anything, and the menu then says "custom". Their names and lessons are in the
// language tables (i18n.js), as `preset.<id>`, `preset.<id>.lesson` and `program.preset.<id>`.
// A preset without `workers` runs on as many as the machine has cores.
import PROGRAMS from './programs-py.js';

export const PRESETS = [
  { id: 'seed', workload: 'square', items: '[1, 2, 3, 4, 5]', executor: 'pool' },
  {
    id: 'docs-primes',
    workload: 'is_prime',
    items: '[112272535095293, 112582705942171, 112272535095293,\n 115280095190773, 115797848077099, 1099726899285419] * 8',
    executor: 'pool',
  },
  { id: 'uneven-fib', workload: 'fib', items: '[39, 20, 40, 5, 38, 30, 39, 10]', executor: 'pool' },
  { id: 'mandelbrot', workload: 'mandelbrot_row', items: 'range(600)', executor: 'pool' },
  // ThreadPoolExecutor(max_workers=20): every wait in flight at once.
  { id: 'io-waits', workload: 'sleep_ms', items: '[200] * 20', executor: 'async', workers: 20 },
  { id: 'tiny-items', workload: 'square', items: 'range(100000)', executor: 'message-passing' },
];

/** Whether the form still holds preset `p` as it filled it. */
export function holdsPreset(p, form) {
  return form.workload === p.workload && form.items === p.items && form.executor === p.executor;
}

/** The site the example programs' URLs name: `./build.sh serve`'s address. */
const EXAMPLE_SITE = 'http://127.0.0.1:8080/';

/**
 * The example programs of Program mode, as written in python/programs/ (the id is the file's
 * name): the seed blog post's three, then the Python docs' two concurrent.futures examples.
 * The docs' URL example fetches this site's own samples: its URLs name the site the page is
 * served from, so python3 gets the same files while the site is up.
 */
export const PROGRAM_PRESETS = ['seed_threading', 'seed_pool_map', 'seed_executors', 'docs_is_prime', 'docs_load_url']
  .map((id) => ({ id, code: PROGRAMS[id].replaceAll(EXAMPLE_SITE, new URL('./', document.baseURI).href) }));
