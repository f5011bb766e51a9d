//! The name CPython's printed traceback offers after a `NameError` or an `AttributeError`
//! (`NameError: name 'valuez' is not defined. Did you mean: 'values'?`), chosen by CPython's
//! own rule (`Python/suggestions.c` in 3.10 and 3.11): the candidate nearest the missing name
//! by a Levenshtein distance where a case flip costs half an edit, within a third of the
//! characters involved, the first of equals winning; no suggestion from 750 candidates or more.
//! A `NameError`'s candidates are the failing frame's local names, then its module's globals,
//! then the builtins, each list tried alone in that order; an `AttributeError`'s are the
//! object's `dir()`, sorted.
//!
//! CPython works the suggestion out when it prints the traceback, from the exception's
//! `name` and `obj` and its traceback's frame. Here the scope and the object are gone by
//! then, so the interpreter attaches the suggestion to the exception it raises
//! (`ExcData::Suggestion`), while both are at hand; it is not part of the exception's `str()`,
//! and a host that prints tracebacks as CPython's `sys.excepthook` does appends it.

use std::{
    cell::RefCell,
    hash::{DefaultHasher, Hash, Hasher},
    sync::RwLock,
};

use crate::{
    bytecode::VM,
    exception_private::{ExcType, RunError},
    heap::{HeapData, HeapId},
    types::{Dict, PyTrait, Type},
    value::Value,
};

use monty_types::ExcData;

/// From this many candidates on, CPython offers nothing (the search would take too long).
const MAX_CANDIDATE_ITEMS: usize = 750;
/// Names longer than this (after their common prefix and suffix) are never near.
const MAX_STRING_SIZE: usize = 40;
/// What inserting, deleting or replacing a character costs.
const MOVE_COST: usize = 2;
/// What replacing a letter with itself in the other case costs.
const CASE_COST: usize = 1;

/// Names the embedder keeps for itself (see [`set_hidden_names`]).
static HIDDEN: RwLock<Option<fn(&str) -> bool>> = RwLock::new(None);

/// Names that are never offered, nor shown among the module's globals (`globals()`, `locals()`
/// at module scope): those of the embedder's own code, fed to the session before the program
/// (a prelude's helpers), which a program's author never wrote. `None` offers and shows every
/// name in scope, as CPython does.
pub fn set_hidden_names(hidden: Option<fn(&str) -> bool>) {
    *HIDDEN.write().unwrap_or_else(std::sync::PoisonError::into_inner) = hidden;
}

/// Whether the embedder keeps `name` for itself (see [`set_hidden_names`]).
pub(crate) fn is_hidden(name: &str) -> bool {
    HIDDEN
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .is_some_and(|hidden| hidden(name))
}

/// The globals CPython's `__main__` module starts with, in its order.
pub(crate) const MODULE_GLOBALS: [&str; 9] = [
    "__name__",
    "__doc__",
    "__package__",
    "__loader__",
    "__spec__",
    "__annotations__",
    "__builtins__",
    "__file__",
    "__cached__",
];

