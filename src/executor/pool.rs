//! The pool executor: `Pool.map` on rayon threads, which in the browser are Web Workers.
//!
//! With [`Scheduling::Queue`], as `multiprocessing.Pool.map` does, the input is handed out in
//! chunks from one shared queue (an atomic index): each of `workers` lanes takes the next chunk
//! when it is free, so at most `workers` items run at once and uneven items balance themselves,
//! and a chunk's results come back together. [`Scheduling::LongestFirst`] is the same queue
//! over the items sorted by the workload's cost estimate, biggest first. With
//! [`Scheduling::WorkStealing`], rayon's `par_iter` splits the index range in halves down to
//! `chunksize` and idle threads steal.
//!
//! The lanes run detached (`spawn_broadcast`), so the calling thread, the compute Worker, stays
//! free: it reports progress every tick and hears a cancel. The last lane to finish wakes it
//! through the shared memory (`Atomics.waitAsync`).

use std::sync::Arc;

use super::{Control, Job};
use crate::Error;

/// How long the calling thread sleeps right after it wakes the lanes (see [`run`]), before it
/// goes back to its event loop; a run that ends sooner wakes it. A message (a cancel) waits
/// that long at most.
#[cfg(all(target_arch = "wasm32", feature = "threads"))]
const SETTLE_MS: f64 = 2.0;

/// Runs the job on the current rayon pool; resolves to whether running items were abandoned.
#[cfg(any(not(target_arch = "wasm32"), feature = "threads"))]
pub(super) async fn run(job: Arc<Job>, control: Arc<Control>, tick: &dyn Fn()) -> Result<bool, Error> {
    use std::sync::atomic::{AtomicI32, AtomicUsize, Ordering};

    use super::{Scheduling, GRACE_MS, TICK_MS};
    use crate::{clock, host};

    let lanes_left = Arc::new(AtomicI32::new(0));
    match job.scheduling {
        Scheduling::Queue | Scheduling::LongestFirst => {
            lanes_left.store(rayon::current_num_threads() as i32, Ordering::SeqCst);
            let (lanes_left, control) = (Arc::clone(&lanes_left), Arc::clone(&control));
            let queue = Arc::new(AtomicUsize::new(0));
            let order = Arc::new(job.dispatch_order());
            rayon::spawn_broadcast(move |ctx| {
                if ctx.index() < job.workers {
                    queue_lane(&job, &control, &queue, order.as_deref(), ctx.index());
                }
                if lanes_left.fetch_sub(1, Ordering::SeqCst) == 1 {
                    host::notify(&lanes_left);
                }
            });
        }
        Scheduling::WorkStealing => {
            lanes_left.store(1, Ordering::SeqCst);
            let (lanes_left, control) = (Arc::clone(&lanes_left), Arc::clone(&control));
            rayon::spawn(move || {
                work_stealing(&job, &control);
                lanes_left.store(0, Ordering::SeqCst);
                host::notify(&lanes_left);
            });
        }
    }
    // The lanes were just woken. This thread sleeps at once, for a moment, rather than first
    // going back to its event loop (about 0.1 ms of JavaScript): on a machine whose cores are
    // all busy, Linux puts a woken thread in the queue of a busy core, behind the other lane or
    // this thread, and moves it to a core that falls idle only when that core's balancing runs
    // as it goes idle. Sleeping now is that moment. Going to the event loop first, a lane
    // waited up to a time slice (4 ms) in up to half of Compare's pool runs on a 2-core machine.
    #[cfg(target_arch = "wasm32")]
    host::block_while(&lanes_left, lanes_left.load(Ordering::SeqCst), SETTLE_MS);
    let mut last_tick = clock::now_ms();
    let mut stopped_at = None;
    loop {
        let left = lanes_left.load(Ordering::SeqCst);
        if left == 0 {
            return Ok(false);
        }
        host::wait_while(&lanes_left, left, TICK_MS - (clock::now_ms() - last_tick)).await;
        let now = clock::now_ms();
        if now - last_tick >= TICK_MS {
            tick();
            last_tick = now;
        }
        if control.should_stop()
            && lanes_left.load(Ordering::SeqCst) != 0
            && now - *stopped_at.get_or_insert(now) >= GRACE_MS
        {
            return Ok(true);
        }
    }
}

/// One lane of `Pool.map`: take the next chunk from the shared queue (the position of its first
/// item in `order`, or in the input) until none is left or the run stops.
#[cfg(any(not(target_arch = "wasm32"), feature = "threads"))]
fn queue_lane(
    job: &Job,
    control: &Control,
    queue: &std::sync::atomic::AtomicUsize,
    order: Option<&[usize]>,
    lane: usize,
) {
    use std::sync::atomic::Ordering;

    let n = job.items.len();
    let chunk = job.chunksize();
    loop {
        if control.should_stop() {
            return;
        }
        let start = queue.fetch_add(chunk, Ordering::Relaxed);
        if start >= n {
            return;
        }
        let mut done = Vec::with_capacity(chunk.min(n - start));
        for at in start..n.min(start + chunk) {
            if control.should_stop() {
                break;
            }
            let index = order.map_or(at, |o| o[at]);
            done.push(super::timed_call(job, index, lane));
        }
        control.finish(done);
    }
}

/// rayon's own scheduling: `par_iter` over the indexes, split no finer than `chunksize`; each
/// item is reported as it finishes, on the lane of the thread that ran it.
#[cfg(any(not(target_arch = "wasm32"), feature = "threads"))]
fn work_stealing(job: &Job, control: &Control) {
    use rayon::prelude::*;

    (0..job.items.len()).into_par_iter().with_min_len(job.chunksize()).for_each(|index| {
        if !control.should_stop() {
            let lane = rayon::current_thread_index().unwrap_or(0);
            control.finish([super::timed_call(job, index, lane)]);
        }
    });
}

/// The single-threaded wasm build has no pool: the page is not cross-origin isolated, or the
/// browser lacks what the pool needs (www/isolation/threads.js).
#[cfg(all(target_arch = "wasm32", not(feature = "threads")))]
pub(super) async fn run(_job: Arc<Job>, _control: Arc<Control>, _tick: &dyn Fn()) -> Result<bool, Error> {
    Err(Error::new(crate::ErrorKind::PoolUnavailable))
}
