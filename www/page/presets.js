// Presets: the examples a tutorial starts from. Picking one fills the form; the person can
// then edit anything. Their names are in the language tables (i18n.js), as `preset.<id>`.
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
