//! Worker functions a person writes in Python, run on every executor by the monty interpreter.
//!
//! Why monty (the figures are in `docs/python-engine.md`): it is a Python interpreter written in
//! Rust that builds for wasm32 with threads, starts in microseconds, has CPython's big ints,
//! exceptions and tracebacks, and was made as a sandbox: its code reaches nothing outside it
//! (no files, network, clock or page) unless the host hands it a function, and it enforces
//! time, memory and recursion budgets itself. `rustpython-vm` is larger and slower to start;
//! `littrs` has no big ints or classes and its errors are not Python's.
//!
//! A run's code is checked once, on the thread that starts the run ([`CustomWorker::compile`]).
//! The run then keeps its interpreters, as a `ProcessPoolExecutor` keeps its processes: a call
//! takes an idle one (or starts one, which runs the module's statements first), calls `worker`
//! in it and gives it back. There are never more interpreters than calls running at once: one
//! for the sequential and async executors, as `map` runs in one process, and at most one per
//! lane on the pool. Interpreters never share a Python object, as processes do not; a global
//! that `worker` changes is seen by the later calls in the same interpreter, as it is by the
//! later calls in the same process. They go when the run's worker does.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use monty::MontyRepl;
use monty_types::{
    AssertMessageAnnotations, CompileOptions, ExcType, MontyException, MontyObject, PrintWriter,
    ResourceLimits, ResourceTracker, BASELINE_MEMORY, LIVE_MEMORY,
};

use crate::error::Error;
use crate::input::MAX_CODE_CHARS;
use crate::syntax_error;
use crate::traceback::PrintedBy;
use crate::value::{PyException, Raised, Value};

/// The time one item may run before it raises `TimeoutError`: ends `while True: pass`.
pub const ITEM_TIME_LIMIT: Duration = Duration::from_secs(10);

/// The memory a run's interpreters may hold together beyond what the instance held when the
/// run began, before an item raises `MemoryError`. The wasm memory is 1 GiB at most.
pub const MEMORY_LIMIT: usize = 256 << 20;

/// The most bytes of result reprs a run keeps: an item whose repr would pass it raises
/// `MemoryError` instead, so a report (and its JSON, twice its size) always fits the memory.
pub const MAX_RESULT_BYTES: usize = 64 << 20;

/// How deep `worker` may recurse before `RecursionError`: CPython's default.
pub const RECURSION_LIMIT: usize = 1000;

/// The file name tracebacks give the worker's code.
const FILE_NAME: &str = "worker.py";

/// The name monty gives the first snippet fed to an interpreter: the worker's code.
const CODE_SNIPPET: &str = "<python-input-0>";

/// The function each item is called through, fed after the code: it calls `worker` and
/// makes the result's type name and repr inside the interpreter, under the item's budgets,
/// so that a result too large to print ends as a `MemoryError` or `TimeoutError` there, and
/// any value prints as CPython prints it. Its name is one no worker's code would use.
const CALL: &str = "__map_playground_call";
const CALL_CODE: &str = "def __map_playground_call(item):\n    result = worker(item)\n    return (type(result).__name__, repr(result))\n";

/// The frames an item's traceback starts with that are the playground's, not the worker's:
/// the host's call site and [`CALL`].
const CALL_FRAMES: usize = 2;

/// The time the module's own statements may take when an interpreter runs them.
const DEFINE_TIME_LIMIT: Duration = Duration::from_secs(2);

/// A worker function, checked once and run for every item.
#[derive(Debug)]
pub struct CustomWorker {
    code: String,
    item_time_limit: Duration,
    /// Bytes of result reprs kept so far in this run.
    result_bytes: AtomicUsize,
    /// The run's interpreters that no call holds now, their module already run.
    idle: Mutex<Vec<MontyRepl>>,
}

