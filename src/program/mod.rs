//! Whole Python programs, as a tutorial writes them: `threading`, `queue`,
//! `concurrent.futures` and `multiprocessing`, run by monty with threads that take turns and
//! processes that compute in parallel.
//!
//! The modules are Python (`prelude.py`), fed to the interpreter before the program; they
//! stand on a few host functions (the `_pg` module) answered here:
//!
//! - **Threads** are monty tasks over the program's one heap. A task runs until it waits in
//!   the host (a lock, `time.sleep`, a pool's result); the host then blocks it
//!   (`resume_blocking`) and monty runs another. When every task waits, the host waits for
//!   the first timer or process result and wakes the tasks it settles. So CPU-bound threads
//!   take turns and never compute at once, and waits overlap: the GIL's lesson.
//! - **Locks** are the host's: a release hands the lock to the first waiter.
//! - **Process pools** are [`processes`]: copies of the interpreter on the machine's threads;
//!   a `multiprocessing.Process` is a pool of one, and `multiprocessing.Queue`s are
//!   [`channels`], which every process reaches.
//!
//! A program gets a time budget ([`DEFAULT_TIMEOUT`]), at most [`MAX_THREADS`] threads alive,
//! the memory budget of custom workers, and [`output::MAX_OUTPUT_BYTES`] of output. When every
//! thread waits for something no thread or timer can give, the program stops with a
//! `RuntimeError` that says so, where CPython would hang.

mod channels;
mod manager;
mod modules;
mod output;
mod processes;
mod sleepers;
mod turn;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use monty::{dump, MontyRepl, ReplFunctionCall, ReplProgress, ReplStartError, SessionRef};
use monty_types::{
    AssertMessageAnnotations, CallArgs, CompileOptions, DateTimeSource, ExcType, ExtFunctionResult,
    MontyDate, MontyDateTime, MontyException, MontyObject, MontyTimeZone, MontyType, MontyUuid,
    NameLookupResult, ObjectRef, OsFunctionCall, OsPolicy, PrintWriter, ResourceLimits, ResourceTracker,
    SleepMode,
};
use serde::Serialize;

use channels::Channels;
pub use output::{Output, Stream, MAX_OUTPUT_BYTES};
use processes::Pool;
use turn::{ParentHost, Turn};

use crate::clock;
use crate::custom::{MEMORY_LIMIT, RECURSION_LIMIT};
use crate::error::Error;
use crate::input::{MAX_CODE_CHARS, MAX_PROGRAM_TIMEOUT_MS, MAX_THREADS, PROGRAM_TIMEOUT_MS};
use crate::syntax_error;
use crate::traceback::PrintedBy;

/// How long a program may run, unless the caller gives another budget.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_millis(PROGRAM_TIMEOUT_MS as u64);

/// How long a thread runs before another ready one gets its turn: CPython's default
/// (`sys.getswitchinterval()`).
const SWITCH_INTERVAL: Duration = Duration::from_millis(5);

/// How long every thread and process must look stuck before the program is ended as a
/// deadlock. The look is taken pool by pool while the workers run on, so a moment may look
/// stuck that is not; a deadlock reported in WebKitGTK on a program that passes items between
/// processes through queues (twice in three full test runs at one commit, never in Chromium
/// or natively) is thought to be one. A real deadlock is reported this much later.
const DEADLOCK_GRACE_MS: f64 = 200.0;

/// How long a program's end waits for worker processes still starting (or finishing a call)
/// to be free, before it reports them abandoned (and the page starts a fresh engine).
const SETTLE_MS: f64 = 100.0;

/// The message of the `KeyboardInterrupt` that stops a cancelled program.
const CANCELLED: &str = "the run was cancelled";

/// The pid `os.getpid()` gives the program's main process; its worker processes are
/// `MAIN_PID + n`, `n` the number in their names (`ForkPoolWorker-2` is 3), and the main
/// process's parent is 0: the numbers of a program that runs in a container of its own.
const MAIN_PID: i64 = 1;

/// The file name tracebacks give the program.
pub const FILE_NAME: &str = "main.py";

/// The modules the program imports, in Python.
const PRELUDE: &str = include_str!("prelude.py");

/// What the program's last line runs: CPython waits for every non-daemon thread at exit.
const AT_EXIT: &str = "\n__modules__['threading']._shutdown()\n";
/// The same, fed on its own after the main module raised: monty ends a snippet's tasks with
/// it, so the threads are gone and only the processes are left to wait for.
const AT_EXIT_AFTER_ERROR: &str = "__modules__['threading']._shutdown(False)\n";

/// The names monty gives the prelude, the program and the exit snippet, in the order fed.
const PRELUDE_SNIPPET: &str = "<python-input-0>";
const PROGRAM_SNIPPET: &str = "<python-input-1>";
const AT_EXIT_SNIPPET: &str = "<python-input-2>";

/// How a program ended, when it ended by an exception nothing caught.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ProgramError {
    /// The exception's type name: `ValueError`.
    #[serde(rename = "type")]
    pub type_name: String,
    /// Its message.
    pub message: String,
    /// The traceback as CPython prints it.
    pub traceback: String,
    /// The program's line it was raised at, when it is known.
    pub line: Option<usize>,
}

impl ProgramError {
    /// Whether the error is the playground stopping the program (Cancel, the budget), rather
    /// than the program's own.
    fn stopped(&self, timeout: Duration) -> Option<Stopped> {
        match (self.type_name.as_str(), self.message.as_str()) {
            ("KeyboardInterrupt", CANCELLED) => Some(Stopped::Cancelled),
            ("TimeoutError", message) if Some(message) == out_of_time(timeout).message() => {
                Some(Stopped::Timeout)
            }
            _ => None,
        }
    }
}

/// How `raise SystemExit(code)` ends a program, as CPython's exit handling reads its code:
/// no code (or `None`) is status 0 and prints nothing, an integer (a `bool` too) is that status
/// as the system keeps it (its low 8 bits: `sys.exit(256)` is 0, `sys.exit(-1)` 255), anything
/// else (a `str` too: `sys.exit('5')`) is printed to stderr and is status 1.
fn system_exit(code: Option<ObjectRef<'_>>) -> (i64, Option<String>) {
    match code {
        None => (0, None),
        Some(code) if code == MontyObject::none() => (0, None),
        Some(code) => match (code.as_bool(), code.as_int()) {
            (Some(flag), _) => (i64::from(flag), None),
            (None, Some(status)) => (status.rem_euclid(256), None),
            _ => (1, Some(format!("{code}\n"))),
        },
    }
}

/// The code a `SystemExit` that reached the host was raised with: its one argument where it
/// keeps it as a value, else its message (the `str` it was given).
fn exit_code_of(e: &MontyException) -> (i64, Option<String>) {
    match e.data().arg_values() {
        Some(values) => system_exit(values.as_ref().items().and_then(|items| items.into_iter().next())),
        None => match e.message() {
            Some(message) => (1, Some(format!("{message}\n"))),
            None => (0, None),
        },
    }
}

/// `_pg.exit_code(code)`: a process's `SystemExit` argument read as [`system_exit`] reads the
/// main module's, its message written to stderr. For a `multiprocessing.Process` whose target
/// raised it.
fn exit_code_call(args: &CallArgs, output: &Output) -> MontyObject {
    let (status, message) = system_exit(args.arg(0));
    if let Some(message) = message {
        output.write(Stream::Stderr, &message);
    }
    MontyObject::int(status)
}

/// Who ran a call: a thread of the program or a worker process.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum TraceKind {
    /// A `threading.Thread` (or a thread pool's worker thread).
    Thread,
    /// A worker process of a process pool.
    Process,
}

