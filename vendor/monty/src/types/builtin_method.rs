//! A built-in type's method read as a value: `d.get`, `"abc".upper`,
//! `results.append`, `str.strip`, `prop.setter`.
//!
//! monty calls a built-in method straight from the `obj.name(...)` opcode, by
//! name, so its types keep no method objects. When a program reads one as a
//! value instead (`max(d, key=d.get)`, `map(str.strip, lines)`,
//! `Thread(target=results.append, ...)`), the read makes a [`BuiltinMethod`]:
//! the receiver and the name, which a later call dispatches exactly as
//! `obj.name(...)` would. Which names are methods of which type is
//! [`has_method`]'s table, CPython 3.11's public methods of each type.

use std::fmt::Write;

use crate::{
    args::ArgValues,
    bytecode::{CallResult, VM},
    defer_drop,
    exception_private::{ExcType, ExcTypeExt, RunResult},
    hash::{HashValue, identity_hash},
    heap::{DropWithContext, HeapData, HeapId, HeapItem, HeapObjectRead},
    types::{LazyHeapSet, PyTrait, Type, str::allocate_string},
    value::{EitherStr, Value},
};

/// A built-in method read as a value, bound to its receiver or, read through
/// its type (`str.upper`), taking the receiver as its first argument.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct BuiltinMethod {
    receiver: Receiver,
    name: EitherStr,
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
enum Receiver {
    /// `obj.name`: an owned reference to `obj`.
    Bound(Value),
    /// `Type.name`: called with the receiver first, which must be of this type.
    Unbound(Type),
}

/// Whether `name` is a public method of the built-in type `ty` (CPython 3.11's
/// `dir()`, callables without a leading underscore).
pub(crate) fn has_method(ty: Type, name: &str) -> bool {
    const STR: &[&str] = &[
        "capitalize",
        "casefold",
        "center",
        "count",
        "encode",
        "endswith",
        "expandtabs",
        "find",
        "format",
        "format_map",
        "index",
        "isalnum",
        "isalpha",
        "isascii",
        "isdecimal",
        "isdigit",
        "isidentifier",
        "islower",
        "isnumeric",
        "isprintable",
        "isspace",
        "istitle",
        "isupper",
        "join",
        "ljust",
        "lower",
        "lstrip",
        "maketrans",
        "partition",
        "removeprefix",
        "removesuffix",
        "replace",
        "rfind",
        "rindex",
        "rjust",
        "rpartition",
        "rsplit",
        "rstrip",
        "split",
        "splitlines",
        "startswith",
        "strip",
        "swapcase",
        "title",
        "translate",
        "upper",
        "zfill",
    ];
    const BYTES: &[&str] = &[
        "capitalize",
        "center",
        "count",
        "decode",
        "endswith",
        "expandtabs",
        "find",
        "fromhex",
        "hex",
        "index",
        "isalnum",
        "isalpha",
        "isascii",
        "isdigit",
        "islower",
        "isspace",
        "istitle",
        "isupper",
        "join",
        "ljust",
        "lower",
        "lstrip",
        "maketrans",
        "partition",
        "removeprefix",
        "removesuffix",
        "replace",
        "rfind",
        "rindex",
        "rjust",
        "rpartition",
        "rsplit",
        "rstrip",
        "split",
        "splitlines",
        "startswith",
        "strip",
        "swapcase",
        "title",
        "translate",
        "upper",
        "zfill",
    ];
    const LIST: &[&str] = &[
        "append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove", "reverse", "sort",
    ];
    const TUPLE: &[&str] = &["count", "index"];
    const DICT: &[&str] = &[
        "clear",
        "copy",
        "fromkeys",
        "get",
        "items",
        "keys",
        "pop",
        "popitem",
        "setdefault",
        "update",
        "values",
    ];
    const COUNTER: &[&str] = &["elements", "most_common", "subtract", "total"];
    const SET: &[&str] = &[
        "add",
        "clear",
        "copy",
        "difference",
        "difference_update",
        "discard",
        "intersection",
        "intersection_update",
        "isdisjoint",
        "issubset",
        "issuperset",
        "pop",
        "remove",
        "symmetric_difference",
        "symmetric_difference_update",
        "union",
        "update",
    ];
    const FROZENSET: &[&str] = &[
        "copy",
        "difference",
        "intersection",
        "isdisjoint",
        "issubset",
        "issuperset",
        "symmetric_difference",
        "union",
    ];
    const INT: &[&str] = &[
        "as_integer_ratio",
        "bit_count",
        "bit_length",
        "conjugate",
        "from_bytes",
        "to_bytes",
    ];
    const FLOAT: &[&str] = &["as_integer_ratio", "conjugate", "fromhex", "hex", "is_integer"];
    const DEQUE: &[&str] = &[
        "append",
        "appendleft",
        "clear",
        "copy",
        "count",
        "extend",
        "extendleft",
        "index",
        "insert",
        "pop",
        "popleft",
        "remove",
        "reverse",
        "rotate",
    ];
    const PROPERTY: &[&str] = &["deleter", "getter", "setter"];
    const GENERATOR: &[&str] = &["close", "send", "throw"];
    let names: &[&[&str]] = match ty {
        Type::Str => &[STR],
        Type::Bytes => &[BYTES],
        Type::List => &[LIST],
        Type::Tuple | Type::NamedTuple => &[TUPLE],
        Type::Dict | Type::DefaultDict => &[DICT],
        Type::Counter => &[DICT, COUNTER],
        Type::Set => &[SET],
        Type::FrozenSet => &[FROZENSET],
        Type::Int | Type::Bool => &[INT],
        Type::Float => &[FLOAT],
        Type::Deque => &[DEQUE],
        Type::Property => &[PROPERTY],
        Type::WalkGenerator => &[GENERATOR],
        _ => &[],
    };
    names.iter().any(|names| names.contains(&name))
}

