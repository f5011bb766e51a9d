// Presets: the examples a tutorial starts from. Picking one fills the form; the person can
// then edit anything. Their names are in the language tables (i18n.js), as `preset.<id>` and
// `program.preset.<id>`.
import PROGRAMS from './programs-py.js';

export const PRESETS = [
  { id: 'seed', workload: 'square', items: '[1, 2, 3, 4, 5]' },
  {
    id: 'docs-primes',
    workload: 'is_prime',
    items: '[112272535095293, 112582705942171, 112272535095293,\n 115280095190773, 115797848077099, 1099726899285419]',
  },
  { id: 'io-waits', workload: 'sleep_ms', items: '[200] * 20' },
  { id: 'uneven-fib', workload: 'fib', items: '[30, 10, 32, 5, 31, 20, 33, 1]' },
  { id: 'mandelbrot', workload: 'mandelbrot_row', items: 'range(600)' },
];

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