/// The names in CPython 3.11's `builtins` module, in its order, as a script sees them (with
/// the `site` module's `exit`, `quit` and the rest).
const BUILTINS: [&str; 157] = [
    "__name__",
    "__doc__",
    "__package__",
    "__loader__",
    "__spec__",
    "__build_class__",
    "__import__",
    "abs",
    "all",
    "any",
    "ascii",
    "bin",
    "breakpoint",
    "callable",
    "chr",
    "compile",
    "delattr",
    "dir",
    "divmod",
    "eval",
    "exec",
    "format",
    "getattr",
    "globals",
    "hasattr",
    "hash",
    "hex",
    "id",
    "input",
    "isinstance",
    "issubclass",
    "iter",
    "aiter",
    "len",
    "locals",
    "max",
    "min",
    "next",
    "anext",
    "oct",
    "ord",
    "pow",
    "print",
    "repr",
    "round",
    "setattr",
    "sorted",
    "sum",
    "vars",
    "None",
    "Ellipsis",
    "NotImplemented",
    "False",
    "True",
    "bool",
    "memoryview",
    "bytearray",
    "bytes",
    "classmethod",
    "complex",
    "dict",
    "enumerate",
    "filter",
    "float",
    "frozenset",
    "property",
    "int",
    "list",
    "map",
    "object",
    "range",
    "reversed",
    "set",
    "slice",
    "staticmethod",
    "str",
    "super",
    "tuple",
    "type",
    "zip",
    "__debug__",
    "BaseException",
    "BaseExceptionGroup",
    "Exception",
    "GeneratorExit",
    "KeyboardInterrupt",
    "SystemExit",
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "BufferError",
    "EOFError",
    "ImportError",
    "LookupError",
    "MemoryError",
    "NameError",
    "OSError",
    "ReferenceError",
    "RuntimeError",
    "StopAsyncIteration",
    "StopIteration",
    "SyntaxError",
    "SystemError",
    "TypeError",
    "ValueError",
    "Warning",
    "FloatingPointError",
    "OverflowError",
    "ZeroDivisionError",
    "BytesWarning",
    "DeprecationWarning",
    "EncodingWarning",
    "FutureWarning",
    "ImportWarning",
    "PendingDeprecationWarning",
    "ResourceWarning",
    "RuntimeWarning",
    "SyntaxWarning",
    "UnicodeWarning",
    "UserWarning",
    "BlockingIOError",
    "ChildProcessError",
    "ConnectionError",
    "BrokenPipeError",
    "ConnectionAbortedError",
    "ConnectionRefusedError",
    "ConnectionResetError",
    "FileExistsError",
    "FileNotFoundError",
    "InterruptedError",
    "IsADirectoryError",
    "NotADirectoryError",
    "PermissionError",
    "ProcessLookupError",
    "TimeoutError",
    "IndentationError",
    "IndexError",
    "KeyError",
    "ModuleNotFoundError",
    "NotImplementedError",
    "RecursionError",
    "UnboundLocalError",
    "UnicodeError",
    "TabError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
    "UnicodeTranslateError",
    "ExceptionGroup",
    "EnvironmentError",
    "IOError",
    "open",
    "quit",
    "exit",
    "copyright",
    "credits",
    "license",
    "help",
];

/// Whether `name` is one of CPython's builtins (which a session may lack: an embedder that
/// answers a call of an unbound name can say so rather than call the name undefined).
#[must_use]
pub fn is_cpython_builtin(name: &str) -> bool {
    BUILTINS.contains(&name)
}

/// What `dir()` of an instance of a class written in Python has beside the class's own names
/// and the instance's attributes (CPython 3.11's `object` and a class's `__dict__`,
/// `__module__` and `__weakref__`); `dir()` of the class has the same.
const OBJECT_DIR: [&str; 27] = [
    "__class__",
    "__delattr__",
    "__dict__",
    "__dir__",
    "__doc__",
    "__eq__",
    "__format__",
    "__ge__",
    "__getattribute__",
    "__getstate__",
    "__gt__",
    "__hash__",
    "__init__",
    "__init_subclass__",
    "__le__",
    "__lt__",
    "__module__",
    "__ne__",
    "__new__",
    "__reduce__",
    "__reduce_ex__",
    "__repr__",
    "__setattr__",
    "__sizeof__",
    "__str__",
    "__subclasshook__",
    "__weakref__",
];

/// What a module's `dir()` has beside the module's own names.
const MODULE_DIR: [&str; 5] = ["__doc__", "__loader__", "__name__", "__package__", "__spec__"];

/// The public names of `dir()` of the built-in types a program meets most, as CPython 3.11
/// lists them (their dunders are left out: a misspelt dunder of a built-in type is rare).
fn builtin_type_dir(type_: Type) -> &'static [&'static str] {
    const LIST: &[&str] = &[
        "append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove", "reverse", "sort",
    ];
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
    const TUPLE: &[&str] = &["count", "index"];
    const INT: &[&str] = &[
        "as_integer_ratio",
        "bit_count",
        "bit_length",
        "conjugate",
        "denominator",
        "from_bytes",
        "imag",
        "numerator",
        "real",
        "to_bytes",
    ];
    const FLOAT: &[&str] = &[
        "as_integer_ratio",
        "conjugate",
        "fromhex",
        "hex",
        "imag",
        "is_integer",
        "real",
    ];
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
        "maxlen",
        "pop",
        "popleft",
        "remove",
        "reverse",
        "rotate",
    ];
    const RANGE: &[&str] = &["count", "index", "start", "step", "stop"];
    match type_ {
        Type::List => LIST,
        Type::Dict => DICT,
        Type::Str => STR,
        Type::Set => SET,
        Type::FrozenSet => FROZENSET,
        Type::Tuple => TUPLE,
        Type::Int | Type::Bool => INT,
        Type::Float => FLOAT,
        Type::Deque => DEQUE,
        Type::Range => RANGE,
        _ => &[],
    }
}

