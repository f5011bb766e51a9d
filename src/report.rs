//! The outcome of a run, as the page shows it and the page API returns it.
//!
//! Items that never finished (the run was cancelled or timed out first) appear as Python's
//! futures report them: `CancelledError()` and `TimeoutError()`.

use serde::Serialize;

use crate::columns::ItemColumns;
use crate::error::Error;
use crate::executor::{Executor, Finished, Job, Stop};
use crate::value::{PyException, Value};

/// What happened to one item: its result or exception, the lane that ran it, and when.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemOutcome {
    /// The item's index in the input list.
    pub index: usize,
    /// The lane (pool thread, async task) that ran it; 0 on the sequential executor.
    pub lane: usize,
    /// Its place in completion order, given when it is reported: 0 was reported first.
    pub seq: usize,
    /// When it started, in ms on [`crate::clock`], when the run is traced.
    pub start_ms: Option<f64>,
    /// When it ended, in ms on [`crate::clock`], when the run is traced.
    pub end_ms: Option<f64>,
    /// The worker's return value, or the exception it raised.
    pub result: Result<Value, PyException>,
    /// `mandelbrot_row`'s pixel counts, when the job keeps the picture.
    pub pixels: Option<Vec<u16>>,
}

/// The order of a report's results, as Python's two ways of collecting them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Input order, as `executor.map` / `Pool.map` return them.
    Ordered,
    /// Completion order, as `as_completed` / `Pool.imap_unordered` yield them.
    Completed,
}

impl Order {
    /// The order of that name: `ordered` or `completed`.
    ///
    /// # Errors
    /// An option error that lists the known names.
    pub fn from_name(name: &str) -> Result<Self, Error> {
        match name {
            "ordered" => Ok(Order::Ordered),
            "completed" => Ok(Order::Completed),
            _ => Err(Error::option(format!("unknown order {name:?}; known: ordered, completed"))),
        }
    }
}

/// An item's exception in the page API's shape: `{type, message}`, and for a custom worker's
/// `{traceback, line}` as well.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorReport {
    /// The exception's type name.
    #[serde(rename = "type")]
    pub type_name: String,
    /// Its message.
    pub message: String,
    /// For a custom worker: the traceback as Python prints it, from the call of `worker` on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub traceback: Option<String>,
    /// For a custom worker: the line of its code the exception came from, 1-based.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl ErrorReport {
    /// The report of an item's exception.
    pub fn of(e: &PyException) -> Self {
        ErrorReport {
            type_name: e.type_name.clone(),
            message: e.message.clone(),
            traceback: e.raised.as_ref().map(|r| r.traceback.clone()),
            line: e.raised.as_ref().and_then(|r| r.line),
        }
    }
}

/// One bar of the timeline: an item's lane and times in ms from the start of the run.
#[derive(Debug, Clone)]
pub struct TraceEntry {
    /// The item's index in the input list.
    pub index: usize,
    /// The lane that ran it.
    pub lane: usize,
    /// Start, in ms since the run began.
    pub start_ms: f64,
    /// End, in ms since the run began.
    pub end_ms: f64,
}

impl TraceEntry {
    /// The bar of a traced outcome, in ms from `began_ms`; `None` when the run is not traced.
    pub fn of(outcome: &ItemOutcome, began_ms: f64) -> Option<Self> {
        Some(TraceEntry {
            index: outcome.index,
            lane: outcome.lane,
            start_ms: outcome.start_ms? - began_ms,
            end_ms: outcome.end_ms? - began_ms,
        })
    }
}

/// The report of a whole run.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The workload's name.
    pub workload: String,
    /// The executor's name.
    pub executor: String,
    /// The worker count asked for.
    pub workers: usize,
    /// The chunk size in force.
    pub chunksize: usize,
    /// `queue` or `work-stealing`.
    pub scheduling: String,
    /// `ordered` or `completed`.
    pub order: String,
    /// One entry per input item, in input order (`ordered`) or completion order (`completed`),
    /// as columns; `results.reprs` is Python's `print()` of the result list, the page API's
    /// `printed`. They cross to JavaScript as columns, apart from the other fields.
    #[serde(skip)]
    pub results: ItemColumns,
    /// Per finished item, its lane and times, when traced; crosses as columns too.
    #[serde(skip)]
    pub trace: Option<Vec<TraceEntry>>,
    /// When the run began, in ms since the Unix epoch (the one clock of every Worker).
    pub began_ms: f64,
    /// Wall time of the run, in ms.
    pub wall_ms: f64,
    /// The sum of the items' own times, in ms, when traced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub busy_ms: Option<f64>,
    /// How many distinct lanes ran at least one item.
    pub lanes_used: usize,
    /// Items that returned a value.
    pub ok: usize,
    /// Items that raised, a `TimeoutError` included.
    pub failed: usize,
    /// Items cancelled before they finished.
    pub cancelled: usize,
    /// `cancelled` or `timeout` when the run stopped early.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped: Option<String>,
    /// The wasm instance's memory after the run, in bytes, where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory_bytes: Option<usize>,
}

