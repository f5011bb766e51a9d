use std::fmt::Write;

use monty_types::MontyUuid;
use smallvec::smallvec;

use super::{Dict, LazyHeapSet, PyTrait, Type, attribute_name_value};
use crate::{
    args::ArgValues,
    boundary_uuid::create_uuid,
    builtins::Builtins,
    bytecode::{CallResult, VM},
    defer_drop,
    exception_private::{ExcType, ExcTypeExt, RunResult},
    hash::{HashValue, identity_hash},
    heap::{
        BorrowedHeapReadMut, DropGuard, DropWithContext, Heap, HeapData, HeapId, HeapItem, HeapObjectRead, HeapReadMut,
        HeapReader, heap_read_ref_as_field_mut,
    },
    intern::{Interns, StringId},
    types::{
        Union,
        descriptor::as_descriptor,
        dict::StrKey,
        str::allocate_string,
        tuple::{TupleVec, allocate_tuple},
    },
    value::{EitherStr, Value},
};

/// The module a class is defined in, which its repr and its instances' default
/// repr name, unless its namespace says another ([`class_module`]): monty runs one
/// module, the main one (and a worker process of the playground is a fork of it,
/// where CPython's classes keep that name too).
pub(crate) const CLASS_MODULE: &str = "__main__";

/// The module a class names in its repr and its `__module__`: its own namespace's
/// `__module__` when that is a `str` (set in the class body by a module an embedder writes in
/// Python, as CPython's `type` sets it from the defining module's `__name__`), else
/// [`CLASS_MODULE`]. Its own only: a class of the program that inherits from such a class is
/// the program's, as in CPython.
pub(crate) fn class_module<'a>(class_id: HeapId, heap: &'a Heap, interns: &'a Interns) -> &'a str {
    let HeapData::Class(class) = heap.get(class_id) else {
        return CLASS_MODULE;
    };
    class
        .namespace
        .get_by_str("__module__", heap, interns)
        .and_then(|module| module.to_str_heap(heap, interns).ok())
        .unwrap_or(CLASS_MODULE)
}

/// A user-defined class object created by a `class Foo: ...` statement.
///
/// Holds the class name and a `namespace` [`Dict`] mapping member names to values:
/// methods (stored as `DefFunction`/`Closure` values) and class variables. The
/// class's own [`HeapId`] is its type identity — `type(x) is Foo` and `isinstance`
/// work via reference identity, so there is no separate type-id counter.
///
/// Calling a class (`Foo(...)`) constructs an [`Instance`](super::Instance); see
/// `instantiate_class` in the VM's call module. A class may inherit from other
/// classes defined in Python code (`class B(A):`): a member missing from its own
/// namespace is looked up in its ancestors', in CPython's method resolution order
/// (see [`class_lookup`]).
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct Class {
    /// Class name (e.g. `Foo`), used for `repr` and `__name__`. Interned for
    /// compiled `class` statements; heap-owned for classes created at runtime
    /// via the 3-arg `type(name, bases, dict)` form, whose name cannot be
    /// interned because the intern table is frozen after prepare.
    name: EitherStr,
    /// Members: method name / class-variable name -> value.
    namespace: Dict,
    /// Boundary identity, generated lazily the first time the class (or one of
    /// its instances) crosses to the host; dumped with the heap so it stays
    /// stable across restores.
    uuid: Option<MontyUuid>,
    /// The classes named in `class Foo(A, B):`, in that order (`Foo.__bases__`).
    /// Borrowed: each is in `ancestors` too, which holds the references.
    #[serde(default)]
    bases: Vec<HeapId>,
    /// The method resolution order after the class itself (`Foo.__mro__[1:]`
    /// without `object`): every ancestor once, in the order CPython's C3
    /// linearization gives. Holds one reference to each.
    #[serde(default)]
    ancestors: Vec<HeapId>,
    /// The built-in exception the class derives from (`class TaskError(ValueError):`,
    /// or a class deriving from such a class), if any: what raising an instance raises
    /// (see `exception_class`).
    #[serde(default)]
    exception: Option<ExcType>,
}

impl Class {
    /// Creates a class from its name and member namespace that inherits from
    /// `bases` (none for `class Foo:`), with `ancestors` its method resolution
    /// order after itself (see [`linearize`]) and `exception` the built-in
    /// exception it derives from; the caller hands over one reference to each
    /// ancestor.
    #[must_use]
    pub fn new(
        name: EitherStr,
        namespace: Dict,
        bases: Vec<HeapId>,
        ancestors: Vec<HeapId>,
        exception: Option<ExcType>,
    ) -> Self {
        Self {
            name,
            namespace,
            uuid: None,
            bases,
            ancestors,
            exception,
        }
    }

