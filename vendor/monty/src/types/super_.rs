//! `super()`: the proxy through which a method reaches the members its class's
//! ancestors define, as CPython's `super` type does.
//!
//! `super(C, obj)` looks members up in the method resolution order of
//! `type(obj)`, starting after `C`; a function found there is bound to `obj`.
//! Without arguments (the usual `super().__init__()` in a method), `obj` is the
//! running function's first argument and `C` the class that defines the running
//! function: CPython keeps that class in the method's `__class__` cell, Monty
//! finds it in `type(obj)`'s resolution order, as the class whose own namespace
//! holds the running function.

use std::fmt::Write;

use super::{
    LazyHeapSet, PyTrait, Type,
    class::class_module,
    instance::{class_name, is_method_value},
};
use crate::{
    args::ArgValues,
    bytecode::{CallResult, VM},
    defer_drop,
    exception_private::{ExcType, ExcTypeExt, RunError, RunResult, SimpleException},
    hash::{HashValue, identity_hash},
    heap::{DropWithContext, Heap, HeapData, HeapId, HeapItem, HeapObjectRead},
    identity::Identity,
    intern::{FunctionId, Interns},
    types::{
        BoundMethod,
        descriptor::{as_descriptor, property_missing},
        exception_class::{self, instance_exception},
        is_subclass, resolution_order,
        str::allocate_string,
    },
    value::{EitherStr, Value},
};

/// The object `super()` returns.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct Super {
    /// The class after which lookups start (`C` in `super(C, obj)`). Owned reference.
    class: HeapId,
    /// The instance that functions found are bound to. Owned reference.
    instance: HeapId,
}

/// `super()` and `super(C, obj)`.
pub(crate) fn super_init(vm: &mut VM<'_>, args: ArgValues) -> RunResult<Value> {
    let (pos, kwargs) = args.into_parts();
    defer_drop!(kwargs, vm);
    let pos: Vec<Value> = pos.collect();
    defer_drop!(pos, vm);
    if !kwargs.is_empty() {
        return Err(ExcType::type_error_no_kwargs("super"));
    }
    let (class, instance) = match pos.as_slice() {
        [] => implicit_arguments(vm)?,
        [class, obj] => explicit_arguments(class, obj, vm)?,
        [_] => {
            return Err(ExcType::not_implemented("super() with one argument (an unbound super object)").into());
        }
        _ => {
            return Err(ExcType::type_error(format!(
                "super() takes at most 2 arguments ({} given)",
                pos.len()
            )));
        }
    };
    vm.heap.inc_ref(class);
    vm.heap.inc_ref(instance);
    Ok(Value::Ref(vm.heap.allocate(HeapData::Super(Super { class, instance }))))
}

/// `super()` in a method: its first argument, and the class defining it.
fn implicit_arguments(vm: &VM<'_>) -> RunResult<(HeapId, HeapId)> {
    let no_arguments = || SimpleException::new_msg(ExcType::RuntimeError, "super(): no arguments").into();
    let (function, first) = vm.running_function_and_first_local().ok_or_else(no_arguments)?;
    // A first argument that a nested function captures lives in a cell.
    let first = match first {
        Value::Ref(id) if let HeapData::Cell(cell) = vm.heap.get(*id) => &cell.0,
        other => other,
    };
    let (instance, instance_class) = match first {
        Value::Ref(id) if let HeapData::Instance(inst) = vm.heap.get(*id) => (*id, inst.class()),
        Value::Undefined => return Err(no_arguments()),
        _ => {
            return Err(SimpleException::new_msg(
                ExcType::RuntimeError,
                "super(): the first argument is not an instance of a class defined in Python code",
            )
            .into());
        }
    };
    let defining = resolution_order(instance_class, vm.heap).find(|&class| defines_function(class, function, vm.heap));
    let class = defining.ok_or_else(|| {
        RunError::from(SimpleException::new_msg(
            ExcType::RuntimeError,
            "super(): __class__ cell not found",
        ))
    })?;
    Ok((class, instance))
}

/// `super(C, obj)`: `C` a class, `obj` an instance of it or of a subclass.
fn explicit_arguments(class: &Value, obj: &Value, vm: &VM<'_>) -> RunResult<(HeapId, HeapId)> {
    let class = match class {
        Value::Ref(id) if matches!(vm.heap.get(*id), HeapData::Class(_)) => *id,
        other => return Err(not_a_type(other, vm)),
    };
    match obj {
        Value::Ref(id)
            if let HeapData::Instance(inst) = vm.heap.get(*id)
                && is_subclass(inst.class(), class, vm.heap) =>
        {
            Ok((class, *id))
        }
        _ => Err(ExcType::type_error(
            "super(type, obj): obj must be an instance or subtype of type",
        )),
    }
}

