//! Builtins and instructions that read a whole iterable take an instance of a Python class
//! through a frozen `for` loop first.
//!
//! They read their argument in native loops, which call a class's `__iter__` and `__next__`
//! in a nested dispatch loop that cannot suspend: a `__next__` that waits for the host raised
//! there. Given such an instance, `list()`, `tuple()`, `set()`, `frozenset()`, `sorted()`,
//! `sum()`, `min()` and `max()` of one iterable, `enumerate()`, `map()` and `filter()` call
//! themselves through `CALL_DRAINED_SOURCE`, whose `for` loop (its steps may suspend, see
//! `bytecode::vm::user_iter`) reads the instance into a list first; `zip()` goes through
//! `ZIP_SOURCE`, one item of each argument in turn as CPython's does; `str.join()` through
//! `JOIN_SOURCE`; unpacking (`a, b = it`, `a, *rest = it`) and `*it` through `TAKE_SOURCE`,
//! after which the instruction runs again on the list. CPython's `list()`, `sorted()` and
//! `join` read the whole iterable before they build too, and monty's `enumerate()`, `map()`
//! and `filter()` return lists; `sum()`, `min()` and `max()` now read it whole before
//! their first addition or comparison, which only a `__next__` or an `__add__` that prints can
//! tell. `any()` and `all()` stop at the item that decides them, so theirs are loops of their
//! own (`ANY_SOURCE`, `ALL_SOURCE`), in CPython's order exactly. A container's methods that
//! read an iterable whole (`list.extend`, `set.update` and the set algebra, `dict.update`,
//! `deque.extend`) go through `METHOD_DRAINED_SOURCE`, bound (`method_drains`), which keeps what
//! was read before an error. Other native
//! loops (`in`, `dict()`, `itertools`) still read synchronously.
//!
//! The same goes for the `callable_iterator` of `iter(callable, sentinel)`, whose steps call
//! Python (`is_class_iterable` takes both; `zip()` still steps it with the native `next()`).
//! And `map()` and `filter()` given a function that is not a builtin call it from loops of
//! their own (`MAP_SOURCE`, `FILTER_SOURCE`), so the function itself may suspend.

use std::ops::Range;

use crate::{
    args::ArgValues,
    builtins::{Builtins, BuiltinsFunctions},
    bytecode::{CallResult, VM},
    exception_private::{ExcType, RunResult, SimpleException},
    frozen::FrozenFunction,
    heap::{DropGuard, DropWithContext, HeapData, HeapId},
    intern::{StaticStrings, StringId},
    types::{
        Dict, Type, allocate_tuple, builtin_method::BuiltinMethod, instance::class_defines_not_none, tuple::TupleVec,
    },
    value::{EitherStr, Value},
};

/// Calls `function(*args, **kwargs)` with each positional argument whose index is in `drain`
/// read into a list by a `for` loop.
pub(crate) const CALL_DRAINED_SOURCE: &str = r"
def __monty_call_drained(function, args, kwargs, drain):
    ready = []
    index = 0
    for arg in args:
        if index in drain:
            arg = [item for item in arg]
        ready.append(arg)
        index += 1
    return function(*ready, **kwargs)
";

/// `method(iterable)`, a container's method that reads an iterable whole, with the iterable
/// (which may suspend) read into a list first. Should reading it raise, the method still takes
/// the items read so far before the exception goes on: CPython's `list.extend()`,
/// `set.update()` or `deque.extend()` has added them one by one by then.
pub(crate) const METHOD_DRAINED_SOURCE: &str = r"
def __monty_method_drained(method, iterable, base_exception):
    items = []
    try:
        for item in iterable:
            items.append(item)
    except base_exception:
        method(items)
        raise
    return method(items)
";