    /// The built-in exception the class derives from, if any.
    #[must_use]
    pub fn exception(&self) -> Option<ExcType> {
        self.exception
    }

    /// The method resolution order after this class: its ancestors, each once.
    #[must_use]
    pub fn ancestors(&self) -> &[HeapId] {
        &self.ancestors
    }

    /// Boundary identity of the class, generated and stored on first use so
    /// repeated crossings (and dump/restore) observe the same id. Only
    /// `Heap::boundary_uuid` may call this: it also indexes the new id.
    pub(crate) fn boundary_uuid(&mut self) -> MontyUuid {
        *self.uuid.get_or_insert_with(create_uuid)
    }

    /// The boundary identity, if the class (or an instance) has crossed to the host.
    #[must_use]
    pub fn uuid(&self) -> Option<MontyUuid> {
        self.uuid
    }

    /// Returns the class name (interned or heap-owned).
    #[must_use]
    pub fn name(&self) -> &EitherStr {
        &self.name
    }

    /// Returns a reference to the class member namespace.
    #[must_use]
    pub fn namespace(&self) -> &Dict {
        &self.namespace
    }
}

impl<'h> HeapReadMut<'h, Class> {
    /// Borrows the inline namespace for reader-gated attribute mutation.
    fn namespace_mut(&self) -> BorrowedHeapReadMut<'_, 'h, Dict> {
        heap_read_ref_as_field_mut!(self, Class, namespace)
    }

    /// Sets a class attribute (`Foo.x = 1`), returning the previous value (if any)
    /// for the caller to drop. Takes ownership of both `name` and `value`.
    ///
    /// Existing instances observe the change immediately: instance attribute reads
    /// fall through to this namespace.
    pub fn set_attr(&self, name: Value, value: Value, vm: &mut VM<'h>) -> RunResult<Option<Value>> {
        self.namespace_mut().set(name, value, vm)
    }

    /// [`set_attr`](Self::set_attr) for a dump upgrade, which has no VM and
    /// cannot fail: see `HeapRead::<Dict>::set_interned_str`.
    pub(crate) fn set_interned_attr(
        &self,
        name: StringId,
        value: Value,
        heap: &mut HeapReader<'h>,
        interns: &Interns,
    ) -> Option<Value> {
        self.namespace_mut().set_interned_str(name, value, heap, interns)
    }

    /// Removes a class attribute, returning it for the caller to drop.
    ///
    /// Only `@dataclass` needs this, to clear the `field()` object a class body
    /// bound for a factory-only field — CPython's decorator `delattr`s it.
    pub fn pop_attr(&self, name: &Value, vm: &mut VM<'h>) -> RunResult<Option<Value>> {
        Ok(self.namespace_mut().pop(name, vm)?.map(|(key, value)| {
            key.drop_with(vm);
            value
        }))
    }
}

