// The JavaScript peer's kernels: the workloads written in plain JS, the same algorithms as
// src/kernels.rs. sha256_chain has no JS peer: the platform's SHA-256 (crypto.subtle) is
// asynchronous, one promise per round, which measures promises rather than hashing.
export const KERNELS = {
  square: (n) => n * n,
  is_prime: isPrime,
  count_primes: (n) => {
    let count = 0;
    for (let k = 0; k < n; k++) if (isPrime(k)) count++;
    return count;
  },
  fib: function fib(n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
  },
  collatz_steps: (n) => {
    let steps = 0;
    while (n !== 1) {
      n = n % 2 === 0 ? n / 2 : 3 * n + 1;
      steps++;
    }
    return steps;
  },
  mandelbrot_row: (y) => {
    const ci = -1.0 + (2.0 * y) / 599;
    let total = 0;
    for (let px = 0; px < 800; px++) {
      const cr = -2.5 + (3.5 * px) / 799;
      let zr = 0;
      let zi = 0;
      let i = 0;
      while (i < 500) {
        const zr2 = zr * zr;
        const zi2 = zi * zi;
        if (zr2 + zi2 > 4.0) break;
        zi = 2.0 * zr * zi + ci;
        zr = zr2 - zi2 + cr;
        i++;
      }
      total += i;
    }
    return total;
  },
};

function isPrime(n) {
  if (n < 2) return false;
  if (n === 2) return true;
  if (n % 2 === 0) return false;
  const limit = Math.floor(Math.sqrt(n));
  for (let i = 3; i <= limit; i += 2) if (n % i === 0) return false;
  return true;
}