/// CPython's error for a first argument that is not a type.
fn not_a_type(value: &Value, vm: &VM<'_>) -> RunError {
    ExcType::type_error(format!(
        "super() argument 1 must be a type, not {}",
        value.py_type(vm).name(vm.heap, vm.interns)
    ))
}

/// Whether the class's own namespace holds the function `function`.
fn defines_function(class: HeapId, function: FunctionId, heap: &Heap) -> bool {
    let HeapData::Class(c) = heap.get(class) else {
        return false;
    };
    c.namespace()
        .iter()
        .any(|(_, member)| match as_descriptor(member, heap) {
            // A property's getter, setter or deleter, or a static or class method's function.
            Some(descriptor) => descriptor
                .functions()
                .any(|func| function_id(func, heap) == Some(function)),
            None => function_id(member, heap) == Some(function),
        })
}

/// The function a member value runs, for a plain function, a closure or a function with defaults.
fn function_id(value: &Value, heap: &Heap) -> Option<FunctionId> {
    match value {
        Value::DefFunction(id) => Some(*id),
        Value::Ref(id) => match heap.get(*id) {
            HeapData::Closure(closure) => Some(closure.func_id),
            HeapData::FunctionDefaults(function) => Some(function.func_id),
            _ => None,
        },
        _ => None,
    }
}

impl Super {
    /// The class and the instance, each of which the proxy holds a reference to.
    pub(crate) fn ids(&self) -> impl Iterator<Item = HeapId> {
        [self.class, self.instance].into_iter()
    }

    /// The member `name` of the first class after `self.class` in the instance's
    /// resolution order that defines it.
    fn lookup<'v>(&self, name: &EitherStr, heap: &'v Heap, interns: &Interns) -> Option<&'v Value> {
        let HeapData::Instance(inst) = heap.get(self.instance) else {
            return None;
        };
        let mut order = resolution_order(inst.class(), heap);
        // Past `self.class` (none left if it is not in the order), then the first that defines it.
        order.find(|&class| class == self.class)?;
        order.find_map(|class| match heap.get(class) {
            HeapData::Class(c) => c.namespace().get_by_str(name, heap, interns),
            _ => None,
        })
    }
}

impl<'h> PyTrait<'h> for HeapObjectRead<'h, Super> {
    fn py_type(&self, _vm: &VM<'h>) -> Type {
        Type::Super
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

    fn py_repr_fmt(&self, f: &mut impl Write, vm: &mut VM<'h>, _heap_ids: &mut LazyHeapSet) -> RunResult<()> {
        let proxy = self.get(vm.heap);
        let HeapData::Instance(inst) = vm.heap.get(proxy.instance) else {
            unreachable!("a super object's instance is an instance")
        };
        Ok(write!(
            f,
            "<super: <class '{}'>, <{} object>>",
            class_name(proxy.class, vm.heap, vm.interns),
            class_name(inst.class(), vm.heap, vm.interns)
        )?)
    }

    /// A function is bound to the instance; any other member is returned as it is.
    fn py_getattr(&self, attr: &EitherStr, vm: &mut VM<'h>) -> RunResult<Option<CallResult>> {
        let proxy = self.get(vm.heap);
        let Some(member) = proxy.lookup(attr, vm.heap, vm.interns) else {
            return Err(ExcType::attribute_error("super", attr.as_str(vm.interns)));
        };
        let instance = proxy.instance;
        let member = member.clone_with_heap(vm.heap);
        if as_descriptor(&member, vm.heap).is_some() {
            defer_drop!(member, vm);
            return read_descriptor(member, instance, attr, vm).map(Some);
        }
        if is_method_value(&member, vm) {
            vm.heap.inc_ref(instance);
            let bound = BoundMethod {
                instance: Value::Ref(instance),
                func: member,
            };
            return Ok(Some(CallResult::Value(Value::Ref(
                vm.heap.allocate(HeapData::BoundMethod(bound)),
            ))));
        }
        Ok(Some(CallResult::Value(member)))
    }

    /// `super().name(...)`: a function is called with the instance first. A
    /// missing `__init__` is `object.__init__`, which takes no arguments.
    fn py_call_attr(&mut self, vm: &mut VM<'h>, attr: &EitherStr, args: ArgValues) -> RunResult<CallResult> {
        let proxy = self.get(vm.heap);
        let instance = proxy.instance;
        let Some(member) = proxy
            .lookup(attr, vm.heap, vm.interns)
            .map(|m| m.clone_with_heap(vm.heap))
        else {
            return object_method(instance, attr.as_str(vm.interns), args, vm).map(CallResult::Value);
        };
        defer_drop!(member, vm);
        if as_descriptor(member, vm.heap).is_some() {
            // `super().create(...)` of a static or class method; a property's
            // value is called after its getter ran to completion.
            let callable = match read_descriptor(member, instance, attr, vm) {
                Ok(CallResult::Value(callable)) => callable,
                Ok(CallResult::FramePushed) => unreachable!("read_descriptor runs getters to completion"),
                Ok(other) => {
                    other.drop_with(vm);
                    args.drop_with(vm);
                    return Err(ExcType::type_error("a property's getter cannot wait here"));
                }
                Err(err) => {
                    args.drop_with(vm);
                    return Err(err);
                }
            };
            defer_drop!(callable, vm);
            vm.call_function(callable, args)
        } else if is_method_value(member, vm) {
            vm.heap.inc_ref(instance);
            vm.call_function(member, args.prepend(Value::Ref(instance)))
        } else {
            vm.call_function(member, args)
        }
    }
}

