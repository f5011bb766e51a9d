//! Implementation of the isinstance() and issubclass() builtin functions.

use super::{Builtins, BuiltinsFunctions};
use crate::{
    args::ArgValues,
    bytecode::VM,
    defer_drop,
    exception_private::{ExcType, ExcTypeExt, RunResult},
    heap::{HeapData, HeapId, HeapRead, HeapReadOutput},
    types::{
        PyTrait, Tuple, Type,
        exception_class::{class_exception, exception_type},
        is_subclass,
    },
    value::Value,
};

/// Implementation of the isinstance() builtin function.
///
/// Checks if an object is an instance of a class or a tuple of classes.
pub fn builtin_isinstance(vm: &mut VM<'_>, args: ArgValues) -> RunResult<Value> {
    let (obj, classinfo) = args.get_two_args("isinstance", vm.heap)?;
    defer_drop!(obj, vm);
    defer_drop!(classinfo, vm);

    isinstance_check(obj, classinfo, vm).map(Value::Bool)
}

/// Checks if `obj` matches a single classinfo entry.
///
/// Supports:
/// - Single builtin types: `isinstance(x, int)`, and `type`: `isinstance(cls, type)`
/// - Exception types and their hierarchy: `isinstance(err, LookupError)`
/// - User-defined classes: `isinstance(obj, Foo)` (the instance's class is `Foo`
///   or inherits from it)
/// - Host classes: `isinstance(obj, Point)` for a `HostClassType` (exact class
///   id; the host sends no bases)
/// - Tuples (possibly nested) of the above
pub(crate) fn isinstance_check(obj: &Value, classinfo: &Value, vm: &mut VM<'_>) -> RunResult<bool> {
    match classinfo {
        Value::Builtin(Builtins::Type(t)) => Ok(obj.py_type(vm).is_instance_of(*t)),
        // The name `type` is the builtin function, which is also the type of every class.
        Value::Builtin(Builtins::Function(BuiltinsFunctions::Type)) => Ok(obj.py_type(vm).is_instance_of(Type::Type)),
        Value::Builtin(Builtins::ExcType(handler_type)) => {
            Ok(exception_type(obj, vm).is_some_and(|e| e.is_subclass_of(*handler_type)))
        }
        // A user-defined class: true iff `obj` is an instance of it or of a subclass.
        Value::Ref(id) if matches!(vm.heap.get(*id), HeapData::Class(_)) => Ok(instance_of_class(obj, *id, vm)),
        // A `collections.namedtuple` class, matched by the instance's `class_id`.
        Value::Ref(id) if matches!(vm.heap.get(*id), HeapData::NamedTupleClass(_)) => {
            Ok(instance_of_namedtuple_class(obj, *id, vm))
        }
        Value::Ref(id) if matches!(vm.heap.get(*id), HeapData::HostClassType(_)) => {
            Ok(instance_of_host_class(obj, *id, vm))
        }
        Value::Ref(id) if let HeapReadOutput::Tuple(tuple) = vm.heap.read(*id) => {
            isinstance_check_tuple(obj, &tuple, vm)
        }
        Value::Ref(id) if matches!(vm.heap.get(*id), HeapData::GenericAlias(_)) => {
            Err(ExcType::isinstance_parameterized_generic())
        }
        // `int | None`: true when any member matches, tested in order.
        Value::Ref(id) if let HeapData::Union(union) = vm.heap.get(*id) => {
            let args = union.args(vm.heap);
            defer_drop!(args, vm);
            let Some(HeapReadOutput::Tuple(members)) = args.read_heap(vm) else {
                unreachable!("Union::args is always a tuple")
            };
            isinstance_check_tuple(obj, &members, vm)
        }
        _ => Err(ExcType::isinstance_arg2_error()),
    }
}

/// Whether `obj` is a host instance whose class entry is `class_id` (exact
/// class only: the host never sends bases, so subclasses are unknown).
fn instance_of_host_class(obj: &Value, class_id: HeapId, vm: &VM<'_>) -> bool {
    matches!(obj, Value::Ref(obj_id) if matches!(vm.heap.get(*obj_id), HeapData::HostClass(hc) if hc.class_id() == class_id))
}

/// Whether `obj` is an instance of the class `class_id` or of a class that inherits from it.
fn instance_of_class(obj: &Value, class_id: HeapId, vm: &VM<'_>) -> bool {
    matches!(obj, Value::Ref(obj_id) if matches!(vm.heap.get(*obj_id), HeapData::Instance(inst) if is_subclass(inst.class(), class_id, vm.heap)))
}

/// Whether `obj` is a namedtuple instance built from the class `class_id`.
///
/// Instances created by Monty internally (`sys.version_info`, host imports)
/// carry no `class_id`, so they never match a factory class.
fn instance_of_namedtuple_class(obj: &Value, class_id: HeapId, vm: &VM<'_>) -> bool {
    matches!(obj, Value::Ref(obj_id) if matches!(vm.heap.get(*obj_id), HeapData::NamedTuple(nt) if nt.class_id() == Some(class_id)))
}

