//! The outcome of a run, as the page shows it and the page API returns it.
//!
//! Items that never finished (the run was cancelled or timed out first) appear as Python's
//! futures report them: `CancelledError()` and `TimeoutError()`.

use serde::Serialize;

use crate::columns::{ItemColumns, TraceEntry};
use crate::error::Error;
use crate::executor::{Executor, Finished, ItemOutcome, Job, Scheduling, Stop};
use crate::value::{PyException, Value};

/// The order of a report's results, as Python's two ways of collecting them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Input order, as `executor.map` / `Pool.map` return them.
    Ordered,
    /// Completion order, as `as_completed` / `Pool.imap_unordered` yield them.
    Completed,
}

impl Order {
    /// Both orders.
    pub const ALL: &'static [Order] = &[Order::Ordered, Order::Completed];

    /// The page API's name for it.
    pub fn name(self) -> &'static str {
        match self {
            Order::Ordered => "ordered",
            Order::Completed => "completed",
        }
    }

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
    /// Where Python's program stops: the input index of the item whose exception it raises
    /// instead of printing the list, as `list(map(...))` and the executors' `map` do. Absent
    /// where it prints every outcome (`completed`, collected one future at a time) or none
    /// raised. See [`stops_at`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stops_at: Option<usize>,
    /// The wasm instance's memory after the run, in bytes, where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory_bytes: Option<usize>,
}

/// What a report says of a run beside its items: the settings it ran with. A run in one wasm
/// instance has them from its [`Job`]; a message-passing run, whose items ran in Workers of
/// their own, from its checked options (`crate::options::Plan`).
#[derive(Debug, Clone, Copy)]
pub struct RunFacts<'a> {
    /// The workload's name.
    pub workload: &'a str,
    /// The executor it ran on.
    pub executor: Executor,
    /// The input list.
    pub items: &'a [Value],
    /// The worker count asked for.
    pub workers: usize,
    /// The chunk size in force.
    pub chunksize: usize,
    /// How the pool handed out work.
    pub scheduling: Scheduling,
    /// The results' order.
    pub order: Order,
    /// Whether the items were timed.
    pub trace: bool,
}