/// Whether a method of `ty` read through the type applies to an object of type `got`: its
/// own type, or one monty keeps apart that CPython derives from it (`bool` from `int`,
/// `defaultdict` and `Counter` from `dict`).
fn receives(ty: Type, got: Type) -> bool {
    got == ty
        || matches!(
            (ty, got),
            (Type::Int, Type::Bool) | (Type::Dict, Type::DefaultDict | Type::Counter) | (Type::Tuple, Type::NamedTuple)
        )
}

/// The methods a type's constructor-like class methods, which read through the
/// type are no unbound methods (`dict.fromkeys(keys)` takes no receiver).
fn is_class_method(name: &str) -> bool {
    matches!(name, "fromkeys" | "fromhex" | "from_bytes" | "maketrans")
}

impl BuiltinMethod {
    /// `obj.name` as a value, taking the reference to `receiver`.
    pub(crate) fn bound(receiver: Value, name: EitherStr, vm: &VM<'_>) -> Value {
        let method = Self {
            receiver: Receiver::Bound(receiver),
            name,
        };
        Value::Ref(vm.heap.allocate(HeapData::BuiltinMethod(Box::new(method))))
    }

    /// `Type.name` as a value, where `name` is a method an instance calls;
    /// `None` for a class method, which the type answers itself.
    pub(crate) fn unbound(ty: Type, name: &EitherStr, vm: &VM<'_>) -> Option<Value> {
        let name_str = name.as_str(vm.interns);
        if is_class_method(name_str) || !has_method(ty, name_str) {
            return None;
        }
        let method = Self {
            receiver: Receiver::Unbound(ty),
            name: name.clone(),
        };
        Some(Value::Ref(vm.heap.allocate(HeapData::BuiltinMethod(Box::new(method)))))
    }

    /// Invokes `on_child` for the receiver's heap id (GC trace hook).
    pub(crate) fn for_each_child_id(&self, mut on_child: impl FnMut(HeapId)) {
        if let Receiver::Bound(Value::Ref(id)) = &self.receiver {
            on_child(*id);
        }
    }
}

impl<C: crate::heap::ContainsHeap> DropWithContext<C> for BuiltinMethod {
    fn drop_with(self, ctx: &mut C) {
        if let Receiver::Bound(receiver) = self.receiver {
            receiver.drop_with(ctx);
        }
    }
}

