//! Implementation of the type() builtin function.

use super::Builtins;
use crate::{
    args::{ArgValues, KwargsValues},
    bytecode::VM,
    defer_drop,
    exception_private::{ExcType, ExcTypeExt, RunResult},
    heap::{DropWithContext, HeapData, HeapId},
    intern::StaticStrings,
    types::{
        Class, Dict, PyTrait, Type,
        instance::{class_name, namespace_member},
        linearize,
    },
    value::Value,
};

/// Implementation of the type() builtin function.
///
/// The 1-arg form returns the type of an object; the 3-arg form
/// `type(name, bases, dict)` dynamically creates a new class, mirroring
/// CPython (its bases must be classes defined in Python code, or `object`).
/// Any other positional count is a `TypeError`.
///
/// This hand-rolls `args.into_parts()` rather than using `#[derive(FromArgs)]`
/// because the "exactly 1 *or* 3 positionals, same name" overload isn't
/// expressible by any of the binder families — CPython special-cases `type`'s
/// argument parsing in `type_new`/`type_init` for the same reason.
pub fn builtin_type(vm: &mut VM<'_>, args: ArgValues) -> RunResult<Value> {
    let (mut pos, kwargs) = args.into_parts();
    match pos.len() {
        1 => {
            let value = pos.next().expect("length checked");
            if kwargs.is_empty() {
                Ok(type_of(vm, value))
            } else {
                value.drop_with(vm);
                kwargs.drop_with(vm);
                Err(ExcType::type_error_no_kwargs("type"))
            }
        }
        3 => {
            let name = pos.next().expect("length checked");
            let bases = pos.next().expect("length checked");
            let namespace = pos.next().expect("length checked");
            create_class(vm, name, bases, namespace, kwargs)
        }
        _ => {
            pos.drop_with(vm);
            kwargs.drop_with(vm);
            Err(ExcType::type_error("type() takes 1 or 3 arguments"))
        }
    }
}

/// The 1-arg `type(obj)` form.
fn type_of(vm: &mut VM<'_>, value: Value) -> Value {
    defer_drop!(value, vm);
    type_of_ref(vm, value)
}

/// The type of a borrowed value.
///
/// For an instance of a user-defined class the type *is* the class object
/// itself, so `type(x) is Foo` holds via reference identity; a host class
/// instance returns the `HostClassType` entry it owns (one per host class, so
/// identity holds there too); everything else returns the builtin `Type`
/// marker. Borrowing rather than consuming so callers that only need the type
/// of a value they still own (e.g. `functools.lru_cache(typed=True)` keying)
/// don't have to clone it first.
pub(crate) fn type_of_ref(vm: &mut VM<'_>, value: &Value) -> Value {
    if let Value::Ref(id) = value
        && let HeapData::Instance(inst) = vm.heap.get(*id)
    {
        let class_id = inst.class();
        vm.heap.inc_ref(class_id);
        Value::Ref(class_id)
    } else if let Value::Ref(id) = value
        && let HeapData::NamedTuple(nt) = vm.heap.get(*id)
        && let Some(class_id) = nt.class_id()
    {
        // A factory-made namedtuple's type is its class object, so
        // `type(p) is Point` holds by identity (self-describing internal named
        // tuples like `sys.version_info` have no class and fall through).
        vm.heap.inc_ref(class_id);
        Value::Ref(class_id)
    } else if let Value::Ref(id) = value
        && let HeapData::HostClass(hc) = vm.heap.get(*id)
    {
        let class_id = hc.class_id();
        vm.heap.inc_ref(class_id);
        Value::Ref(class_id)
    } else {
        match value.py_type(vm) {
            // The class the name `KeyError` gives, so that `type(e) is KeyError` holds.
            Type::Exception(exc_type) => Value::Builtin(Builtins::ExcType(exc_type)),
            t => Value::Builtin(Builtins::Type(t)),
        }
    }
}

