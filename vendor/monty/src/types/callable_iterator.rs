//! The `callable_iterator` produced by the two-argument `iter(callable, sentinel)`.
//!
//! Unlike every other iterator, this one re-enters Python on each step, which
//! drives the two unusual things about it: the heap borrow must be released
//! before the call (see [`HeapRead::py_next`]), and its two owned refs live in
//! the iterator itself rather than in a container it points at.
//!
//! Where a step can run as a frame of its own, it does: a `for` loop's step calls the frozen
//! [`FOR_CALL_SOURCE`] (see `bytecode::vm::user_iter`), and the builtins that read an iterable
//! whole read this one through a frozen `for` loop (`builtins::drained`), so a callable that
//! waits (`for item in iter(queue.get, 'STOP')`, the Python docs' `multiprocessing` worker)
//! suspends as any call does. `next()` still calls it in a nested dispatch loop.

use std::mem;

use serde::{Deserialize, Serialize};

use crate::{
    args::ArgValues,
    bytecode::{CallResult, VM},
    defer_drop,
    exception_private::RunResult,
    heap::{DropGuard, HeapId, HeapItem, HeapObjectRead},
    types::{PyTrait, Type},
    value::Value,
};

/// Calls `callable()` for each item until a result compares `==` to `sentinel`.
///
/// `callable` and `sentinel` are OWNED refs held directly here — not in a
/// referenced container — so `py_dec_ref_ids` and `for_each_child_id` must both
/// enumerate them or the GC will under-trace and free a live object.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct CallableIterator {
    /// Invoked with no arguments to produce each item.
    callable: Value,
    /// Iteration stops once a result compares `==` to this.
    sentinel: Value,
    /// Latches on exhaustion so a spent iterator never calls `callable` again.
    done: bool,
}

impl CallableIterator {
    /// Takes ownership of `callable` and `sentinel` from the caller.
    pub(crate) fn new(callable: Value, sentinel: Value) -> Self {
        Self {
            callable,
            sentinel,
            done: false,
        }
    }

    /// Invokes `on_child` for each heap id this iterator owns (GC trace hook).
    pub(crate) fn for_each_child_id(&self, mut on_child: impl FnMut(HeapId)) {
        if let Value::Ref(id) = &self.callable {
            on_child(*id);
        }
        if let Value::Ref(id) = &self.sentinel {
            on_child(*id);
        }
    }
}

/// One step of a `for` over `iter(callable, sentinel)`, as a call of its own so that
/// `callable` may suspend: `(item,)`, or `()` once an item equals the sentinel or the call
/// raises `StopIteration`. The sentinel is compared first, as CPython's `calliter_iternext`
/// compares it.
pub(crate) const FOR_CALL_SOURCE: &str = r"
def __monty_for_call(callable, sentinel, stop_iteration):
    try:
        item = callable()
    except stop_iteration:
        return ()
    if item is sentinel or sentinel == item:
        return ()
    return (item,)
";

impl HeapItem for CallableIterator {
    fn py_dec_ref_ids(&mut self, stack: &mut Vec<HeapId>) {
        self.callable.py_dec_ref_ids(stack);
        self.sentinel.py_dec_ref_ids(stack);
    }
}

impl<'h> PyTrait<'h> for HeapObjectRead<'h, CallableIterator> {
    fn py_is_iterator(&self, _: &VM<'h>) -> bool {
        true
    }

    fn py_is_iterable(&self, _: &VM<'h>) -> bool {
        true
    }

    fn py_type(&self, _: &VM<'h>) -> Type {
        Type::CallableIterator
    }

    fn py_len(&self, _: &VM<'h>) -> Option<usize> {
        None
    }

    fn py_eq_impl(&self, _: &Value, _: &mut VM<'h>) -> RunResult<Option<bool>> {
        Ok(None)
    }

    fn py_iter(&self, vm: &mut VM<'h>) -> RunResult<CallResult> {
        Ok(CallResult::Value(self.clone_value(vm.heap)))
    }

    /// Calls `callable()` and yields the result unless it `==` `sentinel`.
    ///
    /// The heap borrow is resolved to owned clones and released BEFORE the call:
    /// `callable` re-enters Python and may reach this same iterator through a
    /// nested `next()`, which would alias the `UnsafeCell` if a borrow were held
    /// across it (`iter__reentrant.py` covers exactly that).
    fn py_next(&mut self, vm: &mut VM<'h>) -> RunResult<Option<Value>> {
        let Some((callable, sentinel)) = self.step_parts(vm) else {
            return Ok(None);
        };
        let next = callable_next(callable, sentinel, vm)?;
        if next.is_none() {
            self.exhaust(vm);
        }
        Ok(next)
    }
}

impl<'h> HeapObjectRead<'h, CallableIterator> {
    /// Owned clones of the callable and the sentinel for a step, or `None` once exhausted.
    /// Cloned out so that no heap borrow is live across the call.
    pub(crate) fn step_parts(&self, vm: &VM<'h>) -> Option<(Value, Value)> {
        let this = self.get(vm.heap);
        (!this.done).then(|| {
            (
                this.callable.clone_with_heap(vm.heap),
                this.sentinel.clone_with_heap(vm.heap),
            )
        })
    }

    /// Marks the iterator spent. CPython's `calliter_iternext` `Py_CLEAR`s both refs here,
    /// so a spent-but-still-referenced iterator does not pin the callable's captured state;
    /// they are taken out under the borrow and dropped once it has ended.
    pub(crate) fn exhaust(&self, vm: &mut VM<'h>) {
        let (callable, sentinel) = {
            let this = self.get_mut(vm.heap);
            this.done = true;
            (
                mem::replace(&mut this.callable, Value::None),
                mem::replace(&mut this.sentinel, Value::None),
            )
        };
        callable.drop_with(vm);
        sentinel.drop_with(vm);
    }
}

/// Calls `callable()` once, returning `None` when the result `==` `sentinel` or
/// the call raises `StopIteration`.
///
/// Takes both values by ownership: the caller has already cloned them out of the
/// iterator so that no heap borrow is live across the re-entrant call.
fn callable_next(callable: Value, sentinel: Value, vm: &mut VM<'_>) -> RunResult<Option<Value>> {
    defer_drop!(callable, vm);
    defer_drop!(sentinel, vm);
    let result = match vm.evaluate_function(callable, ArgValues::Empty) {
        Ok(result) => result,
        // CPython's `calliter_iternext` swallows `StopIteration` from the
        // callable and reports exhaustion, exactly as for a `__next__`.
        Err(e) if e.is_stop_iteration() => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut result = DropGuard::new(result, vm);
    let (result_ref, vm) = result.as_parts_mut();
    // The sentinel compared first, the identity before it, as CPython's `calliter_iternext`
    // (and `FOR_CALL_SOURCE`, a `for` loop's step) compares them.
    if result_ref.is(sentinel) || sentinel.py_eq(result_ref, vm)? {
        // sentinel == result: iterator exhausted; `result` dropped by the guard.
        Ok(None)
    } else {
        Ok(Some(result.into_inner()))
    }
}
