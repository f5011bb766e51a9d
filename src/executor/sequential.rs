//! `list(map(worker, items))`: the baseline every speedup is measured against.

use super::{timed_call, Job};
use crate::report::ItemOutcome;

/// Runs every item in order on the calling thread, lane 0.
pub(super) fn run(job: &Job) -> Vec<ItemOutcome> {
    (0..job.items.len())
        .map(|i| timed_call(job, i, 0))
        .collect()
}
