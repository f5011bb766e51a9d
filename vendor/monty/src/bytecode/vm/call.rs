//! Function call helpers for the VM.
//!
//! This module contains the implementation of call-related opcodes and helper
//! functions for executing function calls. The main entry points are the `exec_*`
//! methods which are called from the VM's main dispatch loop.

use std::mem;

use monty_types::{MontyUuid, OsFunctionCall};

use super::{CallFrame, VM, attr::PendingLookupEffect, function_namespace, recursion::RunReentryGuard};
use crate::{
    args::{ArgValues, KwargsValues},
    asyncio::Coroutine,
    builtins::{Builtins, BuiltinsFunctions, BuiltinsFunctionsExt, drained},
    bytecode::FrameExit,
    defer_drop,
    exception_private::{ExcType, ExcTypeExt, RunError, RunResult},
    frozen::FrozenFunction,
    function::{ExactPositionalCall, Function},
    heap::{ContainsHeap, DropGuard, DropWithContext, HeapData, HeapId},
    heap_data::CellValue,
    intern::{FunctionId, StaticStrings, StringId},
    modules::dataclasses,
    os_dispatch::{PendingEffect, release_pending_effect},
    resource_checks::check_estimated_size,
    suggestions,
    types::{
        Dict, Instance, List, PyTrait, Type, class_lookup,
        dict::StrKey,
        exception_class::{self, class_exception},
        generator::Generator,
        instance::class_name,
    },
    value::{EitherStr, VALUE_SIZE, Value},
};

/// Result of executing a call or attribute method.
///
/// Used by the `exec_*` methods and `py_call_attr` implementations to communicate
/// what action the VM's main loop should take after the call completes.
///
/// For attribute methods that complete synchronously, use `CallResult::Value`.
/// For operations requiring host involvement (OS calls, external functions, etc.),
/// use the appropriate variant to signal the VM to yield.
pub(crate) enum CallResult {
    /// Call completed synchronously with a return value.
    Value(Value),
    /// A defined function became the VM's current frame.
    /// Propagate or require synchronous completion; dropping this result does not pop the frame.
    FramePushed,
    /// External function call requested - VM should pause and return to caller.
    /// The `EitherStr` is the name of the external function (interned or heap-owned).
    External(EitherStr, ArgValues),
    /// OS operation call requested - VM should yield `FrameExit::OsCall` to host.
    ///
    /// The host executes the OS operation and resumes the VM with the result.
    /// The [`OsFunctionCall`] is a tagged enum whose variants carry their own
    /// typed args, so no separate `ArgValues` is needed at this layer.
    OsCall(OsFunctionCall),
    /// Host-routed call requested - VM should yield `FrameExit::MethodCall`
    /// to host: a method call on a host-backed instance, or on a host class
    /// type — a classmethod, or construction, which is spelled `__call__`.
    ///
    /// The receiver is NOT included in `args`: the host routes the call by
    /// `object_id`, the receiver's uuid (stored on the [`HostClass`] /
    /// [`HostClassType`]). Unlike `External`, `name` is an `EitherStr`
    /// because method names are only known at runtime.
    ///
    /// [`HostClass`]: crate::types::HostClass
    /// [`HostClassType`]: crate::types::HostClassType
    MethodCall {
        name: EitherStr,
        args: ArgValues,
        object_id: MontyUuid,
    },
    /// Lazy attribute lookup on a host-backed object - VM should yield
    /// `FrameExit::AttrLookup` to host.
    ///
    /// Produced by `obj.attr` (or `Type.attr` when `type_object` is true)
    /// and by `getattr()` / `hasattr()` when `attr` is public and missing
    /// from the eager attrs. `class_name` is captured at suspension so the
    /// resume-undefined AttributeError names the real class without touching
    /// the heap.
    AttrLookup {
        name: EitherStr,
        class_name: String,
        object_id: MontyUuid,
        /// True for a lookup on a class type object — selects CPython's
        /// `type object '...' has no attribute ...` message on failure.
        type_object: bool,
        /// How `getattr()` / `hasattr()` consume the answer; `None` for
        /// `obj.attr`. The only heap reference this variant can carry.
        effect: Option<PendingLookupEffect>,
    },
    /// The call returned a value that should be implicitly awaited.
    ///
    /// Used by `asyncio.run()` to execute a coroutine without an explicit `await`.
    /// The VM will push the value onto the stack and execute `exec_get_awaitable`.
    AwaitValue(Value),
    /// OS call whose result must be post-processed on resume via a
    /// [`PendingEffect`] instead of being pushed onto the operand stack raw.
    ///
    /// Used by buffered file reads (`BufferStore`), buffered writes
    /// (`WritePosition`), and `os.listdir` (`ListdirNames`). The effect stays
    /// *in* the value, handed on to `FrameExit::OsCall`, so a call rejected on
    /// the way out cannot corrupt the next OS call's resume.
    OsCallWithEffect {
        call: OsFunctionCall,
        effect: PendingEffect,
    },
}

impl CallResult {
    /// Completes a call at a Rust boundary that cannot yield to the host.
    /// Python frames still run; unsupported suspensions are raised inside them and cleaned up.
    /// Consume immediately after dispatch, before running any of the installed frame's bytecode.
    pub(crate) fn require_synchronous(self, vm: &mut VM<'_>) -> RunResult<Value> {
        if matches!(self, Self::FramePushed) {
            if let Err(error) = vm.enter_run_reentry() {
                // Dispatch already installed this frame, but it has not executed an instruction.
                let instruction_ip = vm.instruction_ip;
                vm.pop_frame();
                vm.instruction_ip = instruction_ip;
                return Err(error.into());
            }
            let mut guard = RunReentryGuard::new(vm);
            self.finish_synchronously(&mut guard)
        } else {
            self.finish_synchronously(vm)
        }
    }

    /// Runs under the caller's native re-entry reservation when a frame needs execution.
    fn finish_synchronously(self, vm: &mut VM<'_>) -> RunResult<Value> {
        match self {
            Self::Value(value) => Ok(value),
            // With no host to answer, `hasattr` and `getattr` see an undefined attribute.
            Self::AttrLookup {
                effect: Some(effect), ..
            } => Ok(effect.apply(None, vm)),
            Self::FramePushed => {
                // Stop both normal returns and exception unwinding before the Rust caller's frame.
                vm.current_frame_mut().should_return = true;
                loop {
                    match vm.run()? {
                        FrameExit::Return(value) => return Ok(value),
                        FrameExit::AttrLookup {
                            effect: Some(effect), ..
                        } => {
                            let value = effect.apply(None, vm);
                            vm.push(value);
                        }
                        exit => {
                            let error = vm.unsupported_frame_exit(exit);
                            if let Some(error) = vm.handle_exception(error) {
                                return Err(error);
                            }
                        }
                    }
                }
            }
            // What the host answers at once needs no suspension.
            unsupported => match vm.answer_now(unsupported) {
                Ok(answered) => answered,
                Err(unsupported) => Err(vm.unsupported_call_result(unsupported)),
            },
        }
    }
}

impl<C: ContainsHeap> DropWithContext<C> for CallResult {
    fn drop_with(self, heap: &mut C) {
        match self {
            Self::Value(value) | Self::AwaitValue(value) => value.drop_with(heap),
            Self::External(_, args) | Self::MethodCall { args, .. } => {
                args.drop_with(heap);
            }
            Self::OsCall(call) => call.drop_with(heap),
            Self::AttrLookup { effect, .. } => effect.drop_with(heap),
            Self::FramePushed => {}
            Self::OsCallWithEffect { call, effect } => {
                call.drop_with(heap);
                // Discarded before it ever became a `FrameExit`.
                release_pending_effect(Some(effect), heap);
            }
        }
    }
}

