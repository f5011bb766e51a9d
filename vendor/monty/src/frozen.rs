//! Shared compilation and dispatch for internal Python implementations.
//!
//! Internal functions use ordinary VM frames and suspension but are hidden from
//! tracebacks and namespace introspection. Private native helpers arrive as
//! explicit arguments, never through user globals or importable modules.

use monty_types::CompileOptions;
use serde::{Deserialize, Serialize};

use crate::{
    args::ArgValues,
    builtins::{drained, next},
    bytecode::{CallResult, Compiler, VM},
    exception_private::RunResult,
    intern::{CompileInterns, FunctionId, Interns},
    modules::functools,
    name_map::NameMap,
    parse::parse_with_interner,
    prepare::prepare_with_existing_names,
    types::{callable_iterator, generator, iter, lru_cache},
};

/// Identifies an internal implementation with one authoritative source definition.
/// Qualified names persist in dumps; the registry uses compact enum keys at runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) enum FrozenFunction {
    /// Suspendable fold loop behind `functools.reduce`.
    #[serde(rename = "functools.reduce")]
    FunctoolsReduce,
    /// Validate the result of a suspendable user `__iter__` method.
    #[serde(rename = "builtins.iter")]
    Iter,
    /// Store a cached call's result only after it returns successfully.
    #[serde(rename = "functools._lru_cache_miss")]
    LruCacheMiss,
    /// Return a default when a suspendable user `__next__` method is exhausted.
    #[serde(rename = "builtins.next_default")]
    NextDefault,
    /// One step of a `for` loop over a user iterator, whose `__next__` may suspend.
    #[serde(rename = "builtins.for_next")]
    ForNext,
    /// One step of an `async for` over an instance of a class: its `__anext__()` awaited.
    #[serde(rename = "builtins.async_for_next")]
    AsyncForNext,
    /// One step of a `for` loop over `iter(callable, sentinel)`, whose callable may suspend.
    #[serde(rename = "builtins.for_call")]
    ForCall,
    /// A builtin that consumes a whole iterable, given a user iterable read by a `for` loop.
    #[serde(rename = "builtins.call_drained")]
    CallDrained,
    /// The first items of a user iterable, for unpacking, whose `__next__` may suspend.
    #[serde(rename = "builtins.take")]
    Take,
    /// `str.join()` of a user iterable, whose `__next__` may suspend.
    #[serde(rename = "builtins.str_join")]
    Join,
    /// `zip()` of user iterables, whose `__next__` may suspend.
    #[serde(rename = "builtins.zip")]
    Zip,
    /// `map()` of a Python function, which may suspend.
    #[serde(rename = "builtins.map")]
    Map,
    /// `filter()` with a Python function, which may suspend.
    #[serde(rename = "builtins.filter")]
    Filter,
    /// `any()` over a user iterable, whose `__next__` may suspend.
    #[serde(rename = "builtins.any")]
    Any,
    /// `all()` over a user iterable, whose `__next__` may suspend.
    #[serde(rename = "builtins.all")]
    All,
    /// `enumerate()` of a generator, lazily: a generator of its own.
    #[serde(rename = "builtins.enumerate_lazy")]
    EnumerateLazy,
    /// `zip()` with a generator among its iterables, lazily.
    #[serde(rename = "builtins.zip_lazy")]
    ZipLazy,
    /// `map()` of one generator, lazily.
    #[serde(rename = "builtins.map_lazy")]
    MapLazy,
    /// `filter()` of a generator, lazily.
    #[serde(rename = "builtins.filter_lazy")]
    FilterLazy,
    /// A container's method that reads a whole user iterable (`list.extend`), given it as a list.
    #[serde(rename = "builtins.method_drained")]
    MethodDrained,
    /// `generator.close()`: `GeneratorExit` thrown in, which its body must not survive.
    #[serde(rename = "builtins.generator_close")]
    GeneratorClose,
    /// One step of `yield from`: the iterator's next item, or the value it ended with.
    #[serde(rename = "builtins.yield_from")]
    YieldFrom,
    /// `await` of an instance whose class defines `__await__`: its iterator run to its end.
    #[serde(rename = "builtins.await_instance")]
    AwaitInstance,
    /// An asynchronous generator's `__anext__()` and `asend()`, awaited: its next item.
    #[serde(rename = "builtins.async_generator_send")]
    AsyncGeneratorSend,
    /// An asynchronous generator's `athrow()`, awaited.
    #[serde(rename = "builtins.async_generator_throw")]
    AsyncGeneratorThrow,
    /// An asynchronous generator's `aclose()`, awaited.
    #[serde(rename = "builtins.async_generator_close")]
    AsyncGeneratorClose,
}