impl<'h> PyTrait<'h> for HeapObjectRead<'h, Class> {
    /// Constructing an instance, which runs `__init__` as an ordinary frame.
    fn py_call(&mut self, args: ArgValues, vm: &mut VM<'h>) -> RunResult<CallResult> {
        vm.instantiate_class(self.id(), args)
    }

    fn py_type(&self, _vm: &VM<'h>) -> Type {
        // The type of a class object is `type` (matching `type(Foo) is type`).
        Type::Type
    }

    fn py_len(&self, _vm: &VM<'h>) -> Option<usize> {
        None
    }

    fn py_or_impl(&self, other: &Value, vm: &mut VM<'h>) -> RunResult<Option<Value>> {
        Union::heap_or(self, other, vm)
    }

    fn py_ror_impl(&self, other: &Value, vm: &mut VM<'h>) -> RunResult<Option<Value>> {
        Union::heap_ror(self, other, vm)
    }

    /// `Foo[int]`: a class's `__class_getitem__` is never looked up, so the
    /// wording is CPython's for a type without one.
    fn py_getitem(&self, _key: &Value, vm: &mut VM<'h>) -> RunResult<Value> {
        Err(ExcType::type_error_type_not_subscriptable(
            self.get(vm.heap).name.as_str(vm.interns),
        ))
    }

    fn py_set_attr(&mut self, name: &EitherStr, value: Value, vm: &mut VM<'h>) -> RunResult<()> {
        let mut value_guard = DropGuard::new(value, vm);
        let name = attribute_name_value(name, value_guard.ctx());
        let (value, vm) = value_guard.into_parts();
        let old_value = self.set_attr(name, value, vm)?;
        old_value.drop_with(vm);
        Ok(())
    }

    fn py_eq_impl(&self, _other: &Value, _vm: &mut VM<'h>) -> RunResult<Option<bool>> {
        // Classes return `NotImplemented`; rich equality's final identity
        // fallback makes a class equal only to itself.
        Ok(None)
    }

    fn py_hash(&self, _vm: &mut VM<'h>) -> RunResult<Option<HashValue>> {
        // Class objects hash by identity (like CPython type objects).
        Ok(Some(identity_hash(self.id())))
    }

    /// `<class '__main__.Foo'>`, named with its module as CPython names it.
    fn py_repr_fmt(&self, f: &mut impl Write, vm: &mut VM<'h>, _heap_ids: &mut LazyHeapSet) -> RunResult<()> {
        Ok(write!(
            f,
            "<class '{}.{}'>",
            class_module(self.id(), vm.heap, vm.interns),
            self.get(vm.heap).name.as_str(vm.interns)
        )?)
    }

    fn py_getattr(&self, attr: &EitherStr, vm: &mut VM<'h>) -> RunResult<Option<CallResult>> {
        let attr_str = attr.as_str(vm.interns);
        // `Foo.__name__` returns the class name — before the namespace lookup
        // because in CPython `type.__name__` is a metaclass data descriptor that
        // shadows a same-named class-dict member (`class Foo: __name__ = 'bar'`
        // still reads `'Foo'`; only instances see the member).
        if attr_str == "__name__" || attr_str == "__qualname__" {
            let name = self.get(vm.heap).name.as_str(vm.interns).to_owned();
            return Ok(Some(CallResult::Value(allocate_string(name, vm.heap))));
        }
        if attr_str == "__module__" {
            let module = class_module(self.id(), vm.heap, vm.interns).to_owned();
            return Ok(Some(CallResult::Value(allocate_string(module, vm.heap))));
        }
        // `__bases__` and `__mro__` are `type`'s descriptors too: the classes named
        // as bases (`object` when none), and the class, its ancestors, then `object`.
        if attr_str == "__bases__" || attr_str == "__mro__" {
            let class = self.get(vm.heap);
            let object = Value::Builtin(Builtins::Type(Type::Object));
            let items: TupleVec = if attr_str == "__bases__" {
                if class.bases.is_empty() {
                    smallvec![object]
                } else {
                    class.bases.iter().map(|&id| class_ref(id, vm.heap)).collect()
                }
            } else {
                resolution_order(self.id(), vm.heap)
                    .map(|id| class_ref(id, vm.heap))
                    .chain(std::iter::once(object))
                    .collect()
            };
            return Ok(Some(CallResult::Value(allocate_tuple(items, vm.heap))));
        }
        // Otherwise look up a member (method or class variable) in the namespace,
        // then in the ancestors'.
        match class_lookup(self.id(), attr, vm.heap, vm.interns) {
            // A static method gives its function, a class method binds this
            // class (`Sub.create` binds `Sub`); a property is itself.
            Some(value) => {
                let bound = as_descriptor(value, vm.heap).and_then(|d| d.bind(self.id(), vm.heap).into_value(vm));
                let value = bound.unwrap_or_else(|| value.clone_with_heap(vm.heap));
                Ok(Some(CallResult::Value(value)))
            }
            None => Err(ExcType::attribute_error_type(
                self.get(vm.heap).name.as_str(vm.interns),
                attr_str,
            )),
        }
    }

    fn py_call_attr(&mut self, vm: &mut VM<'h>, attr: &EitherStr, args: ArgValues) -> RunResult<CallResult> {
        let attr_str = attr.as_str(vm.interns);
        // `__name__` is a synthesized string, not a namespace member (see
        // `py_getattr`), so calling it goes through the normal callable
        // dispatch and raises CPython's `TypeError: 'str' object is not
        // callable` rather than a spurious `AttributeError`.
        if attr_str == "__name__" {
            let name = self.get(vm.heap).name.as_str(vm.interns).to_owned();
            let name_val = allocate_string(name, vm.heap);
            defer_drop!(name_val, vm);
            return vm.call_function(name_val, args);
        }
        // `Foo.method(args)` calls the raw (unbound) member with the given args —
        // no `self` is inserted, the caller passes the instance explicitly.
        // A static method's function is called unbound, a class method's with this class first.
        let member = class_lookup(self.id(), attr, vm.heap, vm.interns).map(|v| {
            as_descriptor(v, vm.heap)
                .and_then(|d| d.bind(self.id(), vm.heap).into_value(vm))
                .unwrap_or_else(|| v.clone_with_heap(vm.heap))
        });
        if let Some(member) = member {
            defer_drop!(member, vm);
            vm.call_function(member, args)
        } else {
            args.drop_with(vm);
            Err(ExcType::attribute_error_type(
                self.get(vm.heap).name.as_str(vm.interns),
                attr_str,
            ))
        }
    }
}