impl<'h> VM<'h> {
    // ========================================================================
    // Call Opcode Executors
    // ========================================================================
    // These methods are called from the VM's main dispatch loop to execute
    // call-related opcodes. They handle stack operations and return a result
    // indicating what the VM should do next.

    /// Executes `CallFunction` opcode.
    ///
    /// Pops the callable and arguments from the stack, calls the function,
    /// and returns the result.
    pub(super) fn exec_call_function(&mut self, arg_count: usize) -> Result<CallResult, RunError> {
        let callable_index = self.stack.len() - arg_count - 1;
        if let Value::DefFunction(func_id) = self.stack[callable_index]
            && let Some(result) = self.try_call_exact_def_function(func_id, callable_index, arg_count)
        {
            result
        } else if arg_count == 1 && matches!(self.stack[callable_index], Value::Builtin(Builtins::Type(Type::Str))) {
            // `str(x)`, what `Str::init` does with one argument, without building the call's
            // `ArgValues` and dispatching on the builtin and then the type. The callable holds
            // no reference to release.
            let object = self.pop();
            self.stack.pop();
            let this = self;
            defer_drop!(object, this);
            object.py_str(this).map(CallResult::Value)
        } else {
            let args = self.pop_n_args(arg_count);
            let callable = self.pop();
            let this = self;
            defer_drop!(callable, this);
            this.call_function(callable, args)
        }
    }

    /// Executes `CallBuiltinFunction` opcode.
    ///
    /// Calls a builtin function directly without stack manipulation for the callable.
    /// This is an optimization that avoids constant pool lookup and stack manipulation.
    pub(super) fn exec_call_builtin_function(
        &mut self,
        builtin_id: u8,
        arg_count: usize,
    ) -> Result<CallResult, RunError> {
        // Convert u8 to BuiltinsFunctions via FromRepr
        if let Some(builtin) = BuiltinsFunctions::from_repr(builtin_id) {
            let args = self.pop_n_args(arg_count);
            builtin.call(self, args)
        } else {
            Err(RunError::internal("CallBuiltinFunction: invalid builtin_id"))
        }
    }

    /// Executes `CallBuiltinType` opcode.
    ///
    /// Calls a builtin type constructor directly without stack manipulation for the callable.
    /// This is an optimization for type constructors like `list()`, `int()`, `str()`.
    pub(super) fn exec_call_builtin_type(&mut self, type_id: u8, arg_count: usize) -> Result<CallResult, RunError> {
        // Convert u8 to Type via callable_from_u8
        if let Some(t) = Type::callable_from_u8(type_id) {
            let args = self.pop_n_args(arg_count);
            t.call(self, args)
        } else {
            Err(RunError::internal("CallBuiltinType: invalid type_id"))
        }
    }

    /// Executes `CallFunctionKw` opcode.
    ///
    /// Reads `kw_count` keyword name operands from the instruction stream,
    /// pops the keyword values, positional args, and callable from the stack,
    /// builds the appropriate `ArgValues`, and calls the function.
    pub(super) fn exec_call_function_kw(&mut self, pos_count: usize, kw_count: usize) -> Result<CallResult, RunError> {
        // Pop keyword values (TOS is last kwarg value)
        let kw_values = self.pop_n(kw_count);

        // Pop positional arguments
        let pos_args = self.pop_n(pos_count);

        // Pop the callable
        let callable = self.pop();
        let this = self;
        defer_drop!(callable, this);

        // Build kwargs directly as Vec<(StringId, Value)>
        let mut kwargs_inline = Vec::with_capacity(kw_count);
        for value in kw_values {
            let name_id = StringId::from_index(this.current_frame.fetch_u16());
            kwargs_inline.push((name_id, value));
        }

        // Build ArgValues with both positional and keyword args
        let args = if pos_args.is_empty() && kwargs_inline.is_empty() {
            ArgValues::Empty
        } else if pos_args.is_empty() {
            ArgValues::Kwargs(KwargsValues::Inline(kwargs_inline))
        } else {
            ArgValues::ArgsKargs {
                args: pos_args,
                kwargs: KwargsValues::Inline(kwargs_inline),
            }
        };

        this.call_function(callable, args)
    }

    /// Executes `CallAttr` opcode.
    ///
    /// Pops the object and arguments from the stack, calls the attribute,
    /// and returns a `CallResult` which may indicate an OS or external call.
    pub(super) fn exec_call_attr(&mut self, name_id: StringId, arg_count: usize) -> Result<CallResult, RunError> {
        if let Some(pushed) = self.try_push_method_frame(name_id, arg_count) {
            return pushed.map(|()| CallResult::FramePushed);
        }
        let args = self.pop_n_args(arg_count);
        let obj = self.pop();
        self.call_attr(obj, name_id, args)
    }

    /// Runs `list.append(x)` and `dict.get(k[, d])` on an exact list or dict straight off the
    /// stack, as CPython 3.11 specializes them (`PRECALL_NO_KW_LIST_APPEND`, the method
    /// descriptors' fast calls), pushing the result; `None`, with the stack untouched, for
    /// any other call.
    ///
    /// The general path wraps the arguments in `ArgValues`, reads the receiver into a
    /// `PyValue`, dispatches on the type, then on the method's name, and hands the result
    /// back in a `CallResult`: about three quarters of a loop's `words.append(w)`. These
    /// two are the methods a loop body calls most; the work done is the same
    /// (`List::append`, `Dict::get_or`), with the same errors.
    #[inline(never)]
    pub(super) fn try_call_builtin_method(&mut self, name_id: StringId, arg_count: usize) -> Option<RunResult<()>> {
        let receiver_index = self.stack.len() - arg_count - 1;
        let Value::Ref(heap_id) = self.stack[receiver_index] else {
            return None;
        };
        match (self.interns.static_string(name_id)?, arg_count) {
            (StaticStrings::Append, 1) => {
                let list = self.heap.read_as::<List>(heap_id)?;
                let item = self.pop();
                let receiver = self.pop();
                let appended = list.append(self, item);
                drop(list);
                receiver.drop_with(self);
                Some(appended.map(|()| self.push(Value::None)))
            }
            (StaticStrings::Get, 1 | 2) => {
                let dict = self.heap.read_as::<Dict>(heap_id)?;
                let default = if arg_count == 2 { self.pop() } else { Value::None };
                let key = self.pop();
                let receiver = self.pop();
                let got = dict.get_or(&key, default, self);
                drop(dict);
                key.drop_with(self);
                receiver.drop_with(self);
                Some(got.map(|value| self.push(value)))
            }
            _ => None,
        }
    }

    /// Executes `CallAttrKw` opcode.
    ///
    /// Reads `kw_count` keyword name operands from the instruction stream,
    /// pops the keyword values, positional args, and object from the stack,
    /// builds the appropriate `ArgValues`, and calls the attribute.
    /// Returns a `CallResult` which may indicate an OS or external call.
    pub(super) fn exec_call_attr_kw(
        &mut self,
        name_id: StringId,
        pos_count: usize,
        kw_count: usize,
    ) -> Result<CallResult, RunError> {
        // Pop keyword values (TOS is last kwarg value)
        let kw_values = self.pop_n(kw_count);

        // Pop positional arguments
        let pos_args = self.pop_n(pos_count);

        // Pop the object
        let obj = self.pop();

        // Build kwargs directly as Vec<(StringId, Value)>
        let mut kwargs_inline = Vec::with_capacity(kw_count);
        for value in kw_values {
            let kw_name_id = StringId::from_index(self.current_frame.fetch_u16());
            kwargs_inline.push((kw_name_id, value));
        }

        // Build ArgValues with both positional and keyword args
        let args = if pos_args.is_empty() && kwargs_inline.is_empty() {
            ArgValues::Empty
        } else if pos_args.is_empty() {
            ArgValues::Kwargs(KwargsValues::Inline(kwargs_inline))
        } else {
            ArgValues::ArgsKargs {
                args: pos_args,
                kwargs: KwargsValues::Inline(kwargs_inline),
            }
        };

        self.call_attr(obj, name_id, args)
    }

