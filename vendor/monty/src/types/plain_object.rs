//! `object()`: an object with nothing but its identity. Programs make one as a sentinel
//! (`SENTINEL = object()`, put on a queue to say that no more items come), compared with `is`
//! and `==`, hashed by identity, printed as `<object object at 0x…>`.

use crate::{
    bytecode::VM,
    exception_private::RunResult,
    hash::{HashValue, identity_hash},
    heap::{HeapId, HeapItem, HeapObjectRead},
    types::{PyTrait, Type},
    value::Value,
};

/// An instance of `object` itself.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct PlainObject;

impl<'h> PyTrait<'h> for HeapObjectRead<'h, PlainObject> {
    fn py_type(&self, _: &VM<'h>) -> Type {
        Type::Object
    }

    fn py_len(&self, _: &VM<'h>) -> Option<usize> {
        None
    }

    /// Identity only, as `object.__eq__`.
    fn py_eq_impl(&self, _: &Value, _: &mut VM<'h>) -> RunResult<Option<bool>> {
        Ok(None)
    }

    fn py_hash(&self, _: &mut VM<'h>) -> RunResult<Option<HashValue>> {
        Ok(Some(identity_hash(self.id())))
    }

    fn py_bool(&self, _: &mut VM<'h>) -> RunResult<bool> {
        Ok(true)
    }
}

impl HeapItem for PlainObject {
    fn py_dec_ref_ids(&mut self, _stack: &mut Vec<HeapId>) {}
}
