//! Threads in a real browser: the rayon pool on Web Workers, in Chromium, in the threaded
//! build. Run by `./build.sh test` through wasm-bindgen-test-runner.
#![cfg(all(target_arch = "wasm32", feature = "threads"))]

use std::sync::Barrier;

use futures::executor::block_on;
use map_playground::{executor, input, Executor, Job, Workload};
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
    let job = Job::new(Workload::Square, input::parse("range(100000)").unwrap(), 2).unwrap();
    let pool = block_on(executor::run(Executor::Pool, &job)).unwrap();
    let sequential = block_on(executor::run(Executor::Sequential, &job)).unwrap();
    let results = |o: &[map_playground::ItemOutcome]| o.iter().map(|o| o.result.clone()).collect::<Vec<_>>();
    assert_eq!(results(&pool), results(&sequential));
    let mut lanes: Vec<_> = pool.iter().map(|o| o.lane).collect();
    lanes.sort_unstable();
    lanes.dedup();
    assert_eq!(lanes, [0, 1]);
}