    /// Executes `CallFunctionExtended` opcode.
    ///
    /// Handles calls with `*args` and/or `**kwargs` unpacking.
    pub(super) fn exec_call_function_extended(&mut self, has_kwargs: bool) -> Result<CallResult, RunError> {
        // Pop kwargs dict if present
        let kwargs = if has_kwargs { Some(self.pop()) } else { None };

        // Pop args tuple
        let args_tuple = self.pop();

        // Pop callable
        let callable = self.pop();

        // Unpack and call
        self.call_function_extended(callable, args_tuple, kwargs)
    }

    /// Executes `CallAttrExtended` opcode.
    ///
    /// Handles method calls with `*args` and/or `**kwargs` unpacking.
    pub(super) fn exec_call_attr_extended(
        &mut self,
        name_id: StringId,
        has_kwargs: bool,
    ) -> Result<CallResult, RunError> {
        // Pop kwargs dict if present
        let kwargs = if has_kwargs { Some(self.pop()) } else { None };

        // Pop args tuple
        let args_tuple = self.pop();

        // Pop the receiver object
        let obj = self.pop();

        // Unpack and call
        self.call_attr_extended(obj, name_id, args_tuple, kwargs)
    }

    // ========================================================================
    // Internal Call Helpers
    // ========================================================================

    /// Pops n arguments from the stack and wraps them in `ArgValues`.
    fn pop_n_args(&mut self, n: usize) -> ArgValues {
        match n {
            0 => ArgValues::Empty,
            1 => ArgValues::One(self.pop()),
            2 => {
                let b = self.pop();
                let a = self.pop();
                ArgValues::Two(a, b)
            }
            _ => ArgValues::ArgsKargs {
                args: self.pop_n(n),
                kwargs: KwargsValues::Empty,
            },
        }
    }

    /// Calls an attribute on an object.
    ///
    /// Logical dispatch hides interned versus heap storage and preserves suspendable
    /// results for methods requiring host involvement.
    ///
    /// **Dunder dispatch**: before reaching the type-specific dispatcher, this
    /// method intercepts known dunder names (`__enter__`, `__exit__`, …) and
    /// routes them to the corresponding [`PyTrait`] method
    /// (`py_enter` / `py_exit` / …). The default trait impls return
    /// `AttributeError`, so types that don't override the dunder behave
    /// identically to a generic "no such method" lookup; types that *do*
    /// override only need a single trait impl, not parallel `StaticStrings::Foo`
    /// arms in their `py_call_attr` body. New dunder methods plug into the
    /// dispatch table here without touching individual types.
    pub(crate) fn call_attr(&mut self, obj: Value, name_id: StringId, args: ArgValues) -> Result<CallResult, RunError> {
        let this = self;
        let attr = EitherStr::Interned(name_id);

        // Centralised dunder dispatch — see `trait_dunder`. The name is recognised before
        // `args` moves: wrapped in an `Option` for a helper to take (as it was), the
        // `ArgValues` were copied in and out of the slot on every method call, and those
        // copies' wide loads stalled on the narrow stores that had just written them.
        if let Value::Ref(heap_id) = obj
            && let Some(dunder) = trait_dunder(name_id, heap_id, this)
        {
            defer_drop!(obj, this);
            return call_trait_dunder(dunder, heap_id, this, args);
        }

        if let Value::Ref(heap_id) = obj
            && drained::method_drains(heap_id, name_id, &args, this)
        {
            return drained::call_method_drained(obj, name_id, args, this);
        }

        defer_drop!(obj, this);
        obj.py_value(this)
            .py_call_attr(this, &attr, args)
            .map_err(|error| suggestions::for_attribute(error, obj, this.interns.get_str(name_id), this))
    }

    /// Evaluates a function in a synchronous position that cannot suspend to the host.
    ///
    /// User-defined functions run until their frame returns. An unresolved name raises
    /// `NameError`; external, OS, method, and future suspensions raise a variant-specific
    /// `NotImplementedError` because this context cannot preserve and resume its state.
    /// These are raised at the suspension point inside the callee's frames, so the
    /// callee can catch them with an ordinary `try`/`except` like any other exception.
    ///
    /// The nested `self.run()` below recurses on the native Rust stack, so
    /// re-entry is bounded via [`enter_run_reentry`](Self::enter_run_reentry)
    /// at entry — before `call_function`, since a class-valued `__init__` can
    /// recurse back in without ever pushing a frame.
    pub(crate) fn evaluate_function(&mut self, callable: &Value, args: ArgValues) -> Result<Value, RunError> {
        if let Err(e) = self.enter_run_reentry() {
            // Bailing before `call_function` takes ownership of `args`, so
            // reclaim its refcounts here.
            args.drop_with(self);
            return Err(e.into());
        }
        let mut guard = RunReentryGuard::new(self);
        let this = &mut *guard;

        this.call_function(callable, args)?.finish_synchronously(this)
    }

    /// Converts a direct call suspension into a specific synchronous-context error.
    #[cold]
    fn unsupported_call_result(&mut self, result: CallResult) -> RunError {
        let error = match &result {
            CallResult::External(function_name, _) => {
                ExcType::not_implemented_synchronous_call("external function", function_name.as_str(self.interns))
            }
            CallResult::OsCall(call) | CallResult::OsCallWithEffect { call, .. } => {
                ExcType::not_implemented_synchronous_call("OS function", call.name())
            }
            CallResult::MethodCall { name, .. } => {
                ExcType::not_implemented_synchronous_call("method call", name.as_str(self.interns))
            }
            // A lazy attribute lookup cannot suspend in a synchronous nested
            // context; report the attribute as missing rather than a
            // NotImplementedError, matching what an unanswered lookup raises
            // (an `effect` was consumed by the caller before reaching here).
            CallResult::AttrLookup {
                name,
                class_name,
                type_object,
                ..
            } => {
                let error = if *type_object {
                    ExcType::attribute_error_type(class_name, name.as_str(self.interns))
                } else {
                    ExcType::attribute_error(class_name, name.as_str(self.interns))
                };
                result.drop_with(self);
                return error;
            }
            CallResult::AwaitValue(_) => ExcType::not_implemented("cannot await a value in this synchronous context"),
            CallResult::Value(_) | CallResult::FramePushed => unreachable!("completed calls are handled above"),
        };
        result.drop_with(self);
        error.into()
    }

    /// Converts a nested VM suspension into a specific synchronous-context error.
    #[cold]
    pub(crate) fn unsupported_frame_exit(&mut self, exit: FrameExit) -> RunError {
        let error = match &exit {
            FrameExit::Return(_) => unreachable!("return exits are handled above"),
            FrameExit::ExternalCall { function_name, .. } => {
                ExcType::not_implemented_synchronous_call("external function", function_name.as_str(self.interns))
            }
            FrameExit::OsCall { function_call, .. } => {
                ExcType::not_implemented_synchronous_call("OS function", function_call.name())
            }
            FrameExit::MethodCall { method_name, .. } => {
                ExcType::not_implemented_synchronous_call("method call", method_name.as_str(self.interns))
            }
            // Same as the `CallResult::AttrLookup` arm above.
            FrameExit::AttrLookup {
                name,
                class_name,
                type_object,
                ..
            } => {
                let error = if *type_object {
                    ExcType::attribute_error_type(class_name, name.as_str(self.interns))
                } else {
                    ExcType::attribute_error(class_name, name.as_str(self.interns))
                };
                exit.drop_with(self);
                return error;
            }
            FrameExit::ResolveFutures(_) => {
                ExcType::not_implemented("cannot resolve async futures in this synchronous context")
            }
            FrameExit::NameLookup { name_id, .. } => {
                let name = self.interns.get_str(*name_id);
                let error = suggestions::for_name(ExcType::name_error(name).into(), name, self);
                exit.drop_with(self);
                return error;
            }
        };
        exit.drop_with(self);
        error.into()
    }

