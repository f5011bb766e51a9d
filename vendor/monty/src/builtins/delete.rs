//! `delattr()` and `operator.delitem`: what the `del` statement calls for an
//! attribute (`del obj.name`) and an item (`del obj[key]`), as CPython's
//! `DELETE_ATTR` and `DELETE_SUBSCR` do.

use crate::{
    args::ArgValues,
    bytecode::VM,
    defer_drop,
    exception_private::{ExcType, ExcTypeExt, RunResult, SimpleException},
    heap::{DropWithContext, HeapData, HeapReadOutput},
    types::instance::{class_defines, class_name, instance_call_dunder_sync, instance_property, property_store_call},
    value::Value,
};

/// `delattr(object, name)`: removes an attribute of an instance or a class.
pub fn builtin_delattr(vm: &mut VM<'_>, args: ArgValues) -> RunResult<Value> {
    let (object, name) = args.get_two_args("delattr", vm.heap)?;
    defer_drop!(object, vm);
    defer_drop!(name, vm);
    let Some(attr) = name.as_either_str(vm.heap) else {
        return Err(SimpleException::new_msg(
            ExcType::TypeError,
            format!("attribute name must be string, not '{}'", name.py_type_name(vm)),
        )
        .into());
    };
    if let Value::Ref(id) = object
        && let Some(property_id) = instance_property(*id, &attr, vm)
    {
        // A property's deleter runs to completion here, `del` being a call of this builtin.
        let (deleter, args) = property_store_call(*id, property_id, &attr, None, vm)?;
        defer_drop!(deleter, vm);
        return vm.evaluate_function(deleter, args).map(|result| {
            result.drop_with(vm);
            Value::None
        });
    }
    if let Value::Ref(id) = object
        && let HeapData::Instance(instance) = vm.heap.get(*id)
        && class_defines(instance.class(), "__delattr__", vm)
    {
        // The class's `__delattr__` (a frozen dataclass's refuses), run to completion too.
        let name = name.clone_with_heap(vm.heap);
        return instance_call_dunder_sync(*id, "__delattr__", Some(name), vm).map(|result| {
            result.drop_with(vm);
            Value::None
        });
    }
    let attr = attr.as_str(vm.interns).to_owned();
    match object {
        Value::Ref(id) => match vm.heap.read(*id) {
            HeapReadOutput::Instance(instance) => {
                let removed = instance.attrs_mut().pop(name, vm)?;
                if let Some(pair) = removed {
                    pair.drop_with(vm);
                    Ok(Value::None)
                } else {
                    let class = instance.get(vm.heap).class();
                    Err(ExcType::attribute_error(class_name(class, vm.heap, vm.interns), &attr))
                }
            }
            HeapReadOutput::Class(class) => {
                if let Some(value) = class.pop_attr(name, vm)? {
                    value.drop_with(vm);
                    Ok(Value::None)
                } else {
                    Err(ExcType::attribute_error_type(
                        class.get(vm.heap).name().as_str(vm.interns),
                        &attr,
                    ))
                }
            }
            _ => Err(ExcType::attribute_error(object.py_type_name(vm), &attr)),
        },
        _ => Err(ExcType::attribute_error(object.py_type_name(vm), &attr)),
    }
}

/// `operator.delitem(object, key)`: removes a dict's key, a list's item or
/// slice, or calls an instance's `__delitem__`.
pub fn builtin_delitem(vm: &mut VM<'_>, args: ArgValues) -> RunResult<Value> {
    let (object, key) = args.get_two_args("delitem", vm.heap)?;
    defer_drop!(object, vm);
    defer_drop!(key, vm);
    if let Value::Ref(id) = object {
        match vm.heap.read(*id) {
            HeapReadOutput::Dict(dict) => {
                return match dict.pop(key, vm)? {
                    Some(pair) => {
                        pair.drop_with(vm);
                        Ok(Value::None)
                    }
                    None => Err(ExcType::key_error(key, vm)),
                };
            }
            HeapReadOutput::List(list) => {
                list.delete_item(key, vm)?;
                return Ok(Value::None);
            }
            HeapReadOutput::Instance(_) => {
                let key = key.clone_with_heap(vm.heap);
                if let Some(result) = instance_call_dunder_sync(*id, "__delitem__", Some(key), vm)? {
                    result.drop_with(vm);
                    return Ok(Value::None);
                }
            }
            _ => {}
        }
    }
    Err(ExcType::type_error(format!(
        "'{}' object doesn't support item deletion",
        object.py_type_name(vm)
    )))
}