/// The 3-arg `type(name, bases, dict)` form: dynamically creates a class.
///
/// Follows CPython's validation order (name, then bases, then dict, then
/// keyword rejection) and message wording (`type.__new__() argument N must
/// be ...`), except that non-string namespace keys raise a `TypeError`
/// where CPython merely warns. The namespace dict is *copied* into the
/// class — later mutation of the source dict must not affect the class —
/// and a `__doc__ = None` entry is synthesized when the dict omits it,
/// matching CPython's `type` descriptor default (compiled `class` bodies
/// get their `__doc__` from the parser instead).
fn create_class(
    vm: &mut VM<'_>,
    name: Value,
    bases: Value,
    namespace: Value,
    kwargs: KwargsValues,
) -> RunResult<Value> {
    defer_drop!(name, vm);
    defer_drop!(bases, vm);
    defer_drop!(namespace, vm);
    defer_drop!(kwargs, vm);

    let Some(class_name) = name.as_either_str(vm.heap) else {
        let got = name.py_type(vm).cpython_arg_name(vm.heap, vm.interns);
        return Err(ExcType::type_error_bad_arg_pos("type.__new__", 1, "str", got));
    };

    let (bases, exception) = match bases {
        Value::Ref(id) if let HeapData::Tuple(t) = vm.heap.get(*id) => class_bases(t.as_slice(), vm)?,
        _ => {
            let got = bases.py_type(vm).cpython_arg_name(vm.heap, vm.interns);
            return Err(ExcType::type_error_bad_arg_pos("type.__new__", 2, "tuple", got));
        }
    };
    let ancestors = class_ancestors(&bases, vm)?;
    // CPython calls a base's `__init_subclass__` with the new class; Monty cannot
    // call back into Python here, so a class that relies on it is refused
    // rather than made without the call.
    if let Some(&base) = ancestors
        .iter()
        .find(|&&ancestor| namespace_member(ancestor, "__init_subclass__", vm.heap, vm.interns).is_some())
    {
        let base = crate::types::instance::class_name(base, vm.heap, vm.interns);
        return Err(
            ExcType::not_implemented(format!("__init_subclass__ (defined by {base}) is not called by Monty")).into(),
        );
    }

    let Value::Ref(ns_id) = namespace else {
        let got = namespace.py_type(vm).cpython_arg_name(vm.heap, vm.interns);
        return Err(ExcType::type_error_bad_arg_pos("type.__new__", 3, "dict", got));
    };
    let HeapData::Dict(source) = vm.heap.get(*ns_id) else {
        let got = namespace.py_type(vm).cpython_arg_name(vm.heap, vm.interns);
        return Err(ExcType::type_error_bad_arg_pos("type.__new__", 3, "dict", got));
    };

    if !kwargs.is_empty() {
        // CPython forwards extra keywords to `__init_subclass__`, which
        // `object` rejects with this message — synthesize the equivalent.
        let name_str = class_name.as_str(vm.interns);
        return Err(ExcType::type_error_no_kwargs(&format!("{name_str}.__init_subclass__")));
    }

    // Monty divergence: CPython only emits a `RuntimeWarning` for non-string
    // namespace keys; Monty has no warnings machinery, so silently accepting
    // them would hide the mistake — raise instead. Validated before cloning
    // any pairs so the error path has nothing to clean up.
    if let Some((bad_key, _)) = source.iter().find(|(k, _)| !k.is_str(vm.heap)) {
        let name_str = class_name.as_str(vm.interns);
        let key_type = bad_key.py_type_heap(vm.heap).name(vm.heap, vm.interns);
        return Err(ExcType::type_error(format!(
            "non-string key ({key_type}) in the namespace of class '{name_str}'"
        )));
    }

    // Copy the namespace (CPython semantics: the class owns an independent
    // dict). `clone_with_heap` takes `&Heap`, so the pairs can be cloned
    // while `source` still borrows the heap immutably.
    let mut pairs: Vec<(Value, Value)> = source
        .iter()
        .map(|(k, v)| (k.clone_with_heap(vm.heap), v.clone_with_heap(vm.heap)))
        .collect();
    if source.get_by_str("__doc__", vm.heap, vm.interns).is_none() {
        pairs.push((
            Value::InternString(vm.interns.intern_static(StaticStrings::DunderDoc)),
            Value::None,
        ));
    }
    let namespace_dict = Dict::from_pairs(pairs, vm)?;

    // The class holds a reference to each ancestor (released with it).
    for &ancestor in &ancestors {
        vm.heap.inc_ref(ancestor);
    }
    let class = Class::new(class_name, namespace_dict, bases, ancestors, exception);
    let class_id = vm.heap.allocate(HeapData::Class(Box::new(class)));
    Ok(Value::Ref(class_id))
}

/// The classes a new class inherits from, each a class defined in Python code,
/// and the built-in exception it derives from, named as a base or derived from
/// by one (the first in the bases' order: see `exception_class`). `object`,
/// every class's base, adds nothing. A class cannot inherit from another
/// built-in type here (Monty's built-in types have no Python-level members to
/// inherit), so that is a `NotImplementedError` rather than a class that would
/// behave unlike CPython's.
fn class_bases(bases: &[Value], vm: &VM<'_>) -> RunResult<(Vec<HeapId>, Option<ExcType>)> {
    let mut ids: Vec<HeapId> = Vec::with_capacity(bases.len());
    let mut exception = None;
    for base in bases {
        match base {
            Value::Ref(id) if let HeapData::Class(class) = vm.heap.get(*id) => {
                if ids.contains(id) {
                    let name = class_name(*id, vm.heap, vm.interns);
                    return Err(ExcType::type_error(format!("duplicate base class {name}")));
                }
                exception = exception.or(class.exception());
                ids.push(*id);
            }
            Value::Builtin(Builtins::ExcType(e)) => exception = exception.or(Some(*e)),
            Value::Builtin(Builtins::Type(Type::Object)) => {}
            Value::Builtin(Builtins::Type(_)) | Value::Ref(_) if matches!(base.py_type(vm), Type::Type) => {
                let name = match base {
                    Value::Builtin(Builtins::Type(t)) => format!("the built-in type '{t}'"),
                    _ => "a class that is not defined in Python code".to_owned(),
                };
                return Err(ExcType::not_implemented(format!(
                    "a class can inherit only from classes defined in Python code, not from {name}"
                ))
                .into());
            }
            // What CPython's `type('A', (1,), {})` says. (A `class A(1):` statement
            // calls the base's own type instead, and its error is that type's.)
            _ => {
                return Err(ExcType::type_error(
                    "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the \
                     metaclasses of all its bases",
                ));
            }
        }
    }
    Ok((ids, exception))
}

/// The method resolution order after a class with `bases`, or CPython's
/// `TypeError` naming the classes that cannot be ordered when the bases' own
/// orders contradict each other.
fn class_ancestors(bases: &[HeapId], vm: &VM<'_>) -> RunResult<Vec<HeapId>> {
    let chains: Vec<(HeapId, Vec<HeapId>)> = bases
        .iter()
        .map(|&base| match vm.heap.get(base) {
            HeapData::Class(class) => (base, class.ancestors().to_vec()),
            _ => unreachable!("class_bases keeps only classes"),
        })
        .collect();
    linearize(&chains).map_err(|heads| {
        let names: Vec<_> = heads
            .iter()
            .map(|&class| class_name(class, vm.heap, vm.interns))
            .collect();
        // CPython's message, line break included.
        ExcType::type_error(format!(
            "Cannot create a consistent method resolution\norder (MRO) for bases {}",
            names.join(", ")
        ))
    })
}