    /// Calls a callable value with the given arguments.
    ///
    /// Dispatches based on the callable type:
    /// - `Value::Builtin`: calls builtin directly, returns `Push`
    /// - `Value::ModuleFunction`: calls module function directly, returns `Push`
    /// - `Value::DefFunction`: pushes a new frame, returns `FramePushed`
    /// - `Value::Ref`: checks for closure/function on heap
    pub(crate) fn call_function(&mut self, callable: &Value, args: ArgValues) -> Result<CallResult, RunError> {
        match callable {
            Value::Builtin(builtin) => builtin.call(self, args),
            Value::ModuleFunction(mf) => mf.call(self, args),
            Value::DefFunction(func_id) => {
                // Defined function without defaults, captured variables or a globals dict
                self.call_def_function(*func_id, &[], &[], None, args)
            }
            Value::Ref(heap_id) => {
                // Could be a closure or function with defaults - check heap
                self.call_heap_callable(*heap_id, args)
            }
            _ => {
                // Coupling check: reaching here means dispatch rejected the value,
                // so `Value::is_callable` must agree it is not callable.
                debug_assert!(
                    !callable.is_callable(self),
                    "Value::is_callable accepts a value call_function rejects — the two drifted"
                );
                args.drop_with(self);
                let ty = callable.py_type_name(self);
                Err(ExcType::type_error(format!("'{ty}' object is not callable")))
            }
        }
    }

    /// Calls a heap value, delegating to the type's own [`PyTrait::py_call`].
    ///
    /// Each callable type owns its dispatch, so this only reads the value and
    /// hands the arguments over — a new callable type is added by implementing
    /// `py_call`, not by extending anything here. The default `py_call` raises
    /// the same `TypeError` the rejected arm used to, so a value that is not
    /// callable is refused without a branch of its own.
    fn call_heap_callable(&mut self, heap_id: HeapId, args: ArgValues) -> Result<CallResult, RunError> {
        self.heap.read(heap_id).py_call(args, self)
    }

    /// Calls a function with unpacked args tuple and optional kwargs dict.
    ///
    /// Used for `f(*args)` and `f(**kwargs)` style calls.
    fn call_function_extended(
        &mut self,
        callable: Value,
        args_tuple: Value,
        kwargs: Option<Value>,
    ) -> Result<CallResult, RunError> {
        let this = self;
        defer_drop!(args_tuple, this);
        defer_drop!(callable, this);
        // Building the argument pack is fallible (a refused `*args` clone) and the
        // kwargs are handed on only once it succeeds, so the guard releases them on
        // the error paths in between.
        let mut pending_kwargs = DropGuard::new(kwargs, this);
        let (pending, this) = pending_kwargs.as_parts_mut();

        // Extract positional args from tuple
        let copied_args = this.extract_args_tuple(args_tuple)?;

        // Build ArgValues from positional args and optional kwargs
        let args = if let Some(kwargs_ref) = pending.take() {
            this.build_args_with_kwargs(copied_args, kwargs_ref)?
        } else {
            Self::build_args_positional_only(copied_args)
        };

        // Call the function (args_tuple guard drops at scope exit)
        this.call_function(callable, args)
    }

    /// Calls a method with unpacked args tuple and optional kwargs dict.
    ///
    /// Used for `obj.method(*args)` and `obj.method(**kwargs)` style calls.
    fn call_attr_extended(
        &mut self,
        obj: Value,
        name_id: StringId,
        args_tuple: Value,
        kwargs: Option<Value>,
    ) -> Result<CallResult, RunError> {
        let this = self;
        defer_drop!(args_tuple, this);
        // Building the argument pack is fallible (a refused `*args` clone, a kwargs
        // dict that cannot grow) and the receiver and kwargs are handed on only once
        // it succeeds, so the guard releases them on the error paths in between.
        let mut pending = DropGuard::new((obj, kwargs), this);
        let (pending_values, this) = pending.as_parts_mut();

        // Extract positional args from tuple
        let copied_args = this.extract_args_tuple_for_attr(args_tuple)?;

        // Build ArgValues from positional args and optional kwargs
        let args = if let Some(kwargs_ref) = pending_values.1.take() {
            this.build_args_with_kwargs_for_attr(copied_args, kwargs_ref)?
        } else {
            Self::build_args_positional_only(copied_args)
        };

        // Call the method (args_tuple guard drops at scope exit)
        let ((obj, _), this) = pending.into_parts();
        this.call_attr(obj, name_id, args)
    }

    /// Extracts arguments from a tuple for `CallFunctionExtended`.
    ///
    /// # Panics
    /// Panics if `args_tuple` is not a tuple. This indicates a compiler bug since
    /// the compiler always emits `ListToTuple` before `CallFunctionExtended`.
    fn extract_args_tuple(&mut self, args_tuple: &Value) -> RunResult<Vec<Value>> {
        let Value::Ref(id) = args_tuple else {
            unreachable!("CallFunctionExtended: args_tuple must be a Ref")
        };
        let HeapData::Tuple(tuple) = self.heap.get(*id) else {
            unreachable!("CallFunctionExtended: args_tuple must be a Tuple")
        };
        clone_args_from_tuple(tuple.as_slice(), self)
    }

    /// Builds `ArgValues` with kwargs for `CallFunctionExtended`.
    ///
    /// # Panics
    /// Panics if `kwargs_ref` is not a dict. This indicates a compiler bug since
    /// the compiler always emits `BuildDict` before `CallFunctionExtended` with kwargs.
    fn build_args_with_kwargs(&mut self, copied_args: Vec<Value>, kwargs_ref: Value) -> Result<ArgValues, RunError> {
        let this = self;
        defer_drop!(kwargs_ref, this);

        // Extract kwargs dict items
        let Value::Ref(id) = kwargs_ref else {
            unreachable!("CallFunctionExtended: kwargs must be a Ref")
        };
        let HeapData::Dict(dict) = this.heap.get(*id) else {
            unreachable!("CallFunctionExtended: kwargs must be a Dict")
        };
        let copied_kwargs: Vec<(Value, Value)> = dict
            .iter()
            .map(|(k, v)| (k.clone_with_heap(this), v.clone_with_heap(this)))
            .collect();

        // `copied_args` travels unguarded through this `?`, which is sound only
        // because `from_pairs` cannot fail here: it sizes both dict buffers to the
        // pair count up front so the growth preflight is a no-op, and keys taken out
        // of a dict are already known hashable. Size that dict lazily and this leaks
        // the args.
        let kwargs_values = if copied_kwargs.is_empty() {
            KwargsValues::Empty
        } else {
            let kwargs_dict = Dict::from_pairs(copied_kwargs, this)?;
            KwargsValues::Dict(kwargs_dict)
        };

        Ok(ArgValues::from_parts(copied_args, kwargs_values))
    }

    /// Builds `ArgValues` from positional args only.
    fn build_args_positional_only(copied_args: Vec<Value>) -> ArgValues {
        match copied_args.len() {
            0 => ArgValues::Empty,
            1 => ArgValues::One(copied_args.into_iter().next().unwrap()),
            2 => {
                let mut iter = copied_args.into_iter();
                ArgValues::Two(iter.next().unwrap(), iter.next().unwrap())
            }
            _ => ArgValues::ArgsKargs {
                args: copied_args,
                kwargs: KwargsValues::Empty,
            },
        }
    }

