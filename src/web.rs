//! The thin layer the JavaScript compute Worker calls: options in, a report out.
//!
//! No logic lives here: it converts between JavaScript values and the crate's types, and turns
//! a typed [`Error`] into a JavaScript `Error` whose `name` is the error's name, with the
//! parse position attached for the page's caret display.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::error::{Error, ErrorKind};
use crate::executor::{self, Executor, Job};
use crate::report::Report;
use crate::{clock, host, input, Workload};

/// `initThreadPool(n)`: starts the rayon pool on `n` Web Workers (threaded build only).
#[cfg(feature = "threads")]
pub use wasm_bindgen_rayon::init_thread_pool;

/// The options of `window.playground.run()`, as the compute Worker passes them on.
#[derive(Deserialize)]
struct RunOptions {
    workload: String,
    items: String,
    executor: String,
    workers: usize,
    /// The page's address: relative `fetch_len` URLs are resolved against it.
    #[serde(default)]
    base_url: Option<String>,
}

/// Whether this build has the rayon pool (the threaded build) or not (the single-threaded one).
#[wasm_bindgen(js_name = hasThreads)]
pub fn has_threads() -> bool {
    cfg!(feature = "threads")
}

/// The workload catalog, for the page's "Workload" select: `[{name, arg, cpu_bound, description}]`.
#[wasm_bindgen]
pub fn workloads() -> Result<JsValue, JsValue> {
    let entries: Vec<_> = Workload::ALL.iter().map(|w| w.entry()).collect();
    entries
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}

/// Parses the input, runs it on the chosen executor, and returns the report.
///
/// # Errors
/// A JavaScript `Error` named for the run-level error: `SyntaxError` (and the other parse
/// exceptions) with `line`, `column` and `display`, `InputError`, `OptionError`,
/// `PoolUnavailable`.
#[wasm_bindgen]
pub async fn run(options: JsValue) -> Result<JsValue, JsValue> {
    let options: RunOptions = serde_wasm_bindgen::from_value(options)
        .map_err(|e| to_js(&Error::option(format!("bad run options: {e}"))))?;
    let report = run_options(options).await.map_err(|e| to_js(&e))?;
    report
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}

async fn run_options(options: RunOptions) -> Result<Report, Error> {
    if let Some(base) = &options.base_url {
        host::set_base_url(base);
    }
    let workload = Workload::from_name(&options.workload)?;
    let executor = Executor::from_name(&options.executor)?;
    let job = Job::new(workload, input::parse(&options.items)?, options.workers)?;
    let began = clock::now_ms();
    let outcomes = executor::run(executor, &job).await?;
    let wall_ms = clock::now_ms() - began;
    Ok(Report::new(&job, executor, &outcomes, began, wall_ms))
}

fn to_js(error: &Error) -> JsValue {
    let js = js_sys::Error::new(&error.message());
    js.set_name(error.name());
    if let ErrorKind::Parse { message, line, column, .. } = error.kind() {
        let set = |key: &str, value: JsValue| js_sys::Reflect::set(&js, &key.into(), &value);
        // Setting a property on a fresh Error object cannot fail.
        let _ = set("line", (*line as u32).into());
        let _ = set("column", (*column as u32).into());
        let _ = set("detail", message.as_str().into());
        let _ = set("display", error.to_string().into());
    }
    js.into()
}
