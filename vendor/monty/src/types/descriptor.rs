//! `property`, `staticmethod` and `classmethod`: the three descriptors a class
//! body makes with a method decorator.
//!
//! A [`Descriptor`] is only a holder of the functions it wraps. What makes it a
//! descriptor is how a class member is read (`types::instance` for `obj.name`,
//! `types::class` for `Cls.name`): a property runs its getter, a static method
//! gives its function unbound, a class method binds the class the name was read
//! through. Those readers ask [`Descriptor::bind`] what the member becomes, so
//! the rule lives here once.

use std::fmt::Write;

use crate::{
    args::{ArgValues, FromArgs},
    bytecode::{CallResult, VM},
    defer_drop,
    exception_private::{ExcType, ExcTypeExt, RunError, RunResult, SimpleException},
    hash::{HashValue, identity_hash},
    heap::{DropWithContext, Heap, HeapData, HeapId, HeapItem, HeapObjectRead},
    types::{BoundMethod, LazyHeapSet, PyTrait, Type},
    value::{EitherStr, Value},
};

/// Arguments of `property(fget=None, fset=None, fdel=None, doc=None)`.
#[derive(FromArgs)]
#[from_args(name = "property", style = c_named)]
struct PropertyArgs {
    #[from_args(default = Value::None)]
    fget: Value,
    #[from_args(default = Value::None)]
    fset: Value,
    #[from_args(default = Value::None)]
    fdel: Value,
    #[from_args(default = Value::None)]
    doc: Value,
}

/// The function (or functions, for a property) a descriptor wraps, each an
/// owned reference.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub(crate) enum Descriptor {
    /// `staticmethod(f)`: read through a class or an instance, `f` itself.
    StaticMethod(Value),
    /// `classmethod(f)`: read through a class or an instance, `f` bound to the class.
    ClassMethod(Value),
    /// `property(fget, fset, fdel, doc)`: read through an instance, the getter's
    /// result; assigned or deleted, the setter or deleter runs. Absent ones are `None`.
    Property {
        fget: Value,
        fset: Value,
        fdel: Value,
        doc: Value,
    },
}

/// What a class member that is a descriptor becomes when read.
pub(crate) enum Bound {
    /// A value to hand out as is: a static method's function.
    Value(Value),
    /// A method bound to this receiver: a class method's class.
    Method { receiver: Value, func: Value },
    /// A property: read through an instance, its getter runs; read through
    /// its class, it is the property object itself.
    Property,
}

/// Which of a property's functions an access needs.
#[derive(Clone, Copy)]
pub(crate) enum PropertyAccess {
    Set,
    Delete,
}

impl Descriptor {
    /// `property(fget=None, fset=None, fdel=None, doc=None)`.
    pub(crate) fn init_property(vm: &mut VM<'_>, args: ArgValues) -> RunResult<Value> {
        let PropertyArgs { fget, fset, fdel, doc } = PropertyArgs::from_args(args, vm)?;
        // CPython takes the getter's docstring when no `doc` is given; monty's
        // functions carry none, so `doc` stays what was passed.
        Ok(allocate(Self::Property { fget, fset, fdel, doc }, vm))
    }

    /// `staticmethod(f)` or `classmethod(f)`: exactly one positional argument.
    pub(crate) fn init_method(kind: Type, vm: &mut VM<'_>, args: ArgValues) -> RunResult<Value> {
        let name = if kind == Type::StaticMethod {
            "staticmethod"
        } else {
            "classmethod"
        };
        let (positional, kwargs) = args.into_parts();
        if !kwargs.is_empty() {
            positional.drop_with(vm);
            kwargs.drop_with(vm);
            return Err(ExcType::type_error(format!("{name}() takes no keyword arguments")));
        }
        let mut positional: Vec<Value> = positional.collect();
        if positional.len() != 1 {
            let got = positional.len();
            positional.drop_with(vm);
            return Err(ExcType::type_error(format!("{name} expected 1 argument, got {got}")));
        }
        let func = positional.remove(0);
        let descriptor = if kind == Type::StaticMethod {
            Self::StaticMethod(func)
        } else {
            Self::ClassMethod(func)
        };
        Ok(allocate(descriptor, vm))
    }

    /// What this member becomes when read through `class_id` or an instance
    /// of it. The values are new references.
    pub(crate) fn bind(&self, class_id: HeapId, heap: &Heap) -> Bound {
        match self {
            Self::StaticMethod(func) => Bound::Value(func.clone_with_heap(heap)),
            Self::ClassMethod(func) => {
                heap.inc_ref(class_id);
                Bound::Method {
                    receiver: Value::Ref(class_id),
                    func: func.clone_with_heap(heap),
                }
            }
            Self::Property { .. } => Bound::Property,
        }
    }