impl Report {
    /// Gathers a finished run of `job` on `executor` that began at `began_ms` (on
    /// [`crate::clock`]) and took `wall_ms`, in the given order.
    pub fn new(
        job: &Job,
        executor: Executor,
        order: Order,
        finished: &Finished,
        began_ms: f64,
        wall_ms: f64,
    ) -> Self {
        /// A row of the report: an item that finished, or one that never ran.
        enum Row<'a> {
            Ran(&'a ItemOutcome),
            Missing(usize),
        }
        // Each item's outcome by input index: input order without a sort.
        let mut by_index: Vec<Option<&ItemOutcome>> = vec![None; job.items.len()];
        for o in &finished.outcomes {
            by_index[o.index] = Some(o);
        }
        let missing_rows =
            || by_index.iter().enumerate().filter(|(_, o)| o.is_none()).map(|(i, _)| Row::Missing(i));
        let rows: Vec<Row> = match order {
            Order::Ordered => {
                by_index.iter().enumerate().map(|(i, o)| o.map_or(Row::Missing(i), Row::Ran)).collect()
            }
            // In the order they finished; items that never ran come last, in input order.
            Order::Completed => {
                let mut ran: Vec<&ItemOutcome> = finished.outcomes.iter().collect();
                ran.sort_unstable_by_key(|o| o.seq);
                ran.into_iter().map(Row::Ran).chain(missing_rows()).collect()
            }
        };
        let never_ran = job.items.len() - finished.outcomes.len();
        let missing = match finished.stopped {
            Some(Stop::TimedOut) => PyException::new("TimeoutError", ""),
            _ => PyException::new("CancelledError", ""),
        };

        let mut results = ItemColumns::with_capacity(rows.len());
        let mut failed = 0;
        for row in &rows {
            match row {
                Row::Ran(o) => {
                    failed += usize::from(o.result.is_err());
                    results.push(o.index, Some(o.lane), &job.items[o.index], o.result.as_ref(), None);
                }
                Row::Missing(i) => results.push(*i, None, &job.items[*i], Err(&missing), None),
            }
        }
        let (failed, cancelled) =
            if missing.type_name == "TimeoutError" { (failed + never_ran, 0) } else { (failed, never_ran) };

        let trace: Option<Vec<TraceEntry>> =
            job.trace.then(|| finished.outcomes.iter().filter_map(|o| TraceEntry::of(o, began_ms)).collect());
        let mut lanes = vec![false; job.workers];
        for o in &finished.outcomes {
            if o.lane >= lanes.len() {
                lanes.resize(o.lane + 1, false);
            }
            lanes[o.lane] = true;
        }
        Report {
            workload: job.worker.name().to_string(),
            executor: executor.name().to_string(),
            workers: job.workers,
            chunksize: job.chunksize(),
            scheduling: job.scheduling.name().to_string(),
            order: match order {
                Order::Ordered => "ordered",
                Order::Completed => "completed",
            }
            .to_string(),
            ok: rows.len() - failed - cancelled,
            failed,
            cancelled,
            busy_ms: trace.as_ref().map(|t| t.iter().map(|e| e.end_ms - e.start_ms).sum()),
            trace,
            lanes_used: lanes.iter().filter(|&&used| used).count(),
            results: results.finish(),
            began_ms,
            wall_ms,
            memory_bytes: None,
            stopped: finished.stopped.map(|s| {
                match s {
                    Stop::TimedOut => "timeout",
                    Stop::Cancelled | Stop::Broken => "cancelled",
                }
                .to_string()
            }),
        }
    }

    /// Python's `print()` of the result list, in the report's order.
    pub fn printed(&self) -> &str {
        &self.results.reprs.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(index: usize, lane: usize, seq: usize, result: Result<Value, PyException>) -> ItemOutcome {
        ItemOutcome { index, lane, seq, start_ms: Some(10.0), end_ms: Some(12.0), result, pixels: None }
    }

    fn fib_job() -> Job {
        Job::new(crate::Workload::Fib, vec![Value::Int(1), Value::Int(51), Value::Int(2)], 2).unwrap()
    }

    #[test]
    fn a_report_prints_results_and_errors_as_python() {
        let finished = Finished {
            outcomes: vec![
                outcome(2, 1, 0, Ok(Value::Int(1))),
                outcome(0, 0, 1, Ok(Value::Int(1))),
                outcome(1, 1, 2, Err(PyException::new("ValueError", "bad"))),
            ],
            stopped: None,
            abandoned: false,
        };
        let r = Report::new(&fib_job(), Executor::Pool, Order::Ordered, &finished, 10.0, 5.0);
        assert_eq!(r.printed(), "[1, ValueError('bad'), 1]");
        assert_eq!((r.ok, r.failed, r.cancelled, r.lanes_used), (2, 1, 0, 2));
        assert_eq!(r.busy_ms, Some(6.0));
        assert_eq!(
            (r.results.inputs.get(1), r.results.error(1).map(|e| e.message.as_str())),
            ("51", Some("bad"))
        );
        assert_eq!(r.trace.as_ref().unwrap()[0].end_ms, 2.0);

        let r = Report::new(&fib_job(), Executor::Pool, Order::Completed, &finished, 10.0, 5.0);
        assert_eq!(r.results.index, [2, 0, 1]);
        assert_eq!(r.results.lane, [1, 0, 1]);
    }

    #[test]
    fn items_that_never_ran_are_cancelled_or_timed_out() {
        let mut finished = Finished {
            outcomes: vec![outcome(0, 0, 0, Ok(Value::Int(1)))],
            stopped: Some(Stop::Cancelled),
            abandoned: false,
        };
        let r = Report::new(&fib_job(), Executor::Sequential, Order::Ordered, &finished, 10.0, 5.0);
        assert_eq!(r.printed(), "[1, CancelledError(), CancelledError()]");
        assert_eq!((r.ok, r.failed, r.cancelled), (1, 0, 2));
        assert_eq!(r.stopped.as_deref(), Some("cancelled"));
        assert_eq!(r.results.lane[1], crate::columns::NO_LANE);

        finished.stopped = Some(Stop::TimedOut);
        let r = Report::new(&fib_job(), Executor::Sequential, Order::Completed, &finished, 10.0, 5.0);
        assert_eq!(r.printed(), "[1, TimeoutError(), TimeoutError()]");
        assert_eq!((r.ok, r.failed, r.cancelled), (1, 2, 0));
    }
}
