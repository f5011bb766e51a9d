//! `list(map(worker, items))`: the baseline every speedup is measured against.
//!
//! One item at a time, in order, on the calling thread. It awaits a workload's I/O rather than
//! blocking because the compute Worker of the single-threaded build cannot block; with one
//! item in flight the effect is the same.

use super::{timed_call_async, yield_if_due, Control, Job};

/// Runs the items in order on lane 0 until they are done or the run stops; a `watched` run
/// yields to the event loop once a tick.
pub(super) async fn run(job: &Job, control: &Control, watched: bool) {
    for index in 0..job.items.len() {
        if control.should_stop() {
            return;
        }
        let outcome = timed_call_async(job, index, 0).await;
        control.finish([outcome]);
        yield_if_due(control, watched).await;
    }
}