    /// A property's getter (a new reference), `None` when it has none.
    pub(crate) fn getter(&self, heap: &Heap) -> Option<Value> {
        match self {
            Self::Property { fget, .. } if !matches!(fget, Value::None) => Some(fget.clone_with_heap(heap)),
            _ => None,
        }
    }

    /// The setter or the deleter of a property (a new reference), `None` when
    /// it has none or this is no property.
    pub(crate) fn property_function(&self, access: PropertyAccess, heap: &Heap) -> Option<Value> {
        let Self::Property { fset, fdel, .. } = self else {
            return None;
        };
        let func = match access {
            PropertyAccess::Set => fset,
            PropertyAccess::Delete => fdel,
        };
        (!matches!(func, Value::None)).then(|| func.clone_with_heap(heap))
    }

    /// Whether this is a property: a data descriptor, which stores go through.
    pub(crate) fn is_property(&self) -> bool {
        matches!(self, Self::Property { .. })
    }

    /// `property`, `staticmethod` or `classmethod`.
    pub(crate) fn py_type(&self) -> Type {
        match self {
            Self::StaticMethod(_) => Type::StaticMethod,
            Self::ClassMethod(_) => Type::ClassMethod,
            Self::Property { .. } => Type::Property,
        }
    }

    /// Invokes `on_child` for each heap id this descriptor owns (GC trace hook).
    pub(crate) fn for_each_child_id(&self, mut on_child: impl FnMut(HeapId)) {
        let doc = match self {
            Self::Property { doc, .. } => Some(doc),
            _ => None,
        };
        for value in self.functions().chain(doc) {
            if let Value::Ref(id) = value {
                on_child(*id);
            }
        }
    }

    /// The functions this wraps: a method's, or a property's getter, setter
    /// and deleter (`None` for those it lacks).
    pub(crate) fn functions(&self) -> impl Iterator<Item = &Value> {
        let functions: [Option<&Value>; 3] = match self {
            Self::StaticMethod(func) | Self::ClassMethod(func) => [Some(func), None, None],
            Self::Property { fget, fset, fdel, .. } => [Some(fget), Some(fset), Some(fdel)],
        };
        functions.into_iter().flatten()
    }
}

/// The message CPython gives for a property read, written or deleted without
/// the function that would do it.
pub(crate) fn property_missing(name: &str, class: &str, what: &str) -> RunError {
    SimpleException::new_msg(
        ExcType::AttributeError,
        format!("property '{name}' of '{class}' object has no {what}"),
    )
    .into()
}

fn allocate(descriptor: Descriptor, vm: &mut VM<'_>) -> Value {
    Value::Ref(vm.heap.allocate(HeapData::Descriptor(Box::new(descriptor))))
}

impl<C: crate::heap::ContainsHeap> DropWithContext<C> for Descriptor {
    fn drop_with(self, ctx: &mut C) {
        match self {
            Self::StaticMethod(func) | Self::ClassMethod(func) => func.drop_with(ctx),
            Self::Property { fget, fset, fdel, doc } => [fget, fset, fdel, doc].drop_with(ctx),
        }
    }
}

impl HeapItem for Descriptor {
    fn py_dec_ref_ids(&mut self, stack: &mut Vec<HeapId>) {
        match self {
            Self::StaticMethod(func) | Self::ClassMethod(func) => func.py_dec_ref_ids(stack),
            Self::Property { fget, fset, fdel, doc } => {
                for value in [fget, fset, fdel, doc] {
                    value.py_dec_ref_ids(stack);
                }
            }
        }
    }
}

