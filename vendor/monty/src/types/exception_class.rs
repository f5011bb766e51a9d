//! Exception classes written in Python: `class TaskError(Exception):`.
//!
//! monty's own exceptions are values of a built-in type with a message (`SimpleException`). A
//! class written in Python that derives from one is an ordinary class that records that
//! built-in base (`Class::exception`), and its instances are ordinary instances that hold
//! `args`, as `BaseException.__new__` sets it. Raising one raises its built-in base with the
//! instance's `str()` and the class's name (`ExcData::Class`), carrying the instance along, so
//! the handler that catches it gets the instance itself (`except TaskError as e: e.code`); an
//! `except` naming the class matches it by the instance's class.

use std::fmt::Write;

use crate::{
    args::ArgValues,
    bytecode::VM,
    defer_drop,
    exception_private::{ExcType, ExcTypeExt, RunResult},
    heap::{DropWithContext, Heap, HeapData, HeapId, HeapReadOutput},
    intern::StaticStrings,
    types::{
        LazyHeapSet, PyTrait, Type,
        instance::class_name,
        str::allocate_string,
        tuple::{TupleVec, allocate_tuple},
    },
    value::Value,
};

/// The built-in exception the class `class_id` derives from, if it is a class written in
/// Python that derives from one.
pub(crate) fn class_exception(class_id: HeapId, heap: &Heap) -> Option<ExcType> {
    match heap.get(class_id) {
        HeapData::Class(class) => class.exception(),
        _ => None,
    }
}

/// The built-in exception `value` derives from, if it is an instance of such a class.
pub(crate) fn instance_exception(value: &Value, heap: &Heap) -> Option<ExcType> {
    match value {
        Value::Ref(id) => match heap.get(*id) {
            HeapData::Instance(instance) => class_exception(instance.class(), heap),
            _ => None,
        },
        _ => None,
    }
}

/// The built-in exception `value` is or derives from: its type for one of monty's own
/// exceptions, the class's built-in base for an instance of an exception class written in
/// Python.
pub(crate) fn exception_type(value: &Value, vm: &VM<'_>) -> Option<ExcType> {
    match value.py_type(vm) {
        Type::Exception(exc_type) => Some(exc_type),
        _ => instance_exception(value, vm.heap),
    }
}

/// Sets the instance's `args` to the positional arguments of `args`, as `BaseException`'s
/// `__new__` and `__init__` do.
pub(crate) fn set_args(instance: HeapId, args: &ArgValues, vm: &mut VM<'_>) -> RunResult<()> {
    let heap = &*vm.heap;
    let items: TupleVec = match args {
        ArgValues::Empty | ArgValues::Kwargs(_) => TupleVec::new(),
        ArgValues::One(a) => [a].into_iter().map(|v| v.clone_with_heap(heap)).collect(),
        ArgValues::Two(a, b) => [a, b].into_iter().map(|v| v.clone_with_heap(heap)).collect(),
        ArgValues::ArgsKargs { args, .. } => args.iter().map(|v| v.clone_with_heap(heap)).collect(),
    };
    let args = allocate_tuple(items, vm.heap);
    store_args(instance, args, vm)
}

fn store_args(instance: HeapId, args: Value, vm: &mut VM<'_>) -> RunResult<()> {
    let key = Value::InternString(vm.interns.intern_static(StaticStrings::Args));
    let HeapReadOutput::Instance(inst) = vm.heap.read(instance) else {
        unreachable!("store_args is given an instance")
    };
    if let Some(replaced) = inst.set_attr_unchecked(key, args, vm)? {
        replaced.drop_with(vm);
    }
    Ok(())
}

/// The instance's `args`, counted (a fresh empty tuple where it has none).
fn args_of(instance: HeapId, vm: &VM<'_>) -> Value {
    let HeapData::Instance(inst) = vm.heap.get(instance) else {
        unreachable!("args_of is given an instance")
    };
    match inst.attrs().get_by_str("args", vm.heap, vm.interns) {
        Some(args) => args.clone_with_heap(vm.heap),
        None => allocate_tuple(TupleVec::new(), vm.heap),
    }
}

/// What `str()` and `repr()` show of an `args`: none, one (counted), or the whole of it.
enum Shown {
    Nothing,
    One(Value),
    Whole,
}

fn shown(args: &Value, heap: &Heap) -> Shown {
    match args {
        Value::Ref(id) => match heap.get(*id) {
            HeapData::Tuple(tuple) => match tuple.as_slice() {
                [] => Shown::Nothing,
                [one] => Shown::One(one.clone_with_heap(heap)),
                _ => Shown::Whole,
            },
            _ => Shown::Whole,
        },
        _ => Shown::Whole,
    }
}

