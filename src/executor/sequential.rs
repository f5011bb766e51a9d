//! `list(map(worker, items))`: the baseline every speedup is measured against.
//!
//! One item at a time, in order, on the calling thread. It awaits a workload's I/O rather than
//! blocking because the compute Worker of the single-threaded build cannot block; with one
//! item in flight the effect is the same.

use super::{timed_call_async, Job};
use crate::report::ItemOutcome;

/// Runs every item in order on lane 0.
pub(super) async fn run(job: &Job) -> Vec<ItemOutcome> {
    let mut outcomes = Vec::with_capacity(job.items.len());
    for index in 0..job.items.len() {
        outcomes.push(timed_call_async(job, index, 0).await);
    }
    outcomes
}
