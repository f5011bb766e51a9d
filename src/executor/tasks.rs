//! The async executor: the browser's `ThreadPoolExecutor`, on one thread.
//!
//! `workers` tasks share one queue of items; each takes the next item when its current one is
//! done. They only interleave where a workload awaits (a timer, a fetch), so waiting overlaps
//! and computing does not: what threads under Python's GIL give.

use std::cell::Cell;

use super::{timed_call_async, yield_if_due, Control, Job};

/// Runs the items with up to `workers` tasks in flight, each task a lane, until they are done
/// or the run stops; a `watched` run yields to the event loop once a tick.
pub(super) async fn run(job: &Job, control: &Control, watched: bool) {
    let next = Cell::new(0);
    let lane = |lane: usize| {
        let next = &next;
        async move {
            loop {
                let index = next.get();
                if index >= job.items.len() || control.should_stop() {
                    return;
                }
                next.set(index + 1);
                let outcome = timed_call_async(job, index, lane).await;
                control.finish([outcome]);
                yield_if_due(control, watched).await;
            }
        }
    };
    futures::future::join_all((0..job.workers.min(job.items.len())).map(lane)).await;
}
