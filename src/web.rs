//! The thin layer the JavaScript Workers call: options in, progress and a report out.
//!
//! The compute engine (`www/worker/engine.js`) and the message-passing Workers
//! (`www/worker/message-worker.js`) call [`run`]; the compute Worker (`www/worker/compute.js`)
//! calls [`plan`], [`assemble`] and [`broken_pool`] in a wasm instance of its own; the engine
//! sends the page the [`catalog`]. No logic lives here: it converts between JavaScript values and the crate's
//! types (the options' rules are in `options`, the report's in `report`), keeps the
//! control of the run in flight so that `cancel()` and `poolBroken()` can reach it, and turns a
//! typed [`Error`] into a JavaScript `Error` whose `name` is the error's name, with the parse
//! position attached for the page's caret display.

use std::sync::{Arc, Mutex};

use js_sys::{Float64Array, Object, Uint32Array, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::columns::{Extra, ItemColumns, PrintedList, TraceEntry, NO_LANE};
use crate::error::{Error, ErrorKind};
use crate::executor::{self, Control, Finished, Stop};
use crate::options::{Catalog, Plan, RunOptions};
use crate::report::Report;
use crate::{clock, host};

/// `initThreadPool(n)`: starts the rayon pool on `n` Web Workers (threaded build only).
#[cfg(feature = "threads")]
pub use wasm_bindgen_rayon::init_thread_pool;

/// `poolStarted()`: the engine says the rayon pool is running (after `initThreadPool`); the
/// engine build then gives each pool thread its own heap (see `memory`).
#[cfg(feature = "threads")]
#[wasm_bindgen(js_name = poolStarted)]
pub fn pool_started() {
    #[cfg(all(feature = "python", target_feature = "atomics"))]
    crate::memory::claim_arenas();
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

/// The catalog the page builds its form from and checks options against:
/// `{workloads, executors, schedulings, orders, limits, mandelbrot}` (see [`Catalog`]).
#[wasm_bindgen]
pub fn catalog() -> Result<JsValue, JsValue> {
    to_js_value(&Catalog::new())
}

/// The `BrokenPool` error of a run of `total` items that lost a Worker when those in `done`
/// had finished: for the message-passing executor, whose Workers the compute Worker watches,
/// as for the rayon pool.
#[wasm_bindgen(js_name = brokenPool)]
pub fn broken_pool(total: u32, done: Vec<u32>) -> JsValue {
    to_js(&executor::broken_pool(total as usize, done.into_iter().map(|i| i as usize)))
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

/// Checks the options and parses the items without running: `{executor, workers, chunksize,
/// inputs, inputEnds}`, the items as Python prints their list with each element's end (as
/// [`list_to_js`] gives them). The compute Worker hands chunks of that text to the
/// message-passing executor's Workers.
///
/// # Errors
/// As [`run`], for input and options.
#[wasm_bindgen]
pub fn plan(options: JsValue) -> Result<JsValue, JsValue> {
    let plan = plan_of(options)?;
    let mut inputs = PrintedList::with_capacity(plan.items.len());
    for item in &plan.items {
        inputs.push(|out| item.write_repr(out));
    }
    let (inputs, input_ends) = list_to_js(&inputs.finish());
    Ok(object(&[
        ("executor", plan.executor.name().into()),
        ("workers", (plan.workers as u32).into()),
        ("chunksize", (plan.chunksize() as u32).into()),
        ("inputs", inputs),
        ("inputEnds", input_ends),
    ]))
}

fn plan_of(options: JsValue) -> Result<Plan, JsValue> {
    let options: RunOptions = serde_wasm_bindgen::from_value(options)
        .map_err(|e| to_js(&Error::option(format!("bad run options: {e}"))))?;
    options.check().map_err(|e| to_js(&e))
}

/// Parses the input, runs it on the chosen executor, and resolves to
/// `{report, results, trace, abandoned}`: the report's other fields, its items and its trace as
/// columns (see [`crate::columns`]; `www/shared/columns.js` reads them), and whether pool items
/// were still running when it ended (the pool must then be replaced). With `on_progress`, the
/// run is watched: it is called at once and then every tick with
/// `{began_ms, done, total, items, trace}`, the items finished since the last call, as columns.
///
/// # Errors
/// A JavaScript `Error` named for the run-level error: `SyntaxError` (and the other parse
/// exceptions) with `line`, `column` and `display`, `InputError`, `OptionError`,
/// `PoolUnavailable`, `BrokenPool`.
#[wasm_bindgen]
pub async fn run(options: JsValue, on_progress: Option<js_sys::Function>) -> Result<JsValue, JsValue> {
    let began = clock::now_ms();
    let plan = plan_of(options)?;
    if let Some(base) = &plan.base_url {
        host::set_base_url(base);
    }
    let (executor, order, timeout_ms) = (plan.executor, plan.order, plan.timeout_ms);
    let job = Arc::new(plan.into_job().map_err(|e| to_js(&e))?);
    let control = Arc::new(Control::new(timeout_ms.map(|t| began + t)));
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
            ("began_ms", began.into()),
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
    report_to_js(&report, finished.abandoned)
}

/// The report of a run whose items ran elsewhere: in the message-passing executor's Workers,
/// or in a compute engine that was stopped mid-item and sent its progress first. `finished`
/// holds their item columns and `bars` their trace columns, as [`run`] and its progress give
/// them, indexed in the whole input and timed from `began_ms`; `stopped` is `'cancelled'`,
/// `'timeout'` or absent. The report is made by the same rule as any run's ([`Report::of`]),
/// and resolves to the same shape as [`run`]'s.
///
/// # Errors
/// As [`run`], for the options; an option error for columns that are not item columns.
#[wasm_bindgen]
pub fn assemble(
    options: JsValue,
    finished: Vec<JsValue>,
    bars: Vec<JsValue>,
    stopped: Option<String>,
    began_ms: f64,
    wall_ms: f64,
) -> Result<JsValue, JsValue> {
    let plan = plan_of(options)?;
    let mut times = vec![None; plan.items.len()];
    for bar in &bars {
        let (index, start, end) = (u32s(bar, "index"), f64s(bar, "start"), f64s(bar, "end"));
        for ((&i, &s), &e) in index.iter().zip(&start).zip(&end) {
            if let Some(t) = times.get_mut(i as usize) {
                *t = Some((began_ms + s, began_ms + e));
            }
        }
    }
    let mut outcomes = Vec::new();
    let mut seen = vec![false; plan.items.len()];
    for columns in &finished {
        let columns = items_from_js(columns).map_err(|e| to_js(&e))?;
        for &i in &columns.index {
            match seen.get_mut(i as usize) {
                Some(seen) if !*seen => *seen = true,
                Some(_) => {
                    return Err(to_js(&Error::option(format!("item {i} is in the item columns twice"))))
                }
                None => {
                    return Err(to_js(&Error::option("an item column names an index past the input list")))
                }
            }
        }
        outcomes.extend(columns.outcomes(outcomes.len(), |i| times[i]));
    }
    let stopped = match stopped.as_deref() {
        None => None,
        Some("timeout") => Some(Stop::TimedOut),
        Some(_) => Some(Stop::Cancelled),
    };
    let finished = Finished { outcomes, stopped, abandoned: false };
    // The items ran in other instances: this one's memory says nothing of them.
    report_to_js(&Report::of(&plan.facts(), &finished, began_ms, wall_ms), false)
}

/// `{report, results, trace, abandoned}`: the report's other fields, its items and its trace as
/// columns, and whether pool items were still running when it ended.
fn report_to_js(report: &Report, abandoned: bool) -> Result<JsValue, JsValue> {
    Ok(object(&[
        ("report", to_js_value(report)?),
        ("results", items_to_js(&report.results)),
        ("trace", report.trace.as_deref().map_or(JsValue::UNDEFINED, trace_to_js)),
        ("abandoned", abandoned.into()),
    ]))
}

fn field(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn u32s(object: &JsValue, key: &str) -> Vec<u32> {
    Uint32Array::new(&field(object, key)).to_vec()
}

fn f64s(object: &JsValue, key: &str) -> Vec<f64> {
    Float64Array::new(&field(object, key)).to_vec()
}

/// Item columns back from JavaScript, as [`items_to_js`] gave them.
fn items_from_js(columns: &JsValue) -> Result<ItemColumns, Error> {
    let text = |key: &str| field(columns, key).as_string().unwrap_or_else(|| "[]".to_string());
    let extras: Vec<Extra> = serde_wasm_bindgen::from_value(field(columns, "extras"))
        .map_err(|e| Error::option(format!("bad item columns: {e}")))?;
    let columns = ItemColumns {
        index: u32s(columns, "index"),
        lane: Uint8Array::new(&field(columns, "lane")).to_vec(),
        inputs: PrintedList::from_utf16(text("inputs"), &u32s(columns, "inputEnds")),
        reprs: PrintedList::from_utf16(text("reprs"), &u32s(columns, "reprEnds")),
        extras,
    };
    let n = columns.index.len();
    let lists_fit = [&columns.inputs, &columns.reprs].iter().all(|l| l.ends.len() == n && l.is_well_formed());
    if columns.lane.len() != n || !lists_fit || columns.extras.iter().any(|e| e.at >= n) {
        return Err(Error::option("bad item columns: their lengths or ends do not fit"));
    }
    Ok(columns)
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

/// Item columns as JavaScript: `{index, lane, noLane, inputs, inputEnds, reprs, reprEnds,
/// extras}`, typed arrays and strings (ends in UTF-16 units, as JavaScript slices strings);
/// `noLane` is the lane of an item that never ran.
fn items_to_js(items: &ItemColumns) -> JsValue {
    let (inputs, input_ends) = list_to_js(&items.inputs);
    let (reprs, repr_ends) = list_to_js(&items.reprs);
    object(&[
        ("index", Uint32Array::from(items.index.as_slice()).into()),
        ("lane", Uint8Array::from(items.lane.as_slice()).into()),
        ("noLane", NO_LANE.into()),
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

/// Runs a whole Python program (`{code, timeout_ms, cpu_count, base_url}`) and returns
/// `{stdout, stderr, error, wall_ms, trace, processes}` (see [`crate::program::ProgramReport`]). With
/// `on_output`, each piece of output is passed to it as `{stream, text}` as it is printed.
/// It runs to its end on this thread: its threads take turns here, its process pools compute
/// on the rayon pool (or here, one call at a time, in the single-threaded build). A cancel
/// reaches it only by stopping this Worker, which the compute Worker does.
///
/// # Errors
/// An `InputError` for options it cannot take; a program's own exceptions are in the report.
#[cfg(feature = "python")]
#[wasm_bindgen(js_name = runProgram)]
pub fn run_program(options: JsValue, on_output: Option<js_sys::Function>) -> Result<JsValue, JsValue> {
    use crate::program::{self, ProgramOptions, Stream, Watcher};

    struct ToPage(Option<js_sys::Function>);
    impl Watcher for ToPage {
        fn output(&mut self, stream: Stream, text: &str) {
            let Some(callback) = &self.0 else { return };
            let name = match stream {
                Stream::Stdout => "stdout",
                Stream::Stderr => "stderr",
            };
            // A throwing output callback must not end the program.
            let _ =
                callback.call1(&JsValue::NULL, &object(&[("stream", name.into()), ("text", text.into())]));
        }
    }

    let options: ProgramOptions = serde_wasm_bindgen::from_value(options)
        .map_err(|e| to_js(&Error::option(format!("bad program options: {e}"))))?;
    if let Some(base) = &options.base_url {
        host::set_base_url(base);
    }
    let (code, settings) = options.check().map_err(|e| to_js(&e))?;
    let report = program::run(&code, settings, &mut ToPage(on_output));
    to_js_value(&report)
}
