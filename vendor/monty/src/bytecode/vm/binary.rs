//! Unary, binary and in-place operation helpers for the VM.

use super::VM;
use crate::{
    defer_drop,
    exception_private::{ExcType, ExcTypeExt, RunError, RunResult},
    heap::DropGuard,
    types::{
        PyTrait,
        str::{PyStr, concat_allocate_str},
    },
    value::Value,
};

impl VM<'_> {
    /// Unary minus (`-x`).
    pub(super) fn unary_neg(&mut self) -> Result<(), RunError> {
        self.unary_op(PyTrait::py_neg_impl, "-")
    }

    /// Unary plus (`+x`) — an identity for numbers, but not for `bool`
    /// (`+True` is `1`) or a `Counter` (which drops its non-positive counts).
    pub(super) fn unary_pos(&mut self) -> Result<(), RunError> {
        self.unary_op(PyTrait::py_pos_impl, "+")
    }

    /// Bitwise inversion (`~x`).
    pub(super) fn unary_invert(&mut self) -> Result<(), RunError> {
        self.unary_op(PyTrait::py_invert_impl, "~")
    }

    /// Binary addition.
    pub(super) fn binary_add(&mut self) -> Result<(), RunError> {
        if self.small_int_op(i64::checked_add) {
            return Ok(());
        }
        self.binary_add_general()
    }

    /// `+` on anything but two small ints with a small sum (kept out of
    /// [`Self::binary_add`], so that the dispatch loop inlines its fast path, and the
    /// path `BinaryAddInt` falls back to).
    #[inline(never)]
    fn binary_add_general(&mut self) -> Result<(), RunError> {
        if let Some(joined) = self.add_strs() {
            return joined;
        }
        self.binary_op(|lhs, rhs, vm| lhs.py_add(rhs, vm))
    }

    /// `+` (or `+=`) of two strs, joined here as CPython 3.11's `BINARY_OP_ADD_UNICODE`
    /// does; `None`, with the stack untouched, when either operand is not a str.
    ///
    /// The general path reaches the same join (`concat_allocate_str`) through the reflected
    /// operator protocol, a `PyValue` of the left operand and the str's own dispatch on the
    /// right one. Out of line, so the small-int path before it keeps its registers.
    #[inline(never)]
    fn add_strs(&mut self) -> Option<Result<(), RunError>> {
        let [lhs, rhs] = self.stack.last_chunk::<2>()?;
        let lhs = PyStr::from_value(lhs, self)?;
        let rhs = PyStr::from_value(rhs, self)?;
        let joined = concat_allocate_str(lhs.as_str(self), rhs.as_str(self), self.heap);
        drop((lhs, rhs));
        let rhs = self.pop();
        rhs.drop_with(self);
        let lhs = self.pop();
        lhs.drop_with(self);
        Some(match joined {
            Ok(value) => {
                self.push(value);
                Ok(())
            }
            Err(err) => Err(err.into()),
        })
    }

    /// Binary subtraction.
    pub(super) fn binary_sub(&mut self) -> Result<(), RunError> {
        if self.small_int_op(i64::checked_sub) {
            return Ok(());
        }
        self.binary_sub_general()
    }

    /// `-` on anything but two small ints with a small difference (as
    /// [`Self::binary_add_general`] is to `+`).
    #[inline(never)]
    fn binary_sub_general(&mut self) -> Result<(), RunError> {
        self.binary_op(|lhs, rhs, vm| lhs.py_sub(rhs, vm))
    }

    /// Binary multiplication.
    pub(super) fn binary_mult(&mut self) -> Result<(), RunError> {
        if self.small_int_op(small_int_mul) {
            return Ok(());
        }
        self.binary_mult_general()
    }

    /// `*` on anything but two small ints with a small product (kept out of
    /// [`Self::binary_mult`], whose fast path then needs no stack frame).
    #[inline(never)]
    fn binary_mult_general(&mut self) -> Result<(), RunError> {
        self.binary_op(|lhs, rhs, vm| lhs.py_mul(rhs, vm))
    }

    /// Binary division.
    pub(super) fn binary_div(&mut self) -> Result<(), RunError> {
        self.binary_op(|lhs, rhs, vm| lhs.py_truediv(rhs, vm))
    }

    /// Binary floor division.
    pub(super) fn binary_floordiv(&mut self) -> Result<(), RunError> {
        if self.small_int_op(floor_div) {
            return Ok(());
        }
        self.binary_op(|lhs, rhs, vm| lhs.py_floordiv(rhs, vm))
    }

    /// Binary modulo.
    pub(super) fn binary_mod(&mut self) -> Result<(), RunError> {
        if self.small_int_op(floor_mod) {
            return Ok(());
        }
        self.binary_mod_general()
    }

    /// `%` on anything but two small ints with a nonzero divisor (kept out of
    /// [`Self::binary_mod`], whose fast path then needs no stack frame).
    #[inline(never)]
    fn binary_mod_general(&mut self) -> Result<(), RunError> {
        self.binary_op(|lhs, rhs, vm| lhs.py_mod(rhs, vm))
    }

    /// Binary power.
    #[inline(never)]
    pub(super) fn binary_pow(&mut self) -> Result<(), RunError> {
        self.binary_op(|lhs, rhs, vm| lhs.py_pow(rhs, None, vm))
    }

    /// Binary `&`.
    pub(super) fn binary_and(&mut self) -> Result<(), RunError> {
        self.binary_op(|lhs, rhs, vm| lhs.py_and(rhs, vm))
    }

    /// Binary `|`.
    pub(super) fn binary_or(&mut self) -> Result<(), RunError> {
        self.binary_op(|lhs, rhs, vm| lhs.py_or(rhs, vm))
    }

    /// Binary `^`.
    pub(super) fn binary_xor(&mut self) -> Result<(), RunError> {
        self.binary_op(|lhs, rhs, vm| lhs.py_xor(rhs, vm))
    }

    /// Binary left shift.
    pub(super) fn binary_lshift(&mut self) -> Result<(), RunError> {
        self.binary_op(|lhs, rhs, vm| lhs.py_lshift(rhs, vm))
    }

    /// Binary right shift.
    pub(super) fn binary_rshift(&mut self) -> Result<(), RunError> {
        self.binary_op(|lhs, rhs, vm| lhs.py_rshift(rhs, vm))
    }

    /// In-place addition.
    ///
    /// Mutable types (a list, a `Counter`, a `deque` whose `+=` is `extend`)
    /// mutate through `py_iadd_impl` and keep their identity, so an alias sees
    /// the update; immutable ones fall back to ordinary addition. Uses lazy type
    /// capture: only calls `py_type()` in error paths.
    pub(super) fn inplace_add(&mut self) -> Result<(), RunError> {
        // An int has no in-place form: `+=` on two small ints is `+`.
        if self.small_int_op(i64::checked_add) {
            return Ok(());
        }
        // A str has no in-place form either (`s += t` builds a new one).
        if let Some(joined) = self.add_strs() {
            return joined;
        }
        self.inplace_op(PyTrait::py_iadd_impl, |lhs, rhs, vm| {
            if let Some(value) = lhs.py_add_result(rhs, vm)? {
                Ok(value)
            } else {
                let lhs_type = lhs.py_type(vm);
                Err(ExcType::binary_type_error(
                    "+=",
                    lhs_type,
                    lhs.py_type_name(vm),
                    rhs.py_type_name(vm),
                ))
            }
        })
    }

    /// `-=` — an in-place mutation (a `Counter` subtracts counts), or binary `-`.
    pub(super) fn inplace_sub(&mut self) -> Result<(), RunError> {
        if self.small_int_op(i64::checked_sub) {
            return Ok(());
        }
        self.inplace_op(PyTrait::py_isub_impl, |lhs, rhs, vm| lhs.py_sub(rhs, vm))
    }

    /// `&=` — an in-place mutation (a `Counter` intersects counts), or binary `&`.
    pub(super) fn inplace_and(&mut self) -> Result<(), RunError> {
        self.inplace_op(PyTrait::py_iand_impl, |lhs, rhs, vm| lhs.py_and(rhs, vm))
    }

    /// `|=` — an in-place mutation (a `Counter` unions counts), or binary `|`.
    pub(super) fn inplace_or(&mut self) -> Result<(), RunError> {
        self.inplace_op(PyTrait::py_ior_impl, |lhs, rhs, vm| lhs.py_or(rhs, vm))
    }

    /// Binary matrix multiplication (`@` operator).
    pub(super) fn binary_matmul(&mut self) -> Result<(), RunError> {
        self.binary_op(|lhs, rhs, vm| lhs.py_matmul(rhs, vm))
    }

    /// Applies a unary operation while owning stack-value cleanup, raising
    /// CPython's `TypeError` (naming `symbol`) when the type has no such form.
    fn unary_op(
        &mut self,
        operation: impl FnOnce(&Value, &mut Self) -> RunResult<Option<Value>>,
        symbol: &str,
    ) -> Result<(), RunError> {
        let this = self;

        let value = this.pop();
        defer_drop!(value, this);

        if let Some(result) = operation(value, this)? {
            this.push(result);
            Ok(())
        } else {
            Err(ExcType::unary_type_error(symbol, &value.py_type_name(this)))
        }
    }

    /// The two small ints on top of the operand stack, if both operands are small ints.
    #[inline(always)]
    pub(super) fn small_int_operands(&self) -> Option<(i64, i64)> {
        match self.stack.as_slice() {
            [.., Value::Int(lhs), Value::Int(rhs)] => Some((*lhs, *rhs)),
            _ => None,
        }
    }

    /// Replaces the two small-int operands on top of the stack with `result`.
    #[inline(always)]
    pub(super) fn replace_small_int_operands(&mut self, result: Value) {
        let len = self.stack.len();
        // Both operands are `Value::Int`, which hold no reference to release.
        self.stack.truncate(len - 1);
        self.stack[len - 2] = result;
    }

    /// The fast path of an arithmetic operator on two small ints, the case that loops and
    /// recursion spend their time in: `op` gives the result when it fits a small int, and the
    /// operands are replaced by it without the generic dispatch (type lookup, reflected
    /// operation, reference counting). Returns `false`, touching nothing, when the operands are
    /// not two small ints or `op` has no small-int answer (overflow, division by zero): the
    /// generic path then gives Python's result or exception.
    #[inline(always)]
    fn small_int_op(&mut self, op: impl FnOnce(i64, i64) -> Option<i64>) -> bool {
        if let Some((lhs, rhs)) = self.small_int_operands()
            && let Some(result) = op(lhs, rhs)
        {
            self.replace_small_int_operands(Value::Int(result));
            true
        } else {
            false
        }
    }

    /// `x + k` for a small-int literal `k` (`BinaryAddInt`).
    pub(super) fn binary_add_int(&mut self, k: i8) -> Result<(), RunError> {
        self.binary_with_small_int(k, i64::checked_add, Self::binary_add_general)
    }

    /// `x - k` for a small-int literal `k` (`BinarySubInt`).
    pub(super) fn binary_sub_int(&mut self, k: i8) -> Result<(), RunError> {
        self.binary_with_small_int(k, i64::checked_sub, Self::binary_sub_general)
    }

    /// `x % k` for a small-int literal `k` (`BinaryModInt`).
    pub(super) fn binary_mod_int(&mut self, k: i8) -> Result<(), RunError> {
        self.binary_with_small_int(k, floor_mod, Self::binary_mod_general)
    }

    /// An operator with a small-int literal on its right (`BinaryAddInt`, ...): a small int
    /// on top of the stack is replaced by `op`'s result in place; anything else (or no
    /// small-int answer) pushes the literal and runs the operator's general path, which gives
    /// Python's result or exception as `LoadSmallInt` and the operator did. The general path,
    /// not the operator's whole function: passed by address, the whole function stopped being
    /// inlined into the dispatch loop, and every `a + b` became a call.
    #[inline(always)]
    fn binary_with_small_int(
        &mut self,
        k: i8,
        op: impl FnOnce(i64, i64) -> Option<i64>,
        general: fn(&mut Self) -> Result<(), RunError>,
    ) -> Result<(), RunError> {
        if let Some(Value::Int(lhs)) = self.stack.last_mut()
            && let Some(result) = op(*lhs, i64::from(k))
        {
            *lhs = result;
            return Ok(());
        }
        self.push(Value::Int(i64::from(k)));
        general(self)
    }

    /// Applies a binary operation while owning stack-value cleanup.
    fn binary_op(
        &mut self,
        operation: impl FnOnce(&Value, &Value, &mut Self) -> RunResult<Value>,
    ) -> Result<(), RunError> {
        let this = self;

        let rhs = this.pop();
        defer_drop!(rhs, this);
        let lhs = this.pop();
        defer_drop!(lhs, this);

        let result = operation(lhs, rhs, this)?;
        this.push(result);
        Ok(())
    }

    /// Applies an in-place operation, offering the left operand `inplace` (its
    /// `py_i*_impl` hook) first and otherwise falling back to `binary`.
    ///
    /// A hook reporting `true` has mutated the left operand, which is pushed
    /// back so it keeps its identity; `false` means the type has no in-place
    /// form and the ordinary binary operator produces a fresh value.
    fn inplace_op(
        &mut self,
        inplace: impl FnOnce(&mut Value, &Value, &mut Self) -> RunResult<bool>,
        binary: impl FnOnce(&Value, &Value, &mut Self) -> RunResult<Value>,
    ) -> Result<(), RunError> {
        let this = self;

        let rhs = this.pop();
        defer_drop!(rhs, this);
        // A `DropGuard` rather than `defer_drop!`: a successful in-place operation
        // reclaims the left operand to push it back onto the stack.
        let mut lhs_guard = DropGuard::new(this.pop(), this);
        let (lhs, this) = lhs_guard.as_parts_mut();

        if inplace(lhs, rhs, this)? {
            let (lhs, this) = lhs_guard.into_parts();
            this.push(lhs);
            Ok(())
        } else {
            let result = binary(lhs, rhs, this)?;
            this.push(result);
            Ok(())
        }
    }
}

