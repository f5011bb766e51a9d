//! Values as Python sees them, printed exactly as CPython 3 prints them.
//!
//! The playground teaches Python, so `print(results)` on the page must be the same text, to the
//! character, as `print(list(map(worker, items)))` in CPython. Every value an input or a
//! workload can produce fits one of these variants, and [`Value::repr`] is Python's `repr()`.

use std::fmt::Write;

/// A Python value: an input item or a workload's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// An `int`. Inputs are within i64; results such as `square` need up to 128 bits.
    Int(i128),
    /// A `bool`, printed `True` / `False`.
    Bool(bool),
    /// A `str`.
    Str(String),
    /// Any other object a custom worker returns (a float, a list, an int past 128 bits, …),
    /// known by its type name and its `repr()` as the interpreter printed it.
    Object {
        /// The Python type's name, e.g. `list`.
        type_name: String,
        /// Its `repr()`, e.g. `[1, 2.5, None]`.
        repr: String,
    },
}

/// An exception raised by the worker for one item, as Python would raise it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyException {
    /// The exception's type name, e.g. `ValueError`.
    pub type_name: String,
    /// The message, e.g. `fib() accepts 0 <= n <= 50, got 51`.
    pub message: String,
    /// Raised by a custom worker's Python code: where, and its repr as Python prints it.
    pub raised: Option<Box<Raised>>,
}

/// Where a custom worker's exception was raised, as the interpreter reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raised {
    /// The exception object's `repr()`, which for some types (`KeyError('a')`) is not built
    /// from the message the way [`PyException::repr`] builds it.
    pub repr: String,
    /// The traceback as Python prints it, from `Traceback (most recent call last):` to the
    /// `TypeName: message` line.
    pub traceback: String,
    /// The line of the worker's code the exception came from, 1-based.
    pub line: Option<usize>,
}

impl PyException {
    /// An exception of the given type with the given message.
    pub fn new(type_name: &str, message: impl Into<String>) -> Self {
        PyException { type_name: type_name.to_string(), message: message.into(), raised: None }
    }

    /// The exception object's `repr()`, e.g. `ValueError('bad')`, or `CancelledError()` with
    /// no message: how it prints inside a list.
    pub fn repr(&self) -> String {
        if let Some(raised) = &self.raised {
            raised.repr.clone()
        } else if self.message.is_empty() {
            format!("{}()", self.type_name)
        } else {
            format!("{}({})", self.type_name, repr_str(&self.message))
        }
    }

    /// `TypeName: message`, or the type name alone with no message, as a traceback's last line
    /// shows it.
    pub fn display(&self) -> String {
        if self.message.is_empty() {
            self.type_name.clone()
        } else {
            format!("{}: {}", self.type_name, self.message)
        }
    }
}

impl Value {
    /// Python's `repr()` of this value.
    pub fn repr(&self) -> String {
        let mut out = String::new();
        self.write_repr(&mut out);
        out
    }

    /// Appends Python's `repr()` of this value to `out`, with no allocation of its own for
    /// numbers and booleans: a report writes one per item.
    pub fn write_repr(&self, out: &mut String) {
        match self {
            Value::Int(n) => match i64::try_from(*n) {
                Ok(small) => out.push_str(itoa::Buffer::new().format(small)),
                Err(_) => out.push_str(itoa::Buffer::new().format(*n)),
            },
            Value::Bool(true) => out.push_str("True"),
            Value::Bool(false) => out.push_str("False"),
            Value::Str(s) => out.push_str(&repr_str(s)),
            Value::Object { repr, .. } => out.push_str(repr),
        }
    }

    /// The name of the value's Python type.
    pub fn type_name(&self) -> &str {
        match self {
            Value::Int(_) => "int",
            Value::Bool(_) => "bool",
            Value::Str(_) => "str",
            Value::Object { type_name, .. } => type_name,
        }
    }
}

/// Python's `repr()` of a `str`: single quotes unless the text has a `'` and no `"`, and
/// escapes for the quote, the backslash and every character `str.isprintable()` rejects.
pub fn repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c => {
                let code = c as u32;
                // Writing to a String cannot fail.
                let _ = if code < 0x100 {
                    write!(out, "\\x{code:02x}")
                } else if code < 0x10000 {
                    write!(out, "\\u{code:04x}")
                } else {
                    write!(out, "\\U{code:08x}")
                };
            }
        }
    }
    out.push(quote);
    out
}

/// Python's `str.isprintable()` for one character: false for control, format, surrogate,
/// private-use, unassigned, line and paragraph separators, and every space but U+0020.
fn is_printable(c: char) -> bool {
    use unicode_general_category::{get_general_category, GeneralCategory as G};
    if c == ' ' {
        return true;
    }
    !matches!(
        get_general_category(c),
        G::Control
            | G::Format
            | G::Surrogate
            | G::PrivateUse
            | G::Unassigned
            | G::LineSeparator
            | G::ParagraphSeparator
            | G::SpaceSeparator
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints_and_bools_print_as_python() {
        assert_eq!(Value::Int(-5).repr(), "-5");
        assert_eq!(
            Value::Int(i128::from(i64::MIN) * i128::from(i64::MIN)).repr(),
            "85070591730234615865843651857942052864"
        );
        assert_eq!(Value::Bool(true).repr(), "True");
    }

    #[test]
    fn strings_pick_quotes_as_python() {
        assert_eq!(repr_str("ab"), "'ab'");
        assert_eq!(repr_str("it's"), "\"it's\"");
        assert_eq!(repr_str("it's \"x\""), "'it\\'s \"x\"'");
        assert_eq!(repr_str("a\\b\n\t\r"), "'a\\\\b\\n\\t\\r'");
    }

    #[test]
    fn unprintable_characters_are_escaped_as_python() {
        assert_eq!(repr_str("\u{0}\u{7f}\u{a0}"), "'\\x00\\x7f\\xa0'");
        assert_eq!(repr_str("\u{200b}\u{2028}"), "'\\u200b\\u2028'");
        assert_eq!(repr_str("\u{e0001}"), "'\\U000e0001'");
        assert_eq!(repr_str("한국어 é 😀"), "'한국어 é 😀'");
    }

    #[test]
    fn exceptions_print_inside_a_list_as_their_repr() {
        let e = PyException::new("ValueError", "fib() accepts 0 <= n <= 50, got 51");
        assert_eq!(e.repr(), "ValueError('fib() accepts 0 <= n <= 50, got 51')");
        assert_eq!(e.display(), "ValueError: fib() accepts 0 <= n <= 50, got 51");
        assert_eq!(PyException::new("CancelledError", "").repr(), "CancelledError()");
    }
}