/// Why a program was stopped before its end.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Stopped {
    /// The person cancelled it.
    Cancelled,
    /// It ran past its budget.
    Timeout,
}

/// One call run by a pool, or one thread's life, for the timeline.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ProgramTrace {
    /// The timeline row: 0 is the main thread, then one per thread and per worker process.
    pub lane: usize,
    /// Thread or process.
    pub kind: TraceKind,
    /// The thread's or the process's name, as Python names it.
    pub name: String,
    /// Milliseconds from the program's start.
    pub start_ms: f64,
    /// Milliseconds from the program's start.
    pub end_ms: f64,
}

/// A worker process the program started (a pool's, or a `multiprocessing.Process`): its
/// timeline row, which may have no bar (a short `map` may be run by one worker of two).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ProcessStarted {
    /// Its row in the timeline, as in [`ProgramTrace::lane`].
    pub lane: usize,
    /// Its name, as Python names it.
    pub name: String,
}

/// What a program did: `runProgram`'s report.
#[derive(Clone, Debug, Serialize)]
pub struct ProgramReport {
    /// Everything it printed to stdout.
    pub stdout: String,
    /// Everything it printed to stderr, tracebacks included.
    pub stderr: String,
    /// The exception that ended it, if one did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ProgramError>,
    /// Wall-clock milliseconds from start to end.
    pub wall_ms: f64,
    /// One entry per thread and per call a process pool ran, by start time.
    pub trace: Vec<ProgramTrace>,
    /// Every worker process the program started, in the order they started.
    pub processes: Vec<ProcessStarted>,
    /// Whether it was stopped (cancelled, or past its budget) rather than ending on its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped: Option<Stopped>,
    /// The exit status CPython's process would end with: 0, 1 after an uncaught exception, or
    /// what `sys.exit(n)` asked for. Absent when it was stopped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<i64>,
    /// Whether a worker process was still running a call when the program ended: the threads
    /// of the machine it runs on are not free yet (the page then starts a fresh engine).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub abandoned: bool,
}

/// The caller's side of a run: where output goes as it is printed, and whether to stop.
pub trait Watcher {
    /// New output, in order.
    fn output(&mut self, stream: Stream, text: &str);
    /// Whether the person cancelled the run.
    fn cancelled(&mut self) -> bool {
        false
    }
}

/// A watcher that wants nothing: the report alone.
pub struct Unwatched;

impl Watcher for Unwatched {
    fn output(&mut self, _: Stream, _: &str) {}
}

/// What a run may use.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// The program's time budget.
    pub timeout: Duration,
    /// What `os.cpu_count()` answers: the threads a process pool can compute on.
    pub cpu_count: usize,
}

impl Default for Settings {
    fn default() -> Self {
        let cpu_count = if processes::PARALLEL { rayon::current_num_threads() } else { 1 };
        Settings { timeout: DEFAULT_TIMEOUT, cpu_count }
    }
}

/// A program run as the page asks for it: `runProgram({code, timeout_ms, cpu_count, base_url})`.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramOptions {
    /// The program's source.
    pub code: String,
    /// Its time budget in ms; [`PROGRAM_TIMEOUT_MS`] when absent.
    pub timeout_ms: Option<f64>,
    /// What `os.cpu_count()` answers; the machine's threads when absent.
    pub cpu_count: Option<usize>,
    /// The page's address, which relative URLs given to `urlopen` are resolved against.
    pub base_url: Option<String>,
}

impl ProgramOptions {
    /// The program and its settings, or an input error that says what is wrong.
    ///
    /// # Errors
    /// Code longer than [`MAX_CODE_CHARS`], a budget outside 1 ms to
    /// [`MAX_PROGRAM_TIMEOUT_MS`], or a CPU count of 0.
    pub fn check(self) -> Result<(String, Settings), Error> {
        let chars = self.code.chars().count();
        if chars > MAX_CODE_CHARS {
            return Err(Error::input(format!(
                "the program is {chars} characters; the playground takes at most {MAX_CODE_CHARS}"
            )));
        }
        let timeout_ms = self.timeout_ms.unwrap_or(f64::from(PROGRAM_TIMEOUT_MS));
        if !(timeout_ms >= 1.0 && timeout_ms <= f64::from(MAX_PROGRAM_TIMEOUT_MS)) {
            return Err(Error::input(format!(
                "timeout_ms must be from 1 to {MAX_PROGRAM_TIMEOUT_MS} (it was {timeout_ms})"
            )));
        }
        let mut settings =
            Settings { timeout: Duration::from_secs_f64(timeout_ms / 1000.0), ..Settings::default() };
        match self.cpu_count {
            Some(0) => return Err(Error::input("cpu_count must be at least 1".to_string())),
            Some(n) => settings.cpu_count = n.min(MAX_THREADS),
            None => {}
        }
        Ok((self.code, settings))
    }
}

/// Runs `code` as a program, streaming its output to `watcher`.
pub fn run(code: &str, settings: Settings, watcher: &mut dyn Watcher) -> ProgramReport {
    let timeout = settings.timeout;
    monty::set_cpu_count(settings.cpu_count);
    monty::set_switch_interval(Some(SWITCH_INTERVAL));
    monty::set_hidden_names(Some(prelude_name));
    let began = clock::now_ms();
    let mut host = Host::new(code, began, timeout);
    let ended = host.run(code, watcher);
    host.finish(watcher);
    // The interval is the process's: a map's custom worker, run next, keeps monty's default.
    monty::set_switch_interval(None);
    let (stdout, stderr) = host.output.streams();
    let mut trace = std::mem::take(&mut host.trace);
    for pool in &host.pools {
        trace.extend(pool.take_trace());
    }
    trace.sort_by(|a, b| a.start_ms.total_cmp(&b.start_ms));
    let settled_by = clock::now_ms() + SETTLE_MS;
    for pool in &host.pools {
        pool.settle(settled_by);
    }
    let abandoned = host.pools.iter().any(|pool| pool.busy());
    let (error, exit_code) = match ended {
        Ok(code) => (None, Some(code)),
        Err(e) => {
            let code = e.stopped(timeout).is_none().then_some(1);
            (Some(e), code)
        }
    };
    let stopped = error.as_ref().and_then(|e| e.stopped(timeout));
    let processes = host.pools.iter().flat_map(|pool| pool.started()).collect();
    ProgramReport {
        stdout,
        stderr,
        exit_code,
        error,
        wall_ms: clock::now_ms() - began,
        trace,
        processes,
        stopped,
        abandoned,
    }
}

/// Whether `name` is one the prelude binds for itself in the program's module (its helpers and
/// the modules it imports under its own names), which a traceback never offers in place of a
/// misspelt name: the program's author never wrote them.
fn prelude_name(name: &str) -> bool {
    name.starts_with("_pg") || name.starts_with("_Pg") || name == "__modules__"
}

/// What the host answers an OS call with, where the answer needs no waiting: the clock, the
/// main process's pid and the one module it provides; the rest (files, network, environment)
/// the playground refuses.
fn answer_os(call: &OsFunctionCall) -> ExtFunctionResult {
    match call {
        OsFunctionCall::Time(_) => MontyObject::float(clock::now_ms() / 1000.0).into(),
        OsFunctionCall::DateTimeNow(zone) => MontyObject::datetime(clock_datetime(zone.as_ref())).into(),
        OsFunctionCall::DateToday => {
            let now = clock_datetime(None);
            MontyObject::date(MontyDate { year: now.year, month: now.month, day: now.day }).into()
        }
        OsFunctionCall::Import(name) if name == "_pg" => host_module().into(),
        OsFunctionCall::Getpid => MontyObject::int(MAIN_PID).into(),
        OsFunctionCall::Getppid => MontyObject::int(0).into(),
        OsFunctionCall::Import(name) => ExtFunctionResult::NotFound(name.clone()),
        other => MontyException::new(
            ExcType::PermissionError,
            Some(format!(
                "{}: the playground gives a program no files, network or environment",
                other.name()
            )),
        )
        .into(),
    }
}