impl HeapItem for BuiltinMethod {
    fn py_dec_ref_ids(&mut self, stack: &mut Vec<HeapId>) {
        if let Receiver::Bound(receiver) = &mut self.receiver {
            receiver.py_dec_ref_ids(stack);
        }
    }
}

impl<'h> PyTrait<'h> for HeapObjectRead<'h, BuiltinMethod> {
    /// Calls the method on its receiver as `receiver.name(*args)` would.
    fn py_call(&mut self, args: ArgValues, vm: &mut VM<'h>) -> RunResult<CallResult> {
        let method = self.get(vm.heap);
        let name = method.name.clone();
        let (receiver, args) = match &method.receiver {
            Receiver::Bound(receiver) => (receiver.clone_with_heap(vm.heap), args),
            Receiver::Unbound(ty) => {
                let ty = *ty;
                let (positional, kwargs) = args.into_parts();
                let mut positional: Vec<Value> = positional.collect();
                let name_str = name.as_str(vm.interns).to_owned();
                if positional.is_empty() {
                    positional.drop_with(vm);
                    kwargs.drop_with(vm);
                    return Err(ExcType::type_error(format!(
                        "unbound method {ty}.{name_str}() needs an argument"
                    )));
                }
                let receiver = positional.remove(0);
                if !receives(ty, receiver.py_type(vm)) {
                    let got = receiver.py_type_name(vm);
                    [receiver].drop_with(vm);
                    positional.drop_with(vm);
                    kwargs.drop_with(vm);
                    return Err(ExcType::type_error(format!(
                        "descriptor '{name_str}' for '{ty}' objects doesn't apply to a '{got}' object"
                    )));
                }
                (receiver, ArgValues::from_parts(positional, kwargs))
            }
        };
        match name {
            EitherStr::Interned(id) => vm.call_attr(receiver, id, args),
            heap_name => {
                defer_drop!(receiver, vm);
                receiver.py_value(vm).py_call_attr(vm, &heap_name, args)
            }
        }
    }

    fn py_type(&self, _vm: &VM<'h>) -> Type {
        Type::BuiltinFunction
    }

    fn py_len(&self, _vm: &VM<'h>) -> Option<usize> {
        None
    }

    fn py_eq_impl(&self, _other: &Value, _vm: &mut VM<'h>) -> RunResult<Option<bool>> {
        Ok(None)
    }

    fn py_hash(&self, _vm: &mut VM<'h>) -> RunResult<Option<HashValue>> {
        Ok(Some(identity_hash(self.id())))
    }

    /// `<built-in method get of dict object at 0x…>`, `<method 'upper' of 'str' objects>`.
    fn py_repr_fmt(&self, f: &mut impl Write, vm: &mut VM<'h>, _heap_ids: &mut LazyHeapSet) -> RunResult<()> {
        let method = self.get(vm.heap);
        let name = method.name.as_str(vm.interns).to_owned();
        match &method.receiver {
            Receiver::Unbound(ty) => Ok(write!(f, "<method '{name}' of '{ty}' objects>")?),
            Receiver::Bound(receiver) => {
                let receiver = receiver.clone_with_heap(vm.heap);
                defer_drop!(receiver, vm);
                let type_name = receiver.py_type_name(vm);
                let identity = receiver.id().encoded();
                Ok(write!(
                    f,
                    "<built-in method {name} of {type_name} object at 0x{identity:x}>"
                )?)
            }
        }
    }

    /// `__name__`, and a bound method's `__self__`.
    fn py_getattr(&self, attr: &EitherStr, vm: &mut VM<'h>) -> RunResult<Option<CallResult>> {
        let method = self.get(vm.heap);
        match (attr.as_str(vm.interns), &method.receiver) {
            ("__name__" | "__qualname__", _) => {
                let name = method.name.as_str(vm.interns).to_owned();
                Ok(Some(CallResult::Value(allocate_string(name, vm.heap))))
            }
            ("__self__", Receiver::Bound(receiver)) => Ok(Some(CallResult::Value(receiver.clone_with_heap(vm.heap)))),
            _ => Ok(None),
        }
    }
}