/// The items of an iterable that may suspend, as a list: what unpacking (`a, b = it`,
/// `a, *rest = it`) and `*it` read. With a `limit`, the item after the first `limit` raises
/// `too_many` (`a, b = it` reads at most three items, as CPython's unpacking does).
pub(crate) const TAKE_SOURCE: &str = r"
def __monty_take(iterable, limit, too_many):
    items = []
    for item in iterable:
        if limit == 0:
            raise too_many
        items.append(item)
        limit -= 1
    return items
";

/// `str.join()` of an iterable that may suspend.
pub(crate) const JOIN_SOURCE: &str = r"
def __monty_join(separator, iterable):
    return separator.join([item for item in iterable])
";

/// `zip()` of iterables that may suspend, one item of each in turn, stopping at the first
/// exhausted: an endless iterator beside a list ends with the list, as in CPython.
pub(crate) const ZIP_SOURCE: &str = r"
def __monty_zip(iterables, iter_, next_, stop_iteration, tuple_):
    iterators = []
    for iterable in iterables:
        iterators.append(iter_(iterable))
    rows = []
    while True:
        row = []
        for iterator in iterators:
            try:
                row.append(next_(iterator))
            except stop_iteration:
                return rows
        rows.append(tuple_(row))
";

/// `any()` over an iterable that may suspend.
pub(crate) const ANY_SOURCE: &str = r"
def __monty_any(iterable):
    for item in iterable:
        if item:
            return True
    return False
";

/// `all()` over an iterable that may suspend.
pub(crate) const ALL_SOURCE: &str = r"
def __monty_all(iterable):
    for item in iterable:
        if not item:
            return False
    return True
";

/// `map(function, first, *rest)` where `function` is Python's, so that it may suspend: each
/// call a frame of its own. monty's `map()` returns a list.
pub(crate) const MAP_SOURCE: &str = r"
def __monty_map(function, first, rest, zip_):
    results = []
    if rest:
        for args in zip_(first, *rest):
            results.append(function(*args))
    else:
        for item in first:
            results.append(function(item))
    return results
";

/// `filter(function, iterable)` where `function` is Python's, so that it may suspend.
/// monty's `filter()` returns a list.
pub(crate) const FILTER_SOURCE: &str = r"
def __monty_filter(function, iterable):
    results = []
    for item in iterable:
        if function(item):
            results.append(item)
    return results
";

/// `enumerate()` of a generator: a generator of its own, which reads the generator an item at
/// a time, as CPython's `enumerate` object does (an endless generator is fine).
pub(crate) const ENUMERATE_LAZY_SOURCE: &str = r"
def enumerate(iterable, start):
    for item in iterable:
        yield (start, item)
        start += 1
";

/// `zip()` with a generator among its iterables: one item of each in turn, lazily.
pub(crate) const ZIP_LAZY_SOURCE: &str = r"
def zip(iterables, iter_, next_, stop_iteration, tuple_):
    iterators = []
    for iterable in iterables:
        iterators.append(iter_(iterable))
    if not iterators:
        return
    while True:
        row = []
        for iterator in iterators:
            try:
                row.append(next_(iterator))
            except stop_iteration:
                return
        yield tuple_(row)
";

/// `map(function, generator)`, lazily.
pub(crate) const MAP_LAZY_SOURCE: &str = r"
def map(function, iterable):
    for item in iterable:
        yield function(item)
";

/// `filter(function, generator)`, lazily (`None` keeps the true items).
pub(crate) const FILTER_LAZY_SOURCE: &str = r"
def filter(function, iterable):
    for item in iterable:
        if function is None:
            if item:
                yield item
        elif function(item):
            yield item
";