    /// Extracts arguments from a tuple for `CallAttrExtended`.
    ///
    /// # Panics
    /// Panics if `args_tuple` is not a tuple. This indicates a compiler bug since
    /// the compiler always emits `ListToTuple` before `CallAttrExtended`.
    fn extract_args_tuple_for_attr(&mut self, args_tuple: &Value) -> RunResult<Vec<Value>> {
        let Value::Ref(id) = args_tuple else {
            unreachable!("CallAttrExtended: args_tuple must be a Ref")
        };
        let HeapData::Tuple(tuple) = self.heap.get(*id) else {
            unreachable!("CallAttrExtended: args_tuple must be a Tuple")
        };
        clone_args_from_tuple(tuple.as_slice(), self)
    }

    /// Builds `ArgValues` with kwargs for `CallAttrExtended`.
    ///
    /// # Panics
    /// Panics if `kwargs_ref` is not a dict. This indicates a compiler bug since
    /// the compiler always emits `BuildDict` before `CallAttrExtended` with kwargs.
    fn build_args_with_kwargs_for_attr(
        &mut self,
        copied_args: Vec<Value>,
        kwargs_ref: Value,
    ) -> Result<ArgValues, RunError> {
        let this = self;
        defer_drop!(kwargs_ref, this);

        // Extract kwargs dict items
        let Value::Ref(id) = kwargs_ref else {
            unreachable!("CallAttrExtended: kwargs must be a Ref")
        };
        let HeapData::Dict(dict) = this.heap.get(*id) else {
            unreachable!("CallAttrExtended: kwargs must be a Dict")
        };
        let copied_kwargs: Vec<(Value, Value)> = dict
            .iter()
            .map(|(k, v)| (k.clone_with_heap(this), v.clone_with_heap(this)))
            .collect();

        // `copied_args` travels unguarded through this `?`, which is sound only
        // because `from_pairs` cannot fail here: it sizes both dict buffers to the
        // pair count up front so the growth preflight is a no-op, and keys taken out
        // of a dict are already known hashable. Size that dict lazily and this leaks
        // the args.
        let kwargs_values = if copied_kwargs.is_empty() {
            KwargsValues::Empty
        } else {
            let kwargs_dict = Dict::from_pairs(copied_kwargs, this)?;
            KwargsValues::Dict(kwargs_dict)
        };

        Ok(ArgValues::from_parts(copied_args, kwargs_values))
    }

    // ========================================================================
    // Frame Setup
    // ========================================================================

    /// Bypasses argument binding when a direct call of a coroutine function matches its
    /// cached call plan (a synchronous one took `try_push_exact_sync_frame` before).
    fn try_call_exact_def_function(
        &mut self,
        func_id: FunctionId,
        callable_index: usize,
        arg_count: usize,
    ) -> Option<Result<CallResult, RunError>> {
        let func = self.interns.get_function(func_id);
        match func.exact_positional_call() {
            Some(ExactPositionalCall::Async(count)) if count == arg_count => {
                Some(Ok(self.create_exact_coroutine(func_id, func, callable_index)))
            }
            _ => None,
        }
    }

    /// `CallFunction`'s fast path: a module function called with exactly its positional
    /// parameters gets its frame pushed; `None` sends the call down the general path.
    ///
    /// Its result is a `Result<(), _>` rather than `exec_call_function`'s `CallResult`, a
    /// 192-byte enum: unwrapped from an `Option`, that was copied whole by a `memcpy` on every
    /// Python call, and the copy's loads stalled on the stores that had just written it (15 %
    /// of a recursive `fib`'s time on x86-64).
    #[inline]
    pub(super) fn try_push_exact_sync_frame(&mut self, arg_count: usize) -> Option<RunResult<()>> {
        let callable_index = self.stack.len() - arg_count - 1;
        let Value::DefFunction(func_id) = self.stack[callable_index] else {
            return None;
        };
        let func = match self.last_exact_call {
            Some((id, func)) if id == func_id => func,
            _ => {
                let func = self.interns.get_function(func_id);
                self.last_exact_call = Some((func_id, func));
                func
            }
        };
        match func.exact_positional_call() {
            Some(ExactPositionalCall::Sync(count)) if count == arg_count => {
                Some(self.push_exact_sync_frame(func_id, func, callable_index))
            }
            _ => None,
        }
    }

    /// Pushes a simple function frame using arguments already present on the VM stack.
    ///
    /// Removing the immediate callable shifts its arguments into the parameter
    /// slots, avoiding argument wrappers, binding, scratch storage, and a copy.
    fn push_exact_sync_frame(
        &mut self,
        func_id: FunctionId,
        func: &'h Function,
        callable_index: usize,
    ) -> RunResult<()> {
        let callable = remove_below_args(&mut self.stack, callable_index);
        debug_assert_exact_callable(&callable, func_id);
        self.push_frame_over(func_id, func, callable_index)
    }

    /// `CallAttr`'s fast path for a method written in Python: `obj.method(a, b)` on an
    /// instance of a class written in Python, where the instance's own attributes do not
    /// shadow the name and its class (or an ancestor) holds a plain module-level `def` taking
    /// exactly `self` and the arguments given. The receiver and the arguments already lie on
    /// the stack in the order of the method's first locals, so its frame is pushed over them:
    /// no argument pack, no binding, no `self` put in front (CPython 3.11's `LOAD_METHOD`
    /// then an exact `CALL`). `None` sends the call down the general path
    /// (`Instance::py_call_attr`), which looks the name up in the same order.
    fn try_push_method_frame(&mut self, name_id: StringId, arg_count: usize) -> Option<RunResult<()>> {
        let receiver_index = self.stack.len() - arg_count - 1;
        let Value::Ref(heap_id) = self.stack[receiver_index] else {
            return None;
        };
        let HeapData::Instance(instance) = self.heap.get(heap_id) else {
            return None;
        };
        let name = StrKey::Interned(name_id);
        if instance.attrs().get_by_str(name, self.heap, self.interns).is_some() {
            return None;
        }
        let Some(&Value::DefFunction(func_id)) = class_lookup(instance.class(), name, self.heap, self.interns) else {
            return None;
        };
        let func = self.interns.get_function(func_id);
        match func.exact_positional_call() {
            Some(ExactPositionalCall::Sync(count)) if count == arg_count + 1 => {
                Some(self.push_frame_over(func_id, func, receiver_index))
            }
            _ => None,
        }
    }

    /// Pushes `func`'s frame over the values from `locals_start` to the top of the stack, which
    /// become its first locals (its parameters), the rest of its locals unbound.
    #[inline(always)]
    fn push_frame_over(&mut self, func_id: FunctionId, func: &'h Function, locals_start: usize) -> RunResult<()> {
        let call_offset = self.current_offset();
        let namespace_size = func.namespace_size;
        let locals_count = u16::try_from(namespace_size).expect("function namespace size exceeds u16");
        self.stack
            .resize_with(locals_start + namespace_size, || Value::Undefined);
        let exc_stack_base = self.exception_stack.len();
        self.push_frame(CallFrame::new_function(
            &func.code,
            locals_start,
            locals_count,
            exc_stack_base,
            func_id,
            call_offset,
            None,
        ))
    }

    /// Creates a coroutine by moving exact positional arguments into its namespace.
    fn create_exact_coroutine(&mut self, func_id: FunctionId, func: &Function, callable_index: usize) -> CallResult {
        let mut namespace = self.stack.split_off(callable_index + 1);
        namespace.reserve(func.namespace_size - namespace.len());
        self.install_closure_cells(func, &[], &mut namespace);

        let callable = self.pop();
        debug_assert_exact_callable(&callable, func_id);

        let coroutine = Coroutine::new(func_id, namespace, None);
        let coroutine_id = self.heap.allocate(HeapData::Coroutine(coroutine));
        CallResult::Value(Value::Ref(coroutine_id))
    }

