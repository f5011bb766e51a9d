//! # map-playground
//!
//! Python's classic concurrency lesson, `Pool.map(worker, items)`, made runnable in a browser.
//! A *map workload* applies one function to every item of an input list; an *executor* decides
//! how: one after another, interleaved on one thread, or spread over a rayon pool of Web Workers.
//!
//! A tour of the crate, in the order a run flows through it. Layers run one way: each module
//! uses only those listed before it.
//!
//! - [`value`] holds values as Python sees them and prints them exactly as CPython's `print`
//!   does; [`error`] the run-level errors, as typed values; [`clock`] the one clock of every
//!   Worker;
//! - [`input`] turns the text a person typed (`[1, 2, 3]`, `range(10)`, …) into validated
//!   [`Value`]s, or a [`Error`] that points at the column that is wrong;
//! - [`kernels`] are the CPU-bound work, plain Rust ports of the Python reference
//!   (`python/workloads.py`), and `host` the I/O (`sleep_ms`, `fetch_len`);
//! - `custom` (feature `python`) runs a person's own `worker` function, written in Python, in
//!   the monty interpreter's sandbox, and `memory` is the allocator, which gives each pool
//!   thread a heap of its own and counts the bytes the budget is checked against;
//!   `syntax_error` shows code that does not parse as CPython shows it, and `traceback` an
//!   exception's traceback as CPython 3.11 lays it out;
//! - [`workload`] names the functions that can be mapped and applies one to one item, failing
//!   per item as Python raises ([`PyException`]);
//! - [`executor`] runs a [`Job`] on the chosen executor, one [`ItemOutcome`] per item, and
//!   records who ran each item and when;
//! - [`columns`] holds items in the shape that crosses to JavaScript cheaply, and [`report`]
//!   gathers a run's outcomes into what the page shows, by one rule for every executor;
//! - `program` (feature `python`) runs a whole Python program as a tutorial writes it, with
//!   `threading`, `queue`, `concurrent.futures` and `multiprocessing`: threads take turns in
//!   one interpreter, worker processes are copies of it on the rayon pool;
//! - [`options`] turns the page's run options into a checked [`options::Plan`] (every default
//!   and limit is there) and lists them in the [`options::Catalog`] the page builds its form
//!   from;
//! - `web` (wasm only) is the thin layer the JavaScript Workers call: it only converts values.
//!
//! Nothing here panics on bad input: errors are typed values, and only the edge turns them into
//! messages. In the threaded wasm build a panic would abort the whole instance and its pool.
#![deny(missing_docs)]

pub mod clock;
pub mod columns;
#[cfg(feature = "python")]
pub mod custom;
pub mod error;
pub mod executor;
mod host;
pub mod input;
pub mod kernels;
#[cfg(feature = "python")]
mod memory;
pub mod options;
#[cfg(feature = "python")]
pub mod program;
pub mod report;
#[cfg(feature = "python")]
pub mod syntax_error;
#[cfg(feature = "python")]
mod traceback;
pub mod value;
pub mod workload;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use error::{Error, ErrorKind};
pub use executor::{Executor, ItemOutcome, Job};
pub use report::{Order, Report};
pub use value::{PyException, Value};
pub use workload::{MapFunction, Workload};
