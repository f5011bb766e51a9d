//! A generator's frame: pushed on its caller's when `next()`, `send()` or `throw()` resumes it,
//! taken off again at `yield`, its stack kept in the generator in between.
//!
//! Resuming pushes the generator's own reference on the caller's stack, then the frame over
//! it with the stack it kept (its locals, and the operands live at the `yield`) and the
//! exceptions its `except` blocks were handling. `yield` moves those back into the generator,
//! pops the frame and puts the value where the reference was: the caller sees a call's
//! result. `return` (`ReturnGenerator`) finishes the generator, pops the frame and its
//! reference, and raises `StopIteration` at the caller. An exception that leaves the frame
//! finishes it too, and takes the reference off the caller's stack as it unwinds
//! (`left_generator_frame`); a `StopIteration` leaving it becomes CPython's `RuntimeError`.
//!
//! The frame is pushed as a call's is, so a body that waits (a sleep, a queue, a lock) suspends
//! the task like any call, and a snapshot of the VM carries it.

use serde::{Deserialize, Serialize};

use super::{CallFrame, FrameExit, VM, exceptions::CaughtException, function_namespace};
use crate::{
    builtins::{Builtins, BuiltinsFunctions},
    bytecode::CallResult,
    exception_private::{ExcType, ExceptionRaise, RunError, RunResult, SimpleException, one_arg_exception},
    frozen::{FrozenFunction, FrozenFunctions},
    heap::{DropWithContext, HeapData, HeapId},
    modules::ModuleFunctions,
    types::{
        exception_class::{class_exception, instance_exception},
        generator::{Generator, GeneratorState},
    },
    value::Value,
};

/// A generator's frame while it does not run: where it goes on, and what it holds.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct SuspendedFrame {
    /// The instruction after the `yield` it stopped at; 0 before it first runs.
    ip: u32,
    /// Its stack from its base: its locals, then the operands live at the `yield`.
    stack: Vec<Value>,
    /// The exceptions its `except` blocks were handling at the `yield`.
    exceptions: Vec<CaughtException>,
    /// Whether it has run: a `yield` waits for the value sent.
    started: bool,
}

impl SuspendedFrame {
    /// A frame not yet run, whose locals start as `namespace`.
    pub(crate) fn new(namespace: Vec<Value>) -> Self {
        Self {
            ip: 0,
            stack: namespace,
            exceptions: Vec::new(),
            started: false,
        }
    }

    /// Invokes `on_child` for each heap id the frame owns (GC trace hook).
    pub(crate) fn for_each_child_id(&self, on_child: &mut impl FnMut(HeapId)) {
        let exceptions = self.exceptions.iter().map(CaughtException::value);
        for value in self.stack.iter().chain(exceptions) {
            if let Value::Ref(id) = value {
                on_child(*id);
            }
        }
    }

    /// Hands the frame's references to the cleanup stack.
    pub(crate) fn py_dec_ref_ids(&mut self, stack: &mut Vec<HeapId>) {
        for value in &mut self.stack {
            value.py_dec_ref_ids(stack);
        }
        for caught in &mut self.exceptions {
            caught.value_mut().py_dec_ref_ids(stack);
        }
    }
}

/// How a generator is resumed.
pub(crate) enum Resume {
    /// `next()` (`None`) or `send(value)`: the value the `yield` evaluates to.
    Send(Value),
    /// `throw(exception)`: raised at the `yield` (an exception class is instantiated).
    Throw(Value),
}

impl<C: crate::heap::ContainsHeap> DropWithContext<C> for Resume {
    fn drop_with(self, ctx: &mut C) {
        match self {
            Self::Send(value) | Self::Throw(value) => value.drop_with(ctx),
        }
    }
}