    /// The id of an internal function, compiled and published on first use.
    fn frozen_function_id(&self, function: FrozenFunction) -> RunResult<FunctionId> {
        let interns = self.interns;
        if let Some(id) = interns.frozen_function(function) {
            return Ok(id);
        }
        let (id, overlay) = function.compile(interns)?;
        // No fallible operation or Python execution may intervene between publication and its use.
        overlay.commit();
        interns.set_frozen_function(function, id);
        Ok(id)
    }

    /// A generator of an internal generator function, its first locals `args`: what a lazy
    /// builtin over a generator returns (`builtins::drained`, `lazily`).
    pub(crate) fn frozen_generator<const N: usize>(
        &mut self,
        function: FrozenFunction,
        args: [Value; N],
    ) -> Result<CallResult, RunError> {
        let mut args_guard = DropGuard::new(args, self);
        let (_, vm) = args_guard.as_parts_mut();
        let function_id = vm.frozen_function_id(function)?;
        let (args, vm) = args_guard.into_parts();
        let func = vm.interns.get_function(function_id);
        assert!(func.is_generator && func.signature.exact_positional_count() == Some(N));
        let mut namespace = Vec::from(args);
        namespace.resize_with(func.namespace_size, || Value::Undefined);
        let generator = Generator::new(function_id, namespace, None);
        Ok(CallResult::Value(Value::Ref(
            vm.heap.allocate(HeapData::Generator(Box::new(generator))),
        )))
    }

    /// A coroutine of an internal `async def`, its first locals `args`: what an asynchronous
    /// generator's `__anext__()`, `asend()`, `athrow()` and `aclose()` return, to be awaited.
    pub(crate) fn frozen_coroutine<const N: usize>(
        &mut self,
        function: FrozenFunction,
        args: [Value; N],
    ) -> Result<CallResult, RunError> {
        let mut args_guard = DropGuard::new(args, self);
        let (_, vm) = args_guard.as_parts_mut();
        let function_id = vm.frozen_function_id(function)?;
        let (args, vm) = args_guard.into_parts();
        let func = vm.interns.get_function(function_id);
        assert!(func.is_async && !func.is_generator && func.signature.exact_positional_count() == Some(N));
        let mut namespace = Vec::from(args);
        namespace.resize_with(func.namespace_size, || Value::Undefined);
        let coroutine = Coroutine::new(function_id, namespace, None);
        Ok(CallResult::Value(Value::Ref(
            vm.heap.allocate(HeapData::Coroutine(coroutine)),
        )))
    }

    /// Calls an internal function, compiling it on first use.
    /// Arguments transfer into ordinary frame locals; implementation frames do not charge recursion depth.
    pub(crate) fn call_frozen_exact<const N: usize>(
        &mut self,
        function: FrozenFunction,
        args: [Value; N],
    ) -> Result<CallResult, RunError> {
        let mut args_guard = DropGuard::new(args, self);
        let (_, vm) = args_guard.as_parts_mut();
        let function_id = vm.frozen_function_id(function)?;
        let (args, vm) = args_guard.into_parts();
        let interns = vm.interns;
        let func = interns.get_function(function_id);
        assert_eq!(func.signature.exact_positional_count(), Some(N));
        assert!(func.cell_var_slots.is_empty() && func.free_var_slots.is_empty());
        let namespace_size = func.namespace_size;
        let locals_count = u16::try_from(namespace_size).expect("frozen function namespace exceeds u16");
        assert!(namespace_size >= N, "frozen function has too few local slots");
        let stack_base = vm.stack.len();
        vm.stack.extend(args);
        vm.stack.resize_with(stack_base + namespace_size, || Value::Undefined);
        let frame = CallFrame::new_function(
            &func.code,
            stack_base,
            locals_count,
            vm.exception_stack.len(),
            function_id,
            vm.current_offset(),
            None,
        );
        vm.push_admitted_frame(frame);

        Ok(CallResult::FramePushed)
    }

    /// Calls a defined function by pushing a new frame or creating a coroutine.
    ///
    /// For sync functions: sets up the function's namespace with bound arguments,
    /// cell variables, and free variables, then pushes a new frame.
    ///
    /// For async functions: binds arguments immediately but returns a Coroutine
    /// instead of pushing a frame. The coroutine stores the pre-bound namespace
    /// and will be executed when awaited.
    pub(crate) fn call_def_function(
        &mut self,
        func_id: FunctionId,
        cells: &[HeapId],
        defaults: &[Value],
        globals: Option<HeapId>,
        args: ArgValues,
    ) -> Result<CallResult, RunError> {
        let func = self.interns.get_function(func_id);

        if func.is_async || func.is_generator {
            self.create_coroutine(func_id, func, cells, defaults, globals, args)
        } else {
            self.call_sync_function(func_id, func, cells, defaults, globals, args)
        }
    }

    /// Creates a Coroutine for an async function call, or a Generator for a generator
    /// function's.
    ///
    /// The coroutine is executed when awaited via Await; the generator as `next()` asks.
    fn create_coroutine(
        &mut self,
        func_id: FunctionId,
        func: &Function,
        cells: &[HeapId],
        defaults: &[Value],
        globals: Option<HeapId>,
        args: ArgValues,
    ) -> Result<CallResult, RunError> {
        // 1. Create namespace for the coroutine with bound arguments and captured cells.
        let namespace = Vec::with_capacity(func.namespace_size);
        let mut namespace_guard = DropGuard::new(namespace, self);
        let (namespace, this) = namespace_guard.as_parts_mut();

        // 2. Bind arguments to parameters
        func.signature.bind(args, defaults, this, func.name, namespace)?;

        // 3. Install owned cells and captured free-var cells at their slots.
        this.install_closure_cells(func, cells, namespace);

        // 4. Create Coroutine on heap; it carries its own reference to the globals dict.
        let (namespace, this) = namespace_guard.into_parts();
        if let Some(globals) = globals {
            this.heap.inc_ref(globals);
        }
        let data = if func.is_generator && func.is_async {
            HeapData::Generator(Box::new(Generator::new_async(func_id, namespace, globals)))
        } else if func.is_generator {
            HeapData::Generator(Box::new(Generator::new(func_id, namespace, globals)))
        } else {
            HeapData::Coroutine(Coroutine::new(func_id, namespace, globals))
        };
        let id = this.heap.allocate(data);

        Ok(CallResult::Value(Value::Ref(id)))
    }

    /// Installs owned cell variables and captured free-var cells into a frame's
    /// `namespace` at their explicit slots, then fills any remaining slots with
    /// `Undefined`.
    ///
    /// `namespace` enters holding only the bound parameters and leaves with
    /// length `func.namespace_size`. Each owned cell (`cell_var_slots[i]`) is a
    /// freshly allocated `Cell`, seeded from parameter `cell_param_indices[i]`
    /// when that cell is for a captured parameter. Each captured cell
    /// (`cells[i]`, gathered by the caller from the enclosing frame) is inc-ref'd
    /// and installed at `free_var_slots[i]`.
    ///
    /// Slots are addressed explicitly rather than pushed sequentially because a
    /// transitively captured (pass-through) variable is allocated a slot late
    /// during preparation, outside the contiguous param/cell/free region — so a
    /// positional `push` would place it wrong. Shared by sync calls and
    /// coroutine creation, including the exact-positional-call fast path
    /// (which always passes an empty `cells` slice, since it only applies when
    /// `cell_var_slots`/`free_var_slots` are both empty).
    fn install_closure_cells(&mut self, func: &Function, cells: &[HeapId], namespace: &mut Vec<Value>) {
        namespace.resize_with(func.namespace_size, || Value::Undefined);

        for (i, &slot) in func.cell_var_slots.iter().enumerate() {
            let cell_value = match func.cell_param_indices[i] {
                Some(param_idx) => namespace[param_idx].clone_with_heap(self),
                None => Value::Undefined,
            };
            let cell_id = self.heap.allocate(HeapData::Cell(CellValue(cell_value)));
            namespace[slot.index()] = Value::Ref(cell_id);
        }

        for (i, &cell_id) in cells.iter().enumerate() {
            self.heap.inc_ref(cell_id);
            namespace[func.free_var_slots[i].index()] = Value::Ref(cell_id);
        }
    }