/// Recursively walks a tuple of classinfo entries.
fn isinstance_check_tuple<'h>(obj: &Value, tuple: &HeapRead<'h, Tuple>, vm: &mut VM<'h>) -> RunResult<bool> {
    let len = tuple.get(vm.heap).as_slice().len();
    let mut guard = vm.recursion_guard()?;
    let vm = &mut *guard;
    for i in 0..len {
        match &tuple.get(vm.heap).as_slice()[i] {
            Value::Builtin(Builtins::Type(t)) => {
                if obj.py_type(vm).is_instance_of(*t) {
                    return Ok(true);
                }
            }
            Value::Builtin(Builtins::Function(BuiltinsFunctions::Type)) => {
                if obj.py_type(vm).is_instance_of(Type::Type) {
                    return Ok(true);
                }
            }
            Value::Builtin(Builtins::ExcType(exc)) => {
                if exception_type(obj, vm).is_some_and(|e| e.is_subclass_of(*exc)) {
                    return Ok(true);
                }
            }
            Value::Ref(id) if matches!(vm.heap.get(*id), HeapData::Class(_)) => {
                if instance_of_class(obj, *id, vm) {
                    return Ok(true);
                }
            }
            Value::Ref(id) if matches!(vm.heap.get(*id), HeapData::NamedTupleClass(_)) => {
                if instance_of_namedtuple_class(obj, *id, vm) {
                    return Ok(true);
                }
            }
            Value::Ref(id) if matches!(vm.heap.get(*id), HeapData::HostClassType(_)) => {
                if instance_of_host_class(obj, *id, vm) {
                    return Ok(true);
                }
            }
            Value::Ref(nested_id) if let HeapReadOutput::Tuple(nested) = vm.heap.read(*nested_id) => {
                if isinstance_check_tuple(obj, &nested, vm)? {
                    return Ok(true);
                }
            }
            Value::Ref(id) if matches!(vm.heap.get(*id), HeapData::GenericAlias(_)) => {
                return Err(ExcType::isinstance_parameterized_generic());
            }
            Value::Ref(id) if let HeapData::Union(union) = vm.heap.get(*id) => {
                let args = union.args(vm.heap);
                defer_drop!(args, vm);
                let Some(HeapReadOutput::Tuple(members)) = args.read_heap(vm) else {
                    unreachable!("Union::args is always a tuple")
                };
                if isinstance_check_tuple(obj, &members, vm)? {
                    return Ok(true);
                }
            }
            _ => return Err(ExcType::isinstance_arg2_error()),
        }
    }
    Ok(false)
}

/// Implementation of the issubclass() builtin function.
///
/// `cls` is a class defined in Python code, a builtin type or an exception type;
/// `classinfo` one of those, a tuple of them (nested or not) or a union.
pub fn builtin_issubclass(vm: &mut VM<'_>, args: ArgValues) -> RunResult<Value> {
    let (cls, classinfo) = args.get_two_args("issubclass", vm.heap)?;
    defer_drop!(cls, vm);
    defer_drop!(classinfo, vm);
    let Some(cls) = ClassRef::of(cls, vm) else {
        return Err(ExcType::type_error("issubclass() arg 1 must be a class"));
    };
    subclass_check(cls, classinfo, vm).map(Value::Bool)
}

/// The first argument of `issubclass`: the kinds of class it can answer for.
#[derive(Clone, Copy)]
enum ClassRef {
    /// A class defined in Python code.
    Class(HeapId),
    /// A builtin type.
    Type(Type),
    /// A builtin exception type.
    Exc(ExcType),
    /// A class the host or a factory made (a host class, a namedtuple class): no bases known.
    Other(HeapId),
}

impl ClassRef {
    fn of(value: &Value, vm: &VM<'_>) -> Option<Self> {
        match value {
            Value::Builtin(Builtins::Type(t)) => Some(Self::Type(*t)),
            Value::Builtin(Builtins::ExcType(e)) => Some(Self::Exc(*e)),
            Value::Ref(id) => match vm.heap.get(*id) {
                HeapData::Class(_) => Some(Self::Class(*id)),
                HeapData::NamedTupleClass(_) | HeapData::HostClassType(_) => Some(Self::Other(*id)),
                _ => None,
            },
            _ => None,
        }
    }
}

/// Whether `cls` is `classinfo`, one of its members, or inherits from it.
fn subclass_check(cls: ClassRef, classinfo: &Value, vm: &mut VM<'_>) -> RunResult<bool> {
    if let Value::Ref(id) = classinfo
        && let HeapReadOutput::Tuple(tuple) = vm.heap.read(*id)
    {
        let len = tuple.get(vm.heap).as_slice().len();
        let mut guard = vm.recursion_guard()?;
        let vm = &mut *guard;
        for i in 0..len {
            let member = tuple.get(vm.heap).as_slice()[i].clone_with_heap(vm.heap);
            defer_drop!(member, vm);
            if subclass_check(cls, member, vm)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if let Value::Ref(id) = classinfo
        && let HeapData::Union(union) = vm.heap.get(*id)
    {
        let args = union.args(vm.heap);
        defer_drop!(args, vm);
        return subclass_check(cls, args, vm);
    }
    let Some(of) = ClassRef::of(classinfo, vm) else {
        return Err(ExcType::type_error(
            "issubclass() arg 2 must be a class, a tuple of classes, or a union",
        ));
    };
    Ok(match (cls, of) {
        (_, ClassRef::Type(Type::Object)) => true,
        (ClassRef::Class(class), ClassRef::Class(base)) => is_subclass(class, base, vm.heap),
        (ClassRef::Type(t), ClassRef::Type(base)) => t.is_instance_of(base),
        (ClassRef::Exc(e), ClassRef::Exc(base)) => e.is_subclass_of(base),
        (ClassRef::Class(class), ClassRef::Exc(base)) => {
            class_exception(class, vm.heap).is_some_and(|e| e.is_subclass_of(base))
        }
        (ClassRef::Other(a), ClassRef::Other(b)) => a == b,
        _ => false,
    })
}