/// The clock's time as `datetime.now(tz)` gives it: in `zone`, else naive in the program's zone,
/// UTC (as `time.localtime()` reads it; the page does not ask the browser for its zone).
fn clock_datetime(zone: Option<&MontyTimeZone>) -> MontyDateTime {
    use chrono::{Datelike, Timelike};
    let offset = zone.map_or(0, |zone| zone.offset_seconds);
    let micros = (clock::now_ms() * 1000.0).round() as i64 + i64::from(offset) * 1_000_000;
    let wall = chrono::DateTime::from_timestamp_micros(micros).unwrap_or_default().naive_utc();
    let narrow = |n: u32| u8::try_from(n).expect("a calendar field fits a byte");
    MontyDateTime {
        year: wall.year(),
        month: narrow(wall.month()),
        day: narrow(wall.day()),
        hour: narrow(wall.hour()),
        minute: narrow(wall.minute()),
        second: narrow(wall.second()),
        microsecond: wall.nanosecond() / 1000,
        offset_seconds: zone.map(|zone| zone.offset_seconds),
        timezone_name: zone.and_then(|zone| zone.name.clone()),
    }
}

/// Sleeps `duration`, or until the budget's end: on this thread where it may block, else
/// by watching the clock (the single-threaded build). The clock decides when it ends, as
/// CPython's sleep lasts at least its time: a wasm thread's wait may end a little before the
/// page's clock (coarsened by the browser) says the time is up.
fn pause(duration: Duration, deadline_ms: f64) {
    let until = (clock::now_ms() + duration.as_secs_f64() * 1000.0).min(deadline_ms);
    loop {
        let left = until - clock::now_ms();
        if left <= 0.0 {
            return;
        }
        if processes::PARALLEL {
            std::thread::sleep(Duration::from_secs_f64(left / 1000.0));
        }
    }
}

/// The error for a program that ran past its `budget`.
fn out_of_time(budget: Duration) -> MontyException {
    MontyException::new(
        ExcType::TimeoutError,
        Some(format!("the program ran past the playground's budget of {} s", budget.as_secs_f64())),
    )
}

/// `e`, unless it is monty's own time limit (`feed time limit exceeded: ...`), which the person
/// reads as the program's budget running out.
fn in_budget_terms(e: MontyException, budget: Duration) -> MontyException {
    let monty_limit = e.exc_type() == ExcType::TimeoutError
        && e.message().is_some_and(|m| m.contains("time limit exceeded: "));
    if monty_limit {
        out_of_time(budget)
    } else {
        e
    }
}

/// `urlopen(url).read()`: the body, or the error urllib raises.
fn fetch(url: &str) -> ExtFunctionResult {
    match crate::host::fetch_blocking(url) {
        Ok(body) => MontyObject::bytes(body).into(),
        Err(e) => {
            let exc_type = match e.type_name.as_str() {
                "HTTPError" => ExcType::HttpError,
                "ValueError" => ExcType::ValueError,
                _ => ExcType::UrlError,
            };
            MontyException::new(exc_type, Some(e.message)).into()
        }
    }
}

/// A refusal of monty's that a concurrency program meets, in the program's terms and with what
/// to write instead: a wait (a lock, a sleep, a future's result) inside a function that a
/// built-in calls back, where monty cannot suspend to the host.
fn explained(e: MontyException) -> MontyException {
    const MONTY_SAYS: &str = "cannot suspend in this synchronous context";
    const WE_SAY: &str =
        "this waits (for a lock, a sleep, a queue or a future's result) inside a function that a \
         built-in calls (sorted()'s or max()'s key, ...), where the playground's Python engine (monty) \
         cannot wait; write it as a for loop or a list comprehension";
    if e.exc_type() == ExcType::NotImplementedError && e.message().unwrap_or_default().contains(MONTY_SAYS) {
        crate::traceback::retold(&e, Some(WE_SAY.to_string()), e.traceback().to_vec())
    } else {
        e
    }
}

/// An exception as the program's reader sees it, in the terms of a program with a time
/// `budget`: the prelude's and the exit handler's frames left out (CPython's own modules are
/// files the reader never wrote either), the program's snippet named [`FILE_NAME`], and the
/// traceback laid out as CPython's, quoting `source`.
fn program_error(e: &MontyException, budget: Duration, source: &str, printed_by: PrintedBy) -> ProgramError {
    let e = &explained(in_budget_terms(e.clone(), budget));
    let type_name = e.type_name();
    let type_name = type_name.rsplit('.').next().unwrap_or(type_name).to_string();
    let shown = crate::traceback::in_file(e, PROGRAM_SNIPPET, FILE_NAME, &|f| {
        f.filename != PRELUDE_SNIPPET && f.filename != AT_EXIT_SNIPPET
    });
    let line =
        shown.traceback().iter().rev().find(|f| f.filename == FILE_NAME).map(|f| f.start.line as usize);
    let mut traceback = crate::traceback::render(&shown, FILE_NAME, source, printed_by);
    if !traceback.ends_with('\n') {
        traceback.push('\n');
    }
    ProgramError { type_name, message: e.message().unwrap_or_default().to_string(), traceback, line }
}

/// What `_pg.uncaught(header, last_line, excepthook)` prints, called from the `except` block
/// that caught an exception a thread's or a process's code did not: the header CPython prints
/// (`Exception in thread Thread-1 (worker):`), then the exception's traceback as
/// [`program_error`] shows one (only its last line where monty has no handled exception),
/// printed as `sys.excepthook` prints it where `excepthook` is true (a thread's end, which
/// offers a name for a `NameError`), else as the `traceback` module does (a process's end).
/// CPython's own `threading.py` or `multiprocessing` frames are above the program's, so its
/// `Traceback` line shows even where no frame is the program's (a target called with the
/// wrong arguments).
fn uncaught_report(call: &ReplFunctionCall, budget: Duration, source: &str) -> String {
    const HEADER: &str = "Traceback (most recent call last):\n";
    let text = |i: usize| call.args.arg(i).and_then(|o| o.as_str().map(str::to_string)).unwrap_or_default();
    let traceback = call.handled_exception().map_or_else(
        || text(1) + "\n",
        |e| {
            let excepthook = call.args.arg(2).is_some_and(|o| o.as_bool() == Some(true));
            let printed_by = if excepthook { PrintedBy::Excepthook } else { PrintedBy::TracebackModule };
            let traceback = program_error(&e, budget, source, printed_by).traceback;
            if traceback.starts_with(HEADER) {
                traceback
            } else {
                HEADER.to_string() + &traceback
            }
        },
    );
    text(0) + &traceback
}

/// What `_pg.format_exc(last_line)` answers, for `traceback` and `logging.exception`: the
/// traceback of the exception the calling code handles, as [`program_error`] shows one, when
/// `last_line` is `None` or that exception's last line (`ValueError: bad`); else `last_line`
/// alone, as CPython prints an exception that was never raised; `NoneType: None` where no
/// exception is handled, as CPython's `traceback.format_exc()` says there.
fn format_exc_report(call: &ReplFunctionCall, budget: Duration, source: &str) -> MontyObject {
    let asked = call.args.arg(0).and_then(|o| o.as_str().map(str::to_string));
    let handled =
        call.handled_exception().filter(|e| asked.as_deref().is_none_or(|line| line == e.summary()));
    let text = match (handled, asked) {
        (Some(e), _) => program_error(&e, budget, source, PrintedBy::TracebackModule).traceback,
        (None, Some(line)) => line + "\n",
        (None, None) => "NoneType: None\n".to_string(),
    };
    MontyObject::string(text)
}

