//! # map-playground
//!
//! Python's classic concurrency lesson, `Pool.map(worker, items)`, made runnable in a browser.
//! A *map workload* applies one function to every item of an input list; an *executor* decides
//! how: one after another, interleaved on one thread, or spread over a rayon pool of Web Workers.
//!
//! A tour of the crate, in the order a run flows through it:
//!
//! - [`input`] turns the text a person typed (`[1, 2, 3]`, `range(10)`, …) into validated
//!   [`Value`]s, or a [`Error`] that points at the column that is wrong;
//! - [`workload`] names the functions that can be mapped and applies one to one item, failing
//!   per item as Python raises ([`PyException`]); the CPU-bound work itself is in [`kernels`],
//!   plain Rust ports of the Python reference, and the I/O (`sleep_ms`, `fetch_len`) in `host`;
//! - `custom` (feature `python`) runs a person's own `worker` function, written in Python, in
//!   the monty interpreter's sandbox, and `memory` counts the bytes its budget is checked against;
//! - [`executor`] runs a [`Job`] on the chosen executor and records who ran each item and when;
//! - [`value`] prints values and whole result lists exactly as CPython's `print` does;
//! - [`report`] gathers the outcome of a run into what the page shows, and [`columns`] holds
//!   its items in the shape that crosses to JavaScript cheaply;
//! - `web` (wasm only) is the thin layer the JavaScript compute Worker calls.
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
pub mod report;
pub mod value;
pub mod workload;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use error::{Error, ErrorKind};
pub use executor::{Executor, Job};
pub use report::{ItemOutcome, Order, Report};
pub use value::{PyException, Value};
pub use workload::{Worker, Workload};
