//! A generator: what calling a function whose body yields makes.
//!
//! The call binds the arguments and runs nothing. Each `next()`, `send()` or `throw()` (and
//! each step of a `for` loop, which calls `next()`) resumes the body as a frame of its own,
//! pushed on the caller's as a call's is, so the body may wait for the host like any call;
//! `yield` takes the frame off again, keeping what it holds in the generator, and hands the
//! value to the caller as a call's result (see `bytecode::vm::generator`).
//!
//! The builtins that read an iterable whole read a generator through a frozen `for` loop
//! (`builtins::drained`), as they read a class's iterator; other native loops (`in`,
//! `dict()`, `itertools`) step it in a nested dispatch loop, where it cannot wait.

use std::fmt::Write;

use serde::{Deserialize, Serialize};

use crate::{
    args::ArgValues,
    builtins::Builtins,
    bytecode::{CallResult, Resume, SuspendedFrame, VM},
    exception_private::{ExcType, ExcTypeExt, RunResult, SimpleException},
    frozen::{FrozenFunction, FrozenFunctions},
    heap::{DropWithContext, HeapId, HeapItem, HeapObjectRead},
    intern::{FunctionId, StaticStrings},
    modules::ModuleFunctions,
    types::{LazyHeapSet, PyTrait, Type, py_trait::PyObjectIdentity},
    value::{EitherStr, Value},
};

/// A generator object: its function, the globals it runs under, its frame while it does not
/// run, and where its body stands.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Generator {
    /// The generator function whose body this runs.
    pub(crate) func_id: FunctionId,
    /// Owned reference to the `exec()` globals dict the function was defined under; `None`
    /// when its globals are module slots.
    pub(crate) globals: Option<HeapId>,
    /// Its frame's stack and handled exceptions while `Suspended`; while it runs, their
    /// buffers, empty, kept for the next `yield` (a step allocates nothing).
    pub(crate) frame: SuspendedFrame,
    /// Where the body stands.
    pub(crate) state: GeneratorState,
    /// The value its body returned, until `yield from` or `await` takes it
    /// ([`call_take_result`]): the object itself, where its `StopIteration` holds a copy
    /// (the repr alone past 1,000 characters), as an exception keeps its arguments.
    #[serde(default)]
    pub(crate) returned: Option<Value>,
    /// An asynchronous generator's (an `async def` that yields): `async for` steps it, and
    /// its body may await.
    #[serde(default)]
    pub(crate) asynchronous: bool,
}

/// Where a generator's body stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum GeneratorState {
    /// Not running: its frame, before its first instruction or at a `yield`.
    Suspended,
    /// Its frame is on the stack, running (or waiting for what it called); resumed by the
    /// `ForIter` of a `for` loop over it (`for_loop`), or called (`next()`, `send()`).
    Running { for_loop: bool },
    /// It returned, raised, or was closed: every `next()` raises `StopIteration`.
    Finished,
}

impl Generator {
    /// A generator of `func_id`'s body, whose frame's locals start as `namespace` (the bound
    /// arguments and the cells). Takes the reference to `globals`.
    pub(crate) fn new(func_id: FunctionId, namespace: Vec<Value>, globals: Option<HeapId>) -> Self {
        Self {
            func_id,
            globals,
            frame: SuspendedFrame::new(namespace),
            state: GeneratorState::Suspended,
            returned: None,
            asynchronous: false,
        }
    }

    /// An asynchronous generator of `func_id`'s body, as [`Self::new`] makes a generator.
    pub(crate) fn new_async(func_id: FunctionId, namespace: Vec<Value>, globals: Option<HeapId>) -> Self {
        Self {
            asynchronous: true,
            ..Self::new(func_id, namespace, globals)
        }
    }

    /// Its type: `generator`, or `async_generator`.
    pub(crate) fn py_type(&self) -> Type {
        if self.asynchronous {
            Type::AsyncGenerator
        } else {
            Type::WalkGenerator
        }
    }

    /// Invokes `on_child` for each heap id this generator owns (GC trace hook).
    pub(crate) fn for_each_child_id(&self, mut on_child: impl FnMut(HeapId)) {
        self.frame.for_each_child_id(&mut on_child);
        if let Some(globals) = self.globals {
            on_child(globals);
        }
        if let Some(Value::Ref(id)) = &self.returned {
            on_child(*id);
        }
    }
}

impl HeapItem for Generator {
    fn py_dec_ref_ids(&mut self, stack: &mut Vec<HeapId>) {
        self.frame.py_dec_ref_ids(stack);
        stack.extend(self.globals);
        if let Some(value) = &mut self.returned {
            value.py_dec_ref_ids(stack);
        }
    }
}