/// The number of the pool, queue or manager a host call names, its first argument.
fn numbered(args: &CallArgs) -> Option<usize> {
    args.arg(0).and_then(|o| o.as_int()).and_then(|k| usize::try_from(k).ok())
}

fn process_error(message: &str) -> MontyException {
    MontyException::new(ExcType::RuntimeError, Some(message.to_string()))
}

/// The host functions of the `_pg` module; a call of any other name that monty passes to the
/// host is a name the program never bound (`NameError`).
const HOST_FUNCTIONS: [&str; 33] = [
    "lock_new",
    "acquire",
    "release",
    "locked",
    "thread_begin",
    "thread_run",
    "thread_end",
    "call_begin",
    "call_end",
    "stderr",
    "uncaught",
    "format_exc",
    "fetch",
    "pool_open",
    "pool_submit",
    "pool_submit_chunks",
    "pool_next",
    "pool_cancel",
    "pool_close",
    "pool_terminate",
    "process_number",
    "process_open",
    "mpq_new",
    "mpq_put",
    "mpq_get",
    "mpq_size",
    "mpq_remove",
    "child_next",
    "exit_code",
    "manager_start",
    "manager_make",
    "manager_call",
    "manager_stop",
];

/// The answer to a call of `name` that monty passed to the host because the program never
/// bound it: `NameError` (`prnt('x')`), unless CPython has it built in (`globals()`), which
/// the playground's Python does not have.
fn unbound_call(name: &str) -> ExtFunctionResult {
    if monty::is_cpython_builtin(name) {
        let message = format!("{name}() is built into CPython but not into the playground's Python (monty)");
        MontyException::new(ExcType::NotImplementedError, Some(message)).into()
    } else {
        ExtFunctionResult::NotFound(name.to_string())
    }
}

/// The `_pg` module: the host functions the prelude calls, and the exception types it needs.
fn host_module() -> MontyObject {
    let mut attrs: Vec<(MontyObject, MontyObject)> = HOST_FUNCTIONS
        .iter()
        .map(|name| (MontyObject::string(*name), MontyObject::function(*name, None)))
        .collect();
    for (name, exc_type) in [
        ("CancelledError", ExcType::FuturesCancelledError),
        ("Empty", ExcType::QueueEmpty),
        ("URLError", ExcType::UrlError),
        ("HTTPError", ExcType::HttpError),
        ("Full", ExcType::QueueFull),
        ("BrokenBarrierError", ExcType::BrokenBarrierError),
    ] {
        attrs.push((MontyObject::string(name), MontyObject::type_object(MontyType::Exception(exc_type))));
    }
    MontyObject::module("_pg", MontyUuid::from_u128(0x7067_5f70_6c61_7967_726f_756e_6400_0001), attrs)
}

/// How the host answers a call of a `_pg` function ([`Host::reply`]).
enum Reply {
    /// With this, at once.
    Now(ExtFunctionResult),
    /// When the lock is released to the call, or at its timeout (seconds) with `False`.
    Lock { lock: usize, timeout: Option<f64> },
    /// When the pool's next result comes.
    PoolResult(usize),
    /// When a put brings the queue an item, or at its timeout (seconds) with `queue.Empty`.
    QueueItem { queue: usize, timeout: Option<f64> },
    /// From the suspended call itself: a fork dumps the interpreter it suspended, a report
    /// of an uncaught exception reads the exception its code handles.
    WithCall,
}

/// A lock of the program: who waits for it, in order.
#[derive(Default)]
struct LockState {
    held: bool,
    waiters: Vec<u32>,
}

/// A blocked call waiting for time to pass: a sleep, or a lock acquire or a queue get with a
/// timeout.
struct Timer {
    due_ms: f64,
    call_id: u32,
    waits: Waits,
}

/// What a [`Timer`]'s call waits for, and so what it is answered when the time runs out.
enum Waits {
    /// `time.sleep`: `None`.
    Sleep,
    /// A lock's acquire (the lock to leave): `False`.
    Lock(usize),
    /// A `multiprocessing.Queue`'s get: `queue.Empty`.
    Queue,
}

/// The parent interpreter's host: locks, timers, threads, pools and the output.
struct Host {
    /// The program, which its tracebacks quote.
    source: Arc<str>,
    began_ms: f64,
    deadline_ms: f64,
    timeout: Duration,
    output: Output,
    locks: Vec<LockState>,
    timers: Vec<Timer>,
    /// Answers for blocked calls, given to monty when every task waits.
    settled: Vec<(u32, ExtFunctionResult)>,
    /// `pool_next` calls waiting, by pool.
    pool_waiters: Vec<(usize, u32)>,
    /// `multiprocessing.Queue` gets waiting, by queue.
    queue_waiters: Vec<(usize, u32)>,
    /// The program's `multiprocessing.Queue`s, shared with its worker processes.
    channels: Arc<Channels>,
    pools: Vec<Arc<Pool>>,
    /// Threads alive (not internal), for [`MAX_THREADS`].
    live_threads: usize,
    /// Per lane: its name, when its thread began running, and whether it is the prelude's own.
    lanes: Vec<(String, Option<f64>, bool)>,
    /// The lane of each thread name, for the calls a thread pool's worker runs.
    lane_of: HashMap<String, usize>,
    open_calls: Vec<(usize, f64)>,
    trace: Vec<ProgramTrace>,
    next_process: usize,
    last_flush_ms: f64,
}

impl Host {
    fn new(code: &str, began_ms: f64, timeout: Duration) -> Self {
        Host {
            source: Arc::from(code),
            began_ms,
            deadline_ms: began_ms + timeout.as_secs_f64() * 1000.0,
            timeout,
            output: Output::default(),
            locks: Vec::new(),
            timers: Vec::new(),
            settled: Vec::new(),
            pool_waiters: Vec::new(),
            queue_waiters: Vec::new(),
            channels: Arc::default(),
            pools: Vec::new(),
            live_threads: 0,
            lanes: vec![("MainThread".to_string(), Some(0.0), false)],
            lane_of: HashMap::from([("MainThread".to_string(), 0)]),
            open_calls: Vec::new(),
            trace: Vec::new(),
            next_process: 1,
            last_flush_ms: began_ms,
        }
    }

    fn now(&self) -> f64 {
        clock::now_ms() - self.began_ms
    }