impl CustomWorker {
    /// Parses `code`, runs its module-level statements once and checks they define a function
    /// named `worker`.
    ///
    /// # Errors
    /// A code error, as Python would show it: a `SyntaxError` with its line, an exception
    /// the module's statements raised with their traceback, or a `NameError` when nothing is
    /// named `worker`.
    pub fn compile(code: &str) -> Result<Self, Error> {
        let chars = code.chars().count();
        if chars > MAX_CODE_CHARS {
            return Err(Error::input(format!(
                "the worker function is {chars} characters; the playground takes at most {MAX_CODE_CHARS}"
            )));
        }
        let mut repl = interpreter(code, limits().max_feed_duration(DEFINE_TIME_LIMIT))
            .map_err(|e| code_error(code, &e))?;
        match repl.feed_run("type(worker).__name__", vec![], PrintWriter::Disabled) {
            Ok(found) if is_callable(&found) => {}
            Ok(_) => {
                return Err(Error::code(
                    "TypeError",
                    "worker is not a function; write `def worker(num):` and return a value",
                    None,
                    String::new(),
                ))
            }
            Err(e) if e.exc_type() == ExcType::NameError => {
                return Err(Error::code(
                    "NameError",
                    "the code defines no function named worker; write `def worker(num):` and return a value",
                    None,
                    String::new(),
                ))
            }
            Err(e) => return Err(code_error(code, &e)),
        }
        drop(repl);
        // Memory is counted from here: what the input and the instance already hold is not the
        // worker's.
        BASELINE_MEMORY.store(LIVE_MEMORY.load(Ordering::Relaxed), Ordering::Relaxed);
        Ok(CustomWorker {
            code: code.to_string(),
            item_time_limit: ITEM_TIME_LIMIT,
            result_bytes: AtomicUsize::new(0),
            idle: Mutex::new(Vec::new()),
        })
    }

    /// The same worker with another time budget per item than [`ITEM_TIME_LIMIT`].
    pub fn with_item_time_limit(mut self, limit: Duration) -> Self {
        self.item_time_limit = limit;
        self
    }

    /// Calls `worker(item)` in an idle interpreter of the run, or in a new one that runs the
    /// module's statements first when every interpreter is busy.
    ///
    /// # Errors
    /// The exception the call raised, with its traceback, or the one a budget raised.
    pub fn call(&self, item: &Value) -> Result<Value, PyException> {
        // A lock is poisoned only by a panic while holding it, and a push or pop does not panic.
        let idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner).pop();
        let mut repl = match idle {
            Some(repl) => repl,
            None => self.interpreter().map_err(|e| item_error(e, 0, self.item_time_limit, &self.code))?,
        };
        let outcome = repl.call_function(CALL, vec![object_of(item)], PrintWriter::Disabled);
        self.idle.lock().unwrap_or_else(PoisonError::into_inner).push(repl);
        let value = outcome
            .map(value_of)
            .map_err(|e| item_error(e, CALL_FRAMES, self.item_time_limit, &self.code))?;
        self.keep(value)
    }

    /// A new interpreter for this run: the module's statements run under their own time
    /// budget, then the item's applies to each call.
    fn interpreter(&self) -> Result<MontyRepl, MontyException> {
        let module_limits = limits().max_feed_duration(self.item_time_limit.max(DEFINE_TIME_LIMIT));
        let mut repl = interpreter(&self.code, module_limits)?;
        repl.tracker_mut().tighten_limits(&limits().max_feed_duration(self.item_time_limit));
        Ok(repl)
    }

    /// The value, if its repr still fits [`MAX_RESULT_BYTES`] with the results kept before it.
    fn keep(&self, value: Value) -> Result<Value, PyException> {
        let size = match &value {
            Value::Object { repr, .. } => repr.len(),
            Value::Str(s) => s.len(),
            Value::Int(_) | Value::Bool(_) => 0,
        };
        let before = self.result_bytes.fetch_add(size, Ordering::Relaxed);
        if before.saturating_add(size) > MAX_RESULT_BYTES {
            self.result_bytes.fetch_sub(size, Ordering::Relaxed);
            return Err(PyException::new(
                "MemoryError",
                format!(
                    "this result's repr is {size} bytes; the playground keeps at most {} MiB of results per run",
                    MAX_RESULT_BYTES >> 20
                ),
            ));
        }
        Ok(value)
    }
}

/// A new interpreter that has run `code`'s module-level statements and defined [`CALL`].
fn interpreter(code: &str, limits: ResourceLimits) -> Result<MontyRepl, MontyException> {
    let mut repl = MontyRepl::new(FILE_NAME, ResourceTracker::new(limits), compile_options());
    repl.feed_run(code, vec![], PrintWriter::Disabled).map_err(in_worker_file)?;
    repl.feed_run(CALL_CODE, vec![], PrintWriter::Disabled)?;
    Ok(repl)
}

/// Whether a module-level `worker`, known by its type's name, can be called: a function, a
/// class or a built-in. monty has no `callable()` to ask.
fn is_callable(type_name: &MontyObject) -> bool {
    matches!(type_name.as_ref().as_str(), Some("function" | "type" | "builtin_function_or_method"))
}

/// monty's defaults, less its pytest-style `assert` messages: a failed assert says what
/// CPython's says.
pub(crate) fn compile_options() -> CompileOptions {
    CompileOptions { assert_message_annotations: AssertMessageAnnotations::Off, ..CompileOptions::default() }
}