/// `gen.close()`: `GeneratorExit` thrown in where the body stands, which ends it unless the
/// body yields again (then CPython's `RuntimeError`). A generator not started or already
/// finished just finishes (`throw` raises `generator_exit` at once there, caught here).
pub(crate) const CLOSE_SOURCE: &str = r"
def __monty_generator_close(generator, generator_exit, stop_iteration, runtime_error):
    try:
        generator.throw(generator_exit)
    except (generator_exit, stop_iteration):
        return None
    raise runtime_error('generator ignored GeneratorExit')
";

/// One step of `yield from` (`YieldFromSend`): `(False, item)` for the iterator's next item,
/// sent `sent` unless it is `None` (`send()` of a generator, an `AttributeError` for another
/// iterator, as in CPython), or `(True, result)` once it ends: its `StopIteration`'s value.
pub(crate) const YIELD_FROM_SOURCE: &str = r"
def __monty_yield_from(iterator, sent, next_, stop_iteration, take_result):
    try:
        if sent is None:
            return (False, next_(iterator))
        return (False, iterator.send(sent))
    except stop_iteration as stop:
        return (True, take_result(iterator, stop.value))
";

/// `await obj` where `obj`'s class defines `__await__`: the iterator `__await__` returns is run
/// to its end, and the value it returns is the await's. CPython's event loop reads what such an
/// iterator yields (a future to wait for); monty has no loop of its own, so a value yielded here
/// is refused with the message CPython's `Task` gives a value it cannot wait for. An awaitable
/// written in Python waits inside `__await__` by calling what waits (a host call that blocks
/// its task), and `return`s its result.
pub(crate) const AWAIT_INSTANCE_SOURCE: &str = r"
def __monty_await(awaitable, validate, next_, stop_iteration, runtime_error, take_result):
    iterator = validate(awaitable.__await__())
    while True:
        try:
            value = next_(iterator)
        except stop_iteration as stop:
            return take_result(iterator, stop.value)
        raise runtime_error(f'Task got bad yield: {value!r}')
";

/// An asynchronous generator's `__anext__()` and `asend(value)`, awaited (see
/// `async_generator_method`): its next item, or `StopAsyncIteration` once it ends. `resume` is
/// `FrozenFunctions::AsyncGeneratorResume`; the generator's frame is pushed over this one, in
/// the awaiting task, so its awaits suspend that task.
pub(crate) const ASYNC_SEND_SOURCE: &str = r"
async def __monty_async_generator_send(generator, value, resume, stop_iteration, stop_async_iteration):
    try:
        return resume(generator, value)
    except stop_iteration:
        pass
    raise stop_async_iteration
";

/// An asynchronous generator's `athrow(exception)`, awaited: the item it yields next, where it
/// catches the exception, or `StopAsyncIteration` where it ends.
pub(crate) const ASYNC_THROW_SOURCE: &str = r"
async def __monty_async_generator_throw(generator, exception, throw_in, stop_iteration, stop_async_iteration):
    try:
        return throw_in(generator, exception)
    except stop_iteration:
        pass
    raise stop_async_iteration
";

/// An asynchronous generator's `aclose()`, awaited: `GeneratorExit` thrown in where the body
/// stands, which ends it unless the body yields again (then CPython's `RuntimeError`).
pub(crate) const ASYNC_CLOSE_SOURCE: &str = r"
async def __monty_async_generator_close(generator, throw_in, generator_exit, stop_iteration, runtime_error):
    try:
        throw_in(generator, generator_exit)
    except (generator_exit, stop_iteration):
        return None
    raise runtime_error('async generator ignored GeneratorExit')
";

/// What an iterator that ended with `stop_value` (its `StopIteration`'s `value`) returned: a
/// generator's own returned object where it kept one (taken, once), else `stop_value`.
pub(crate) fn call_take_result(args: ArgValues, vm: &mut VM<'_>) -> RunResult<Value> {
    let (iterator, stop_value) = args.get_two_args("take_result", vm.heap)?;
    let returned = match &iterator {
        Value::Ref(id) => vm
            .heap
            .read_as::<Generator>(*id)
            .and_then(|generator| generator.get_mut(vm.heap).returned.take()),
        _ => None,
    };
    iterator.drop_with(vm);
    match returned {
        Some(returned) => {
            stop_value.drop_with(vm);
            Ok(returned)
        }
        None => Ok(stop_value),
    }
}

/// Checks what a class's `__await__` returned, with CPython's message for a non-iterator.
pub(crate) fn call_validate_await_iterator(args: ArgValues, vm: &mut VM<'_>) -> RunResult<Value> {
    let iterator = args.get_one_arg("validate_await_iterator", vm.heap)?;
    if iterator.py_is_iterator(vm) {
        Ok(iterator)
    } else {
        let message = format!(
            "__await__() returned non-iterator of type '{}'",
            iterator.py_type_name(vm)
        );
        iterator.drop_with(vm);
        Err(SimpleException::new_msg(ExcType::TypeError, message).into())
    }
}