    /// Feeds the prelude, then the program, answering the host calls until it ends.
    fn run(&mut self, code: &str, watcher: &mut dyn Watcher) -> Result<i64, ProgramError> {
        let limits = ResourceLimits::default()
            .max_memory(MEMORY_LIMIT)
            .max_recursion_depth(RECURSION_LIMIT)
            .max_feed_duration(self.timeout);
        // A program is a script, as `python3 prog.py` runs it: an `await` outside a function is
        // CPython's `SyntaxError`, not monty's top-level await.
        let options = CompileOptions {
            assert_message_annotations: AssertMessageAnnotations::Off,
            top_level_await: false,
            ..CompileOptions::default()
        };
        // The clocks are the host's (`answer_os`): `time.perf_counter()`, `datetime.now()` and a
        // sleep read the same one, to the microsecond (chrono's own clock reads `Date.now()` in
        // wasm, to the millisecond, and is not the one a sleep waits on).
        let policy = OsPolicy {
            datetime: DateTimeSource::CallHost,
            sleep: SleepMode::CallHost,
            ..OsPolicy::default()
        };
        let repl = MontyRepl::new(FILE_NAME, ResourceTracker::new(limits), options).with_os_policy(policy);
        let prelude = modules::prelude_for(PRELUDE, code);
        let started = repl.feed_start(&prelude, vec![], PrintWriter::Callback(&mut self.turn(watcher)));
        let repl = match self.drive(started, watcher) {
            Ok(repl) => repl,
            Err(failed) => return Err(self.error_of(&failed.error)),
        };
        // The exit handling runs in the program's own snippet, while its threads are alive.
        let program = format!("{code}{AT_EXIT}");
        let started = repl.feed_start(&program, vec![], PrintWriter::Callback(&mut self.turn(watcher)));
        let (repl, ended) = match self.drive(started, watcher) {
            Ok(_) => return Ok(0),
            Err(failed) => {
                let ReplStartError { repl, error: e } = *failed;
                self.forget_waiters();
                (repl, self.program_ended_by(code, &e))
            }
        };
        if matches!(&ended, Err(e) if e.stopped(self.timeout).is_some()) {
            return ended;
        }
        // CPython's interpreter waits for the processes after an uncaught exception too.
        let started =
            repl.feed_start(AT_EXIT_AFTER_ERROR, vec![], PrintWriter::Callback(&mut self.turn(watcher)));
        match self.drive(started, watcher) {
            Ok(_) => ended,
            Err(failed) => {
                // Stopped while waiting (Cancel, the budget): that is how it ended. Else the
                // program's own ending stands, and the wait's error is printed after it.
                let error = self.error_of(&failed.error);
                self.output.write_last_words(&error.traceback);
                if error.stopped(self.timeout).is_some() {
                    Err(error)
                } else {
                    ended
                }
            }
        }
    }

    /// Forgets the blocked calls of a snippet that ended: its tasks ended with it, and a result
    /// handed to one of their calls would be lost to a later waiter. (The locks they held stay
    /// held: the exit snippet waits for processes through the host alone.)
    fn forget_waiters(&mut self) {
        self.timers.clear();
        self.settled.clear();
        self.pool_waiters.clear();
        self.queue_waiters.clear();
        for lock in &mut self.locks {
            lock.waiters.clear();
        }
    }

    /// How the main module's uncaught exception ends the program: a traceback on stderr and
    /// the error, or for `SystemExit` its exit status (and its message, if it has one).
    fn program_ended_by(&self, code: &str, e: &MontyException) -> Result<i64, ProgramError> {
        if e.exc_type() == ExcType::SystemExit {
            let (status, message) = exit_code_of(e);
            if let Some(message) = message {
                self.output.write_last_words(&message);
            }
            return Ok(status);
        }
        let error = parse_error(code, e).unwrap_or_else(|| self.error_of(e));
        self.output.write_last_words(&error.traceback);
        Err(error)
    }

    /// Answers the interpreter until its snippet completes.
    fn drive(
        &mut self,
        mut progress: Result<ReplProgress, Box<ReplStartError>>,
        watcher: &mut dyn Watcher,
    ) -> Result<MontyRepl, Box<ReplStartError>> {
        loop {
            self.flush(watcher, false);
            let step = progress?;
            // monty's own budget counts the time spent in the interpreter; a program that calls
            // the host in a loop (a lock taken and released) spends most of its time here.
            let stop = if watcher.cancelled() {
                Some(MontyException::new(ExcType::KeyboardInterrupt, Some(CANCELLED.into())))
            } else if clock::now_ms() >= self.deadline_ms {
                Some(self.out_of_time())
            } else {
                None
            };
            if let Some(stop) = stop {
                progress = abort(step, stop, PrintWriter::Callback(&mut self.turn(watcher)));
                continue;
            }
            progress = match step {
                ReplProgress::Complete { repl, .. } => return Ok(repl),
                ReplProgress::FunctionCall(call) => self.function_call(call, watcher),
                ReplProgress::OsCall(call) => match &call.function_call {
                    OsFunctionCall::Sleep(d)
                    | OsFunctionCall::SystemSleep(d)
                    | OsFunctionCall::AsyncSleep(d)
                    | OsFunctionCall::AsyncSystemSleep(d) => {
                        let due_ms = self.now() + d.as_secs_f64() * 1000.0;
                        self.timers.push(Timer { due_ms, call_id: call.call_id, waits: Waits::Sleep });
                        let print = PrintWriter::Callback(&mut self.turn(watcher));
                        if matches!(
                            call.function_call,
                            OsFunctionCall::Sleep(_) | OsFunctionCall::SystemSleep(_)
                        ) {
                            call.resume_blocking(print)
                        } else {
                            // `await asyncio.sleep(d)`: a future the timer settles, which the
                            // coroutine awaits while the other tasks (and threads) run.
                            let future = ExtFunctionResult::Future(call.call_id);
                            call.resume(future, print)
                        }
                    }
                    other => {
                        let answer = answer_os(other);
                        call.resume(answer, PrintWriter::Callback(&mut self.turn(watcher)))
                    }
                },
                ReplProgress::NameLookup(lookup) => {
                    lookup.resume(NameLookupResult::Undefined, PrintWriter::Callback(&mut self.turn(watcher)))
                }
                ReplProgress::ResolveFutures(waiting) => {
                    let settled = self.wait(waiting.pending_call_ids(), waiting.has_ready_tasks(), watcher);
                    let print = PrintWriter::Callback(&mut self.turn(watcher));
                    match settled {
                        Ok(settled) => waiting.resume(settled, print),
                        Err(stop) => waiting.abort(stop, print),
                    }
                }
            };
        }
    }

    /// Waits until some blocked call can be answered: a timer due, a process result, the
    /// budget's end (an error), or never (a deadlock, an error). A task that was `preempted`
    /// is ready to run: then it only gathers what has settled meanwhile, without waiting.
    fn wait(
        &mut self,
        pending: &[u32],
        preempted: bool,
        watcher: &mut dyn Watcher,
    ) -> Result<Vec<(u32, ExtFunctionResult)>, MontyException> {
        // Since when every thread and process has looked stuck.
        let mut stuck_since: Option<f64> = None;
        loop {
            self.flush(watcher, false);
            let seen = self.channels.wakeup.seen();
            self.collect_results();
            let now = self.now();
            let (due, later): (Vec<Timer>, Vec<Timer>) =
                std::mem::take(&mut self.timers).into_iter().partition(|t| t.due_ms <= now);
            self.timers = later;
            for timer in due {
                let answer = match timer.waits {
                    Waits::Sleep => MontyObject::none().into(),
                    Waits::Lock(lock) => {
                        self.locks[lock].waiters.retain(|w| *w != timer.call_id);
                        MontyObject::bool(false).into()
                    }
                    Waits::Queue => {
                        self.queue_waiters.retain(|(_, w)| *w != timer.call_id);
                        MontyException::new(ExcType::QueueEmpty, None).into()
                    }
                };
                self.settled.push((timer.call_id, answer));
            }
            let settled: Vec<_> = std::mem::take(&mut self.settled);
            let (ready, not_yet): (Vec<_>, Vec<_>) =
                settled.into_iter().partition(|(id, _)| pending.contains(id));
            self.settled = not_yet;
            if !ready.is_empty() || preempted {
                return Ok(ready);
            }
            if watcher.cancelled() {
                return Err(MontyException::new(ExcType::KeyboardInterrupt, Some(CANCELLED.into())));
            }
            if clock::now_ms() >= self.deadline_ms {
                return Err(self.out_of_time());
            }
            let next_timer = self.timers.iter().map(|t| t.due_ms).fold(f64::INFINITY, f64::min);
            // collect_results kept only the calls whose result may still come: one that came
            // since is gathered on the next turn. (Asking the pools again here would take it
            // out of its queue and lose it.) Something may still come while a worker process
            // holds a thread or has a job for the parent to run (the others are idle, or parked
            // in a queue's `get` that only a put can end); whatever came since `seen` is looked
            // at first.
            let pools_working =
                self.pools.iter().any(|pool| pool.may_progress()) || self.channels.wakeup.seen() != seen;
            let stuck = next_timer.is_infinite() && !pools_working;
            let stuck_for = if stuck {
                let now = clock::now_ms();
                now - *stuck_since.get_or_insert(now)
            } else {
                stuck_since = None;
                0.0
            };
            if stuck && stuck_for >= DEADLOCK_GRACE_MS {
                return Err(MontyException::new(
                    ExcType::RuntimeError,
                    Some(
                        "deadlock: every thread and process of the program is waiting (for a lock, a queue, a \
                         pipe, an event or a join) and nothing can wake one; CPython would hang here forever"
                            .into(),
                    ),
                ));
            }
            let wait_ms = if stuck { DEADLOCK_GRACE_MS - stuck_for } else { next_timer - self.now() };
            let wait = Duration::from_secs_f64(wait_ms.clamp(0.0, 20.0) / 1000.0);
            if processes::PARALLEL && (pools_working || stuck) {
                // A result or a queue's item, whichever comes first; during the grace, anything
                // that comes ends it at once.
                self.channels.wakeup.wait(seen, wait);
            } else if !pools_working {
                pause(wait, self.deadline_ms);
            } else {
                // The parent runs the workers' jobs itself: the first pool with one, the pools
                // `may_progress` found working (a parked worker resumed by a put may be in a pool
                // no thread of the parent waits on).
                let ran = self.pools.iter().any(|pool| pool.run_inline());
                if !ran {
                    pause(wait, self.deadline_ms);
                }
            }
        }
    }

