// Presets: the examples a tutorial starts from. Picking one fills the form; the person can
// then edit anything.
export const PRESETS = [
  { id: 'seed', label: 'seed: Pool.map / executor.map', workload: 'square', items: '[1, 2, 3, 4, 5]' },
  {
    id: 'docs-primes',
    label: 'Python docs: ProcessPoolExecutor example',
    workload: 'is_prime',
    items: '[112272535095293, 112582705942171, 112272535095293,\n 115280095190773, 115797848077099, 1099726899285419]',
  },
  { id: 'io-waits', label: 'I/O-bound: 20 waits of 200 ms', workload: 'sleep_ms', items: '[200] * 20' },
  { id: 'uneven-fib', label: 'uneven CPU work: fib', workload: 'fib', items: '[30, 10, 32, 5, 31, 20, 33, 1]' },
  { id: 'mandelbrot', label: 'Mandelbrot: 600 rows', workload: 'mandelbrot_row', items: 'range(600)' },
];
