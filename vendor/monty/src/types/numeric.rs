//! Rounding helpers shared by immediate and heap-allocated numbers.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::Pow;

use crate::{
    bytecode::VM,
    exception_private::{ExcType, RunResult, SimpleException},
    heap::Heap,
    types::LongInt,
    value::Value,
};

/// Resolves numeric rounding precision through `__index__`, clamping huge integers.
/// User `__round__` methods receive the original argument instead of using this helper.
pub(crate) fn round_digits(ndigits: Option<&Value>, vm: &mut VM<'_>) -> RunResult<Option<i64>> {
    match ndigits {
        None | Some(Value::None) => Ok(None),
        Some(value) => value.saturating_index(vm).map(Some),
    }
}

/// Rounds a small integer without losing precision, promoting an overflowing result.
pub(crate) fn round_int(n: i64, digits: Option<i64>, heap: &Heap) -> Value {
    if let Some(d) = digits.filter(|d| *d < 0) {
        // Any divisor >= 10**20 rounds an i64 to zero; smaller intermediates fit i128.
        let result = match u32::try_from(d.unsigned_abs()) {
            Ok(exp @ ..=19) => {
                let factor = 10_i128.pow(exp);
                let n = i128::from(n);
                let mut q = n / factor;
                let r2 = (n % factor).abs() * 2;
                if r2 > factor || (r2 == factor && q % 2 != 0) {
                    q += if n < 0 { -1 } else { 1 };
                }
                q * factor
            }
            _ => 0,
        };
        match i64::try_from(result) {
            Ok(i) => Value::Int(i),
            Err(_) => LongInt::new(BigInt::from(result)).into_value(heap),
        }
    } else {
        Value::Int(n)
    }
}

/// Rounds a wide integer to a multiple of `10**k`, with ties to even.
pub(crate) fn round_bigint(n: &BigInt, k: u64, heap: &Heap) -> Value {
    let digit_bound = n.bits().saturating_mul(30_103) / 100_000 + 1;
    if k > digit_bound {
        return Value::Int(0);
    }
    let factor = Pow::pow(BigInt::from(10u8), k);
    let (quotient, remainder) = n.div_mod_floor(&factor);
    let twice_remainder = remainder << 1u32;
    let quotient = if twice_remainder > factor || (twice_remainder == factor && quotient.is_odd()) {
        quotient + 1
    } else {
        quotient
    };
    LongInt::new(quotient * factor).into_value(heap)
}

/// Rounds a float, returning an integer only when precision is omitted or `None`.
pub(crate) fn round_float(value: f64, digits: Option<i64>, heap: &Heap) -> RunResult<Value> {
    if let Some(digits) = digits {
        round_float_to_digits(value, digits).map(Value::Float)
    } else {
        LongInt::value_from_f64(bankers_round(value), heap)
    }
}

/// Rounds to the nearest integer, breaking ties toward an even integer.
fn bankers_round(value: f64) -> f64 {
    let floor = value.floor();
    let frac = value - floor;
    if frac < 0.5 {
        floor
    } else if frac > 0.5 {
        floor + 1.0
    } else if floor % 2.0 == 0.0 {
        floor
    } else {
        floor + 1.0
    }
}

/// Rounds to `digits` decimal places (tens, hundreds for negative `digits`) as CPython's
/// `round(x, ndigits)` does: half to even on the exact binary value, written out in decimal,
/// and read back, as its `double_round` does with `_Py_dg_dtoa`'s mode 3. Scaling by a power
/// of ten first is inexact: 2.675 is 2.67499999999999982236431605997495353221893310546875, so
/// `round(2.675, 2)` is 2.67. Saturates extreme precisions and keeps a zero's sign, as CPython.
fn round_float_to_digits(value: f64, digits: i64) -> RunResult<f64> {
    // CPython's NDIGITS_MAX and NDIGITS_MIN: beyond them the value is returned, or its zero.
    if !value.is_finite() || digits > 323 {
        return Ok(value);
    }
    if digits < -308 {
        return Ok(0.0_f64.copysign(value));
    }
    let magnitude = value.abs();
    let text = match usize::try_from(digits) {
        // Rust's fixed-point formatting is exact, ties to even, as dtoa's mode 3.
        Ok(places) => format!("{magnitude:.places$}"),
        Err(_) => round_whole_digits(magnitude, digits.unsigned_abs()),
    };
    let rounded: f64 = text.parse().expect("a rounded decimal parses");
    if rounded.is_infinite() {
        return Err(SimpleException::new_msg(ExcType::OverflowError, "rounded value too large to represent").into());
    }
    Ok(rounded.copysign(value))
}

/// `magnitude` rounded to a multiple of `10 ** places`, half to even, as decimal text: its
/// whole part's digits (an integral float prints exactly) rounded by hand, any fraction
/// breaking a tie upwards.
fn round_whole_digits(magnitude: f64, places: u64) -> String {
    let whole = format!("{:.0}", magnitude.trunc());
    let places = usize::try_from(places).expect("at most 308 places");
    // Zeros in front, so that at least one digit is kept.
    let mut all = vec![b'0'; (places + 1).saturating_sub(whole.len())];
    all.extend_from_slice(whole.as_bytes());
    let (kept, dropped) = all.split_at(all.len() - places);
    let mut kept = kept.to_vec();
    let round_up = dropped.split_first().is_some_and(|(&first, rest)| {
        first > b'5'
            || (first == b'5'
                && (rest.iter().any(|&d| d != b'0') || magnitude.fract() != 0.0 || kept[kept.len() - 1] % 2 == 1))
    });
    if round_up {
        match kept.iter().rposition(|&d| d != b'9') {
            Some(last) => {
                kept[last] += 1;
                kept[last + 1..].fill(b'0');
            }
            None => {
                kept.fill(b'0');
                kept.insert(0, b'1');
            }
        }
    }
    format!("{}e{places}", String::from_utf8(kept).expect("ASCII digits"))
}