    /// Calls a sync function by pushing a new frame.
    ///
    /// Sets up the function's namespace with bound arguments, cell variables,
    /// and free variables (captured from enclosing scope for closures).
    ///
    /// Locals are built in the reusable `namespace_scratch` buffer (under a
    /// [`DropGuard`] for cleanup on error) and moved onto the VM stack, where
    /// `stack_base` points to the start of the locals region.
    fn call_sync_function(
        &mut self,
        func_id: FunctionId,
        func: &'h Function,
        cells: &[HeapId],
        defaults: &[Value],
        globals: Option<HeapId>,
        args: ArgValues,
    ) -> Result<CallResult, RunError> {
        let call_offset = self.current_offset();
        let stack_base = self.stack.len();

        let namespace_size = func.namespace_size;
        let locals_count = u16::try_from(namespace_size).expect("function namespace size exceeds u16");

        // 1. Build the namespace in the reusable scratch buffer to avoid a
        //    per-call allocation. On error `DropGuard` drops the buffer, so the
        //    pool just restarts empty next call.
        let mut namespace = mem::take(&mut self.namespace_scratch);
        namespace.reserve(namespace_size);
        let mut namespace_guard = DropGuard::new(namespace, self);
        let (namespace, this) = namespace_guard.as_parts_mut();

        // 2. Bind arguments to parameters
        {
            let bind_result = func.signature.bind(args, defaults, this, func.name, namespace);

            bind_result?;
        }

        // 3. Install owned cells and captured free-var cells at their slots.
        this.install_closure_cells(func, cells, namespace);

        // 6. Commit the guard (no rollback) and push the frame. The operand
        // stack starts immediately above the locals region — comprehensions
        // emit their own push/pop bytecode, so no frame-level region is
        // reserved here. `append` empties the buffer (keeping its allocation)
        // so it can return to the pool.
        let (mut namespace, this) = namespace_guard.into_parts();
        this.stack.append(&mut namespace);
        this.namespace_scratch = namespace;

        let exc_stack_base = this.exception_stack.len();
        let namespace = function_namespace(globals, &*this.heap);
        this.push_frame(CallFrame::new_function(
            &func.code,
            stack_base,
            locals_count,
            exc_stack_base,
            func_id,
            call_offset,
            namespace,
        ))?;

        Ok(CallResult::FramePushed)
    }

    /// Constructs an instance of a user-defined class — the `Foo(...)` path.
    ///
    /// Allocates the instance with an empty `__dict__`, then:
    /// - **No `__init__`:** rejects any arguments (like `object()`), returns the
    ///   instance directly.
    /// - **`__init__` is a plain sync function** (the normal case): pushes the
    ///   instance onto the operand stack as the pending result, runs
    ///   `__init__(self, *args)` as a real (suspendable) frame, and marks that
    ///   frame `is_initializer`. When the initializer frame returns, the
    ///   [`ReturnValue`](crate::bytecode::Opcode::ReturnValue) handler enforces the
    ///   `None` return and leaves the already-pushed instance as the result — so
    ///   `Foo(a)` evaluates to the new instance, not `__init__`'s return.
    /// - **Any other `__init__`** (builtin, class, `async def`, non-callable, ...):
    ///   runs it to completion synchronously via
    ///   [`evaluate_function`](Self::evaluate_function) and enforces CPython's
    ///   contract that it returns `None`. This path cannot suspend, and must NOT
    ///   go through the frame-marking path: a class-valued `__init__` recurses
    ///   into `instantiate_class`, which pushes its own pending instance —
    ///   blindly marking the resulting frame would corrupt the operand stack.
    ///
    /// Because a plain-function `__init__` runs as a normal frame, it may suspend
    /// on external/OS calls; the `is_initializer` flag is threaded through frame
    /// serialization so a suspended initializer resumes correctly.
    pub(crate) fn instantiate_class(&mut self, class_id: HeapId, args: ArgValues) -> Result<CallResult, RunError> {
        let instance_id = self.heap.allocate_instance(Instance::new(class_id, Dict::new()));
        // The instance now owns a reference to its class object.
        self.heap.inc_ref(class_id);

        // Look up `__init__` in the class namespace (cloned out to release the borrow).
        let init = class_lookup(class_id, "__init__", self.heap, self.interns).map(|v| v.clone_with_heap(self));
        let exception = class_exception(class_id, self.heap).is_some();
        // `BaseException.__new__` keeps the arguments as `args`, whatever `__init__` does.
        if exception && let Err(e) = exception_class::set_args(instance_id, &args, self) {
            args.drop_with(self);
            init.drop_with(self);
            Value::Ref(instance_id).drop_with(self);
            return Err(e);
        }

        match init {
            None if matches!(args, ArgValues::Empty) => Ok(CallResult::Value(Value::Ref(instance_id))),
            None if exception && !args.has_kwargs() => {
                args.drop_with(self);
                Ok(CallResult::Value(Value::Ref(instance_id)))
            }
            None if exception => {
                args.drop_with(self);
                let name = class_name(class_id, self.heap, self.interns);
                Value::Ref(instance_id).drop_with(self);
                Err(ExcType::type_error(format!("{name}() takes no keyword arguments")))
            }
            None => {
                args.drop_with(self);
                let name = class_name(class_id, self.heap, self.interns);
                Value::Ref(instance_id).drop_with(self);
                Err(ExcType::type_error(format!("{name}() takes no arguments")))
            }
            // A `@dataclass`-generated `__init__` binds its fields natively,
            // with no generated bytecode; holding `init_func` keeps its plan
            // alive while factories run.
            Some(init_func) if dataclasses::is_generated_init(&init_func, self) => {
                let this = self;
                defer_drop!(init_func, this);
                dataclasses::run_init(this, init_func, Value::Ref(instance_id), args).map(CallResult::Value)
            }
            Some(init_func) => {
                let this = self;
                defer_drop!(init_func, this);
                // CPython's `type.__call__` looks up `__init__` with descriptor
                // binding: only plain functions bind the new instance as `self`.
                // Bound methods already carry their own receiver, and builtins,
                // classes and other values are called with the constructor
                // arguments unchanged.
                let init_args = if this.is_function_value(init_func) {
                    this.heap.inc_ref(instance_id);
                    args.prepend(Value::Ref(instance_id))
                } else {
                    args
                };
                if this.is_plain_sync_function(init_func) {
                    // Push the instance as the pending result (transferring the
                    // allocation's reference), then run __init__ as a real
                    // (suspendable) frame.
                    this.push(Value::Ref(instance_id));
                    match this.call_function(init_func, init_args)? {
                        CallResult::FramePushed => {
                            // Mark the just-pushed frame so its return value is
                            // discarded (after the `None` check in the ReturnValue
                            // handler) and the pending instance becomes the result.
                            this.current_frame_mut().is_initializer = true;
                            Ok(CallResult::FramePushed)
                        }
                        other => {
                            // Defensive: `is_plain_sync_function` guarantees a frame push.
                            other.drop_with(this);
                            this.pop().drop_with(this);
                            Err(ExcType::type_error("__init__() must be a regular function"))
                        }
                    }
                } else {
                    // Exotic `__init__` (builtin, class, `async def`, non-callable,
                    // ...): run to completion synchronously — no pending instance is
                    // pushed — and enforce CPython's `None`-return contract.
                    match this.evaluate_function(init_func, init_args) {
                        Ok(Value::None) => Ok(CallResult::Value(Value::Ref(instance_id))),
                        Ok(result) => {
                            let type_name = result.py_type_name(this);
                            result.drop_with(this);
                            Value::Ref(instance_id).drop_with(this);
                            Err(ExcType::type_error_init_return(type_name))
                        }
                        Err(e) => {
                            Value::Ref(instance_id).drop_with(this);
                            Err(e)
                        }
                    }
                }
            }
        }
    }