impl<'a> RunFacts<'a> {
    /// The facts of `job` run on `executor`, reported in `order`.
    pub fn of(job: &'a Job, executor: Executor, order: Order) -> Self {
        RunFacts {
            workload: job.function.name(),
            executor,
            items: &job.items,
            workers: job.workers,
            chunksize: job.chunksize(),
            scheduling: job.scheduling,
            order,
            trace: job.trace,
        }
    }
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
        Report::of(&RunFacts::of(job, executor, order), finished, began_ms, wall_ms)
    }

    /// Gathers a finished run with these facts: the one rule by which every run, on any
    /// executor and however it ended, becomes a report. Items that never finished are
    /// `CancelledError()` or `TimeoutError()`.
    pub fn of(run: &RunFacts, finished: &Finished, began_ms: f64, wall_ms: f64) -> Self {
        /// A row of the report: an item that finished, or one that never ran.
        enum Row<'a> {
            Ran(&'a ItemOutcome),
            Missing(usize),
        }
        // Each item's outcome by input index: input order without a sort.
        let mut by_index: Vec<Option<&ItemOutcome>> = vec![None; run.items.len()];
        for o in &finished.outcomes {
            by_index[o.index] = Some(o);
        }
        let missing_rows =
            || by_index.iter().enumerate().filter(|(_, o)| o.is_none()).map(|(i, _)| Row::Missing(i));
        let rows: Vec<Row> = match run.order {
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
        let never_ran = run.items.len().saturating_sub(finished.outcomes.len());
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
                    results.push(o.index, Some(o.lane), &run.items[o.index], o.result.as_ref(), None);
                }
                Row::Missing(i) => results.push(*i, None, &run.items[*i], Err(&missing), None),
            }
        }
        let (failed, cancelled) =
            if missing.type_name == "TimeoutError" { (failed + never_ran, 0) } else { (failed, never_ran) };

        let trace: Option<Vec<TraceEntry>> =
            run.trace.then(|| finished.outcomes.iter().filter_map(|o| TraceEntry::of(o, began_ms)).collect());
        let mut lanes = vec![false; run.workers];
        for o in &finished.outcomes {
            if o.lane >= lanes.len() {
                lanes.resize(o.lane + 1, false);
            }
            lanes[o.lane] = true;
        }
        Report {
            stops_at: stops_at(run.executor, run.order, &finished.outcomes, timed_out(finished, &by_index)),
            workload: run.workload.to_string(),
            executor: run.executor.name().to_string(),
            workers: run.workers,
            chunksize: run.chunksize,
            scheduling: run.scheduling.name().to_string(),
            order: run.order.name().to_string(),
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
            // A stop that came when every item had finished stopped nothing.
            stopped: finished.stopped.filter(|_| never_ran > 0).map(|s| {
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

/// The first item (in input order) still unfinished when the run's timeout ended it, if it did.
fn timed_out(finished: &Finished, by_index: &[Option<&ItemOutcome>]) -> Option<usize> {
    if finished.stopped != Some(Stop::TimedOut) {
        return None;
    }
    by_index.iter().position(Option::is_none)
}

/// The item whose exception Python's program raises instead of printing the list: in input
/// order the first that raised, as `list(map(...))` and `executor.map` meet them; but
/// `Pool.map` (message-passing) fails as soon as any chunk fails, so there the first to raise
/// in time (which, between items that raise at about the same moment, is a race in CPython
/// too). In `completed` order the program collects every outcome, except on the sequential
/// executor, whose program is `list(map(...))` in either order. And where the program carries
/// the run's timeout (`executor.map(..., timeout=)` and `as_completed(..., timeout=)`, on async
/// and the pool), the first item still unfinished when it ended (`timed_out`) raises
/// `TimeoutError` if no exception came before it.
fn stops_at(
    executor: Executor,
    order: Order,
    outcomes: &[ItemOutcome],
    timed_out: Option<usize>,
) -> Option<usize> {
    let late = timed_out.filter(|_| matches!(executor, Executor::Async | Executor::Pool));
    if order == Order::Completed && executor != Executor::Sequential {
        return late;
    }
    let raised = outcomes.iter().filter(|o| o.result.is_err());
    let first = if executor == Executor::MessagePassing {
        // In time: by when it ended where the run was traced, else by when it was reported.
        let ended = |o: &ItemOutcome| o.end_ms.unwrap_or(f64::INFINITY);
        raised.min_by(|a, b| ended(a).total_cmp(&ended(b)).then(a.seq.cmp(&b.seq)))
    } else {
        raised.min_by_key(|o| o.index)
    };
    match (first.map(|o| o.index), late) {
        (Some(raised), Some(late)) => Some(raised.min(late)),
        (raised, late) => raised.or(late),
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
    fn python_stops_at_the_exception_map_raises() {
        let bad = |m: &str| Err(PyException::new("ValueError", m));
        let finished = Finished {
            outcomes: vec![
                outcome(2, 1, 0, bad("late in order, first in time")),
                outcome(0, 0, 1, Ok(Value::Int(1))),
                outcome(1, 1, 2, bad("first in order")),
            ],
            stopped: None,
            abandoned: false,
        };
        let at = |executor, order| Report::new(&fib_job(), executor, order, &finished, 10.0, 5.0).stops_at;
        for executor in [Executor::Sequential, Executor::Async, Executor::Pool] {
            assert_eq!(at(executor, Order::Ordered), Some(1), "{executor:?}");
        }
        assert_eq!(at(Executor::MessagePassing, Order::Ordered), Some(2));
        assert_eq!(at(Executor::Sequential, Order::Completed), Some(1));
        for executor in [Executor::Async, Executor::Pool, Executor::MessagePassing] {
            assert_eq!(at(executor, Order::Completed), None, "{executor:?}");
        }
        // Reported in one order, ended in another (message-passing reports a chunk at a time).
        let mut timed = Finished { outcomes: finished.outcomes.clone(), stopped: None, abandoned: false };
        timed.outcomes[2].end_ms = Some(11.0);
        let r = Report::new(&fib_job(), Executor::MessagePassing, Order::Ordered, &timed, 10.0, 5.0);
        assert_eq!(r.stops_at, Some(1));
        let fine =
            Finished { outcomes: vec![outcome(0, 0, 0, Ok(Value::Int(1)))], stopped: None, abandoned: false };
        assert_eq!(Report::new(&fib_job(), Executor::Pool, Order::Ordered, &fine, 10.0, 5.0).stops_at, None);
    }

    #[test]
    fn python_stops_at_the_first_item_its_timeout_left_unfinished() {
        let finished = Finished {
            outcomes: vec![outcome(0, 0, 0, Ok(Value::Int(1))), outcome(2, 1, 1, Ok(Value::Int(1)))],
            stopped: Some(Stop::TimedOut),
            abandoned: false,
        };
        let at = |executor, order| Report::new(&fib_job(), executor, order, &finished, 10.0, 5.0).stops_at;
        // executor.map(timeout=) and as_completed(timeout=) raise TimeoutError.
        for order in [Order::Ordered, Order::Completed] {
            assert_eq!(at(Executor::Async, order), Some(1));
            assert_eq!(at(Executor::Pool, order), Some(1));
        }
        // Their programs carry no timeout: the playground's own limit stopped them.
        assert_eq!(at(Executor::Sequential, Order::Ordered), None);
        assert_eq!(at(Executor::MessagePassing, Order::Ordered), None);
        // An exception before the unfinished item is what Python meets first.
        let mut raised =
            Finished { outcomes: finished.outcomes.clone(), stopped: Some(Stop::TimedOut), abandoned: false };
        raised.outcomes[0].result = Err(PyException::new("ValueError", "bad"));
        assert_eq!(
            Report::new(&fib_job(), Executor::Pool, Order::Ordered, &raised, 10.0, 5.0).stops_at,
            Some(0)
        );
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

        // A stop that came once every item had finished stopped nothing.
        finished.outcomes = (0..3).map(|i| outcome(i, 0, i, Ok(Value::Int(1)))).collect();
        let r = Report::new(&fib_job(), Executor::Sequential, Order::Ordered, &finished, 10.0, 5.0);
        assert_eq!((r.ok, r.stopped), (3, None));
    }
}
