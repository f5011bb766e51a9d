//! The catalog of map workloads: the `worker` functions a person can map over a list.
//!
//! Each workload has the name of its Python function in the reference semantics and gives the
//! same result as CPython for every input in its domain. Outside the domain an item fails with
//! the exception a learner would see from Python; the other items go on.

use crate::error::Error;
use crate::value::{PyException, Value};

/// A map workload, named as its Python function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workload {
    /// `square(num)`: the seed's worker, `num * num`, exact for any i64.
    Square,
}

impl Workload {
    /// Every workload, in the order the page lists them.
    pub const ALL: &'static [Workload] = &[Workload::Square];

    /// The Python function's name, which is also the page API's `workload` option.
    pub fn name(self) -> &'static str {
        match self {
            Workload::Square => "square",
        }
    }

    /// The workload of that name.
    ///
    /// # Errors
    /// An option error that lists the known names.
    pub fn from_name(name: &str) -> Result<Self, Error> {
        Workload::ALL
            .iter()
            .copied()
            .find(|w| w.name() == name)
            .ok_or_else(|| {
                let known: Vec<_> = Workload::ALL.iter().map(|w| w.name()).collect();
                Error::option(format!(
                    "unknown workload {name:?}; known: {}",
                    known.join(", ")
                ))
            })
    }

    /// Checks that every item has the type this workload takes, before a run starts.
    ///
    /// # Errors
    /// An input error naming the first item of the wrong type, e.g. a str for an int workload.
    pub fn check_items(self, items: &[Value]) -> Result<(), Error> {
        let wrong = items
            .iter()
            .enumerate()
            .find(|(_, v)| !matches!(v, Value::Int(_)));
        match wrong {
            Some((i, v)) => Err(Error::input(format!(
                "{}() takes ints, but item {i} is a {}: {}",
                self.name(),
                v.type_name(),
                v.repr()
            ))),
            None => Ok(()),
        }
    }

    /// Applies the workload to one item, blocking the calling thread while it runs.
    ///
    /// # Errors
    /// The Python exception this item raises.
    pub fn call(self, item: &Value) -> Result<Value, PyException> {
        match self {
            Workload::Square => square(int_arg(self, item)?),
        }
    }

    /// Applies the workload to one item on a single-threaded async executor, awaiting where
    /// the work waits instead of blocking the thread.
    ///
    /// # Errors
    /// The Python exception this item raises.
    pub async fn call_async(self, item: &Value) -> Result<Value, PyException> {
        self.call(item)
    }
}

fn int_arg(workload: Workload, item: &Value) -> Result<i128, PyException> {
    match item {
        Value::Int(n) => Ok(*n),
        other => Err(PyException::new(
            "TypeError",
            format!(
                "{}() takes an int, not '{}'",
                workload.name(),
                other.type_name()
            ),
        )),
    }
}

/// `num * num`. Any i64 squared fits in i128; a wider input is an OverflowError, never a panic.
fn square(num: i128) -> Result<Value, PyException> {
    num.checked_mul(num).map(Value::Int).ok_or_else(|| {
        PyException::new("OverflowError", "square() result does not fit in 128 bits")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn square_is_exact_across_i64() {
        let sq = |n: i64| Workload::Square.call(&Value::Int(n.into())).unwrap().repr();
        assert_eq!(sq(5), "25");
        assert_eq!(sq(-3), "9");
        assert_eq!(sq(i64::MIN), "85070591730234615865843651857942052864");
        assert_eq!(sq(i64::MAX), "85070591730234615847396907784232501249");
    }

    #[test]
    fn square_of_a_str_raises_type_error() {
        let e = Workload::Square.call(&Value::Str("a".into())).unwrap_err();
        assert_eq!(e.type_name, "TypeError");
    }

    #[test]
    fn items_of_the_wrong_type_are_refused_before_the_run() {
        let e = Workload::Square
            .check_items(&[Value::Int(1), Value::Str("x".into())])
            .unwrap_err();
        assert_eq!(e.message(), "square() takes ints, but item 1 is a str: 'x'");
        assert!(Workload::from_name("cube").is_err());
    }
}