/// Python's `//` on two small ints: the quotient rounded toward negative infinity, or `None`
/// for a zero divisor and for `i64::MIN // -1`, whose result is not a small int.
fn floor_div(lhs: i64, rhs: i64) -> Option<i64> {
    let quotient = lhs.checked_div(rhs)?;
    if lhs % rhs != 0 && ((lhs < 0) != (rhs < 0)) {
        Some(quotient - 1)
    } else {
        Some(quotient)
    }
}

/// `lhs * rhs`, when it fits an `i64`. Two operands that fit an `i32` (a loop's counters, most
/// arithmetic) cannot overflow one, and multiply without the check: wasm has no 64-bit
/// multiply that reports overflow, so there `i64::checked_mul` is a 128-bit product of four
/// multiplies, written to the stack and read back, the most expensive step of `(i * i) % 7`.
#[inline(always)]
fn small_int_mul(lhs: i64, rhs: i64) -> Option<i64> {
    match (i32::try_from(lhs), i32::try_from(rhs)) {
        (Ok(lhs), Ok(rhs)) => Some(i64::from(lhs) * i64::from(rhs)),
        _ => lhs.checked_mul(rhs),
    }
}

/// Python's `%` on two small ints: the remainder with the divisor's sign, or `None` for a zero
/// divisor and for `i64::MIN % -1`.
fn floor_mod(lhs: i64, rhs: i64) -> Option<i64> {
    let remainder = lhs.checked_rem(rhs)?;
    if remainder != 0 && ((remainder < 0) != (rhs < 0)) {
        Some(remainder + rhs)
    } else {
        Some(remainder)
    }
}