impl<'h> PyTrait<'h> for HeapObjectRead<'h, Descriptor> {
    /// A static method is callable itself (since Python 3.10); the other two are not.
    fn py_call(&mut self, args: ArgValues, vm: &mut VM<'h>) -> RunResult<CallResult> {
        match self.get(vm.heap) {
            Descriptor::StaticMethod(func) => {
                let func = func.clone_with_heap(vm.heap);
                defer_drop!(func, vm);
                vm.call_function(func, args)
            }
            other => {
                let name = other.py_type();
                args.drop_with(vm);
                Err(ExcType::type_error(format!("'{name}' object is not callable")))
            }
        }
    }

    fn py_type(&self, vm: &VM<'h>) -> Type {
        self.get(vm.heap).py_type()
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

    /// `<property object at 0x…>`, `<staticmethod(<function f at 0x…>)>`.
    fn py_repr_fmt(&self, f: &mut impl Write, vm: &mut VM<'h>, heap_ids: &mut LazyHeapSet) -> RunResult<()> {
        let (name, func) = match self.get(vm.heap) {
            Descriptor::Property { .. } => return self.py_default_repr_fmt(f, vm),
            Descriptor::StaticMethod(func) => ("staticmethod", func.clone_with_heap(vm.heap)),
            Descriptor::ClassMethod(func) => ("classmethod", func.clone_with_heap(vm.heap)),
        };
        defer_drop!(func, vm);
        write!(f, "<{name}(")?;
        func.py_repr_fmt(f, vm, heap_ids)?;
        Ok(f.write_str(")>")?)
    }

    /// `__func__` of the two method wrappers; `fget`, `fset`, `fdel` and
    /// `__doc__` of a property.
    fn py_getattr(&self, attr: &EitherStr, vm: &mut VM<'h>) -> RunResult<Option<CallResult>> {
        let value = match (self.get(vm.heap), attr.as_str(vm.interns)) {
            (Descriptor::StaticMethod(func) | Descriptor::ClassMethod(func), "__func__" | "__wrapped__") => func,
            (Descriptor::Property { fget, .. }, "fget") => fget,
            (Descriptor::Property { fset, .. }, "fset") => fset,
            (Descriptor::Property { fdel, .. }, "fdel") => fdel,
            (Descriptor::Property { doc, .. }, "__doc__") => doc,
            _ => return Ok(None),
        };
        Ok(Some(CallResult::Value(value.clone_with_heap(vm.heap))))
    }

    /// A property's `getter`, `setter` and `deleter`: a copy of the property
    /// with that one function replaced, which the decorator binds in its place.
    fn py_call_attr(&mut self, vm: &mut VM<'h>, attr: &EitherStr, args: ArgValues) -> RunResult<CallResult> {
        let attr_str = attr.as_str(vm.interns);
        let slot = match attr_str {
            "getter" => 0,
            "setter" => 1,
            "deleter" => 2,
            // `prop.fget(obj)`, `sm.__func__(...)`: the attribute's value, called.
            _ => {
                return match self.py_getattr(attr, vm)? {
                    Some(CallResult::Value(value)) => {
                        defer_drop!(value, vm);
                        vm.call_function(value, args)
                    }
                    other => {
                        if let Some(other) = other {
                            other.drop_with(vm);
                        }
                        let type_name = self.get(vm.heap).py_type();
                        Err(ExcType::attribute_error_method(type_name, attr, args, vm))
                    }
                };
            }
        };
        let Descriptor::Property { fget, fset, fdel, doc } = self.get(vm.heap) else {
            let type_name = self.get(vm.heap).py_type();
            args.drop_with(vm);
            return Err(ExcType::attribute_error(type_name, attr_str));
        };
        let mut functions = [fget, fset, fdel, doc].map(|value| value.clone_with_heap(vm.heap));
        let func = match args.get_one_arg(attr_str, vm.heap) {
            Ok(func) => func,
            Err(err) => {
                functions.drop_with(vm);
                return Err(err);
            }
        };
        let old = std::mem::replace(&mut functions[slot], func);
        old.drop_with(vm);
        let [fget, fset, fdel, doc] = functions;
        Ok(CallResult::Value(allocate(
            Descriptor::Property { fget, fset, fdel, doc },
            vm,
        )))
    }
}

impl Bound {
    /// The value a read through an instance or a class hands out, where that is
    /// not a property's (whose getter the caller runs, or which is itself).
    pub(crate) fn into_value(self, vm: &VM<'_>) -> Option<Value> {
        match self {
            Self::Value(value) => Some(value),
            Self::Method { receiver, func } => {
                let bound = BoundMethod {
                    instance: receiver,
                    func,
                };
                Some(Value::Ref(vm.heap.allocate(HeapData::BoundMethod(bound))))
            }
            Self::Property => None,
        }
    }
}

/// The descriptor a class member is, if it is one.
pub(crate) fn as_descriptor<'v>(member: &Value, heap: &'v Heap) -> Option<&'v Descriptor> {
    match member {
        Value::Ref(id) => match heap.get(*id) {
            HeapData::Descriptor(descriptor) => Some(descriptor),
            _ => None,
        },
        _ => None,
    }
}