/// `enumerate()`, `zip()`, `map()` and `filter()` given a generator: a generator of their own,
/// lazy as CPython's iterators are, where monty's return lists (read whole, an endless
/// generator never returned); `None` for the calls that go on as before (no generator, other
/// arities, keywords, a `start` that is not an int).
fn lazily(callee: Builtins, args: ArgValues, vm: &mut VM<'_>) -> Result<RunResult<CallResult>, ArgValues> {
    let is_generator = |index: usize, vm: &VM<'_>| matches!(positional(&args, index), Some(Value::Ref(id)) if matches!(vm.heap.get(*id), HeapData::Generator(_)));
    let Builtins::Function(function) = callee else {
        return Err(args);
    };
    if args.has_kwargs() {
        return Err(args);
    }
    let lazy = match (function, args.count()) {
        (BuiltinsFunctions::Enumerate, 1 | 2)
            if is_generator(0, vm) && positional(&args, 1).is_none_or(|start| matches!(start, Value::Int(_))) =>
        {
            FrozenFunction::EnumerateLazy
        }
        (BuiltinsFunctions::Zip, count) if count > 0 && (0..count).any(|index| is_generator(index, vm)) => {
            FrozenFunction::ZipLazy
        }
        (BuiltinsFunctions::Map, 2) if is_generator(1, vm) => FrozenFunction::MapLazy,
        (BuiltinsFunctions::Filter, 2) if is_generator(1, vm) => FrozenFunction::FilterLazy,
        _ => return Err(args),
    };
    let (mut positionals, _) = args.into_parts();
    Ok(match lazy {
        FrozenFunction::ZipLazy => {
            let iterables = allocate_tuple(positionals.collect(), vm.heap);
            vm.frozen_generator(
                lazy,
                [
                    iterables,
                    Value::Builtin(Builtins::Type(Type::Iterator)),
                    Value::Builtin(Builtins::Function(BuiltinsFunctions::Next)),
                    Value::Builtin(Builtins::ExcType(ExcType::StopIteration)),
                    Value::Builtin(Builtins::Type(Type::Tuple)),
                ],
            )
        }
        _ => {
            let first = positionals.next().expect("counted above");
            let second = positionals.next().unwrap_or(Value::Int(0));
            vm.frozen_generator(lazy, [first, second])
        }
    })
}

/// What a builtin reads whole of its arguments.
pub(crate) enum Reads {
    /// Its one argument, item by item until one decides the answer: `any()`, `all()`.
    UntilDecided(FrozenFunction),
    /// These positional arguments, each to its end.
    Whole(Range<usize>),
    /// Every positional argument, one item of each in turn: `zip()`, unless `strict=` is
    /// given (then each is read whole first).
    InTurn,
    /// The positional arguments after the first, each to its end, calling the first on each
    /// item: `map()` and `filter()`.
    Applying(FrozenFunction),
}

/// What `callee`, called with `positionals` positional arguments, reads whole; `None` for the
/// builtins that do not (most), which skip `call_drained`.
pub(crate) fn reads(callee: Builtins, positionals: usize) -> Option<Reads> {
    match callee {
        Builtins::Function(BuiltinsFunctions::Any) => Some(Reads::UntilDecided(FrozenFunction::Any)),
        Builtins::Function(BuiltinsFunctions::All) => Some(Reads::UntilDecided(FrozenFunction::All)),
        Builtins::Function(BuiltinsFunctions::Sorted | BuiltinsFunctions::Sum | BuiltinsFunctions::Enumerate)
        | Builtins::Type(Type::List | Type::Tuple | Type::Set | Type::FrozenSet) => Some(Reads::Whole(0..1)),
        Builtins::Function(BuiltinsFunctions::Min | BuiltinsFunctions::Max) if positionals == 1 => {
            Some(Reads::Whole(0..1))
        }
        Builtins::Function(BuiltinsFunctions::Zip) => Some(Reads::InTurn),
        Builtins::Function(BuiltinsFunctions::Map) => Some(Reads::Applying(FrozenFunction::Map)),
        Builtins::Function(BuiltinsFunctions::Filter) => Some(Reads::Applying(FrozenFunction::Filter)),
        _ => None,
    }
}

