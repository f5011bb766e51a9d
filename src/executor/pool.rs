//! The pool executor: `Pool.map` on rayon threads, which in the browser are Web Workers.
//!
//! Like `multiprocessing.Pool.map`, the input is handed out in chunks from one shared queue
//! (here an atomic index): each of `workers` lanes takes the next chunk when it is free, so at
//! most `workers` items run at once and uneven items balance themselves. Chunks are
//! `ceil(n / (4 × workers))` items, `Pool.map`'s own rule. Every pool thread is asked to join
//! with `rayon::broadcast`; threads past the requested worker count stand aside, so one pool
//! serves any smaller count without being rebuilt.

use crate::report::ItemOutcome;
use crate::{Error, Job};

/// `Pool.map`'s default chunk size for `n` items on `workers` workers.
#[cfg(any(not(target_arch = "wasm32"), feature = "threads"))]
pub(super) fn auto_chunksize(n: usize, workers: usize) -> usize {
    n.div_ceil(4 * workers).max(1)
}

/// Runs the job on the current rayon pool (the global one in the browser).
#[cfg(any(not(target_arch = "wasm32"), feature = "threads"))]
pub(super) fn run(job: &Job) -> Result<Vec<ItemOutcome>, Error> {
    use std::sync::atomic::{AtomicUsize, Ordering};

    let n = job.items.len();
    let chunk = auto_chunksize(n, job.workers);
    let next = AtomicUsize::new(0);
    let per_lane = rayon::broadcast(|ctx| {
        let lane = ctx.index();
        let mut done = Vec::new();
        if lane >= job.workers {
            return done;
        }
        loop {
            let start = next.fetch_add(chunk, Ordering::Relaxed);
            if start >= n {
                return done;
            }
            done.extend((start..n.min(start + chunk)).map(|i| super::timed_call(job, i, lane)));
        }
    });
    let mut outcomes: Vec<_> = per_lane.into_iter().flatten().collect();
    outcomes.sort_unstable_by_key(|o| o.index);
    Ok(outcomes)
}

/// The single-threaded wasm build has no pool: the page is not cross-origin isolated.
#[cfg(all(target_arch = "wasm32", not(feature = "threads")))]
pub(super) fn run(_job: &Job) -> Result<Vec<ItemOutcome>, Error> {
    Err(Error::new(crate::ErrorKind::PoolUnavailable))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::{Value, Workload};

    #[test]
    fn chunks_follow_pool_map_rule() {
        assert_eq!(auto_chunksize(0, 4), 1);
        assert_eq!(auto_chunksize(5, 2), 1);
        assert_eq!(auto_chunksize(100, 2), 13);
        assert_eq!(auto_chunksize(1000, 4), 63);
    }

    #[test]
    fn lanes_never_exceed_the_worker_count() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(4).build().unwrap();
        let items = (0..10_000).map(Value::Int).collect();
        let job = Job::new(Workload::Square, items, 2).unwrap();
        let outcomes = pool.install(|| run(&job)).unwrap();
        assert!(outcomes.iter().all(|o| o.lane < 2));
        assert_eq!(outcomes.len(), 10_000);
    }
}