/// A static method, class method or property found through `super()`: the
/// function, the method bound to the instance's class, or the getter's value
/// for the instance (run to completion here).
fn read_descriptor(member: &Value, instance: HeapId, attr: &EitherStr, vm: &mut VM<'_>) -> RunResult<CallResult> {
    let HeapData::Instance(inst) = vm.heap.get(instance) else {
        unreachable!("a super object's instance is an instance")
    };
    let class = inst.class();
    let Some((bound, getter)) = as_descriptor(member, vm.heap).map(|d| (d.bind(class, vm.heap), d.getter(vm.heap)))
    else {
        unreachable!("read_descriptor reads a descriptor")
    };
    if let Some(value) = bound.into_value(vm) {
        getter.drop_with(vm);
        return Ok(CallResult::Value(value));
    }
    let Some(getter) = getter else {
        return Err(property_missing(
            attr.as_str(vm.interns),
            &class_name(class, vm.heap, vm.interns),
            "getter",
        ));
    };
    defer_drop!(getter, vm);
    vm.heap.inc_ref(instance);
    vm.evaluate_function(getter, ArgValues::One(Value::Ref(instance)))
        .map(CallResult::Value)
}

/// What `object`, every class's last base, answers for `super().name(...)` when
/// no class in the order defines `name`: `__init__` (no arguments), `__repr__`
/// (`<B object at 0x...>`), `__str__` (the instance's `repr`, as `object.__str__`
/// calls it) and `__eq__` (`True` for the instance itself, else `NotImplemented`).
/// For an exception class's instance, `BaseException` answers `__init__`,
/// `__str__` and `__repr__` first (see [`exception_class::base_method`]).
fn object_method(instance: HeapId, name: &str, args: ArgValues, vm: &mut VM<'_>) -> RunResult<Value> {
    let args = if instance_exception(&Value::Ref(instance), vm.heap).is_some() {
        match exception_class::base_method(instance, name, args, vm) {
            Ok(answer) => return answer,
            Err(args) => args,
        }
    } else {
        args
    };
    let wrong_count = |expected: usize, given: usize| {
        ExcType::type_error(format!(
            "expected {expected} argument{}, got {given}",
            if expected == 1 { "" } else { "s" }
        ))
    };
    match (name, args) {
        ("__init__", ArgValues::Empty) => Ok(Value::None),
        ("__init__", args) => {
            args.drop_with(vm);
            Err(ExcType::type_error(
                "object.__init__() takes exactly one argument (the instance to initialize)",
            ))
        }
        ("__repr__", ArgValues::Empty) => {
            let HeapData::Instance(inst) = vm.heap.get(instance) else {
                unreachable!("a super object's instance is an instance")
            };
            let repr = format!(
                "<{}.{} object at 0x{:x}>",
                class_module(inst.class(), vm.heap, vm.interns),
                class_name(inst.class(), vm.heap, vm.interns),
                Identity::from_heap_id(instance).encoded()
            );
            Ok(allocate_string(repr, vm.heap))
        }
        ("__str__", ArgValues::Empty) => Value::Ref(instance).py_repr(vm),
        ("__eq__", ArgValues::One(other)) => {
            let same = matches!(other, Value::Ref(id) if id == instance);
            other.drop_with(vm);
            Ok(if same { Value::Bool(true) } else { Value::NotImplemented })
        }
        ("__repr__" | "__str__", args) => {
            let given = args.count();
            args.drop_with(vm);
            Err(wrong_count(0, given))
        }
        ("__eq__", args) => {
            let given = args.count();
            args.drop_with(vm);
            Err(wrong_count(1, given))
        }
        (name, args) => {
            args.drop_with(vm);
            Err(ExcType::attribute_error("super", name))
        }
    }
}

impl HeapItem for Super {
    fn py_dec_ref_ids(&mut self, stack: &mut Vec<HeapId>) {
        stack.extend(self.ids());
    }
}