    fn out_of_time(&self) -> MontyException {
        out_of_time(self.timeout)
    }

    /// Moves finished process calls to the `pool_next` calls waiting for them, and queues'
    /// items to the `get`s waiting for them.
    fn collect_results(&mut self) {
        let mut still = Vec::new();
        for (queue, call_id) in std::mem::take(&mut self.queue_waiters) {
            match self.channels.try_get(queue) {
                Ok(Some(item)) => {
                    self.timers.retain(|t| t.call_id != call_id);
                    self.settled.push((call_id, item.into()));
                }
                Ok(None) => still.push((queue, call_id)),
                Err(e) => {
                    self.timers.retain(|t| t.call_id != call_id);
                    self.settled.push((call_id, e.into()));
                }
            }
        }
        self.queue_waiters = still;
        let waiters = std::mem::take(&mut self.pool_waiters);
        for (pool, call_id) in waiters {
            match self.pools[pool].next_result() {
                Ok(Some(result)) => self.settled.push((call_id, result.into())),
                Ok(None) => self.settled.push((call_id, MontyObject::none().into())),
                Err(()) => self.pool_waiters.push((pool, call_id)),
            }
        }
    }

    /// Hands new output to the watcher, at most every 20 ms unless `now`.
    fn flush(&mut self, watcher: &mut dyn Watcher, now: bool) {
        let at = clock::now_ms();
        if now || at - self.last_flush_ms >= 20.0 {
            self.last_flush_ms = at;
            for (stream, text) in self.output.take_unsent() {
                watcher.output(stream, &text);
            }
        }
    }

    /// Ends the run: every pool's workers stop, the threads still running (daemons) end in the
    /// trace, the last output goes out.
    fn finish(&mut self, watcher: &mut dyn Watcher) {
        for pool in &self.pools {
            // A worker still running (a daemon's call, a child blocked after an error) would
            // hold its thread to the budget's end.
            pool.terminate();
        }
        let now = self.now();
        for (lane, (name, began, internal)) in self.lanes.iter().enumerate().skip(1) {
            if let (Some(began), false) = (began, *internal || name.starts_with("ThreadPoolExecutor-")) {
                let name = name.clone();
                self.trace.push(ProgramTrace {
                    lane,
                    kind: TraceKind::Thread,
                    name,
                    start_ms: *began,
                    end_ms: now,
                });
            }
        }
        self.flush(watcher, true);
    }

    fn error_of(&self, e: &MontyException) -> ProgramError {
        program_error(e, self.timeout, &self.source, PrintedBy::Excepthook)
    }

    /// Answers one call to a `_pg` function that monty suspended for: at once (a call the
    /// turn's callback declined only because it waits, or one that needs the suspended call
    /// itself), or when what it waits for comes.
    fn function_call(
        &mut self,
        call: ReplFunctionCall,
        watcher: &mut dyn Watcher,
    ) -> Result<ReplProgress, Box<ReplStartError>> {
        let answer: ExtFunctionResult = match self.reply(&call.function_name, &call.args) {
            Reply::Now(answer) => answer,
            Reply::Lock { lock, timeout } => {
                self.locks[lock].waiters.push(call.call_id);
                if let Some(seconds) = timeout {
                    let due_ms = self.now() + seconds * 1000.0;
                    self.timers.push(Timer { due_ms, call_id: call.call_id, waits: Waits::Lock(lock) });
                }
                return call.resume_blocking(PrintWriter::Callback(&mut self.turn(watcher)));
            }
            Reply::PoolResult(pool) => {
                self.pool_waiters.push((pool, call.call_id));
                return call.resume_blocking(PrintWriter::Callback(&mut self.turn(watcher)));
            }
            Reply::QueueItem { queue, timeout } => {
                self.queue_waiters.push((queue, call.call_id));
                if let Some(seconds) = timeout {
                    let due_ms = self.now() + seconds.max(0.0) * 1000.0;
                    self.timers.push(Timer { due_ms, call_id: call.call_id, waits: Waits::Queue });
                }
                return call.resume_blocking(PrintWriter::Callback(&mut self.turn(watcher)));
            }
            Reply::WithCall => match call.function_name.as_str() {
                "uncaught" => {
                    let report = uncaught_report(&call, self.timeout, &self.source);
                    self.output.write(Stream::Stderr, &report);
                    MontyObject::none().into()
                }
                "format_exc" => format_exc_report(&call, self.timeout, &self.source).into(),
                "pool_open" => return self.pool_open(call, watcher),
                "process_open" => return self.process_open(call, watcher),
                other => unbound_call(other),
            },
        };
        call.resume(answer, PrintWriter::Callback(&mut self.turn(watcher)))
    }