    /// Whether `value` is a plain Python function object (`def`, closure, or
    /// function-with-defaults — sync or async): the kinds that act as descriptors
    /// in CPython and therefore bind an instance when looked up as a class member.
    fn is_function_value(&self, value: &Value) -> bool {
        match value {
            Value::DefFunction(_) => true,
            Value::Ref(id) => matches!(
                self.heap.get(*id),
                HeapData::Closure(_) | HeapData::FunctionDefaults(_) | HeapData::DataclassMethod(_)
            ),
            _ => false,
        }
    }

    /// Whether calling `value` would push a regular synchronous frame
    /// (`CallResult::FramePushed`): a plain `def`, closure, function-with-defaults,
    /// or a bound method wrapping one — but not an `async def`, whose call creates
    /// a coroutine instead, nor a generator function. Used by [`instantiate_class`](Self::instantiate_class)
    /// to decide whether `__init__` can run as a suspendable initializer frame.
    pub(crate) fn is_plain_sync_function(&self, value: &Value) -> bool {
        match value {
            Value::DefFunction(func_id) => self.interns.get_function(*func_id).runs_when_called(),
            Value::Ref(id) => match self.heap.get(*id) {
                HeapData::Closure(closure) => self.interns.get_function(closure.func_id).runs_when_called(),
                HeapData::FunctionDefaults(fd) => self.interns.get_function(fd.func_id).runs_when_called(),
                // Bound methods never wrap another bound method, so this
                // recursion is at most one level deep.
                HeapData::BoundMethod(bm) => self.is_plain_sync_function(&bm.func),
                _ => false,
            },
            _ => false,
        }
    }
}

/// Removes the callable at `index` from under its arguments, shifting them down one slot:
/// `Vec::remove` with a loop of swaps in place of its `memmove` call, which for the one to three
/// arguments of a typical call costs more than the moves themselves.
#[inline]
fn remove_below_args(stack: &mut Vec<Value>, index: usize) -> Value {
    for slot in index..stack.len() - 1 {
        stack.swap(slot, slot + 1);
    }
    stack.pop().expect("the callable is on the stack")
}

/// Clones a `*args` tuple's contents into the owned buffer a call needs.
///
/// The clone is one allocation the size of the whole tuple, so it is preflighted:
/// past the allocator's hard-limit headroom that single allocation kills the worker
/// rather than raising `MemoryError`.
fn clone_args_from_tuple(items: &[Value], vm: &impl ContainsHeap) -> RunResult<Vec<Value>> {
    // One spare slot so `ArgValues::prepend` can put `self` in front of a bound
    // method's arguments without reallocating; that insert has no preflight of its own.
    let slots = items.len().saturating_add(1);
    check_estimated_size(slots.saturating_mul(VALUE_SIZE), &vm.heap().tracker)?;
    let mut args = Vec::with_capacity(slots);
    args.extend(items.iter().map(|v| v.clone_with_heap(vm)));
    Ok(args)
}

/// Asserts a callable popped off the stack by an exact-positional-call fast
/// path is the function that fast path was chosen for.
///
/// Shared by [`VM::push_exact_sync_frame`] and [`VM::create_exact_coroutine`],
/// which both remove their callable from the stack after already having
/// dispatched on its `FunctionId` in [`VM::try_push_exact_sync_frame`] or
/// [`VM::try_call_exact_def_function`].
fn debug_assert_exact_callable(callable: &Value, func_id: FunctionId) {
    debug_assert!(matches!(callable, Value::DefFunction(id) if *id == func_id));
}

/// A dunder method that `call_attr` answers through its [`PyTrait`] hook rather than
/// `py_call_attr`.
#[derive(Clone, Copy)]
enum TraitDunder {
    Enter,
    Exit,
}

/// Centralised dunder recognition for `__enter__` / `__exit__` (and, when added,
/// any other dunder that maps to a [`PyTrait`] method): `Some` when `name_id`
/// names one and `heap_id` is not a user-defined instance, for
/// [`call_trait_dunder`] to run; `None` sends the call to the regular
/// `py_call_attr` dispatch.
///
/// Adding a new dunder is a new variant here and its arm in
/// `call_trait_dunder`; type implementations only need to override the
/// corresponding `PyTrait` method, never a `StaticStrings::Foo` arm in their
/// `py_call_attr`.
fn trait_dunder(name_id: StringId, heap_id: HeapId, vm: &VM<'_>) -> Option<TraitDunder> {
    let dunder = match vm.interns.static_string(name_id)? {
        StaticStrings::Enter => TraitDunder::Enter,
        StaticStrings::Exit => TraitDunder::Exit,
        _ => return None,
    };
    // User-defined instances are never intercepted: an explicit
    // `obj.__enter__()` / `obj.__exit__(a, b, c)` on an instance is an
    // ordinary method call in CPython — the instance `__dict__` can shadow
    // the class method and the arguments must reach the user function
    // verbatim (the trait hooks reduce them to an `Option<HeapId>`, which
    // is lossy). The `with` statement still uses the trait hooks via the
    // `BeforeWith`/`WithExit`/`WithExceptStart` opcodes, which perform the
    // CPython type-level (class-only) lookup.
    if matches!(vm.heap.get(heap_id), HeapData::Instance(_)) {
        return None;
    }
    Some(dunder)
}

/// Runs a dunder that [`trait_dunder`] recognised, consuming `args`.
fn call_trait_dunder(
    dunder: TraitDunder,
    heap_id: HeapId,
    vm: &mut VM<'_>,
    args: ArgValues,
) -> Result<CallResult, RunError> {
    match dunder {
        TraitDunder::Enter => args
            .check_zero_args("__enter__", vm.heap)
            .and_then(|()| vm.heap.read(heap_id).py_enter(vm)),
        TraitDunder::Exit => dispatch_exit(heap_id, vm, args),
    }
}

/// Direct `obj.__exit__(typ, val, tb)` invocation.
///
/// Validates that exactly three positional arguments are passed (CPython
/// raises `TypeError` for any other arity) and forwards `val` to
/// [`PyTrait::py_exit`] as `Option<HeapId>`:
///
/// - `val is None` → `None`, treated as the "normal exit" path.
/// - `val is a heap-allocated value` → `Some(heap_id)`. For built-in context
///   managers this is the exception instance, matching the `with`-statement
///   call shape.
/// - `val is a scalar (Int, Bool, …)` → `None`. The trait abstraction can
///   only carry `HeapId`s, so non-Ref values cannot be forwarded; in
///   practice no supported context manager inspects a non-exception `val`,
///   and CPython's behavior for such calls is implementation-defined per
///   the user-provided `__exit__`.
///
/// `typ` and `tb` are discarded: every implementation we have re-derives the
/// type from `val` and Monty has no traceback objects (see
/// `limitations/with.md`).
fn dispatch_exit(heap_id: HeapId, vm: &mut VM<'_>, args: ArgValues) -> Result<CallResult, RunError> {
    let positional = args.into_pos_only("__exit__", vm.heap)?;
    defer_drop!(positional, vm);
    let [typ, val, tb] = positional.as_slice() else {
        return Err(ExcType::type_error_arg_count("__exit__", 3, positional.len()));
    };
    let _ = (typ, tb);
    let exc = match val {
        Value::Ref(id) => Some(*id),
        _ => None,
    };
    vm.heap.read(heap_id).py_exit(vm, exc)
}