/// `error` with the name CPython would suggest for it, where it is a `NameError` (exactly:
/// not an `UnboundLocalError`) that the interpreter raised for `name` in the current frame.
pub(crate) fn for_name(error: RunError, name: &str, vm: &VM<'_>) -> RunError {
    attach(
        error,
        ExcType::NameError,
        |_| true,
        || {
            let (locals, globals) = vm.names_in_scope();
            remembered(name, &[&locals, &globals], || {
                [&locals[..], &globals, &BUILTINS]
                    .into_iter()
                    .find_map(|names| nearest(name, names))
            })
        },
    )
}

/// `error` with the name CPython would suggest for it, where it is the `AttributeError`
/// (exactly) saying that `obj` has no attribute `name`, and nothing has suggested a name for
/// it yet (an `AttributeError` a method raises while it runs is not about its own name).
pub(crate) fn for_attribute(error: RunError, obj: &Value, name: &str, vm: &VM<'_>) -> RunError {
    let about_name = |message: &str| {
        message
            .strip_suffix('\'')
            .and_then(|m| m.strip_suffix(name))
            .is_some_and(|m| m.ends_with("has no attribute '"))
    };
    attach(error, ExcType::AttributeError, about_name, || {
        let mut names = attribute_names(obj, vm);
        remembered(name, &[&names.clone()], || {
            // `dir()` is sorted, and so is the order in which candidates are tried.
            names.sort_unstable();
            names.dedup();
            nearest(name, &names)
        })
    })
}

/// `error` with what `suggest` offers, where it is an `exc_type` exception (exactly) whose
/// message `about_name` accepts and that nothing has attached a suggestion to yet.
fn attach(
    error: RunError,
    exc_type: ExcType,
    about_name: impl FnOnce(&str) -> bool,
    suggest: impl FnOnce() -> Option<String>,
) -> RunError {
    match error {
        RunError::Exc(mut raise)
            if raise.exc.exc_type() == exc_type
                && matches!(raise.exc.data(), ExcData::None)
                && raise.exc.arg().is_some_and(|message| about_name(message)) =>
        {
            if let Some(name) = suggest() {
                raise.exc = raise.exc.with_data(ExcData::Suggestion(Box::new(name)));
            }
            RunError::Exc(raise)
        }
        other => other,
    }
}

/// What `dir(obj)` lists, unsorted: an instance's attributes and its class's names, a class's
/// names, a module's, or a built-in type's (`builtin_type_dir`).
fn attribute_names<'a>(obj: &Value, vm: &'a VM<'_>) -> Vec<&'a str> {
    let mut names: Vec<&str> = Vec::new();
    let fixed: &[&str] = match obj {
        Value::Ref(id) => match vm.heap.get(*id) {
            HeapData::Instance(instance) => {
                add_keys(instance.attrs(), vm, &mut names);
                add_class_names(instance.class(), vm, &mut names);
                &OBJECT_DIR
            }
            HeapData::Class(_) => {
                add_class_names(*id, vm, &mut names);
                &OBJECT_DIR
            }
            HeapData::Module(module) => {
                add_keys(module.attrs(), vm, &mut names);
                &MODULE_DIR
            }
            _ => builtin_type_dir(obj.py_type(vm)),
        },
        _ => builtin_type_dir(obj.py_type(vm)),
    };
    names.extend_from_slice(fixed);
    names
}

/// The names a class and its ancestors define.
fn add_class_names<'a>(class_id: HeapId, vm: &'a VM<'_>, names: &mut Vec<&'a str>) {
    if let HeapData::Class(class) = vm.heap.get(class_id) {
        add_keys(class.namespace(), vm, names);
        for ancestor in class.ancestors() {
            if let HeapData::Class(ancestor) = vm.heap.get(*ancestor) {
                add_keys(ancestor.namespace(), vm, names);
            }
        }
    }
}

/// The `str` keys of a namespace.
fn add_keys<'a>(dict: &'a Dict, vm: &'a VM<'_>, names: &mut Vec<&'a str>) {
    names.extend(
        dict.iter()
            .filter_map(|(key, _)| key.to_str_heap(vm.heap, vm.interns).ok()),
    );
}