/// Calls `callee`, which [`reads`] `what`, through a frozen `for` loop when an argument it
/// reads is an instance of a class with `__iter__`; gives the arguments back otherwise.
pub(crate) fn call_drained(
    callee: Builtins,
    what: Reads,
    args: ArgValues,
    vm: &mut VM<'_>,
) -> Result<RunResult<CallResult>, ArgValues> {
    let args = match lazily(callee, args, vm) {
        Ok(lazy) => return Ok(lazy),
        Err(args) => args,
    };
    let consumed = match what {
        Reads::UntilDecided(function) => {
            // Any other arity gets the builtin's own error.
            return match args {
                ArgValues::One(iterable) if is_class_iterable(&iterable, vm) => {
                    Ok(vm.call_frozen_exact(function, [iterable]))
                }
                args => Err(args),
            };
        }
        Reads::Whole(consumed) => consumed,
        Reads::Applying(function) if applies_python(function, &args, vm) => return Ok(apply(function, args, vm)),
        Reads::Applying(_) => 1..args.count(),
        Reads::InTurn if args.has_kwargs() => 0..args.count(),
        Reads::InTurn => {
            if !(0..args.count()).any(|index| positional(&args, index).is_some_and(|arg| is_class_iterable(arg, vm))) {
                return Err(args);
            }
            let (positionals, _) = args.into_parts();
            let iterables = allocate_tuple(positionals.collect(), vm.heap);
            return Ok(vm.call_frozen_exact(
                FrozenFunction::Zip,
                [
                    iterables,
                    Value::Builtin(Builtins::Type(Type::Iterator)),
                    Value::Builtin(Builtins::Function(BuiltinsFunctions::Next)),
                    Value::Builtin(Builtins::ExcType(ExcType::StopIteration)),
                    Value::Builtin(Builtins::Type(Type::Tuple)),
                ],
            ));
        }
    };
    let drain = drained_indexes(consumed, &args, vm);
    if drain.is_empty() {
        return Err(args);
    }
    Ok(call_through_loop(Value::Builtin(callee), drain, args, vm))
}

/// The indexes in `consumed` of the positional arguments that are iterables whose steps may
/// suspend, as the frozen loop's `drain` tuple.
fn drained_indexes(consumed: Range<usize>, args: &ArgValues, vm: &VM<'_>) -> TupleVec {
    consumed
        .filter(|&index| positional(args, index).is_some_and(|arg| is_class_iterable(arg, vm)))
        .map(|index| Value::Int(i64::try_from(index).expect("an argument's index fits i64")))
        .collect()
}

/// Calls `callee(*args, **kwargs)` through `CALL_DRAINED_SOURCE`, its positional arguments
/// at the indexes in `drain` read into lists first.
fn call_through_loop(callee: Value, drain: TupleVec, args: ArgValues, vm: &mut VM<'_>) -> RunResult<CallResult> {
    let (positionals, kwargs) = args.into_parts();
    let positionals = allocate_tuple(positionals.collect(), vm.heap);
    let drain = allocate_tuple(drain, vm.heap);
    let mut guard = DropGuard::new(Dict::new(), vm);
    let (dict, vm) = guard.as_parts_mut();
    let mut kwargs = kwargs.into_iter();
    let filled = kwargs.try_for_each(|(key, value)| {
        if let Some(old) = dict.set(key, value, vm)? {
            old.drop_with(vm);
        }
        Ok(())
    });
    kwargs.drop_with(vm);
    let (dict, vm) = guard.into_parts();
    let dict = Value::Ref(vm.heap.allocate(HeapData::Dict(dict)));
    match filled {
        Ok(()) => vm.call_frozen_exact(FrozenFunction::CallDrained, [callee, positionals, dict, drain]),
        Err(error) => {
            for value in [callee, positionals, dict, drain] {
                value.drop_with(vm);
            }
            Err(error)
        }
    }
}

