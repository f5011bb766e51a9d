//! The thin layer the JavaScript compute Worker calls: options in, progress and a report out.
//!
//! No logic lives here: it converts between JavaScript values and the crate's types, keeps the
//! control of the run in flight so that `cancel()` and `poolBroken()` can reach it, and turns a
//! typed [`Error`] into a JavaScript `Error` whose `name` is the error's name, with the parse
//! position attached for the page's caret display.

use std::sync::{Arc, Mutex};

use js_sys::{Float64Array, Object, Uint32Array, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::columns::{ItemColumns, PrintedList};
use crate::error::{Error, ErrorKind};
use crate::executor::{self, Control, Executor, Job, Scheduling, Stop};
use crate::report::{Order, Report, TraceEntry};
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

/// The control of the run in flight, for [`cancel`] and [`pool_broken`].
static CURRENT: Mutex<Option<Arc<Control>>> = Mutex::new(None);

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

/// Parses and checks the options without running: `{inputs, inputEnds, chunksize}`, the
/// items as Python prints their list with each element's end (as [`list_to_js`] gives
/// them), for the message-passing executor, which hands chunks of that text to its own Workers.
///
/// # Errors
/// As [`run`], for input and options.
#[wasm_bindgen]
pub fn prepare(options: JsValue) -> Result<JsValue, JsValue> {
    let options: RunOptions = serde_wasm_bindgen::from_value(options)
        .map_err(|e| to_js(&Error::option(format!("bad run options: {e}"))))?;
    let (job, _) = job_of(&options).map_err(|e| to_js(&e))?;
    let mut inputs = PrintedList::with_capacity(job.items.len());
    for item in &job.items {
        inputs.push(|out| item.write_repr(out));
    }
    let (inputs, input_ends) = list_to_js(&inputs.finish());
    Ok(object(&[
        ("inputs", inputs),
        ("inputEnds", input_ends),
        ("chunksize", (job.chunksize() as u32).into()),
    ]))
}

/// Parses the input, runs it on the chosen executor, and resolves to
/// `{report, results, trace, abandoned}`: the report's other fields, its items and its trace as
/// columns (see [`crate::columns`]; `www/columns.js` reads them), and whether pool items were
/// still running when it ended (the pool must then be replaced). With `on_progress`, the run is
/// watched: it is called at once and then every tick with `{done, total, items, trace}`, the
/// items finished since the last call, as columns.
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
    let mut on_tick = |fresh: &[crate::ItemOutcome], done: usize| {
        let Some(callback) = &on_progress else { return };
        let mut items = ItemColumns::with_capacity(fresh.len());
        for o in fresh {
            items.push(o.index, Some(o.lane), &job.items[o.index], o.result.as_ref(), o.pixels.as_deref());
        }
        let trace: Vec<TraceEntry> = fresh.iter().filter_map(|o| TraceEntry::of(o, began)).collect();
        let progress = object(&[
            ("done", (done as u32).into()),
            ("total", (total as u32).into()),
            ("items", items_to_js(&items.finish())),
            ("trace", trace_to_js(&trace)),
        ]);
        // A throwing progress callback must not end the run.
        let _ = callback.call1(&JsValue::NULL, &progress);
    };
    let watch = on_progress.is_some().then_some(&mut on_tick as executor::OnTick);
    let finished = executor::run(executor, Arc::clone(&job), control, watch).await;
    *CURRENT.lock().unwrap_or_else(|p| p.into_inner()) = None;
    let finished = finished.map_err(|e| to_js(&e))?;
    let wall_ms = clock::now_ms() - began;
    let mut report = Report::new(&job, executor, order, &finished, began, wall_ms);
    report.memory_bytes = Some(core::arch::wasm32::memory_size(0) * 65536);
    Ok(object(&[
        ("report", to_js_value(&report)?),
        ("results", items_to_js(&report.results)),
        ("trace", report.trace.as_deref().map_or(JsValue::UNDEFINED, trace_to_js)),
        ("abandoned", finished.abandoned.into()),
    ]))
}

/// A plain object with these properties.
fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in fields {
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&object, &(*key).into(), value);
    }
    object.into()
}

/// Item columns as JavaScript: `{index, lane, inputs, inputEnds, reprs, reprEnds, extras}`,
/// typed arrays and strings (ends in UTF-16 units, as JavaScript slices strings).
fn items_to_js(items: &ItemColumns) -> JsValue {
    let (inputs, input_ends) = list_to_js(&items.inputs);
    let (reprs, repr_ends) = list_to_js(&items.reprs);
    object(&[
        ("index", Uint32Array::from(items.index.as_slice()).into()),
        ("lane", Uint8Array::from(items.lane.as_slice()).into()),
        ("inputs", inputs),
        ("inputEnds", input_ends),
        ("reprs", reprs),
        ("reprEnds", repr_ends),
        // Numbers and strings only: serializing them cannot fail.
        ("extras", to_js_value(&items.extras).unwrap_or(JsValue::UNDEFINED)),
    ])
}

/// A printed list as JavaScript: its text, and its ends in UTF-16 units, as JavaScript slices
/// strings.
fn list_to_js(list: &PrintedList) -> (JsValue, JsValue) {
    (list.text.as_str().into(), Uint32Array::from(list.utf16_ends().as_slice()).into())
}

/// Trace bars as JavaScript: `{index, lane, start, end}`, typed arrays.
fn trace_to_js(trace: &[TraceEntry]) -> JsValue {
    let column =
        |f: fn(&TraceEntry) -> f64| Float64Array::from(trace.iter().map(f).collect::<Vec<_>>().as_slice());
    object(&[
        (
            "index",
            Uint32Array::from(trace.iter().map(|t| t.index as u32).collect::<Vec<_>>().as_slice()).into(),
        ),
        ("lane", Uint8Array::from(trace.iter().map(|t| t.lane as u8).collect::<Vec<_>>().as_slice()).into()),
        ("start", column(|t| t.start_ms).into()),
        ("end", column(|t| t.end_ms).into()),
    ])
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