impl<'h> VM<'h> {
    /// Resumes generator `id` as `how` asks: its frame is pushed over the caller's
    /// (`FramePushed`), and its `yield` or `return` answers the call. A generator that runs
    /// already raises `ValueError`, a finished one `StopIteration` (or the thrown exception).
    pub(crate) fn resume_generator(&mut self, id: HeapId, how: Resume) -> RunResult<CallResult> {
        if let Resume::Throw(value) = &how
            && !self.is_exception(value)
        {
            // Refused at the caller, the generator left as it was, as CPython refuses it.
            let error = SimpleException::new_msg(
                ExcType::TypeError,
                format!(
                    "exceptions must be classes or instances deriving from BaseException, not {}",
                    value.py_type_name(self)
                ),
            );
            how.drop_with(self);
            return Err(error.into());
        }
        let generator = self.generator(id);
        let (state, started) = (generator.state, generator.frame.started);
        // `throw()` into a finished generator raises the exception at the caller, and into one
        // not started, before its body's first line, which finishes it.
        if matches!(how, Resume::Throw(_))
            && (state == GeneratorState::Finished || (state == GeneratorState::Suspended && !started))
        {
            let Resume::Throw(value) = how else {
                unreachable!("matched above");
            };
            self.finish_generator(id);
            let (error, raised) = self.raise_value(value);
            if let Some(raised) = raised {
                raised.drop_with(self);
            }
            return Err(error);
        }
        let refused: Option<RunError> = match (state, &how) {
            (GeneratorState::Running { .. }, _) => {
                Some(SimpleException::new_msg(ExcType::ValueError, "generator already executing").into())
            }
            (GeneratorState::Finished, _) => Some(SimpleException::new_none(ExcType::StopIteration).into()),
            (GeneratorState::Suspended, Resume::Send(value)) if !started && !matches!(value, Value::None) => Some(
                SimpleException::new_msg(
                    ExcType::TypeError,
                    "can't send non-None value to a just-started generator",
                )
                .into(),
            ),
            (GeneratorState::Suspended, _) => None,
        };
        if let Some(error) = refused {
            how.drop_with(self);
            return Err(error);
        }
        let (ip, started) = match self.push_generator_frame(id, false) {
            Ok(pushed) => pushed,
            Err(error) => {
                how.drop_with(self);
                return Err(error);
            }
        };
        match how {
            Resume::Send(value) => {
                if started {
                    self.push(value);
                } else {
                    value.drop_with(self);
                }
                Ok(CallResult::FramePushed)
            }
            Resume::Throw(value) => {
                // Raised at the `yield` (the instruction before `ip`), whose handlers catch it.
                self.instruction_ip = ip.saturating_sub(1);
                let (error, raised) = self.raise_value(value);
                if let Some(raised) = raised {
                    raised.drop_with(self);
                }
                Err(error)
            }
        }
    }

    /// `ForIter` over generator `id`, its iterator on the stack: the body runs on to its next
    /// `yield`, whose value becomes the loop's item, or ends the loop (`offset` away) with its
    /// `return`, as a `for` over a native iterator steps without a call. The caller's `ip`
    /// stays on the `ForIter` while the body runs, so an exception it raises meets the
    /// handlers around the loop, not those in its body (`yield_value` moves it on).
    #[inline(never)]
    pub(super) fn for_step_generator(&mut self, id: HeapId, offset: i16) -> RunResult<()> {
        match self.generator(id).state {
            GeneratorState::Finished => {
                let iterator = self.pop();
                iterator.drop_with(self);
                let frame = &mut self.current_frame;
                frame.ip = frame
                    .ip
                    .checked_add_signed(offset.into())
                    .expect("jump resulted in negative or overflowing IP");
                Ok(())
            }
            GeneratorState::Running { .. } => {
                Err(SimpleException::new_msg(ExcType::ValueError, "generator already executing").into())
            }
            GeneratorState::Suspended => {
                self.current_frame.ip = self.instruction_ip;
                let (_, started) = self.push_generator_frame(id, true)?;
                if started {
                    self.push(Value::None);
                }
                Ok(())
            }
        }
    }

