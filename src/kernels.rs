//! The CPU-bound workloads as plain Rust functions: no web types, no I/O, unit-tested natively.
//!
//! Each is a faithful port of the reference Python function of the same name (the project's
//! copy is `tests/oracle/workloads.py`): same algorithm, same cost shape, same result for every
//! input in the domain. Domains are checked by the caller ([`crate::workload`]); these only take
//! inputs inside them, and still never panic outside them.

use sha2::{Digest, Sha256};

/// `is_prime(n)`: trial division by odd numbers up to the exact integer square root.
///
/// The divisions are the cost, and a 32-bit division is several times cheaper than a 64-bit
/// one on x86. Native code gets the cheap one where the operands fit from LLVM's bypass of
/// slow division; wasm engines do not, so this takes the 32-bit path itself where `n` fits,
/// as every `count_primes` item does.
pub fn is_prime(n: u64) -> bool {
    match u32::try_from(n) {
        Ok(small) => trial_division_u32(small),
        Err(_) => trial_division_u64(n),
    }
}

/// Trial division at one integer width; the square root bounds the divisors, so they fit too.
macro_rules! trial_division {
    ($name:ident, $int:ty) => {
        fn $name(n: $int) -> bool {
            if n < 2 {
                return false;
            }
            if n == 2 {
                return true;
            }
            if n.is_multiple_of(2) {
                return false;
            }
            // isqrt(n) <= sqrt(n), which fits the width of n.
            let limit = isqrt(u64::from(n)) as $int;
            let mut i: $int = 3;
            while i <= limit {
                if n.is_multiple_of(i) {
                    return false;
                }
                i += 2;
            }
            true
        }
    };
}

trial_division!(trial_division_u32, u32);
trial_division!(trial_division_u64, u64);

/// Python's `math.isqrt`: the largest r with r * r <= n.
pub fn isqrt(n: u64) -> u64 {
    let mut r = (n as f64).sqrt() as u64;
    while r.checked_mul(r).is_none_or(|sq| sq > n) {
        r -= 1;
    }
    while (r + 1).checked_mul(r + 1).is_some_and(|sq| sq <= n) {
        r += 1;
    }
    r
}

/// `count_primes(n)`: how many primes are below n, each tested by [`is_prime`].
pub fn count_primes(n: u64) -> u64 {
    (0..n).filter(|&k| is_prime(k)).count() as u64
}

/// `fib(n)`: naive recursive Fibonacci, exponential on purpose. fib(92) is the largest in u64;
/// the domain stops at 50.
pub fn fib(n: u32) -> u64 {
    if n < 2 {
        u64::from(n)
    } else {
        fib(n - 1).wrapping_add(fib(n - 2))
    }
}

/// `collatz_steps(n)`: steps of the 3n+1 map until 1, for n >= 1. Trajectories from below
/// 10**12 stay far below 2**128; `None` would mean one did not.
pub fn collatz_steps(n: u64) -> Option<u64> {
    let mut n = u128::from(n);
    let mut steps = 0;
    while n != 1 {
        n = if n % 2 == 0 { n / 2 } else { n.checked_mul(3)?.checked_add(1)? };
        steps += 1;
    }
    Some(steps)
}

/// Rounds of [`sha256_chain`], as in the reference's default argument.
pub const SHA256_ROUNDS: u32 = 10_000;