#[cfg(test)]
mod tests {
    use super::{floor_div, floor_mod, small_int_mul};

    #[test]
    fn small_int_floor_division_is_pythons() {
        for (lhs, rhs, div, rem) in [
            (7, 2, 3, 1),
            (-7, 2, -4, 1),
            (7, -2, -4, -1),
            (-7, -2, 3, -1),
            (6, 3, 2, 0),
            (-6, 3, -2, 0),
        ] {
            assert_eq!(floor_div(lhs, rhs), Some(div), "{lhs} // {rhs}");
            assert_eq!(floor_mod(lhs, rhs), Some(rem), "{lhs} % {rhs}");
        }
        assert_eq!(floor_div(1, 0), None);
        assert_eq!(floor_mod(1, 0), None);
        assert_eq!(floor_div(i64::MIN, -1), None);
        assert_eq!(floor_mod(i64::MIN, -1), None);
    }

    #[test]
    fn small_int_product_is_checked_only_where_it_can_overflow() {
        let (max, min) = (i64::from(i32::MAX), i64::from(i32::MIN));
        for (lhs, rhs) in [
            (max, max),
            (min, min),
            (min, max),
            (max + 1, max + 1),
            (min - 1, 3),
            (1 << 31, -(1 << 32)),
        ] {
            assert_eq!(small_int_mul(lhs, rhs), lhs.checked_mul(rhs), "{lhs} * {rhs}");
        }
        assert_eq!(small_int_mul(1 << 32, 1 << 31), None);
        assert_eq!(small_int_mul(i64::MAX, 2), None);
    }
}
