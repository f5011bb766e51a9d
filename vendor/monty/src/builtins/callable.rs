//! Implementation of the callable() builtin function.

use crate::{
    args::ArgValues,
    bytecode::VM,
    defer_drop,
    exception_private::RunResult,
    heap::HeapData,
    types::{Type, py_trait::PyTrait},
    value::Value,
};

/// `callable(object)`: whether calling `object` can succeed — a function, a
/// class, a bound or built-in method, a static method, or an instance whose
/// class defines `__call__`.
pub fn builtin_callable(vm: &mut VM<'_>, args: ArgValues) -> RunResult<Value> {
    let object = args.get_one_arg("callable", vm.heap)?;
    defer_drop!(object, vm);
    let callable = object.is_callable(vm)
        || match object {
            Value::Ref(id) => {
                matches!(
                    vm.heap.get(*id),
                    HeapData::NamedTupleClass(_) | HeapData::HostClassType(_)
                ) || object.py_type(vm) == Type::StaticMethod
            }
            _ => false,
        };
    Ok(Value::Bool(callable))
}