impl FrozenFunction {
    /// Prepares an unpublished implementation using this session's intern IDs.
    /// The caller publishes the overlay before installing its frame.
    pub(crate) fn compile(self, interns: &Interns) -> RunResult<(FunctionId, CompileInterns<'_>)> {
        let source = self.source();
        let mut overlay = CompileInterns::new(interns);
        let index = overlay.functions_len();
        let mut globals = NameMap::new();
        let nodes =
            parse_with_interner(source, "<monty-frozen>", &mut overlay).map_err(|e| e.into_run_error(source))?;
        let nodes = prepare_with_existing_names(nodes, &overlay, &mut globals).map_err(|e| e.into_run_error(source))?;
        Compiler::compile_module(&nodes, &mut overlay, &globals, CompileOptions::default())
            .map_err(|e| e.into_run_error(source))?;
        assert_eq!(
            overlay.functions_len(),
            index + 1,
            "frozen source must define one function"
        );
        assert_eq!(
            globals.len(),
            1,
            "frozen source must take its dependencies as arguments"
        );
        // Successful compilation checked the bytecode's function-ID limit.
        let id = FunctionId::from_index(u16::try_from(index).expect("compiled function ID fits u16"));
        Ok((id, overlay))
    }

    /// Selects one self-contained function; dependencies arrive as arguments, not globals.
    fn source(self) -> &'static str {
        match self {
            Self::FunctoolsReduce => functools::REDUCE_SOURCE,
            Self::Iter => iter::ITER_SOURCE,
            Self::LruCacheMiss => lru_cache::CACHE_MISS_SOURCE,
            Self::NextDefault => next::NEXT_DEFAULT_SOURCE,
            Self::ForNext => iter::FOR_NEXT_SOURCE,
            Self::AsyncForNext => iter::ASYNC_FOR_NEXT_SOURCE,
            Self::ForCall => callable_iterator::FOR_CALL_SOURCE,
            Self::CallDrained => drained::CALL_DRAINED_SOURCE,
            Self::Take => drained::TAKE_SOURCE,
            Self::Join => drained::JOIN_SOURCE,
            Self::Zip => drained::ZIP_SOURCE,
            Self::Map => drained::MAP_SOURCE,
            Self::Filter => drained::FILTER_SOURCE,
            Self::Any => drained::ANY_SOURCE,
            Self::All => drained::ALL_SOURCE,
            Self::MethodDrained => drained::METHOD_DRAINED_SOURCE,
            Self::EnumerateLazy => drained::ENUMERATE_LAZY_SOURCE,
            Self::ZipLazy => drained::ZIP_LAZY_SOURCE,
            Self::MapLazy => drained::MAP_LAZY_SOURCE,
            Self::FilterLazy => drained::FILTER_LAZY_SOURCE,
            Self::GeneratorClose => generator::CLOSE_SOURCE,
            Self::YieldFrom => generator::YIELD_FROM_SOURCE,
            Self::AwaitInstance => generator::AWAIT_INSTANCE_SOURCE,
            Self::AsyncGeneratorSend => generator::ASYNC_SEND_SOURCE,
            Self::AsyncGeneratorThrow => generator::ASYNC_THROW_SOURCE,
            Self::AsyncGeneratorClose => generator::ASYNC_CLOSE_SOURCE,
        }
    }
}

/// Native primitives passed directly to internal Python functions.
/// These identities and their signatures are part of the captured bytecode's ABI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::Display)]
#[strum(serialize_all = "snake_case")]
pub(crate) enum FrozenFunctions {
    /// Call a user `__iter__` without validating its result yet.
    GetIter,
    /// Insert a successful result into a cache wrapper.
    Store,
    /// Check the result returned by a user `__iter__` method.
    ValidateIterator,
    /// Check the result returned by a user `__await__` method.
    ValidateAwaitIterator,
    /// The object a generator returned, for `yield from` and `await`.
    TakeResult,
    /// Resume an asynchronous generator with a value sent (`Resume::Send`), which `next()`
    /// and `send()` refuse it.
    AsyncGeneratorResume,
    /// Resume an asynchronous generator with an exception thrown in (`Resume::Throw`).
    AsyncGeneratorThrowIn,
}

/// Dispatches private helpers using the same argument ownership rules as public natives.
pub(crate) fn call_helper(function: FrozenFunctions, args: ArgValues, vm: &mut VM<'_>) -> RunResult<CallResult> {
    match function {
        FrozenFunctions::GetIter => iter::call_get_iter(args, vm),
        FrozenFunctions::Store => lru_cache::call_store(args, vm).map(CallResult::Value),
        FrozenFunctions::ValidateIterator => iter::call_validate_iterator(args, vm).map(CallResult::Value),
        FrozenFunctions::ValidateAwaitIterator => {
            generator::call_validate_await_iterator(args, vm).map(CallResult::Value)
        }
        FrozenFunctions::TakeResult => generator::call_take_result(args, vm).map(CallResult::Value),
        FrozenFunctions::AsyncGeneratorResume => generator::call_async_resume(args, false, vm),
        FrozenFunctions::AsyncGeneratorThrowIn => generator::call_async_resume(args, true, vm),
    }
}