    /// How `_pg.name(args)` is answered: here and now, where that needs no waiting (the calls
    /// the turn's callback answers without a suspension, [`Turn`]), else what it waits for.
    fn reply(&mut self, name: &str, args: &CallArgs) -> Reply {
        let int = |i: usize| args.arg(i).and_then(|o| o.as_int());
        let text = |i: usize| args.arg(i).and_then(|o| o.as_str().map(str::to_string)).unwrap_or_default();
        let number = |i: usize| args.arg(i).and_then(|o| o.as_float().or(o.as_int().map(|n| n as f64)));
        let lock_arg = |locks: &[LockState]| numbered(args).filter(|k| *k < locks.len());
        let answer: ExtFunctionResult = match name {
            "lock_new" => {
                self.locks.push(LockState::default());
                MontyObject::int((self.locks.len() - 1) as i64).into()
            }
            "acquire" => {
                let Some(lock) = lock_arg(&self.locks) else {
                    return Reply::Now(process_error("unknown lock").into());
                };
                let blocking = args.arg(1).and_then(|o| o.as_bool()).unwrap_or(true);
                let timeout = number(2).unwrap_or(-1.0);
                if !self.locks[lock].held {
                    self.locks[lock].held = true;
                    MontyObject::bool(true).into()
                } else if !blocking || timeout == 0.0 {
                    MontyObject::bool(false).into()
                } else {
                    return Reply::Lock { lock, timeout: (timeout > 0.0).then_some(timeout) };
                }
            }
            "release" => {
                let Some(lock) = lock_arg(&self.locks) else {
                    return Reply::Now(process_error("unknown lock").into());
                };
                if !self.locks[lock].held {
                    MontyException::new(ExcType::RuntimeError, Some("release unlocked lock".into())).into()
                } else {
                    if self.locks[lock].waiters.is_empty() {
                        self.locks[lock].held = false;
                    } else {
                        // The lock passes straight to the first waiter, which wakes holding it.
                        let next = self.locks[lock].waiters.remove(0);
                        self.timers.retain(|t| t.call_id != next);
                        self.settled.push((next, MontyObject::bool(true).into()));
                    }
                    MontyObject::none().into()
                }
            }
            "locked" => {
                let held = numbered(args).and_then(|k| self.locks.get(k)).is_some_and(|l| l.held);
                MontyObject::bool(held).into()
            }
            "thread_begin" => {
                let internal = args.arg(1).and_then(|o| o.as_bool()).unwrap_or(false);
                if !internal {
                    if self.live_threads >= MAX_THREADS {
                        return Reply::Now(
                            MontyException::new(
                                ExcType::RuntimeError,
                                Some(format!("can't start new thread: the playground runs at most {MAX_THREADS} threads at once")),
                            )
                            .into(),
                        );
                    }
                    self.live_threads += 1;
                }
                let name = text(0);
                self.lane_of.insert(name.clone(), self.lanes.len());
                self.lanes.push((name, None, internal));
                MontyObject::int((self.lanes.len() - 1) as i64).into()
            }
            "thread_run" => {
                let now = self.now();
                if let Some(lane) = numbered(args).and_then(|k| self.lanes.get_mut(k)) {
                    lane.1 = Some(now);
                }
                MontyObject::none().into()
            }
            "thread_end" => {
                let now = self.now();
                if let Some(index) = numbered(args).filter(|k| *k < self.lanes.len()) {
                    let (name, began, internal) = self.lanes[index].clone();
                    // Ended: `finish` draws the threads still alive at the end (daemons).
                    self.lanes[index].1 = None;
                    if !internal {
                        self.live_threads = self.live_threads.saturating_sub(1);
                        // A pool's worker thread shows its calls, not its whole life.
                        if !self.open_calls.iter().any(|(lane, _)| *lane == index)
                            && !name.starts_with("ThreadPoolExecutor-")
                        {
                            self.trace.push(ProgramTrace {
                                lane: index,
                                kind: TraceKind::Thread,
                                name,
                                start_ms: began.unwrap_or(now),
                                end_ms: now,
                            });
                        }
                    }
                }
                MontyObject::none().into()
            }
            "call_begin" => {
                let lane = self.lane_of.get(&text(0)).copied().unwrap_or(0);
                let now = self.now();
                self.open_calls.push((lane, now));
                MontyObject::int(lane as i64).into()
            }
            "call_end" => {
                let lane = numbered(args).unwrap_or(0);
                if let Some(at) = self.open_calls.iter().position(|(l, _)| *l == lane) {
                    let (_, began) = self.open_calls.remove(at);
                    let name = self.lanes.get(lane).map(|l| l.0.clone()).unwrap_or_default();
                    let now = self.now();
                    self.trace.push(ProgramTrace {
                        lane,
                        kind: TraceKind::Thread,
                        name,
                        start_ms: began,
                        end_ms: now,
                    });
                }
                MontyObject::none().into()
            }
            "stderr" => {
                self.output.write(Stream::Stderr, &text(0));
                MontyObject::none().into()
            }
            "fetch" => fetch(&text(0)),
            "exit_code" => exit_code_call(args, &self.output).into(),
            "process_number" => {
                // The next process's number, and the pid it will have.
                self.next_process += 1;
                let number = (self.next_process - 1) as i64;
                MontyObject::tuple([MontyObject::int(number), MontyObject::int(MAIN_PID + number)]).into()
            }
            "pool_submit" => {
                let Some(pool) = self.pool_arg(args) else {
                    return Reply::Now(process_error("unknown pool").into());
                };
                let job = MontyObject::tuple(
                    (1..5).map(|i| args.arg(i).map_or_else(MontyObject::none, |o| o.to_owned())),
                );
                match pool.submit(job) {
                    Ok(number) => MontyObject::int(i64::from(number)).into(),
                    Err(e) => e.into(),
                }
            }
            "pool_submit_chunks" => {
                // Executor.map's and Pool.map's chunks in one call: their numbers, and the
                // error that stopped the handing over at a chunk the processes cannot take
                // (None when all were taken), as one pool_submit per chunk would have it.
                let Some(pool) = self.pool_arg(args) else {
                    return Reply::Now(process_error("unknown pool").into());
                };
                let name = args.arg(1).map_or_else(MontyObject::none, |o| o.to_owned());
                let chunks = args.arg(2).and_then(|o| o.items()).unwrap_or_default();
                let mut numbers = Vec::with_capacity(chunks.len());
                let mut error = MontyObject::none();
                for chunk in chunks {
                    let job = MontyObject::tuple([
                        MontyObject::string("chunk"),
                        name.clone(),
                        chunk.to_owned(),
                        MontyObject::dict([]),
                    ]);
                    match pool.submit(job) {
                        Ok(number) => numbers.push(MontyObject::int(i64::from(number))),
                        Err(e) => {
                            error = processes::exception_object(&e);
                            break;
                        }
                    }
                }
                MontyObject::tuple([MontyObject::list(numbers), error]).into()
            }
            "pool_next" => {
                let Some(index) = numbered(args).filter(|k| *k < self.pools.len()) else {
                    return Reply::Now(process_error("unknown pool").into());
                };
                match self.pools[index].next_result() {
                    Ok(Some(result)) => result.into(),
                    Ok(None) => MontyObject::none().into(),
                    Err(()) => return Reply::PoolResult(index),
                }
            }
            "pool_cancel" => {
                let cancelled = match (self.pool_arg(args), int(1)) {
                    (Some(pool), Some(number)) => u32::try_from(number).is_ok_and(|n| pool.cancel(n)),
                    _ => false,
                };
                MontyObject::bool(cancelled).into()
            }
            "pool_close" => {
                if let Some(pool) = self.pool_arg(args) {
                    pool.close(args.arg(1).and_then(|o| o.as_bool()).unwrap_or(false));
                }
                MontyObject::none().into()
            }
            "pool_terminate" => {
                MontyObject::bool(self.pool_arg(args).is_some_and(|pool| pool.terminate())).into()
            }
            "mpq_new" | "mpq_put" | "mpq_size" | "mpq_remove" | "mpq_get" => {
                return self.queue_reply(name, args)
            }
            _ => match self.channels.managers.answer_now(name, args, self.timeout) {
                Some(Ok(value)) => value.into(),
                Some(Err(e)) => e.into(),
                None => return Reply::WithCall,
            },
        };
        Reply::Now(answer)
    }

    /// A call on a `multiprocessing.Queue`: `put`, `qsize`, and `get`, which waits as a lock's
    /// acquire does (the item, when a put brings one, or `queue.Empty` at its timeout).
    fn queue_reply(&mut self, name: &str, args: &CallArgs) -> Reply {
        let answer = match self.channels.answer_now(name, args) {
            Some(answer) => answer,
            None => {
                match channels::queue_of(args).and_then(|queue| Ok((queue, self.channels.try_get(queue)?))) {
                    Ok((_, Some(item))) => Ok(item),
                    Ok((queue, None)) => {
                        let (block, timeout) = channels::get_args(args);
                        if !block {
                            Err(MontyException::new(ExcType::QueueEmpty, None))
                        } else {
                            return Reply::QueueItem { queue, timeout };
                        }
                    }
                    Err(e) => Err(e),
                }
            }
        };
        Reply::Now(match answer {
            Ok(value) => value.into(),
            Err(e) => e.into(),
        })
    }