/// `str()` of an instance whose class defines no `__str__`, as `BaseException`'s: `''` with no
/// arguments, the one argument's `str()`, else the `args` tuple's.
pub(crate) fn exception_str(instance: HeapId, vm: &mut VM<'_>) -> RunResult<Value> {
    let args = args_of(instance, vm);
    defer_drop!(args, vm);
    match shown(args, vm.heap) {
        Shown::Nothing => Ok(allocate_string(String::new(), vm.heap)),
        Shown::One(one) => {
            defer_drop!(one, vm);
            one.py_str(vm)
        }
        Shown::Whole => args.py_str(vm),
    }
}

/// `repr()` of an instance whose class defines no `__repr__`, as `BaseException`'s: the class's
/// name and its arguments' reprs, `TaskError('late', 3)`.
pub(crate) fn exception_repr_fmt(
    instance: HeapId,
    f: &mut impl Write,
    vm: &mut VM<'_>,
    heap_ids: &mut LazyHeapSet,
) -> RunResult<()> {
    let HeapData::Instance(inst) = vm.heap.get(instance) else {
        unreachable!("exception_repr_fmt is given an instance")
    };
    f.write_str(&class_name(inst.class(), vm.heap, vm.interns))?;
    let args = args_of(instance, vm);
    defer_drop!(args, vm);
    match shown(args, vm.heap) {
        Shown::Nothing => f.write_str("()")?,
        Shown::One(one) => {
            defer_drop!(one, vm);
            f.write_char('(')?;
            one.py_repr_fmt(f, vm, heap_ids)?;
            f.write_char(')')?;
        }
        Shown::Whole => args.py_repr_fmt(f, vm, heap_ids)?,
    }
    Ok(())
}

/// `BaseException`'s `__init__` (which sets `args`), `__str__` and `__repr__` called on
/// `instance`, through `super()` or as `Exception.__init__(self, ...)`, or the arguments back
/// for any other name.
pub(crate) fn base_method(
    instance: HeapId,
    name: &str,
    args: ArgValues,
    vm: &mut VM<'_>,
) -> Result<RunResult<Value>, ArgValues> {
    match (name, args) {
        ("__init__", args) if args.has_kwargs() => {
            args.drop_with(vm);
            let HeapData::Instance(inst) = vm.heap.get(instance) else {
                unreachable!("base_method is given an instance")
            };
            let name = class_name(inst.class(), vm.heap, vm.interns);
            Ok(Err(ExcType::type_error(format!("{name}() takes no keyword arguments"))))
        }
        ("__init__", args) => {
            let set = set_args(instance, &args, vm);
            args.drop_with(vm);
            Ok(set.map(|()| Value::None))
        }
        ("__str__", ArgValues::Empty) => Ok(exception_str(instance, vm)),
        ("__repr__", ArgValues::Empty) => {
            let mut repr = String::new();
            Ok(exception_repr_fmt(instance, &mut repr, vm, &mut LazyHeapSet::default())
                .map(|()| allocate_string(repr, vm.heap)))
        }
        (_, args) => Err(args),
    }
}

/// `Exception.__init__(self, ...)`, `Exception.__str__(self)`, `Exception.__repr__(self)`:
/// `base`'s method (see [`base_method`]) called on `self`, an instance of a class written in
/// Python that derives from `base` (CPython's `TypeError` for anything else); the arguments
/// back for any other name.
pub(crate) fn unbound_base_method(
    base: ExcType,
    name: &str,
    args: ArgValues,
    vm: &mut VM<'_>,
) -> Result<RunResult<Value>, ArgValues> {
    if !matches!(name, "__init__" | "__str__" | "__repr__") {
        return Err(args);
    }
    let derives = args
        .first_positional()
        .and_then(|receiver| instance_exception(receiver, vm.heap))
        .is_some_and(|e| e.is_subclass_of(base));
    if !derives {
        // What CPython says of its slot wrapper given no instance of the class.
        let message = match args.first_positional() {
            Some(receiver) => format!(
                "descriptor '{name}' requires a '{base}' object but received a '{}'",
                receiver.py_type_name(vm)
            ),
            None => format!("descriptor '{name}' of '{base}' object needs an argument"),
        };
        args.drop_with(vm);
        return Ok(Err(ExcType::type_error(message)));
    }
    let (positional, kwargs) = args.into_parts();
    let mut positional: Vec<Value> = positional.collect();
    let receiver = positional.remove(0);
    let &Value::Ref(instance) = &receiver else {
        unreachable!("checked above: an instance")
    };
    match base_method(instance, name, ArgValues::from_parts(positional, kwargs), vm) {
        Ok(answer) => {
            receiver.drop_with(vm);
            Ok(answer)
        }
        Err(rest) => Err(rest.prepend(receiver)),
    }
}