pub(crate) fn limits() -> ResourceLimits {
    ResourceLimits::default().max_memory(MEMORY_LIMIT).max_recursion_depth(RECURSION_LIMIT)
}

fn object_of(item: &Value) -> MontyObject {
    match item {
        Value::Int(n) => match i64::try_from(*n) {
            Ok(small) => MontyObject::int(small),
            Err(_) => MontyObject::bigint((*n).into()),
        },
        Value::Bool(b) => MontyObject::bool(*b),
        Value::Str(s) => MontyObject::string(s.clone()),
        // Inputs are parsed from the input language, which has no other types.
        Value::Object { repr, .. } => MontyObject::repr(repr.clone()),
    }
}

/// The value of `(type(result).__name__, repr(result))`: ints and bools as such (the page's
/// arithmetic and Python panel know them), anything else by its repr.
fn value_of(described: MontyObject) -> Value {
    let pair = described.as_ref().items();
    if let Some([type_name, repr]) = pair.as_deref() {
        if let (Some(type_name), Some(repr)) = (type_name.as_str(), repr.as_str()) {
            return match type_name {
                "int" => repr.parse().map_or_else(|_| object(type_name, repr), Value::Int),
                "bool" => Value::Bool(repr == "True"),
                _ => object(type_name, repr),
            };
        }
    }
    // The call above always makes a pair of strings; anything else is shown as it came.
    object(described.type_name(), &described.py_repr())
}

fn object(type_name: &str, repr: &str) -> Value {
    Value::Object { type_name: type_name.to_string(), repr: repr.to_string() }
}

/// The exception with the worker's code named as the file it came from: monty names an
/// interpreter's first snippet `<python-input-0>`, where a script would give its file name.
fn in_worker_file(e: MontyException) -> MontyException {
    crate::traceback::in_file(&e, CODE_SNIPPET, FILE_NAME, &|_| true)
}

/// An item's exception without the `skip` frames of the playground's call: the traceback
/// starts in `worker`, as it would under `Pool.map`.
fn item_error(e: MontyException, skip: usize, time_limit: Duration, code: &str) -> PyException {
    let e = in_worker_file(e);
    let type_name = e.type_name().to_string();
    let message = match e.exc_type() {
        ExcType::TimeoutError if e.message().is_some_and(|m| m.contains("time limit exceeded")) => {
            format!(
                "worker() ran past the playground's budget of {} s for one item",
                time_limit.as_secs_f64()
            )
        }
        ExcType::MemoryError if e.message().is_some_and(|m| m.starts_with("memory limit exceeded")) => {
            format!("the run's workers passed the playground's budget of {} MiB", MEMORY_LIMIT >> 20)
        }
        // A custom worker is called where monty cannot suspend to the host: no sleep, no wait.
        ExcType::NotImplementedError if e.message().is_some_and(|m| m.contains("cannot suspend")) => {
            "worker() cannot wait in the playground (time.sleep, or anything else that waits): it is \
             called where its interpreter cannot pause. To show waiting, use the sleep_ms workload, \
             or a whole program in Program mode, where time.sleep and threads run as in Python"
                .to_string()
        }
        _ => e.message().unwrap_or_default().to_string(),
    };
    let frames: Vec<_> = e.traceback().iter().skip(skip).cloned().collect();
    let line = frames.last().map(|f| f.start.line as usize);
    let shown = crate::traceback::retold(&e, Some(message.clone()).filter(|m| !m.is_empty()), frames);
    PyException {
        type_name,
        raised: Some(Box::new(Raised {
            repr: shown.py_repr(),
            traceback: crate::traceback::render(&shown, FILE_NAME, code, PrintedBy::TracebackModule),
            line,
        })),
        message,
    }
}

