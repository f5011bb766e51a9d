//! The thin layer the JavaScript compute Worker calls: options in, progress and a report out.
//!
//! No logic lives here: it converts between JavaScript values and the crate's types, keeps the
//! control of the run in flight so that `cancel()` and `poolBroken()` can reach it, and turns a
//! typed [`Error`] into a JavaScript `Error` whose `name` is the error's name, with the parse
//! position attached for the page's caret display.

use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::error::{Error, ErrorKind};
use crate::executor::{self, Control, Executor, Job, Scheduling, Stop};
use crate::report::{ItemReport, Order, Report, TraceEntry};
use crate::workload::CUSTOM;
use crate::{clock, host, input, Workload};

/// `initThreadPool(n)`: starts the rayon pool on `n` Web Workers (threaded build only).
#[cfg(feature = "threads")]
pub use wasm_bindgen_rayon::init_thread_pool;

/// A chunk size as the page API takes it: a number or `'auto'`.
#[derive(Deserialize)]
#[serde(untagged)]
enum ChunkOption {
    Size(usize),
    Named(String),
}

/// The options of `window.playground.run()`, as the compute Worker passes them on.
#[derive(Deserialize)]
struct RunOptions {
    workload: String,
    items: String,
    executor: String,
    workers: usize,
    #[serde(default)]
    chunksize: Option<ChunkOption>,
    #[serde(default)]
    scheduling: Option<String>,
    #[serde(default)]
    order: Option<String>,
    #[serde(default)]
    timeout_ms: Option<f64>,
    #[serde(default)]
    trace: Option<bool>,
    /// Keep `mandelbrot_row`'s pixels for the page's picture.
    #[serde(default)]
    picture: Option<bool>,
    /// For the workload `custom`: Python code that defines `worker`.
    #[serde(default)]
    code: Option<String>,
    /// The page's address: relative `fetch_len` URLs are resolved against it.
    #[serde(default)]
    base_url: Option<String>,
}

/// What one progress tick tells the page.
#[derive(Serialize)]
struct Progress {
    done: usize,
    total: usize,
    items: Vec<ItemReport>,
    trace: Vec<TraceEntry>,
}

/// What `run` resolves to.
#[derive(Serialize)]
struct RunResult {
    report: Report,
    /// Pool items were still running when the run ended: the pool must be replaced.
    abandoned: bool,
}

/// The control of the run in flight, for [`cancel`] and [`pool_broken`].
static CURRENT: Mutex<Option<Arc<Control>>> = Mutex::new(None);

fn to_json<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    serde_json::to_string(value)
        .map(JsValue::from)
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}

fn to_js_value<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}

/// Whether this build has the rayon pool (the threaded build) or not (the single-threaded one).
#[wasm_bindgen(js_name = hasThreads)]
pub fn has_threads() -> bool {
    cfg!(feature = "threads")
}

/// The workload catalog, for the page's "Workload" select: `[{name, arg, cpu_bound, description}]`,
/// the built-ins and then `custom`.
#[wasm_bindgen]
pub fn workloads() -> Result<JsValue, JsValue> {
    let entries: Vec<_> =
        Workload::ALL.iter().map(|w| w.entry()).chain([crate::workload::CatalogEntry::custom()]).collect();
    to_js_value(&entries)
}

/// Asks the run in flight to stop: items not started are cancelled.
#[wasm_bindgen]
pub fn cancel() {
    stop_current(Stop::Cancelled);
}

/// Tells the run in flight that a pool Worker died: it ends with `BrokenPool`.
#[wasm_bindgen(js_name = poolBroken)]
pub fn pool_broken() {
    stop_current(Stop::Broken);
}

fn stop_current(why: Stop) {
    if let Some(control) = CURRENT.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
        control.stop(why);
    }
}

/// Parses and checks the options without running: `{items: [repr, …], chunksize}`, for the
/// message-passing executor, which hands the items to its own Workers.
///
/// # Errors
/// As [`run`], for input and options.
#[wasm_bindgen]
pub fn prepare(options: JsValue) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Prepared {
        items: Vec<String>,
        chunksize: usize,
    }
    let options: RunOptions = serde_wasm_bindgen::from_value(options)
        .map_err(|e| to_js(&Error::option(format!("bad run options: {e}"))))?;
    let (job, _) = job_of(&options).map_err(|e| to_js(&e))?;
    to_js_value(&Prepared {
        items: job.items.iter().map(crate::Value::repr).collect(),
        chunksize: job.chunksize(),
    })
}