impl<'h> PyTrait<'h> for HeapObjectRead<'h, Generator> {
    fn py_is_iterator(&self, vm: &VM<'h>) -> bool {
        !self.get(vm.heap).asynchronous
    }

    fn py_is_iterable(&self, vm: &VM<'h>) -> bool {
        !self.get(vm.heap).asynchronous
    }

    /// CPython's type of a generator, which `os.walk()`'s iterator shares, or of an
    /// asynchronous one.
    fn py_type(&self, vm: &VM<'h>) -> Type {
        self.get(vm.heap).py_type()
    }

    fn py_len(&self, _: &VM<'h>) -> Option<usize> {
        None
    }

    fn py_eq_impl(&self, _: &Value, _: &mut VM<'h>) -> RunResult<Option<bool>> {
        Ok(None)
    }

    fn py_bool(&self, _: &mut VM<'h>) -> RunResult<bool> {
        Ok(true)
    }

    fn py_repr_fmt(&self, f: &mut impl Write, vm: &mut VM<'h>, _: &mut LazyHeapSet) -> RunResult<()> {
        let generator = self.get(vm.heap);
        let kind = generator.py_type().name(vm.heap, vm.interns);
        let function = vm.interns.get_function(generator.func_id);
        let name = vm.interns.get_str(function.name.name_id);
        Ok(write!(
            f,
            "<{kind} object {name} at 0x{:x}>",
            self.py_identity().encoded()
        )?)
    }

    /// Itself; an asynchronous generator is for `async for`, and `for` refuses it as CPython
    /// does.
    fn py_iter(&self, vm: &mut VM<'h>) -> RunResult<CallResult> {
        if self.get(vm.heap).asynchronous {
            return Err(ExcType::type_error_not_iterable("async_generator"));
        }
        Ok(CallResult::Value(self.clone_value(vm.heap)))
    }

    /// Runs the body to its next `yield` in a nested dispatch loop, for a native loop that
    /// steps this generator; `None` once it ends.
    fn py_next(&mut self, vm: &mut VM<'h>) -> RunResult<Option<Value>> {
        match vm
            .resume_generator(self.id(), Resume::Send(Value::None))
            .and_then(|call| call.require_synchronous(vm))
        {
            Ok(value) => Ok(Some(value)),
            Err(error) if error.is_stop_iteration() => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// `send(value)`, `throw(exception)`, `close()` and `__next__()`, each resuming the body as
    /// a frame of its own.
    fn py_call_attr(&mut self, vm: &mut VM<'h>, attr: &EitherStr, args: ArgValues) -> RunResult<CallResult> {
        let id = self.id();
        if self.get(vm.heap).asynchronous {
            return async_generator_method(self.clone_value(vm.heap), attr, args, vm);
        }
        match attr.static_string(vm.interns) {
            Some(StaticStrings::Send) => {
                let value = args.get_one_arg("send", vm.heap)?;
                vm.resume_generator(id, Resume::Send(value))
            }
            _ if attr.as_str(vm.interns) == "__next__" => {
                args.check_zero_args("__next__", vm.heap)?;
                vm.resume_generator(id, Resume::Send(Value::None))
            }
            Some(StaticStrings::Throw) => {
                let value = thrown("throw", args, vm)?;
                vm.resume_generator(id, Resume::Throw(value))
            }
            Some(StaticStrings::Close) => {
                args.check_zero_args("close", vm.heap)?;
                vm.call_frozen_exact(
                    FrozenFunction::GeneratorClose,
                    [
                        self.clone_value(vm.heap),
                        Value::Builtin(Builtins::ExcType(ExcType::GeneratorExit)),
                        Value::Builtin(Builtins::ExcType(ExcType::StopIteration)),
                        Value::Builtin(Builtins::ExcType(ExcType::RuntimeError)),
                    ],
                )
            }
            _ => {
                args.drop_with(vm);
                Err(ExcType::attribute_error(Type::WalkGenerator, attr.as_str(vm.interns)))
            }
        }
    }
}

/// What `throw(value)`, or the older `throw(type, value, traceback)`, throws: the value when
/// there is one, else the type (`name` is the method's, `athrow` for an asynchronous generator).
fn thrown(name: &str, args: ArgValues, vm: &mut VM<'_>) -> RunResult<Value> {
    let given: Vec<Value> = args.into_pos_only(name, vm.heap)?.collect();
    if given.is_empty() || given.len() > 3 {
        let message = if given.is_empty() {
            format!("{name} expected at least 1 argument, got 0")
        } else {
            format!("{name} expected at most 3 arguments, got {}", given.len())
        };
        given.drop_with(vm);
        return Err(SimpleException::new_msg(ExcType::TypeError, message).into());
    }
    let mut given = given.into_iter();
    let kind = given.next().expect("one at least");
    let value = match given.next() {
        Some(Value::None) | None => kind,
        Some(value) => {
            kind.drop_with(vm);
            value
        }
    };
    given.drop_with(vm);
    Ok(value)
}

/// What an asynchronous generator's method asks for (see [`async_generator_method`]).
enum AsyncStep {
    /// `__aiter__()`: the generator itself.
    Itself,
    /// `__anext__()` (`None`) or `asend(value)`.
    Send(Value),
    /// `athrow(exception)`.
    Throw(Value),
    /// `aclose()`.
    Close,
}

/// The step method `attr` of an asynchronous generator asks for, its arguments checked.
fn async_step(attr: &EitherStr, args: ArgValues, vm: &mut VM<'_>) -> RunResult<AsyncStep> {
    match attr.as_str(vm.interns) {
        "__aiter__" => args.check_zero_args("__aiter__", vm.heap).map(|()| AsyncStep::Itself),
        "__anext__" => args
            .check_zero_args("__anext__", vm.heap)
            .map(|()| AsyncStep::Send(Value::None)),
        "asend" => args.get_one_arg("asend", vm.heap).map(AsyncStep::Send),
        "athrow" => thrown("athrow", args, vm).map(AsyncStep::Throw),
        "aclose" => args.check_zero_args("aclose", vm.heap).map(|()| AsyncStep::Close),
        name => {
            let error = ExcType::attribute_error(Type::AsyncGenerator, name);
            args.drop_with(vm);
            Err(error)
        }
    }
}

/// An asynchronous generator's methods: `__aiter__()` is itself; `__anext__()`, `asend()`,
/// `athrow()` and `aclose()` give an awaitable (a coroutine of a frozen `async def`) that
/// resumes it in the task that awaits it, as `async for` does (`AsyncForIter`).
fn async_generator_method(
    generator: Value,
    attr: &EitherStr,
    args: ArgValues,
    vm: &mut VM<'_>,
) -> RunResult<CallResult> {
    let step = match async_step(attr, args, vm) {
        Ok(step) => step,
        Err(error) => {
            generator.drop_with(vm);
            return Err(error);
        }
    };
    let stop_iteration = Value::Builtin(Builtins::ExcType(ExcType::StopIteration));
    let stop_async_iteration = Value::Builtin(Builtins::ExcType(ExcType::StopAsyncIteration));
    let throw_in = Value::ModuleFunction(ModuleFunctions::Frozen(FrozenFunctions::AsyncGeneratorThrowIn));
    match step {
        AsyncStep::Itself => Ok(CallResult::Value(generator)),
        AsyncStep::Send(value) => vm.frozen_coroutine(
            FrozenFunction::AsyncGeneratorSend,
            [
                generator,
                value,
                Value::ModuleFunction(ModuleFunctions::Frozen(FrozenFunctions::AsyncGeneratorResume)),
                stop_iteration,
                stop_async_iteration,
            ],
        ),
        AsyncStep::Throw(exception) => vm.frozen_coroutine(
            FrozenFunction::AsyncGeneratorThrow,
            [generator, exception, throw_in, stop_iteration, stop_async_iteration],
        ),
        AsyncStep::Close => vm.frozen_coroutine(
            FrozenFunction::AsyncGeneratorClose,
            [
                generator,
                throw_in,
                Value::Builtin(Builtins::ExcType(ExcType::GeneratorExit)),
                stop_iteration,
                Value::Builtin(Builtins::ExcType(ExcType::RuntimeError)),
            ],
        ),
    }
}

/// Resumes the asynchronous generator `args` names with the value sent, or the exception
/// thrown in (`throw`), for the frozen `ASYNC_*_SOURCE`s: `next()` and `send()` refuse it.
pub(crate) fn call_async_resume(args: ArgValues, throw: bool, vm: &mut VM<'_>) -> RunResult<CallResult> {
    let (generator, value) = args.get_two_args("async_generator_resume", vm.heap)?;
    let Value::Ref(id) = generator else {
        unreachable!("a frozen step is given its asynchronous generator")
    };
    let how = if throw {
        Resume::Throw(value)
    } else {
        Resume::Send(value)
    };
    // The generator stays alive in the frozen frame's locals.
    let resumed = vm.resume_generator(id, how);
    generator.drop_with(vm);
    resumed
}