    /// Pushes suspended generator `id`'s frame over the caller's, its reference between them,
    /// and marks it running (resumed by a `for` loop's `ForIter`: `for_loop`); gives where the
    /// frame goes on and whether it had started.
    fn push_generator_frame(&mut self, id: HeapId, for_loop: bool) -> RunResult<(usize, bool)> {
        self.heap.inc_ref(id);
        self.push(Value::Ref(id));
        let stack_base = self.stack.len();
        let exception_base = self.exception_stack.len();
        let reader = self.heap.read_as::<Generator>(id).expect("a generator");
        let generator = reader.get_mut(self.heap);
        generator.state = GeneratorState::Running { for_loop };
        let (func_id, globals, ip, started) = (
            generator.func_id,
            generator.globals,
            generator.frame.ip as usize,
            generator.frame.started,
        );
        self.stack.append(&mut generator.frame.stack);
        self.exception_stack.append(&mut generator.frame.exceptions);
        drop(reader);
        let function = self.interns.get_function(func_id);
        let locals_count = u16::try_from(function.namespace_size).expect("function namespace size exceeds u16");
        let namespace = function_namespace(globals, &*self.heap);
        let mut frame = CallFrame::new_function(
            &function.code,
            stack_base,
            locals_count,
            exception_base,
            func_id,
            self.current_offset(),
            namespace,
        );
        frame.ip = ip;
        // An internal generator (a lazy builtin's) charges no recursion depth, as an internal
        // function's frame does not: its pop gives none back.
        if self.interns.is_internal_function(func_id) {
            self.push_admitted_frame(frame);
        } else if let Err(error) = self.push_frame(frame) {
            // Too deep: the frame was released; the generator is lost, as CPython's would be.
            self.exception_stack.drain(exception_base..).drop_with(self.heap);
            self.finish_generator(id);
            let reference = self.pop();
            reference.drop_with(self);
            return Err(error);
        }
        Ok((ip, started))
    }

    /// `yield`: moves the generator's frame (its stack from its base, its handled exceptions
    /// and where it goes on) into the generator, pops the frame, and puts `value` where the
    /// generator's reference was on the caller's stack (a `for` loop's item, past its
    /// `ForIter`); `Some` when the frame was run by a Rust caller, who takes `value` back.
    #[inline(never)]
    pub(super) fn yield_value(&mut self, value: Value) -> Option<FrameExit> {
        let base = self.current_frame.stack_base();
        let Value::Ref(id) = self.stack[base - 1] else {
            unreachable!("a generator's reference lies below its frame");
        };
        let exception_base = self.current_frame.exception_stack_base();
        let ip = u32::try_from(self.current_frame.ip).expect("instruction offset fits u32");
        let reader = self
            .heap
            .read_as::<Generator>(id)
            .expect("a generator lies below its frame");
        let generator = reader.get_mut(self.heap);
        let for_loop = generator.state == GeneratorState::Running { for_loop: true };
        generator.state = GeneratorState::Suspended;
        generator.frame.ip = ip;
        generator.frame.started = true;
        generator.frame.stack.extend(self.stack.drain(base..));
        generator
            .frame
            .exceptions
            .extend(self.exception_stack.drain(exception_base..));
        drop(reader);
        let stop = self.pop_frame();
        let reference = self.pop();
        reference.drop_with(self);
        if stop {
            return Some(FrameExit::Return(value));
        }
        if for_loop {
            // Past the loop's `ForIter` (an opcode and its offset), into the loop's body.
            self.current_frame.ip += 3;
        }
        self.push(value);
        None
    }

    /// `return value` in a generator: finishes it and pops its frame and its reference. Resumed
    /// by a `for` loop, the loop ends (`None`); else `StopIteration(value)` is to be raised at
    /// the caller, with whether a Rust caller ran the frame (it takes the error back).
    #[inline(never)]
    pub(super) fn return_from_generator(&mut self, value: Value) -> Option<(RunError, bool)> {
        let base = self.current_frame.stack_base();
        let Value::Ref(id) = self.stack[base - 1] else {
            unreachable!("a generator's reference lies below its frame");
        };
        let for_loop = self.generator(id).state == GeneratorState::Running { for_loop: true };
        self.finish_generator(id);
        if !for_loop && !matches!(value, Value::None) {
            // Kept for `yield from` and `await`, which take it as itself.
            let kept = value.clone_with_heap(self.heap);
            if let Some(generator) = self.heap.read_as::<Generator>(id) {
                generator.get_mut(self.heap).returned = Some(kept);
            } else {
                kept.drop_with(self);
            }
        }
        let call_offset = self.current_frame.call_offset;
        let stop = self.pop_frame();
        let reference = self.pop();
        reference.drop_with(self);
        if for_loop {
            // The loop ends: its iterator goes, and it jumps past its end, as `ForIter` does.
            value.drop_with(self);
            let iterator = self.pop();
            iterator.drop_with(self);
            let frame = &mut self.current_frame;
            let operand = frame.bytecode[frame.ip + 1..frame.ip + 3]
                .try_into()
                .expect("ForIter has a 2-byte offset");
            frame.ip = (frame.ip + 3)
                .checked_add_signed(i16::from_le_bytes(operand).into())
                .expect("jump resulted in negative or overflowing IP");
            return None;
        }
        // Raised at the call that resumed it.
        if let Some(offset) = call_offset {
            self.instruction_ip = offset as usize;
        }
        let error = if matches!(value, Value::None) {
            SimpleException::new_none(ExcType::StopIteration).into()
        } else {
            match one_arg_exception(ExcType::StopIteration, &value, self) {
                Ok(exception) => exception.into(),
                Err(error) => error,
            }
        };
        value.drop_with(self);
        Some((error, stop))
    }

