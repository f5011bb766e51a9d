//! The outcome of a run, as the page shows it and the page API returns it.

use serde::Serialize;

use crate::executor::{Executor, Job};
use crate::value::{print_list, PyException, Value};

/// What happened to one item: its result or exception, the lane that ran it, and when.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemOutcome {
    /// The item's index in the input list.
    pub index: usize,
    /// The lane (pool thread, async task) that ran it; 0 on the sequential executor.
    pub lane: usize,
    /// When it started, in ms on [`crate::clock`].
    pub start_ms: f64,
    /// When it ended, in ms on [`crate::clock`].
    pub end_ms: f64,
    /// The worker's return value, or the exception it raised.
    pub result: Result<Value, PyException>,
}

/// One item of a report, in the page API's shape.
#[derive(Debug, Clone, Serialize)]
pub struct ItemReport {
    /// The item's index in the input list.
    pub index: usize,
    /// Python's `repr()` of the input item.
    pub input: String,
    /// Python's `repr()` of the result; for an item that raised, the exception's repr.
    pub repr: String,
    /// The exception the item raised, if it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorReport>,
    /// The lane that ran it.
    pub lane: usize,
    /// Start, in ms since the run began.
    pub start_ms: f64,
    /// End, in ms since the run began.
    pub end_ms: f64,
}

/// An item's exception in the page API's shape: `{type, message}`.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorReport {
    /// The exception's type name.
    #[serde(rename = "type")]
    pub type_name: String,
    /// Its message.
    pub message: String,
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
    /// Python's `print()` of the result list.
    pub printed: String,
    /// One entry per input item, in input order.
    pub results: Vec<ItemReport>,
    /// Wall time of the run, in ms.
    pub wall_ms: f64,
    /// The sum of the items' own times, in ms.
    pub busy_ms: f64,
    /// How many distinct lanes ran at least one item.
    pub lanes_used: usize,
    /// Items that returned a value.
    pub ok: usize,
    /// Items that raised.
    pub failed: usize,
}

impl Report {
    /// Gathers the outcomes of `job` on `executor`, a run that began at `began_ms` and took
    /// `wall_ms`.
    pub fn new(job: &Job, executor: Executor, outcomes: &[ItemOutcome], began_ms: f64, wall_ms: f64) -> Self {
        let results: Vec<ItemReport> = outcomes
            .iter()
            .map(|o| ItemReport {
                index: o.index,
                input: job.items.get(o.index).map(Value::repr).unwrap_or_default(),
                repr: match &o.result {
                    Ok(v) => v.repr(),
                    Err(e) => e.repr(),
                },
                error: o
                    .result
                    .as_ref()
                    .err()
                    .map(|e| ErrorReport { type_name: e.type_name.clone(), message: e.message.clone() }),
                lane: o.lane,
                start_ms: o.start_ms - began_ms,
                end_ms: o.end_ms - began_ms,
            })
            .collect();
        let mut lanes: Vec<usize> = outcomes.iter().map(|o| o.lane).collect();
        lanes.sort_unstable();
        lanes.dedup();
        let failed = results.iter().filter(|r| r.error.is_some()).count();
        Report {
            workload: job.workload.name().to_string(),
            executor: executor.name().to_string(),
            workers: job.workers,
            printed: print_list(results.iter().map(|r| r.repr.as_str())),
            ok: results.len() - failed,
            failed,
            busy_ms: outcomes.iter().map(|o| o.end_ms - o.start_ms).sum(),
            lanes_used: lanes.len(),
            results,
            wall_ms,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_prints_results_and_errors_as_python() {
        let outcome = |index, lane, result| ItemOutcome { index, lane, start_ms: 10.0, end_ms: 12.0, result };
        let outcomes = [
            outcome(0, 0, Ok(Value::Int(1))),
            outcome(1, 1, Err(PyException::new("ValueError", "bad"))),
            outcome(2, 1, Ok(Value::Bool(true))),
        ];
        let job =
            Job::new(crate::Workload::Fib, vec![Value::Int(1), Value::Int(51), Value::Int(2)], 2).unwrap();
        let r = Report::new(&job, Executor::Pool, &outcomes, 10.0, 5.0);
        assert_eq!(r.results[1].input, "51");
        assert_eq!(r.printed, "[1, ValueError('bad'), True]");
        assert_eq!((r.ok, r.failed, r.lanes_used), (2, 1, 2));
        assert_eq!(r.busy_ms, 6.0);
        assert_eq!(r.results[1].error.as_ref().unwrap().type_name, "ValueError");
        assert_eq!(r.results[0].end_ms, 2.0);
    }
}