/// A code error in `code`: the exception and where it points, with the traceback as Python
/// prints it (a parse error in CPython's words, [`syntax_error`]).
fn code_error(code: &str, e: &MontyException) -> Error {
    let type_name: &'static str = e.exc_type().into();
    if let Some((pointed, display)) = syntax_error::parse_failure(code, e, FILE_NAME, FILE_NAME) {
        return Error::code(pointed.type_name, pointed.message, Some(pointed.line), display);
    }
    let line = e.traceback().last().map(|f| f.start.line as usize);
    Error::code(
        type_name,
        e.message().unwrap_or_default(),
        line,
        crate::traceback::render(e, FILE_NAME, code, PrintedBy::TracebackModule),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    const SQUARE: &str = "def worker(num):\n    return num * num\n";

    fn call(code: &str, item: Value) -> Result<String, PyException> {
        let worker = CustomWorker::compile(code).unwrap().with_item_time_limit(Duration::from_millis(200));
        worker.call(&item).map(|v| v.repr())
    }

    #[test]
    fn the_seeds_worker_squares() {
        assert_eq!(call(SQUARE, Value::Int(7)).unwrap(), "49");
        assert_eq!(
            call(SQUARE, Value::Int(i128::from(i64::MAX))).unwrap(),
            "85070591730234615847396907784232501249"
        );
        let cube = "def worker(num):\n    return num ** 30\n";
        assert_eq!(call(cube, Value::Int(i128::from(u64::MAX))).unwrap().len(), 578);
    }

    #[test]
    fn a_run_keeps_its_interpreters_between_calls_as_a_pool_keeps_its_processes() {
        let code = "total = 0\n\ndef worker(n):\n    global total\n    total += n\n    return total\n";
        let worker = CustomWorker::compile(code).unwrap();
        // One call at a time, from any thread, is one interpreter: ProcessPoolExecutor(1).
        let one_at_a_time: Vec<_> = (1..=3).map(|n| worker.call(&Value::Int(n)).unwrap().repr()).collect();
        assert_eq!(one_at_a_time, ["1", "3", "6"]);
        let elsewhere =
            std::thread::scope(|s| s.spawn(|| worker.call(&Value::Int(4)).unwrap().repr()).join().unwrap());
        assert_eq!(elsewhere, "10");
        // Another run starts from the module's own state, as a new pool's processes do.
        let again = CustomWorker::compile(code).unwrap();
        assert_eq!(again.call(&Value::Int(5)).unwrap().repr(), "5");
        assert_eq!(worker.call(&Value::Int(1)).unwrap().repr(), "11");
    }

    #[test]
    fn a_worker_that_waits_is_told_where_waiting_runs() {
        let worker =
            CustomWorker::compile("import time\n\ndef worker(n):\n    time.sleep(0.01)\n    return n\n")
                .unwrap();
        let error = worker.call(&Value::Int(1)).unwrap_err();
        assert_eq!(error.type_name, "NotImplementedError");
        assert!(error.message.starts_with("worker() cannot wait in the playground"), "{}", error.message);
    }

    #[test]
    fn a_call_while_every_interpreter_is_busy_gets_a_new_one() {
        let code = "total = 0\n\ndef worker(n):\n    global total\n    while n < 0:\n        pass\n    total += n\n    return total\n";
        let worker = CustomWorker::compile(code).unwrap().with_item_time_limit(Duration::from_millis(600));
        assert_eq!(worker.call(&Value::Int(1)).unwrap().repr(), "1");
        std::thread::scope(|s| {
            // This call holds the run's one interpreter until its budget ends it.
            let busy = s.spawn(|| worker.call(&Value::Int(-1)));
            std::thread::sleep(Duration::from_millis(150));
            assert_eq!(
                worker.call(&Value::Int(2)).unwrap().repr(),
                "2",
                "a second interpreter, from the module's state"
            );
            assert_eq!(busy.join().unwrap().unwrap_err().type_name, "TimeoutError");
        });
    }

    #[test]
    fn results_of_any_type_print_as_python() {
        let code = "def worker(x):\n    return [x, x / 2, None, (x,), {'k': str(x)}, x > 1]\n";
        assert_eq!(call(code, Value::Int(3)).unwrap(), "[3, 1.5, None, (3,), {'k': '3'}, True]");
        assert_eq!(call("def worker(s):\n    return s.upper()\n", Value::Str("ab".into())).unwrap(), "'AB'");
    }

    #[test]
    fn an_item_that_raises_gets_its_traceback_from_worker_on() {
        let code = "def helper(n):\n    return 10 // n\n\ndef worker(num):\n    return helper(num - 2)\n";
        let e = call(code, Value::Int(2)).unwrap_err();
        assert_eq!(e.display(), "ZeroDivisionError: integer division or modulo by zero");
        assert_eq!(e.repr(), "ZeroDivisionError('integer division or modulo by zero')");
        let raised = e.raised.unwrap();
        assert_eq!(raised.line, Some(2));
        assert!(
            raised
                .traceback
                .starts_with("Traceback (most recent call last):\n  File \"worker.py\", line 5, in worker\n"),
            "{}",
            raised.traceback
        );
        assert!(!raised.traceback.contains(CALL), "{}", raised.traceback);
        assert!(!raised.traceback.contains("<python-input"), "{}", raised.traceback);
        assert!(
            raised.traceback.ends_with("ZeroDivisionError: integer division or modulo by zero"),
            "{}",
            raised.traceback
        );
    }

    #[test]
    fn budgets_end_runaway_items_with_clear_errors() {
        let e = call("def worker(n):\n    while True:\n        pass\n", Value::Int(1)).unwrap_err();
        assert_eq!(e.type_name, "TimeoutError");
        assert!(e.message.contains("budget of 0.2 s for one item"), "{}", e.message);
        let e = call("def worker(n):\n    return worker(n)\n", Value::Int(1)).unwrap_err();
        assert_eq!(e.type_name, "RecursionError");
        let e = call("def worker(n):\n    x = [0] * (n * 1000000)\n    return len(x)\n", Value::Int(500))
            .unwrap_err();
        assert_eq!(e.type_name, "MemoryError");
        // The worker still runs after each.
        assert_eq!(call(SQUARE, Value::Int(3)).unwrap(), "9");
    }

    #[test]
    fn results_past_the_cap_raise_memory_error_and_the_rest_go_on() {
        let worker = CustomWorker::compile("def worker(n):\n    return 'x' * n\n").unwrap();
        let big = (MAX_RESULT_BYTES / 3) as i128;
        for _ in 0..2 {
            assert!(worker.call(&Value::Int(big)).is_ok());
        }
        let e = worker.call(&Value::Int(big + 100)).unwrap_err();
        assert_eq!(e.type_name, "MemoryError");
        assert!(e.message.contains("at most 64 MiB of results per run"), "{}", e.message);
        assert_eq!(worker.call(&Value::Int(3)).unwrap().repr(), "'xxx'");
    }

    #[test]
    fn code_errors_say_what_and_where() {
        let e = CustomWorker::compile("def worker(num)\n    return num\n").unwrap_err();
        assert_eq!(e.name(), "SyntaxError");
        assert!(matches!(e.kind(), ErrorKind::Code { line: Some(1), .. }), "{e:?}");
        // As CPython prints it: no traceback header, the line and a caret, its words.
        let ErrorKind::Code { display, .. } = e.kind() else { unreachable!() };
        assert_eq!(display, "  File \"worker.py\", line 1\n    def worker(num)\n                   ^\nSyntaxError: expected ':'");
        for (code, cpython) in [
            (
                "def worker(n):\nreturn n\n",
                "IndentationError: expected an indented block after function definition on line 1",
            ),
            ("def worker(n):\n    return (n +\n", "SyntaxError: '(' was never closed"),
            ("def worker(n):\n    x = = 1\n", "SyntaxError: invalid syntax"),
            ("def worker(n):\n    return n)\n", "SyntaxError: unmatched ')'"),
        ] {
            let e = CustomWorker::compile(code).unwrap_err();
            let ErrorKind::Code { display, .. } = e.kind() else { unreachable!() };
            assert_eq!(display.lines().last(), Some(cpython), "{display}");
        }
        // A SyntaxError the code raises is no parse error: a traceback, as CPython prints it.
        let e = CustomWorker::compile("raise SyntaxError('Expected nothing')\n").unwrap_err();
        let ErrorKind::Code { display, .. } = e.kind() else { unreachable!() };
        assert!(display.starts_with("Traceback (most recent call last):\n"), "{display}");
        assert!(display.ends_with("SyntaxError: Expected nothing"), "{display}");
        let e = CustomWorker::compile("def work(num):\n    return num\n").unwrap_err();
        assert_eq!(e.name(), "NameError");
        assert!(e.message().contains("no function named worker"), "{}", e.message());
        let e = CustomWorker::compile("worker = 3\n").unwrap_err();
        assert_eq!(e.name(), "TypeError");
        assert!(CustomWorker::compile("worker = lambda n: n + 1\n").is_ok());
        assert!(CustomWorker::compile("worker = str\n").is_ok());
        let e = CustomWorker::compile("x = 1 // 0\ndef worker(n):\n    return n\n").unwrap_err();
        assert_eq!(e.name(), "ZeroDivisionError");
        assert!(matches!(e.kind(), ErrorKind::Code { line: Some(1), .. }), "{e:?}");
    }

    #[test]
    fn the_sandbox_has_no_way_out() {
        for code in [
            "import os\ndef worker(n):\n    return os.listdir('/')\n",
            "def worker(n):\n    return open('/etc/passwd').read()\n",
            "import socket\ndef worker(n):\n    return 1\n",
            "def worker(n):\n    return __import__('os').system('true')\n",
        ] {
            let outcome = CustomWorker::compile(code).map(|w| w.call(&Value::Int(1)));
            assert!(!matches!(outcome, Ok(Ok(_))), "{code:?} gave {outcome:?}");
        }
    }
}
