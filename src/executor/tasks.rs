//! The async executor: the browser's `ThreadPoolExecutor`, on one thread.
//!
//! `workers` tasks share one queue of items; each takes the next item when its current one is
//! done. They only interleave where a workload awaits (a timer, a fetch), so waiting overlaps
//! and computing does not: exactly what threads under Python's GIL give.

use std::cell::Cell;

use super::Job;
use crate::clock;
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
                let Some(item) = job.items.get(index) else {
                    break;
                };
                next.set(index + 1);
                let start_ms = clock::now_ms();
                let result = job.workload.call_async(item).await;
                done.push(ItemOutcome {
                    index,
                    lane,
                    start_ms,
                    end_ms: clock::now_ms(),
                    result,
                });
            }
            done
        }
    };
    let lanes = (0..job.workers.min(job.items.len())).map(lane);
    let mut outcomes: Vec<_> = futures::future::join_all(lanes)
        .await
        .into_iter()
        .flatten()
        .collect();
    outcomes.sort_unstable_by_key(|o| o.index);
    outcomes
}
