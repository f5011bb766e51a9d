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
//! `async for` steps the same way (`AsyncForIter`): an asynchronous generator's frame is
//! resumed as `ForIter` resumes a generator's (its awaits suspend the loop's task), and an
//! instance's `__anext__()` is awaited by the frozen `ASYNC_FOR_NEXT_SOURCE`, whose
//! `()` once `StopAsyncIteration` is raised ends the loop.
//!
//! Unpacking and `*it` read such an instance whole the same way: a frozen `for` loop makes a
//! list of it, and the instruction runs again on the list (`take_class_iterable`).

use crate::{
    builtins::{Builtins, BuiltinsFunctions, drained},
    bytecode::{CallResult, Opcode, VM},
    exception_private::{ExcType, RunError, RunResult, SimpleException},
    frozen::FrozenFunction,
    heap::{HeapData, HeapId, HeapReadOutput},
    types::{Tuple, callable_iterator::CallableIterator, instance::class_defines},
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

    /// `GetAIter` and `AsyncForIter`, out of line, one arm of the dispatch loop for the two.
    #[inline(never)]
    pub(super) fn exec_async_iteration(&mut self, opcode: Opcode) -> RunResult<()> {
        if opcode == Opcode::GetAIter {
            return self.get_aiter();
        }
        let offset = self.current_frame.fetch_i16();
        self.step_async_iterator(offset)
    }

    /// `GetAIter`: an asynchronous generator is its own iterator; a class's `__aiter__` runs as
    /// a frame of its own, its return value landing on the stack.
    fn get_aiter(&mut self) -> RunResult<()> {
        let value = self.pop();
        let call = match &value {
            Value::Ref(id) => match self.heap.read(*id) {
                HeapReadOutput::Generator(generator) if generator.get(self.heap).asynchronous => {
                    drop(generator);
                    self.push(value);
                    return Ok(());
                }
                HeapReadOutput::Instance(instance) => instance.call_aiter(self),
                _ => None,
            },
            _ => None,
        };
        let Some(call) = call else {
            let message = format!(
                "'async for' requires an object with __aiter__ method, got {}",
                value.py_type_name(self)
            );
            value.drop_with(self);
            return Err(SimpleException::new_msg(ExcType::TypeError, message).into());
        };
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

    /// Steps an `async for` (or finishes an instance's step: a tuple above the iterator): an
    /// asynchronous generator's frame is resumed, or an instance's `__anext__()` awaited in a
    /// frame of its own (this `AsyncForIter` runs again once it returns), or the loop ends.
    fn step_async_iterator(&mut self, offset: i16) -> RunResult<()> {
        let Value::Ref(top) = *self.peek() else {
            return Err(self.no_anext());
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
        let steps_itself = match self.heap.get(top) {
            HeapData::Generator(generator) if generator.asynchronous => true,
            HeapData::Instance(instance) if class_defines(instance.class(), "__anext__", self) => false,
            _ => return Err(self.no_anext()),
        };
        if steps_itself {
            return self.for_step_generator(top, offset);
        }
        let iterator = self.peek().clone_with_heap(self.heap);
        let stop = Value::Builtin(Builtins::ExcType(ExcType::StopAsyncIteration));
        // Run this `AsyncForIter` again when the step returns.
        self.current_frame.ip = self.instruction_ip;
        self.call_frozen_exact(FrozenFunction::AsyncForNext, [iterator, stop])?;
        Ok(())
    }

    /// CPython's error for an `async for` whose iterator (on top of the stack) has no
    /// `__anext__`.
    fn no_anext(&self) -> RunError {
        let message = format!(
            "'async for' received an object from __aiter__ that does not implement __anext__: {}",
            self.peek().py_type_name(self)
        );
        SimpleException::new_msg(ExcType::TypeError, message).into()
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