/// Parses the input, runs it on the chosen executor, calls `on_progress` with the JSON of
/// `{done, total, items, trace}` as items finish, and resolves to the JSON of
/// `{report, abandoned}`. JSON text, parsed by the engine's native `JSON.parse`, crosses the
/// boundary many times faster than an object built field by field, and reports are large.
///
/// # Errors
/// A JavaScript `Error` named for the run-level error: `SyntaxError` (and the other parse
/// exceptions) with `line`, `column` and `display`, `InputError`, `OptionError`,
/// `PoolUnavailable`, `BrokenPool`.
#[wasm_bindgen]
pub async fn run(options: JsValue, on_progress: Option<js_sys::Function>) -> Result<JsValue, JsValue> {
    let began = clock::now_ms();
    let options: RunOptions = serde_wasm_bindgen::from_value(options)
        .map_err(|e| to_js(&Error::option(format!("bad run options: {e}"))))?;
    if let Some(base) = &options.base_url {
        host::set_base_url(base);
    }
    let executor = Executor::from_name(&options.executor).map_err(|e| to_js(&e))?;
    let (job, order) = job_of(&options).map_err(|e| to_js(&e))?;
    let job = Arc::new(job);
    let control = Arc::new(Control::new(options.timeout_ms.map(|t| began + t)));
    *CURRENT.lock().unwrap_or_else(|p| p.into_inner()) = Some(Arc::clone(&control));
    let total = job.items.len();
    let on_tick = |fresh: &[crate::ItemOutcome], done: usize| {
        let Some(callback) = &on_progress else { return };
        let progress = Progress {
            done,
            total,
            items: fresh
                .iter()
                .map(|o| ItemReport { pixels: o.pixels.clone(), ..ItemReport::finished(&job, o) })
                .collect(),
            trace: fresh.iter().filter_map(|o| TraceEntry::of(o, began)).collect(),
        };
        if let Ok(json) = serde_json::to_string(&progress) {
            // A throwing progress callback must not end the run.
            let _ = callback.call1(&JsValue::NULL, &json.into());
        }
    };
    let finished = executor::run(executor, Arc::clone(&job), control, on_tick).await;
    *CURRENT.lock().unwrap_or_else(|p| p.into_inner()) = None;
    let finished = finished.map_err(|e| to_js(&e))?;
    let wall_ms = clock::now_ms() - began;
    let mut report = Report::new(&job, executor, order, &finished, began, wall_ms);
    report.memory_bytes = Some(core::arch::wasm32::memory_size(0) * 65536);
    to_json(&RunResult { report, abandoned: finished.abandoned })
}

/// The job and result order the options describe; the executor is the caller's to check.
fn job_of(options: &RunOptions) -> Result<(Job, Order), Error> {
    let order = Order::from_name(options.order.as_deref().unwrap_or("ordered"))?;
    let chunksize = match &options.chunksize {
        None => None,
        Some(ChunkOption::Named(name)) if name == "auto" => None,
        Some(ChunkOption::Named(name)) => {
            return Err(Error::option(format!("chunksize must be a number or 'auto', got {name:?}")))
        }
        Some(ChunkOption::Size(n)) => Some(*n),
    };
    if let Some(t) = options.timeout_ms {
        if !(t.is_finite() && t > 0.0) {
            return Err(Error::option(format!("timeout_ms must be a positive number of ms, got {t}")));
        }
    }
    let items = input::parse(&options.items)?;
    let job = if options.workload == CUSTOM {
        custom_job(options.code.as_deref().unwrap_or_default(), items, options.workers)?
    } else {
        Job::new(Workload::from_name(&options.workload)?, items, options.workers)?
    };
    let mut job = job.with_chunksize(chunksize)?;
    job.scheduling = Scheduling::from_name(options.scheduling.as_deref().unwrap_or("queue"))?;
    job.trace = options.trace.unwrap_or(true);
    job.picture = options.picture.unwrap_or(false);
    Ok((job, order))
}

#[cfg(feature = "python")]
fn custom_job(code: &str, items: Vec<crate::Value>, workers: usize) -> Result<Job, Error> {
    Job::custom(crate::custom::CustomWorker::compile(code)?, items, workers)
}

#[cfg(not(feature = "python"))]
fn custom_job(_: &str, _: Vec<crate::Value>, _: usize) -> Result<Job, Error> {
    Err(Error::option("this build has no Python engine; custom workers run on the pkg-py builds"))
}

fn to_js(error: &Error) -> JsValue {
    let js = js_sys::Error::new(&error.message());
    js.set_name(error.name());
    let set = |key: &str, value: JsValue| js_sys::Reflect::set(&js, &key.into(), &value);
    // Setting a property on a fresh Error object cannot fail.
    match error.kind() {
        ErrorKind::Parse { message, line, column, .. } => {
            let _ = set("line", (*line as u32).into());
            let _ = set("column", (*column as u32).into());
            let _ = set("detail", message.as_str().into());
            let _ = set("display", error.to_string().into());
        }
        ErrorKind::Code { message, line, display, .. } => {
            let _ = set("source", "code".into());
            let _ = set("detail", message.as_str().into());
            if let Some(line) = line {
                let _ = set("line", (*line as u32).into());
            }
            if !display.is_empty() {
                let _ = set("display", display.as_str().into());
            }
        }
        ErrorKind::BrokenPool { lost } => {
            let _ =
                set("lost", lost.iter().map(|&i| JsValue::from(i as u32)).collect::<js_sys::Array>().into());
        }
        _ => {}
    }
    js.into()
}