/// Whether `receiver.name(*args)` is a built-in container's method that reads an argument
/// whole (`list.extend`, `set.update`, `set.union` and the other set algebra, `dict.update`,
/// `Counter.subtract`, `deque.extend`) given an iterable whose steps may suspend, so that
/// [`call_method_drained`] reads it through a frozen `for` loop first, as CPython's method
/// reads it before its result is seen. A `dict.update` of an instance with `keys()` reads it
/// as a mapping, natively.
pub(crate) fn method_drains(receiver: HeapId, name: StringId, args: &ArgValues, vm: &VM<'_>) -> bool {
    use StaticStrings::{
        Difference, Extend, Extendleft, Intersection, Isdisjoint, Issubset, Issuperset, Subtract, SymmetricDifference,
        Union, Update,
    };
    let Some(name) = vm.interns.static_string(name) else {
        return false;
    };
    if !matches!(
        name,
        Extend
            | Extendleft
            | Update
            | Union
            | Intersection
            | Difference
            | SymmetricDifference
            | Issubset
            | Issuperset
            | Isdisjoint
            | Subtract
    ) {
        return false;
    }
    let mapping_reads = match vm.heap.get(receiver) {
        HeapData::List(_) => return name == Extend && has_class_iterable(args, vm, false),
        HeapData::Deque(_) => return matches!(name, Extend | Extendleft) && has_class_iterable(args, vm, false),
        HeapData::Set(_) => {
            return !matches!(name, Extend | Extendleft | Subtract) && has_class_iterable(args, vm, false);
        }
        HeapData::FrozenSet(_) => {
            return !matches!(name, Extend | Extendleft | Subtract | Update) && has_class_iterable(args, vm, false);
        }
        HeapData::Dict(_) => matches!(name, Update | Subtract),
        _ => false,
    };
    mapping_reads && has_class_iterable(args, vm, true)
}

/// Whether a positional argument of `args` is an iterable whose steps may suspend (not one
/// with `keys()`, read as a mapping, when `mappings_apart`).
fn has_class_iterable(args: &ArgValues, vm: &VM<'_>, mappings_apart: bool) -> bool {
    (0..args.count()).any(|index| {
        positional(args, index).is_some_and(|arg| is_class_iterable(arg, vm) && !(mappings_apart && has_keys(arg, vm)))
    })
}

/// Whether `value` is an instance of a class that defines `keys`.
fn has_keys(value: &Value, vm: &VM<'_>) -> bool {
    matches!(value, Value::Ref(id) if matches!(vm.heap.get(*id), HeapData::Instance(instance) if class_defines_not_none(instance.class(), "keys", vm)))
}

/// `receiver.name(*args, **kwargs)` with the iterables whose steps may suspend read into
/// lists by a frozen `for` loop first, for the calls [`method_drains`] takes: one iterable
/// through `METHOD_DRAINED_SOURCE`, which keeps what was read before an error. Takes the
/// reference to `receiver`.
pub(crate) fn call_method_drained(
    receiver: Value,
    name: StringId,
    args: ArgValues,
    vm: &mut VM<'_>,
) -> RunResult<CallResult> {
    let method = BuiltinMethod::bound(receiver, EitherStr::Interned(name), vm);
    match args {
        ArgValues::One(iterable) => vm.call_frozen_exact(
            FrozenFunction::MethodDrained,
            [
                method,
                iterable,
                Value::Builtin(Builtins::ExcType(ExcType::BaseException)),
            ],
        ),
        args => {
            let drain = drained_indexes(0..args.count(), &args, vm);
            call_through_loop(method, drain, args, vm)
        }
    }
}

