//! Context-manager opcode helpers (`BeforeWith`, `WithExit`, `WithExceptStart`, and
//! `AsyncWith` for `async with`).
//!
//! These three opcodes dispatch directly to `PyTrait::py_enter` / `PyTrait::py_exit`
//! rather than the generic `CallAttr` machinery — explicit invocation is cheaper
//! (no attribute lookup) and matches CPython's `BEFORE_WITH` / `WITH_EXCEPT_START`
//! shape. Each helper returns a `CallResult` so the host can suspend during the
//! call (e.g. `OpenFile.__exit__` issues an `OsCall` to close the file); the
//! caller routes the result through `handle_call_result!`.

use super::{CallResult, Opcode, VM};
use crate::{
    bytecode::op::{ASYNC_WITH_ENTER, ASYNC_WITH_EXCEPT, ASYNC_WITH_EXIT},
    defer_drop,
    exception_private::{ExcType, ExcTypeExt, RunError, RunResult, SimpleException},
    heap::HeapReadOutput,
    types::PyTrait,
    value::Value,
};

impl VM<'_> {
    /// The context-manager opcode `opcode` (its operand read for `AsyncWith`), out of line, so
    /// that the dispatch loop's frame, which each nested run of it adds to the native stack,
    /// holds one call for the four.
    #[inline(never)]
    pub(super) fn exec_context_manager(&mut self, opcode: Opcode) -> RunResult<CallResult> {
        match opcode {
            Opcode::BeforeWith => self.exec_before_with(),
            Opcode::WithExit => self.exec_with_exit(),
            Opcode::WithExceptStart => self.exec_with_except_start(),
            Opcode::AsyncWith => {
                let step = self.current_frame.fetch_u8();
                self.exec_async_with(step)
            }
            _ => unreachable!("not a context-manager opcode: {opcode:?}"),
        }
    }

    /// `BeforeWith`: peek the context manager at TOS, call `__enter__`, and push
    /// the result. The context manager stays on the stack across the body so the
    /// matching `WithExit` / `WithExceptStart` can find it.
    ///
    /// The CPython "object does not support the context manager protocol"
    /// `TypeError` is gated on [`PyTrait::py_is_context_manager`] so we never
    /// have to sniff exception messages — a real context manager whose
    /// `__enter__` itself raises `AttributeError` propagates unchanged.
    fn exec_before_with(&mut self) -> RunResult<CallResult> {
        // Pattern-matching `*self.peek()` is a place expression so it doesn't
        // move the whole Value — Rust only copies the HeapId out. Non-Ref
        // values (Int, Bool, None, …) never implement the protocol.
        let Value::Ref(ctx_id) = *self.peek() else {
            return Err(not_a_context_manager(self));
        };
        let mut ctx = self.heap.read(ctx_id);
        if ctx.py_is_context_manager(self) {
            ctx.py_enter(self)
        } else {
            Err(not_a_context_manager(self))
        }
    }

    /// `WithExit`: pop the context manager, call `__exit__(None, None, None)`,
    /// and push the result. The compiler emits a trailing `Pop` to discard the
    /// result; splitting "call + discard" lets the call yield to the host while
    /// the discard happens once the host has resumed with the return value.
    fn exec_with_exit(&mut self) -> RunResult<CallResult> {
        let this = self;
        let ctx = this.pop();
        let Value::Ref(ctx_id) = ctx else {
            unreachable!("WithExit: expected context-manager ref on stack");
        };
        // Drop the ctx reference on every exit path of this function — whether
        // py_exit returns a value, yields, or errors. This matches the ref-count
        // balance from BeforeWith's push.
        defer_drop!(ctx, this);
        this.heap.read(ctx_id).py_exit(this, None)
    }

    /// `WithExceptStart`: peek at `[..., ctx, exc]`, call
    /// `__exit__(type(exc), exc, None)`, and push the raw return value. The
    /// compiler-emitted `JumpIfTrue` then branches on its truthiness to either
    /// suppress (Pop ctx, Pop exc, ClearException) or re-raise (Pop ctx, Pop exc,
    /// Reraise).
    fn exec_with_except_start(&mut self) -> RunResult<CallResult> {
        let len = self.stack.len();
        // Pattern-match via place expressions so neither stack slot is moved.
        let Value::Ref(exc_id) = self.stack[len - 1] else {
            unreachable!("WithExceptStart: expected exception ref on stack");
        };
        let Value::Ref(ctx_id) = self.stack[len - 2] else {
            unreachable!("WithExceptStart: expected context-manager ref on stack");
        };
        self.heap.read(ctx_id).py_exit(self, Some(exc_id))
    }
}

impl VM<'_> {
    /// `AsyncWith`: the step of an `async with` that `step` names, calling the context
    /// manager's `__aenter__` or `__aexit__` and pushing the awaitable it returns; the stack as
    /// `BeforeWith`, `WithExit` and `WithExceptStart` leave it. Only a class written in Python
    /// defines these: monty's own types have no asynchronous context managers.
    fn exec_async_with(&mut self, step: u8) -> RunResult<CallResult> {
        let this = self;
        let len = this.stack.len();
        let (ctx_at, exc) = match step {
            ASYNC_WITH_ENTER | ASYNC_WITH_EXIT => (len - 1, None),
            ASYNC_WITH_EXCEPT => {
                let Value::Ref(exc_id) = this.stack[len - 1] else {
                    unreachable!("AsyncWith: expected exception ref on stack");
                };
                (len - 2, Some(exc_id))
            }
            _ => unreachable!("AsyncWith: unknown step {step}"),
        };
        let instance = match this.stack[ctx_at] {
            Value::Ref(id) => match this.heap.read(id) {
                HeapReadOutput::Instance(instance) => Some(instance),
                _ => None,
            },
            _ => None,
        };
        let Some(mut instance) = instance else {
            let name = this.stack[ctx_at].py_type_name(this);
            return Err(SimpleException::new_msg(
                ExcType::TypeError,
                format!("'{name}' object does not support the asynchronous context manager protocol"),
            )
            .into());
        };
        match step {
            ASYNC_WITH_ENTER => instance.call_aenter(this),
            ASYNC_WITH_EXIT => {
                // The context manager leaves the stack, as `WithExit`'s does.
                let ctx = this.pop();
                defer_drop!(ctx, this);
                instance.call_exit(this, None, "__aexit__")
            }
            _ => instance.call_exit(this, exc, "__aexit__"),
        }
    }
}

/// Builds the CPython-equivalent `TypeError` raised when a value used in a
/// `with` statement does not implement the context-manager protocol.
///
/// CPython's message names the missing dunder, and it checks `__exit__`
/// first — [`PyTrait::py_is_context_manager`] mirrors that (user classes
/// check their namespace for `__exit__`; builtin types answer per-type), so
/// this gate failure always reports `__exit__`. A user class that defines
/// `__exit__` but not `__enter__` passes the gate and gets the
/// "missed __enter__ method" variant from `Instance::py_enter` instead.
fn not_a_context_manager(vm: &VM<'_>) -> RunError {
    let ty = vm.peek().py_type_name(vm);
    ExcType::type_error_not_context_manager(ty, "__exit__")
}