impl HeapItem for Class {
    fn py_dec_ref_ids(&mut self, stack: &mut Vec<HeapId>) {
        self.namespace.py_dec_ref_ids(stack);
        stack.append(&mut self.ancestors);
    }
}

/// Looks a member up as CPython's `type` does: in `class_id`'s own namespace,
/// then in each ancestor's, in method resolution order. `None` when no class
/// in the chain defines it, or when `class_id` is not a class.
pub(crate) fn class_lookup<'v, 'k>(
    class_id: HeapId,
    name: impl Into<StrKey<'k>>,
    heap: &'v Heap,
    interns: &Interns,
) -> Option<&'v Value> {
    let HeapData::Class(class) = heap.get(class_id) else {
        return None;
    };
    let name = name.into();
    if let Some(value) = class.namespace.get_by_str(name, heap, interns) {
        return Some(value);
    }
    class.ancestors.iter().find_map(|&ancestor| match heap.get(ancestor) {
        HeapData::Class(ancestor) => ancestor.namespace.get_by_str(name, heap, interns),
        _ => None,
    })
}

/// A class followed by its ancestors: its method resolution order without
/// `object` (just the class itself when `class_id` is not a class).
pub(crate) fn resolution_order(class_id: HeapId, heap: &Heap) -> impl Iterator<Item = HeapId> + '_ {
    let ancestors = match heap.get(class_id) {
        HeapData::Class(class) => class.ancestors.as_slice(),
        _ => &[],
    };
    std::iter::once(class_id).chain(ancestors.iter().copied())
}

/// A new reference to the class `id`, as a value.
fn class_ref(id: HeapId, heap: &Heap) -> Value {
    heap.inc_ref(id);
    Value::Ref(id)
}

/// Whether `class_id` is `of` or inherits from it (`issubclass` on two classes).
pub(crate) fn is_subclass(class_id: HeapId, of: HeapId, heap: &Heap) -> bool {
    class_id == of || matches!(heap.get(class_id), HeapData::Class(class) if class.ancestors.contains(&of))
}

/// The method resolution order after a class with `bases` (each given with its
/// own ancestors), by CPython's C3 linearization: a class comes before its
/// bases, the bases keep the order they are named in, and each ancestor's own
/// order is kept. `Err` when no such order exists (CPython's
/// `Cannot create a consistent method resolution order (MRO)`), with the
/// classes left at the heads of the merge, which CPython's message names.
pub(crate) fn linearize(bases: &[(HeapId, Vec<HeapId>)]) -> Result<Vec<HeapId>, Vec<HeapId>> {
    // The lists to merge: each base followed by its ancestors, then the bases in order.
    let mut lists: Vec<Vec<HeapId>> = bases
        .iter()
        .map(|(base, ancestors)| std::iter::once(*base).chain(ancestors.iter().copied()).collect())
        .collect();
    lists.push(bases.iter().map(|(base, _)| *base).collect());
    let mut order = Vec::new();
    let mut heads = vec![0; lists.len()];
    loop {
        let live = lists.iter().zip(&heads).filter(|(list, head)| **head < list.len());
        // The first head that no list holds in its tail comes next.
        let mut chosen = None;
        let mut any = false;
        for (list, &head) in live {
            any = true;
            let candidate = list[head];
            let in_a_tail = lists.iter().zip(&heads).any(|(other, &other_head)| {
                other
                    .get(other_head + 1..)
                    .is_some_and(|tail| tail.contains(&candidate))
            });
            if !in_a_tail {
                chosen = Some(candidate);
                break;
            }
        }
        if !any {
            return Ok(order);
        }
        let Some(next) = chosen else {
            let mut heads_left: Vec<HeapId> = Vec::new();
            for (list, &head) in lists.iter().zip(&heads) {
                if let Some(&class) = list.get(head)
                    && !heads_left.contains(&class)
                {
                    heads_left.push(class);
                }
            }
            return Err(heads_left);
        };
        order.push(next);
        for (list, head) in lists.iter().zip(heads.iter_mut()) {
            if list.get(*head) == Some(&next) {
                *head += 1;
            }
        }
    }
}
