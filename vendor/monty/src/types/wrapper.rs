//! The function `functools.wraps` (or `update_wrapper`) makes: a decorator's
//! wrapper that answers for the function it wraps.
//!
//! CPython's `update_wrapper` copies `__name__`, `__qualname__`, `__doc__` and
//! `__module__` onto the wrapper and sets `__wrapped__`. monty's functions carry
//! their names in their compiled code and have no `__dict__`, so a
//! [`FunctionWrapper`] is a new callable instead: it calls the wrapper and
//! reads those names from the wrapped function. It is a function for every
//! purpose a program can see: `type()`, its repr, method binding in a class,
//! `callable()`.

use std::fmt::Write;

use crate::{
    args::ArgValues,
    bytecode::{CallResult, VM},
    defer_drop,
    exception_private::{ExcType, ExcTypeExt, RunResult},
    hash::{HashValue, identity_hash},
    heap::{DropWithContext, HeapData, HeapId, HeapItem, HeapObjectRead},
    types::{LazyHeapSet, PyTrait, Type, py_trait::PyObjectIdentity},
    value::{EitherStr, Value},
};

/// A wrapper function standing in for `wrapped` (both owned references).
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct FunctionWrapper {
    /// What a call runs: the decorator's inner function.
    func: Value,
    /// The function whose name, docstring and module the wrapper gives.
    wrapped: Value,
}

impl FunctionWrapper {
    /// A wrapper running `func` that answers for `wrapped`, taking both references.
    pub(crate) fn allocate(func: Value, wrapped: Value, vm: &VM<'_>) -> Value {
        Value::Ref(
            vm.heap
                .allocate(HeapData::FunctionWrapper(Box::new(Self { func, wrapped }))),
        )
    }

    /// Invokes `on_child` for each heap id this wrapper owns (GC trace hook).
    pub(crate) fn for_each_child_id(&self, mut on_child: impl FnMut(HeapId)) {
        for value in [&self.func, &self.wrapped] {
            if let Value::Ref(id) = value {
                on_child(*id);
            }
        }
    }
}

impl<C: crate::heap::ContainsHeap> DropWithContext<C> for FunctionWrapper {
    fn drop_with(self, ctx: &mut C) {
        [self.func, self.wrapped].drop_with(ctx);
    }
}

impl HeapItem for FunctionWrapper {
    fn py_dec_ref_ids(&mut self, stack: &mut Vec<HeapId>) {
        self.func.py_dec_ref_ids(stack);
        self.wrapped.py_dec_ref_ids(stack);
    }
}

/// The attributes `update_wrapper` copies from the wrapped function (CPython's
/// `WRAPPER_ASSIGNMENTS`).
const ASSIGNED: [&str; 4] = ["__name__", "__qualname__", "__doc__", "__module__"];

impl<'h> PyTrait<'h> for HeapObjectRead<'h, FunctionWrapper> {
    fn py_call(&mut self, args: ArgValues, vm: &mut VM<'h>) -> RunResult<CallResult> {
        let func = self.get(vm.heap).func.clone_with_heap(vm.heap);
        defer_drop!(func, vm);
        vm.call_function(func, args)
    }

    fn py_type(&self, _vm: &VM<'h>) -> Type {
        Type::Function
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

    /// `<function slow at 0x…>`: the wrapped function's name, this object's address.
    fn py_repr_fmt(&self, f: &mut impl Write, vm: &mut VM<'h>, _heap_ids: &mut LazyHeapSet) -> RunResult<()> {
        let wrapped = self.get(vm.heap).wrapped.clone_with_heap(vm.heap);
        defer_drop!(wrapped, vm);
        let name = match wrapped.py_getattr(&EitherStr::Heap("__name__".to_owned()), vm) {
            Ok(CallResult::Value(name)) => {
                let text = name.to_str(vm).map_or_else(|_| "wrapper".to_owned(), str::to_owned);
                name.drop_with(vm);
                text
            }
            Ok(other) => {
                other.drop_with(vm);
                "wrapper".to_owned()
            }
            Err(_) => "wrapper".to_owned(),
        };
        Ok(write!(f, "<function {name} at 0x{:x}>", self.py_identity().encoded())?)
    }

    /// `__wrapped__`, and the wrapped function's `__name__`, `__qualname__`,
    /// `__doc__` and `__module__`.
    fn py_getattr(&self, attr: &EitherStr, vm: &mut VM<'h>) -> RunResult<Option<CallResult>> {
        let wrapper = self.get(vm.heap);
        match attr.as_str(vm.interns) {
            "__wrapped__" => Ok(Some(CallResult::Value(wrapper.wrapped.clone_with_heap(vm.heap)))),
            name if ASSIGNED.contains(&name) => {
                let wrapped = wrapper.wrapped.clone_with_heap(vm.heap);
                defer_drop!(wrapped, vm);
                wrapped.py_getattr(attr, vm).map(Some)
            }
            _ => Ok(None),
        }
    }

    /// `f.__wrapped__(...)`: the attribute's value, called.
    fn py_call_attr(&mut self, vm: &mut VM<'h>, attr: &EitherStr, args: ArgValues) -> RunResult<CallResult> {
        match self.py_getattr(attr, vm) {
            Ok(Some(CallResult::Value(value))) => {
                defer_drop!(value, vm);
                vm.call_function(value, args)
            }
            Ok(other) => {
                if let Some(other) = other {
                    other.drop_with(vm);
                }
                Err(ExcType::attribute_error_method(Type::Function, attr, args, vm))
            }
            Err(err) => {
                args.drop_with(vm);
                Err(err)
            }
        }
    }
}
