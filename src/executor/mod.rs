//! Executors: how a [`Job`] is run, as Python's `map`, `ThreadPoolExecutor` and
//! `ProcessPoolExecutor` run a worker over items.
//!
//! Each executor is its own module with the same shape (a job in, one [`ItemOutcome`] per item
//! out, in input order) and they are chosen in one `match` in [`run`]. Each outcome records the
//! lane that ran it and when, on the one clock of [`crate::clock`].

mod pool;
mod sequential;
mod tasks;

use crate::clock;
use crate::error::Error;
use crate::report::ItemOutcome;
use crate::value::Value;
use crate::workload::Workload;

/// The most workers a run may ask for.
pub const MAX_WORKERS: usize = 32;

/// A run to do: a workload, its validated items, and how many may run at once.
#[derive(Debug, Clone)]
pub struct Job {
    /// The function mapped over the items.
    pub workload: Workload,
    /// The input list, already parsed and checked for the workload.
    pub items: Vec<Value>,
    /// At most this many items run at once (1 to [`MAX_WORKERS`]).
    pub workers: usize,
}

impl Job {
    /// A job, with the items checked against the workload and the worker count in range.
    ///
    /// # Errors
    /// An input error for items the workload does not take; an option error for a worker
    /// count outside 1 to [`MAX_WORKERS`].
    pub fn new(workload: Workload, items: Vec<Value>, workers: usize) -> Result<Self, Error> {
        if !(1..=MAX_WORKERS).contains(&workers) {
            return Err(Error::option(format!("workers must be from 1 to {MAX_WORKERS}, got {workers}")));
        }
        workload.check_items(&items)?;
        Ok(Job { workload, items, workers })
    }
}

/// The executors, named as the page API's `executor` option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Executor {
    /// `list(map(worker, items))`: one item after another on the calling thread.
    Sequential,
    /// One thread, up to `workers` tasks in flight, interleaving where a workload awaits: the
    /// browser's `ThreadPoolExecutor`.
    Async,
    /// A rayon pool on Web Workers: the browser's `ProcessPoolExecutor` / `Pool.map`.
    Pool,
}

impl Executor {
    /// Every executor, in the order the page lists them.
    pub const ALL: &'static [Executor] = &[Executor::Sequential, Executor::Async, Executor::Pool];

    /// The page API's name for it.
    pub fn name(self) -> &'static str {
        match self {
            Executor::Sequential => "sequential",
            Executor::Async => "async",
            Executor::Pool => "pool",
        }
    }

    /// The executor of that name.
    ///
    /// # Errors
    /// An option error that lists the known names.
    pub fn from_name(name: &str) -> Result<Self, Error> {
        Executor::ALL.iter().copied().find(|e| e.name() == name).ok_or_else(|| {
            let known: Vec<_> = Executor::ALL.iter().map(|e| e.name()).collect();
            Error::option(format!("unknown executor {name:?}; known: {}", known.join(", ")))
        })
    }
}

/// Runs the job on the executor and returns one outcome per item, in input order.
///
/// # Errors
/// [`crate::ErrorKind::PoolUnavailable`] when the pool is asked for in a build without threads.
pub async fn run(executor: Executor, job: &Job) -> Result<Vec<ItemOutcome>, Error> {
    match executor {
        Executor::Sequential => Ok(sequential::run(job).await),
        Executor::Async => Ok(tasks::run(job).await),
        Executor::Pool => pool::run(job),
    }
}

/// Runs one item on a lane, blocking for its I/O, and records when: for pool threads.
#[cfg(any(not(target_arch = "wasm32"), feature = "threads"))]
fn timed_call(job: &Job, index: usize, lane: usize) -> ItemOutcome {
    let start_ms = clock::now_ms();
    let result = job.workload.call(&job.items[index]);
    ItemOutcome { index, lane, start_ms, end_ms: clock::now_ms(), result }
}

/// Runs one item on a lane, awaiting its I/O, and records when: for the compute Worker's own
/// thread, which must never block in the single-threaded build.
async fn timed_call_async(job: &Job, index: usize, lane: usize) -> ItemOutcome {
    let start_ms = clock::now_ms();
    let result = job.workload.call_async(&job.items[index]).await;
    ItemOutcome { index, lane, start_ms, end_ms: clock::now_ms(), result }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::executor::block_on;

    fn job(items: std::ops::Range<i64>, workers: usize) -> Job {
        Job::new(Workload::Square, items.map(|n| Value::Int(n.into())).collect(), workers).unwrap()
    }

    #[test]
    fn every_executor_gives_the_sequential_results_in_order() {
        for workers in [1, 2, 3, 8] {
            let job = job(-50..200, workers);
            let expected: Vec<_> =
                block_on(run(Executor::Sequential, &job)).unwrap().into_iter().map(|o| o.result).collect();
            for executor in Executor::ALL {
                let got = block_on(run(*executor, &job)).unwrap();
                assert!(got.iter().enumerate().all(|(i, o)| o.index == i), "{executor:?} out of order");
                let got: Vec<_> = got.into_iter().map(|o| o.result).collect();
                assert_eq!(got, expected, "{executor:?} with {workers} workers");
            }
        }
    }

    #[test]
    fn an_empty_list_maps_to_an_empty_list_everywhere() {
        for executor in Executor::ALL {
            assert!(block_on(run(*executor, &job(0..0, 4))).unwrap().is_empty());
        }
    }

    #[test]
    fn worker_counts_outside_the_range_are_refused() {
        assert!(Job::new(Workload::Square, vec![], 0).is_err());
        assert!(Job::new(Workload::Square, vec![], MAX_WORKERS + 1).is_err());
    }
}
