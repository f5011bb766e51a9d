//! A `for` over an instance of a Python class: its `__next__` runs as a frame of its own.
//!
//! Called from the `ForIter` instruction itself, as a native iterator is, `__next__` would
//! run in a nested dispatch loop that cannot suspend, so a `__next__` that waits for the host
//! (a result another task or the host delivers) raised instead of waiting. Here `ForIter`
//! calls the frozen `FOR_NEXT_SOURCE` instead: it runs `next(iterator)` as an ordinary call,
//! which may suspend like any call in the loop's body, and hands the step back as a tuple,
//! `(item,)` or `()` once `StopIteration` ends the iteration. `ForIter` is then run again
//! with that tuple above the iterator. A tuple is never the iterator a `ForIter` steps
//! (`GetIter` gives a tuple's iterator, and a class's `__iter__` must return an iterator), so
//! the tuple on top says which half of the step this is.
//!
//! A `for` over `iter(callable, sentinel)` steps the same way, through the frozen
//! `FOR_CALL_SOURCE`, which calls `callable()` and compares the sentinel.
//!
//! Unpacking and `*it` read such an instance whole the same way: a frozen `for` loop makes a
//! list of it, and the instruction runs again on the list (`take_class_iterable`).

use crate::{
    builtins::{Builtins, BuiltinsFunctions, drained},
    bytecode::{CallResult, VM},
    exception_private::{ExcType, RunResult},
    frozen::FrozenFunction,
    heap::HeapId,
    types::{Tuple, callable_iterator::CallableIterator},
    value::Value,
};

impl VM<'_> {
    /// `GetIter`: a class's `__iter__` runs as a frame of its own, which may suspend, and its
    /// return value lands on the stack; any other iterator is pushed at once. Out of line, as
    /// [`Self::step_user_iterator`] is.
    #[inline(never)]
    pub(super) fn get_iter(&mut self) -> RunResult<()> {
        let value = self.pop();
        let call = value.py_iter(self);
        value.drop_with(self);
        match call? {
            CallResult::FramePushed => {}
            call => {
                let iterator = call.require_synchronous(self)?;
                self.push(iterator);
            }
        }
        Ok(())
    }

    /// Steps a `for` loop whose iterator is an instance of a Python class or a
    /// `callable_iterator` (or finishes such a step: a tuple above it): the next item is pushed
    /// above the iterator, or the step's call begins (this `ForIter` runs again once it
    /// returns), or the iteration has ended, the iterator gone from the stack and the loop's
    /// exit `offset` away. Out of line, so the dispatch loop's other arms keep their registers.
    #[inline(never)]
    pub(super) fn step_user_iterator(&mut self, offset: i16) -> RunResult<()> {
        let Value::Ref(top) = *self.peek() else {
            unreachable!("ForIter steps a heap iterator");
        };
        if let Some(item) = self.finished_step(top) {
            let step = self.pop();
            step.drop_with(self);
            match item {
                Some(item) => self.push(item),
                None => self.end_user_iteration(offset),
            }
            return Ok(());
        }
        let stop_iteration = Value::Builtin(Builtins::ExcType(ExcType::StopIteration));
        // The read of a `callable_iterator` ends here, before the iterator may be dropped.
        let parts = self
            .heap
            .read_as::<CallableIterator>(top)
            .map(|iterator| iterator.step_parts(self));
        let step = match parts {
            Some(Some((callable, sentinel))) => (FrozenFunction::ForCall, [callable, sentinel, stop_iteration]),
            // Spent before this loop reached it.
            Some(None) => {
                self.end_user_iteration(offset);
                return Ok(());
            }
            None => {
                let iterator = self.peek().clone_with_heap(self.heap);
                let next = Value::Builtin(Builtins::Function(BuiltinsFunctions::Next));
                (FrozenFunction::ForNext, [iterator, next, stop_iteration])
            }
        };
        // Run this `ForIter` again when the call returns its step.
        self.current_frame.ip = self.instruction_ip;
        self.call_frozen_exact(step.0, step.1)?;
        Ok(())
    }

    /// Ends a `for` over a class's iterator or a `callable_iterator` (marked spent, as
    /// `next()` marks it): the iterator leaves the stack and the loop's exit is `offset` away.
    fn end_user_iteration(&mut self, offset: i16) {
        let iterator = self.pop();
        if let Value::Ref(id) = iterator
            && let Some(iterator) = self.heap.read_as::<CallableIterator>(id)
        {
            iterator.exhaust(self);
        }
        iterator.drop_with(self);
        let frame = &mut self.current_frame;
        frame.ip = frame
            .ip
            .checked_add_signed(offset.into())
            .expect("jump resulted in negative or overflowing IP");
    }

    /// Unpacking (`a, b = it`, `a, *rest = it`) and `*it` of `value`, an instance of a class
    /// with `__iter__`: read by a frozen `for` loop into a list first (see `drained::take`
    /// for `targets`), and the instruction runs again on that list, as `ForIter` runs again
    /// on its step. The frame is pushed, so the dispatch loop goes on with it.
    pub(super) fn take_class_iterable(&mut self, value: Value, targets: Option<usize>) -> RunResult<()> {
        self.current_frame.ip = self.instruction_ip;
        drained::take(value, targets, self)?;
        Ok(())
    }

    /// The step `FOR_NEXT_SOURCE` returned, when `id` is one: `Some(Some(item))` for `(item,)`,
    /// `Some(None)` for `()`; `None` when `id` is the iterator itself.
    fn finished_step(&mut self, id: HeapId) -> Option<Option<Value>> {
        let step = self.heap.read_as::<Tuple>(id)?;
        let item = (!step.get(self.heap).as_slice().is_empty()).then(|| step.clone_item(0, self));
        Some(item)
    }
}