/// `sha256_chain(n)`: SHA-256 of `str(n)`, then of each 32-byte digest, `rounds` times in all;
/// the last digest in lowercase hex.
pub fn sha256_chain(n: i64, rounds: u32) -> String {
    let mut digest = Sha256::digest(n.to_string().as_bytes());
    for _ in 1..rounds {
        digest = Sha256::digest(digest);
    }
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The picture `mandelbrot_row` computes a row of: width, height, iteration cap.
pub const MANDEL_WIDTH: u32 = 800;
/// Rows in the picture; `y` is from 0 to `MANDEL_HEIGHT - 1`.
pub const MANDEL_HEIGHT: u32 = 600;
/// The escape-time iteration cap.
pub const MANDEL_MAX_ITER: u32 = 500;

/// `mandelbrot_row(y)`: escape-time counts summed over pixel row y of the view
/// x in [-2.5, 1.0], y in [-1.0, 1.0]. The same IEEE operations in the same order as the
/// Python (Rust never fuses a multiply and an add on its own), so the sum matches bit for bit.
pub fn mandelbrot_row(y: u32) -> u64 {
    mandelbrot_row_into(y, None)
}

/// [`mandelbrot_row`], also keeping each pixel's count in `pixels` when given: the page draws
/// the picture from them at no extra cost.
pub fn mandelbrot_row_into(y: u32, mut pixels: Option<&mut Vec<u16>>) -> u64 {
    let ci = -1.0 + 2.0 * f64::from(y) / f64::from(MANDEL_HEIGHT - 1);
    let mut total = 0u64;
    for px in 0..MANDEL_WIDTH {
        let cr = -2.5 + 3.5 * f64::from(px) / f64::from(MANDEL_WIDTH - 1);
        let (mut zr, mut zi) = (0.0f64, 0.0f64);
        let mut i = 0;
        while i < MANDEL_MAX_ITER {
            let (zr2, zi2) = (zr * zr, zi * zi);
            if zr2 + zi2 > 4.0 {
                break;
            }
            zi = 2.0 * zr * zi + ci;
            zr = zr2 - zi2 + cr;
            i += 1;
        }
        total += u64::from(i);
        if let Some(pixels) = pixels.as_deref_mut() {
            pixels.push(i as u16);
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primes_as_the_python_docs_example() {
        let primes = [
            112272535095293u64,
            112582705942171,
            112272535095293,
            115280095190773,
            115797848077099,
            1099726899285419,
        ];
        let got: Vec<_> = primes.iter().map(|&n| is_prime(n)).collect();
        assert_eq!(got, [true, true, true, true, true, false]);
        assert_eq!((0..20).filter(|&n| is_prime(n)).collect::<Vec<_>>(), [2, 3, 5, 7, 11, 13, 17, 19]);
        assert!(!is_prime(25) && !is_prime(49) && is_prime(1_000_000_007));
        // Both widths, at the edge where the 32-bit path ends.
        assert!(is_prime(4_294_967_291) && !is_prime(u64::from(u32::MAX)) && is_prime(4_294_967_311));
        assert!(!is_prime(4_294_967_297) && is_prime(999_999_999_989));
    }

    #[test]
    fn isqrt_is_exact_at_the_edges() {
        for n in
            [0, 1, 2, 3, 4, 15, 16, 17, u64::from(u32::MAX) * u64::from(u32::MAX), u64::MAX, (1 << 53) + 1]
        {
            let r = isqrt(n);
            assert!(u128::from(r) * u128::from(r) <= u128::from(n));
            assert!(u128::from(r + 1) * u128::from(r + 1) > u128::from(n));
        }
    }

    #[test]
    fn counts_fibs_and_collatz_match_known_values() {
        assert_eq!(count_primes(0), 0);
        assert_eq!(count_primes(100), 25);
        assert_eq!(count_primes(10_000), 1229);
        assert_eq!([0, 1, 2, 10, 30].map(fib), [0, 1, 1, 55, 832_040]);
        assert_eq!(collatz_steps(1), Some(0));
        assert_eq!(collatz_steps(27), Some(111));
        assert_eq!(collatz_steps(1_000_000_000_000), Some(146));
    }

    #[test]
    fn sha256_chain_of_seven_matches_cpython() {
        assert_eq!(sha256_chain(7, 1), "7902699be42c8a8e46fbbb4501726517e86b22c56a189f7625a6da49081b2451");
        assert_eq!(
            sha256_chain(7, SHA256_ROUNDS),
            "c7b955444a11d8cd4dc52968fd307806f9b21813c2df1342243ab7f85ac58f6f"
        );
    }

    #[test]
    fn mandelbrot_rows_match_cpython() {
        assert_eq!([0, 150, 300].map(mandelbrot_row), [2522, 99431, 196485]);
        let mut pixels = Vec::new();
        assert_eq!(mandelbrot_row_into(150, Some(&mut pixels)), 99431);
        assert_eq!(pixels.len(), MANDEL_WIDTH as usize);
        assert_eq!(pixels.iter().map(|&p| u64::from(p)).sum::<u64>(), 99431);
    }
}
