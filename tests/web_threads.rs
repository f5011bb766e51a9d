//! Threads in a real browser: the rayon pool on Web Workers, in Chromium, in the threaded
//! build. Run by `./build.sh test` through wasm-bindgen-test-runner.
#![cfg(all(target_arch = "wasm32", feature = "threads"))]

use std::sync::Barrier;

use std::sync::Arc;

use map_playground::executor::{self, Control, Stop};
use map_playground::{input, Executor, Job, Workload};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_dedicated_worker);

async fn start_pool() {
    // The pool is global to the instance: start it once, whichever test comes first.
    static STARTED: std::sync::OnceLock<()> = std::sync::OnceLock::new();
    if STARTED.get().is_none() {
        JsFuture::from(wasm_bindgen_rayon::init_thread_pool(2)).await.expect("the pool starts");
        let _ = STARTED.set(());
    }
}

/// Two pool threads really run at once: each side of the join waits for the other at a
/// barrier, which only returns when both have arrived.
#[wasm_bindgen_test]
async fn two_pool_threads_run_at_the_same_time() {
    start_pool().await;
    let barrier = Barrier::new(2);
    let (a, b) = rayon::join(
        || {
            barrier.wait();
            rayon::current_thread_index()
        },
        || {
            barrier.wait();
            rayon::current_thread_index()
        },
    );
    assert_ne!(a, b);
}

/// The pool executor gives the sequential results, and uses both lanes on a large input.
#[wasm_bindgen_test]
async fn the_pool_executor_matches_sequential_on_two_lanes() {
    start_pool().await;
    let job = Arc::new(Job::new(Workload::Square, input::parse("range(100000)").unwrap(), 2).unwrap());
    let run = |executor| executor::run(executor, Arc::clone(&job), Arc::new(Control::new(None)), None);
    let pool = run(Executor::Pool).await.unwrap();
    let sequential = run(Executor::Sequential).await.unwrap();
    let by_index = |f: &executor::Finished| {
        let mut results: Vec<_> = f.outcomes.iter().map(|o| (o.index, o.result.clone())).collect();
        results.sort_by_key(|r| r.0);
        results
    };
    assert_eq!(by_index(&pool), by_index(&sequential));
    let mut lanes: Vec<_> = pool.outcomes.iter().map(|o| o.lane).collect();
    lanes.sort_unstable();
    lanes.dedup();
    assert_eq!(lanes, [0, 1]);
}

/// A cancelled pool run stops taking items, and the driver returns without hanging.
#[wasm_bindgen_test]
async fn a_cancelled_pool_run_returns() {
    start_pool().await;
    let job = Arc::new(Job::new(Workload::SleepMs, input::parse("[20] * 50").unwrap(), 2).unwrap());
    let control = Arc::new(Control::new(None));
    control.stop(Stop::Cancelled);
    let finished = executor::run(Executor::Pool, job, control, None).await.unwrap();
    assert!(finished.outcomes.is_empty());
    assert_eq!(finished.stopped, Some(Stop::Cancelled));
}