    /// `YieldFromSend`: `[iterator, sent] -> [iterator]` and the frozen `YIELD_FROM_SOURCE`
    /// call of its step (its frame pushed), whose `(done, value)` lands above the iterator.
    #[inline(never)]
    pub(super) fn yield_from_step(&mut self) -> RunResult<()> {
        let sent = self.pop();
        let iterator = self.peek().clone_with_heap(self.heap);
        let pushed = self.call_frozen_exact(
            FrozenFunction::YieldFrom,
            [
                iterator,
                sent,
                Value::Builtin(Builtins::Function(BuiltinsFunctions::Next)),
                Value::Builtin(Builtins::ExcType(ExcType::StopIteration)),
                Value::ModuleFunction(ModuleFunctions::Frozen(FrozenFunctions::TakeResult)),
            ],
        )?;
        debug_assert!(
            matches!(pushed, CallResult::FramePushed),
            "a frozen call pushes its frame"
        );
        std::mem::forget(pushed);
        Ok(())
    }

    /// The generator whose frame the current one is, if it is one's.
    pub(super) fn current_generator(&self) -> Option<HeapId> {
        let function_id = self.current_frame.function_id?;
        if !self.interns.get_function(function_id).is_generator {
            return None;
        }
        match self.stack.get(self.current_frame.stack_base().checked_sub(1)?) {
            Some(Value::Ref(id)) => Some(*id),
            _ => None,
        }
    }

    /// After an exception left generator `id`'s frame (popped): finishes the generator and
    /// takes its reference off the caller's stack; a `StopIteration` that left it (or a
    /// `StopAsyncIteration`, an asynchronous generator's) becomes CPython's `RuntimeError`
    /// (PEP 479), caused by it, which the caller's handlers see instead (`Some`).
    pub(super) fn left_generator_frame(&mut self, id: HeapId, error: &RunError) -> Option<RunError> {
        let asynchronous = self.generator(id).asynchronous;
        self.finish_generator(id);
        let reference = self.pop();
        reference.drop_with(self);
        let RunError::Exc(stop) = error else {
            return None;
        };
        let message = match stop.exc.exc_type() {
            ExcType::StopIteration if asynchronous => "async generator raised StopIteration",
            ExcType::StopIteration => "generator raised StopIteration",
            ExcType::StopAsyncIteration if asynchronous => "async generator raised StopAsyncIteration",
            _ => return None,
        };
        let mut replaced = ExceptionRaise::from(SimpleException::new_msg(ExcType::RuntimeError, message));
        let chain = replaced.chain_mut();
        chain.cause = Some(stop.as_earlier());
        chain.suppress_context = true;
        Some(RunError::Exc(replaced))
    }

    /// Marks generator `id` finished.
    fn finish_generator(&mut self, id: HeapId) {
        if let Some(generator) = self.heap.read_as::<Generator>(id) {
            generator.get_mut(self.heap).state = GeneratorState::Finished;
        }
    }

    /// Whether `value` may be raised: an exception, or an exception class.
    fn is_exception(&self, value: &Value) -> bool {
        match value {
            Value::Builtin(Builtins::ExcType(_)) => true,
            Value::Ref(id) => {
                matches!(self.heap.get(*id), HeapData::Exception(_))
                    || class_exception(*id, self.heap).is_some()
                    || instance_exception(value, self.heap).is_some()
            }
            _ => false,
        }
    }

    /// Generator `id`, read.
    fn generator(&self, id: HeapId) -> &Generator {
        match self.heap.get(id) {
            HeapData::Generator(generator) => generator,
            _ => unreachable!("a generator's id"),
        }
    }
}