thread_local! {
    /// The last search and what it found: a program that catches the same `AttributeError`
    /// or `NameError` in a loop (`try: obj.x` / `except AttributeError:`) raises it with the
    /// same candidates each time, and a search reads every one of them (without this, such a
    /// loop ran seven times slower). Keyed by the name and a hash of the candidates, in order.
    static LAST: RefCell<Option<(u64, Option<String>)>> = const { RefCell::new(None) };
}

/// What `search` finds for `name` among the candidates `lists` hold (and those that never
/// change), remembered from the last search for them (see [`LAST`]).
fn remembered(name: &str, lists: &[&[&str]], search: impl FnOnce() -> Option<String>) -> Option<String> {
    let mut hasher = DefaultHasher::new();
    name.hash(&mut hasher);
    lists.hash(&mut hasher);
    let key = hasher.finish();
    let last = LAST.with_borrow(|last| last.as_ref().filter(|(k, _)| *k == key).map(|(_, found)| found.clone()));
    if let Some(found) = last {
        return found;
    }
    let found = search();
    LAST.set(Some((key, found.clone())));
    found
}

/// The candidate nearest `name`, by CPython's rule (see the module's doc), among those the
/// embedder does not keep for itself.
pub(crate) fn nearest(name: &str, candidates: &[impl AsRef<str>]) -> Option<String> {
    let shown: Vec<&str> = candidates
        .iter()
        .map(AsRef::as_ref)
        .filter(|candidate| !is_hidden(candidate))
        .collect();
    if shown.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut best: Option<(&str, usize)> = None;
    for candidate in shown {
        if candidate == name {
            continue;
        }
        // No more than a third of the characters involved may need changing, and a match
        // no better than the best so far is not taken.
        let mut max_distance = (name.len() + candidate.len() + 3) * MOVE_COST / 6;
        if let Some((_, distance)) = best {
            max_distance = max_distance.min(distance.saturating_sub(1));
        }
        let distance = levenshtein(name.as_bytes(), candidate.as_bytes(), max_distance);
        if distance <= max_distance {
            best = Some((candidate, distance));
        }
    }
    best.map(|(candidate, _)| candidate.to_owned())
}

/// What replacing `a` with `b` costs: nothing, half an edit for a case flip, else an edit.
fn substitution_cost(a: u8, b: u8) -> usize {
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// The edit distance between `a` and `b` in bytes, as CPython counts it, or more than
/// `max_cost` once it is sure to be more.
fn levenshtein<'a>(mut a: &'a [u8], mut b: &'a [u8], max_cost: usize) -> usize {
    while let (Some(x), Some(y)) = (a.first(), b.first())
        && x == y
    {
        a = &a[1..];
        b = &b[1..];
    }
    while let (Some(x), Some(y)) = (a.last(), b.last())
        && x == y
    {
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    // One row of the matrix, updated in place: row[i] is the cost from b[..j] to a[..i + 1].
    let mut row = [0usize; MAX_STRING_SIZE];
    for (i, cell) in row.iter_mut().enumerate().take(a.len()) {
        *cell = (i + 1) * MOVE_COST;
    }
    let mut result = 0;
    for (j, &code) in b.iter().enumerate() {
        let mut distance = j * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (i, &letter) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, letter);
            distance = row[i];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[i] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::{levenshtein, nearest};

    #[test]
    fn distances_are_cpythons() {
        // A case flip is half an edit; an insertion, a deletion, a replacement one.
        assert_eq!(levenshtein(b"values", b"valuez", 100), 2);
        assert_eq!(levenshtein(b"Thread", b"thread", 100), 1);
        assert_eq!(levenshtein(b"append", b"apend", 100), 2);
        assert_eq!(levenshtein(b"a", b"abc", 100), 4);
        assert_eq!(levenshtein(b"kitten", b"sitting", 100), 6);
    }

    #[test]
    fn the_nearest_candidate_within_a_third_wins_the_first_of_equals() {
        assert_eq!(
            nearest("valuez", &["value", "values", "valuex"]).as_deref(),
            Some("value")
        );
        assert_eq!(nearest("cont", &["count", "conn"]).as_deref(), Some("count"));
        assert_eq!(nearest("x", &["y"]), None);
        assert_eq!(nearest("prnt", &["print"]).as_deref(), Some("print"));
        let many: Vec<String> = (0..750).map(|i| format!("name{i}")).collect();
        assert_eq!(nearest("name1x", &many), None);
    }
}
