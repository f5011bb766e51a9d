//! The async executor: the browser's `ThreadPoolExecutor`, on one thread.
//!
//! `workers` tasks share one queue of items; each takes the next item when its current one is
//! done. They only interleave where a workload awaits (a timer, a fetch), so waiting overlaps
//! and computing does not: exactly what threads under Python's GIL give.

use std::cell::Cell;

use super::{timed_call_async, Job};
use crate::report::ItemOutcome;

/// Runs the items with up to `workers` tasks in flight; each task is a lane.
pub(super) async fn run(job: &Job) -> Vec<ItemOutcome> {
    let next = Cell::new(0);
    let lane = |lane: usize| {
        let next = &next;
        async move {
            let mut done = Vec::new();
            loop {
                let index = next.get();
                if index >= job.items.len() {
                    break;
                }
                next.set(index + 1);
                done.push(timed_call_async(job, index, lane).await);
            }
            done
        }
    };
    let lanes = (0..job.workers.min(job.items.len())).map(lane);
    let mut outcomes: Vec<_> = futures::future::join_all(lanes).await.into_iter().flatten().collect();
    outcomes.sort_unstable_by_key(|o| o.index);
    outcomes
}