    /// What an OS call offered to the turn's callback is answered with (see [`Turn`]): the
    /// clock and the pids at once; a sleep where the interpreter cannot suspend for it (in a
    /// function that a built-in calls back) by blocking this thread, when no other thread of
    /// the program could have run meanwhile, as none would in CPython. Else `None`: a sleep
    /// waits in [`Host::drive`], where the other threads run.
    fn os_reply(
        &mut self,
        call: &OsFunctionCall,
        can_suspend: bool,
        watcher: &mut dyn Watcher,
    ) -> Option<ExtFunctionResult> {
        match call {
            OsFunctionCall::Sleep(duration) | OsFunctionCall::SystemSleep(duration) => {
                if can_suspend || self.live_threads > 0 {
                    return None;
                }
                // What it printed before shows while it sleeps.
                self.flush(watcher, true);
                pause(*duration, self.deadline_ms);
                Some(MontyObject::none().into())
            }
            OsFunctionCall::AsyncSleep(_) | OsFunctionCall::AsyncSystemSleep(_) => None,
            other => Some(answer_os(other)),
        }
    }

    fn pool_arg(&self, args: &CallArgs) -> Option<Arc<Pool>> {
        self.pools.get(numbered(args)?).cloned()
    }

    /// The callback for a turn of the parent interpreter: its output, and the calls answered
    /// without a suspension.
    fn turn<'a>(&'a mut self, watcher: &'a mut dyn Watcher) -> Turn<ParentHost<'a>> {
        let printer = self.output.printer();
        Turn::new(ParentHost::new(self, watcher), printer)
    }

    /// `_pg.pool_open(workers, kind)`: a pool of `workers` processes named `{kind}-{n}`, each
    /// taking the next process number.
    fn pool_open(
        &mut self,
        call: ReplFunctionCall,
        watcher: &mut dyn Watcher,
    ) -> Result<ReplProgress, Box<ReplStartError>> {
        let workers =
            call.args.arg(0).and_then(|o| o.as_int()).unwrap_or(1).clamp(1, MAX_THREADS as i64) as usize;
        let kind = call.args.arg(1).and_then(|o| o.as_str().map(str::to_string)).unwrap_or_default();
        let numbers: Vec<usize> = (self.next_process..self.next_process + workers).collect();
        self.next_process += workers;
        let processes = numbers.into_iter().map(|n| (format!("{kind}-{n}"), MAIN_PID + n as i64)).collect();
        self.fork(call, processes, watcher)
    }

    /// `_pg.process_open(name, number)`: a `multiprocessing.Process`, a pool of one process
    /// that took its number (`_pg.process_number()`) when it was made, as CPython's does.
    fn process_open(
        &mut self,
        call: ReplFunctionCall,
        watcher: &mut dyn Watcher,
    ) -> Result<ReplProgress, Box<ReplStartError>> {
        let name = call.args.arg(0).and_then(|o| o.as_str().map(str::to_string)).unwrap_or_default();
        let number = call.args.arg(1).and_then(|o| o.as_int()).unwrap_or(0);
        self.fork(call, vec![(name, MAIN_PID + number)], watcher)
    }

    /// Forks: dumps the interpreter where it waits in `call` (`pool_open` or `process_open`),
    /// for each of `processes` (name, pid) to load; answers the parent with `('parent',
    /// handle, pids)` (a child's answer is `('child', name, pid)`).
    fn fork(
        &mut self,
        call: ReplFunctionCall,
        processes: Vec<(String, i64)>,
        watcher: &mut dyn Watcher,
    ) -> Result<ReplProgress, Box<ReplStartError>> {
        let progress = ReplProgress::FunctionCall(call);
        let dumped = dump(FILE_NAME, None, &[], SessionRef::Suspended(&progress));
        let Some(call) = progress.into_function_call() else {
            unreachable!("the progress was made from a function call just above");
        };
        let dumped = match dumped {
            Ok(bytes) => bytes,
            Err(e) => {
                let error = process_error(&format!("the process pool could not start: {e:?}"));
                return call.resume(error, PrintWriter::Callback(&mut self.turn(watcher)));
            }
        };
        let pids: Vec<i64> = processes.iter().map(|(_, pid)| *pid).collect();
        let lanes: Vec<usize> = processes
            .iter()
            .map(|(name, _)| {
                self.lanes.push((name.clone(), None, true));
                self.lanes.len() - 1
            })
            .collect();
        let answer = MontyObject::tuple([
            MontyObject::string("parent"),
            MontyObject::int(self.pools.len() as i64),
            MontyObject::list(pids.iter().map(|pid| MontyObject::int(*pid))),
        ]);
        let shared = processes::Shared {
            source: Arc::clone(&self.source),
            output: self.output.clone(),
            channels: Arc::clone(&self.channels),
            began_ms: self.began_ms,
            deadline_ms: self.deadline_ms,
        };
        let pool = Pool::new(shared, dumped, processes, lanes);
        pool.start();
        self.pools.push(pool);
        call.resume(answer, PrintWriter::Callback(&mut self.turn(watcher)))
    }
}

/// Ends a suspended snippet with `stop`, which no `except` catches.
fn abort(
    step: ReplProgress,
    stop: MontyException,
    print: PrintWriter<'_>,
) -> Result<ReplProgress, Box<ReplStartError>> {
    match step {
        ReplProgress::FunctionCall(call) => call.abort(stop, print),
        ReplProgress::OsCall(call) => call.abort(stop, print),
        ReplProgress::ResolveFutures(waiting) => waiting.abort(stop, print),
        ReplProgress::NameLookup(lookup) => lookup.abort(stop, print),
        ReplProgress::Complete { repl, value } => Ok(ReplProgress::Complete { repl, value }),
    }
}

/// A program that does not parse, as CPython shows it ([`syntax_error`]); None for any other
/// error.
fn parse_error(code: &str, e: &MontyException) -> Option<ProgramError> {
    let (pointed, mut traceback) = syntax_error::parse_failure(code, e, PROGRAM_SNIPPET, FILE_NAME)?;
    traceback.push('\n');
    Some(ProgramError {
        type_name: pointed.type_name.to_string(),
        message: pointed.message,
        traceback,
        line: Some(pointed.line),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monty_s_refusals_read_in_the_program_s_terms() {
        let refused = |message: &str| {
            let e = MontyException::new(ExcType::NotImplementedError, Some(message.to_string()));
            explained(e).message().unwrap_or_default().to_string()
        };
        assert!(refused("external function 'acquire' cannot suspend in this synchronous context")
            .starts_with("this waits (for a lock, a sleep, a queue or a future's result)"));
        assert_eq!(refused("something else"), "something else");
        let other = MontyException::new(
            ExcType::ValueError,
            Some("cannot suspend in this synchronous context".into()),
        );
        assert_eq!(explained(other).exc_type(), ExcType::ValueError);
    }

    #[test]
    fn monty_s_own_time_limit_reads_as_the_program_s_budget() {
        let limit =
            MontyException::new(ExcType::TimeoutError, Some("feed time limit exceeded: 2s > 1s".into()));
        let budget = Duration::from_millis(1500);
        assert_eq!(in_budget_terms(limit, budget).message(), out_of_time(budget).message());
        let own = MontyException::new(ExcType::TimeoutError, Some("too slow".into()));
        assert_eq!(in_budget_terms(own, budget).message(), Some("too slow"));
    }
}