/// Whether `map()` or `filter()` (`function`, their frozen loop) called with `args` applies a
/// Python function, which may suspend, so that it goes through the frozen loop; a builtin's
/// native loop calls a builtin function faster, and a wrong call gets the builtin's own error.
fn applies_python(function: FrozenFunction, args: &ArgValues, vm: &VM<'_>) -> bool {
    let arity_fits = match function {
        FrozenFunction::Map => args.count() >= 2,
        _ => args.count() == 2,
    };
    arity_fits
        && !args.has_kwargs()
        && positional(args, 0).is_some_and(|callable| {
            !matches!(callable, Value::Builtin(_) | Value::ModuleFunction(_)) && callable.is_callable(vm)
        })
}

/// `map()` or `filter()` (`function`) through its frozen loop, for the arguments that
/// [`applies_python`] takes.
fn apply(function: FrozenFunction, args: ArgValues, vm: &mut VM<'_>) -> RunResult<CallResult> {
    let (mut positionals, _) = args.into_parts();
    let (Some(callable), Some(first)) = (positionals.next(), positionals.next()) else {
        unreachable!("applies_python checked the arity");
    };
    if function == FrozenFunction::Map {
        let rest = allocate_tuple(positionals.collect(), vm.heap);
        let zip = Value::Builtin(Builtins::Function(BuiltinsFunctions::Zip));
        vm.call_frozen_exact(function, [callable, first, rest, zip])
    } else {
        vm.call_frozen_exact(function, [callable, first])
    }
}

/// Whether `args` is one instance of a class with `__iter__`: a `str.join()` that
/// [`join_drained`] takes.
pub(crate) fn joins_class_iterable(args: &ArgValues, vm: &VM<'_>) -> bool {
    matches!(args, ArgValues::One(iterable) if is_class_iterable(iterable, vm))
}

/// `separator.join(iterable)` through a frozen `for` loop, for the arguments that
/// [`joins_class_iterable`] takes.
pub(crate) fn join_drained(separator: Value, args: ArgValues, vm: &mut VM<'_>) -> RunResult<CallResult> {
    let iterable = args.get_one_arg("str.join", vm.heap)?;
    vm.call_frozen_exact(FrozenFunction::Join, [separator, iterable])
}

/// Reads `value`, an instance of a class with `__iter__` ([`is_class_iterable`]), through a
/// frozen `for` loop into a list: of all its items, or, for unpacking into `targets`, of
/// those targets' worth, raising CPython's error for an iterator with more. The instruction
/// that asked runs again on the list (see `bytecode::vm::user_iter`).
pub(crate) fn take(value: Value, targets: Option<usize>, vm: &mut VM<'_>) -> RunResult<CallResult> {
    let (limit, too_many) = match targets {
        Some(targets) => {
            let message = format!("too many values to unpack (expected {targets})");
            let error = vm.heap.allocate(HeapData::Exception(SimpleException::new_msg(
                ExcType::ValueError,
                message,
            )));
            (i64::try_from(targets).unwrap_or(i64::MAX), Value::Ref(error))
        }
        None => (-1, Value::None),
    };
    vm.call_frozen_exact(FrozenFunction::Take, [value, Value::Int(limit), too_many])
}

/// The positional argument at `index`, if there is one.
fn positional(args: &ArgValues, index: usize) -> Option<&Value> {
    match (args, index) {
        (ArgValues::One(value) | ArgValues::Two(value, _), 0) | (ArgValues::Two(_, value), 1) => Some(value),
        (ArgValues::ArgsKargs { args, .. }, _) => args.get(index),
        _ => None,
    }
}

/// Whether `value` is an iterable whose steps run Python that may suspend: an instance of a
/// Python class that defines `__iter__`, the `callable_iterator` of `iter(callable,
/// sentinel)`, or a generator.
pub(crate) fn is_class_iterable(value: &Value, vm: &VM<'_>) -> bool {
    match value {
        Value::Ref(id) => match vm.heap.get(*id) {
            HeapData::Instance(instance) => class_defines_not_none(instance.class(), "__iter__", vm),
            HeapData::CallableIterator(_) | HeapData::Generator(_) => true,
            _ => false,
        },
        _ => false,
    }
}
