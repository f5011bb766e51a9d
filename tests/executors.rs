//! The executors against each other: every executor gives the sequential results, pools keep
//! their lane and chunk rules, and runs stop, time out and tick as promised. The report is the
//! one rule that turns their outcomes into what the page prints.

mod common;

use std::sync::Arc;

use futures::executor::block_on;
use map_playground::executor::{self, Control, Finished, Scheduling, Stop, MAX_WORKERS};
use map_playground::{clock, Executor, Job, MapFunction, Order, Report, Value, Workload};

use common::Rng;

/// Native pool tests share rayon's global pool: four threads, so lane limits show.
fn global_pool() {
    static POOL: std::sync::Once = std::sync::Once::new();
    POOL.call_once(|| {
        let _ = rayon::ThreadPoolBuilder::new().num_threads(4).build_global();
    });
}

fn finish(executor: Executor, job: &Job, control: Control) -> Finished {
    global_pool();
    block_on(executor::run(executor, Arc::new(job.clone()), Arc::new(control), None)).unwrap()
}

fn printed(executor: Executor, job: &Job) -> String {
    let finished = finish(executor, job, Control::new(None));
    Report::new(job, executor, Order::Ordered, &finished, 0.0, 0.0).printed().to_string()
}

fn ints(items: impl IntoIterator<Item = i64>) -> Vec<Value> {
    items.into_iter().map(|n| Value::Int(n.into())).collect()
}

#[test]
fn every_executor_matches_sequential_on_random_jobs() {
    let mut rng = Rng(2026);
    let cheap =
        [Workload::Square, Workload::IsPrime, Workload::Fib, Workload::CollatzSteps, Workload::CountPrimes];
    for case in 0..1500 {
        let workload = cheap[rng.below(cheap.len() as u64) as usize];
        let n = rng.below(60) as usize;
        let items = ints((0..n).map(|_| rng.below(28) as i64 - 3));
        let workers = 1 + rng.below(8) as usize;
        let chunksize = match rng.below(3) {
            0 => None,
            _ => Some(1 + rng.below(10) as usize),
        };
        let mut job = Job::new(workload, items, workers).unwrap().with_chunksize(chunksize).unwrap();
        job.trace = rng.below(2) == 0;
        let expected = printed(Executor::Sequential, &job);
        for scheduling in [Scheduling::Queue, Scheduling::WorkStealing, Scheduling::LongestFirst] {
            job.scheduling = scheduling;
            for executor in [Executor::Async, Executor::Pool] {
                assert_eq!(printed(executor, &job), expected, "case {case}: {executor:?} {job:?}");
            }
        }
        let completed = finish(Executor::Pool, &job, Control::new(None));
        let r = Report::new(&job, Executor::Pool, Order::Completed, &completed, 0.0, 0.0);
        let pairs = |r: &Report| -> Vec<(u32, String)> {
            (0..r.results.len())
                .map(|at| (r.results.index[at], r.results.reprs.get(at).to_string()))
                .collect()
        };
        let mut by_index = pairs(&r);
        by_index.sort();
        let ordered = Report::new(&job, Executor::Pool, Order::Ordered, &completed, 0.0, 0.0);
        assert_eq!(by_index, pairs(&ordered));
    }
}

#[cfg(feature = "python")]
#[test]
fn a_custom_worker_prints_as_the_builtin_on_every_executor() {
    use map_playground::custom::CustomWorker;
    let items = ints((-50..250).map(|n| n * 7919));
    let builtin = Job::new(Workload::Square, items.clone(), 4).unwrap().with_chunksize(Some(3)).unwrap();
    let expected = printed(Executor::Sequential, &builtin);
    let code = CustomWorker::compile("def worker(num):\n    return num * num\n").unwrap();
    let mut custom = Job::custom(code, items, 4).unwrap().with_chunksize(Some(3)).unwrap();
    for scheduling in [Scheduling::Queue, Scheduling::WorkStealing] {
        custom.scheduling = scheduling;
        for executor in Executor::IN_INSTANCE.iter().copied() {
            assert_eq!(printed(executor, &custom), expected, "{executor:?} {scheduling:?}");
        }
    }
    // Deep recursion on a pool thread ends as Python's RecursionError, not a stack overflow.
    let deep =
        CustomWorker::compile("def worker(n):\n    return n if n == 0 else 1 + worker(n - 1)\n").unwrap();
    let job = Job::custom(deep, ints([10, 900, 5000]), 2).unwrap();
    assert_eq!(
        printed(Executor::Pool, &job),
        "[10, 900, RecursionError('maximum recursion depth exceeded')]"
    );
}

#[test]
fn pool_lanes_never_exceed_the_worker_count() {
    let job = Job::new(Workload::Square, ints(0..20_000), 2).unwrap();
    let finished = finish(Executor::Pool, &job, Control::new(None));
    assert_eq!(finished.outcomes.len(), 20_000);
    assert!(finished.outcomes.iter().all(|o| o.lane < 2));
}

#[test]
fn queue_chunks_run_whole_on_one_lane_as_pool_map_does() {
    let job = Job::new(Workload::SleepMs, ints([2; 12]), 3).unwrap().with_chunksize(Some(4)).unwrap();
    let finished = finish(Executor::Pool, &job, Control::new(None));
    let lane_of = |i: usize| finished.outcomes.iter().find(|o| o.index == i).unwrap().lane;
    for chunk in 0..3 {
        let lanes: Vec<_> = (chunk * 4..chunk * 4 + 4).map(lane_of).collect();
        assert!(lanes.iter().all(|&l| l == lanes[0]), "chunk {chunk} split over lanes {lanes:?}");
    }
    assert_eq!(job.chunksize(), 4);
    assert_eq!(Job::new(Workload::Square, ints(0..100), 2).unwrap().chunksize(), 13);
}

#[test]
fn longest_first_hands_out_the_biggest_items_first_and_reports_in_input_order() {
    let mut job = Job::new(Workload::Fib, ints([3, 20, 1, 25, 20, 12]), 1).unwrap();
    job.chunksize = Some(1);
    job.scheduling = Scheduling::LongestFirst;
    assert_eq!(job.dispatch_order(), Some(vec![3, 1, 4, 5, 0, 2]));
    let finished = finish(Executor::Pool, &job, Control::new(None));
    let started: Vec<_> = finished.outcomes.iter().map(|o| o.index).collect();
    assert_eq!(started, [3, 1, 4, 5, 0, 2]);
    let report = Report::new(&job, Executor::Pool, Order::Ordered, &finished, 0.0, 0.0);
    assert_eq!(report.printed(), "[2, 6765, 1, 75025, 6765, 144]");
    // Where the workload cannot tell an item's cost, the queue's input order.
    job.function = MapFunction::Builtin(Workload::CollatzSteps);
    assert_eq!(job.dispatch_order(), None);
}

#[test]
fn blocking_waits_overlap_on_the_pool_and_awaited_ones_on_async() {
    let job = Job::new(Workload::SleepMs, ints([100; 4]), 4).unwrap();
    for executor in [Executor::Pool, Executor::Async] {
        let start = std::time::Instant::now();
        let finished = finish(executor, &job, Control::new(None));
        assert_eq!(finished.outcomes.len(), 4);
        assert!(
            start.elapsed() < std::time::Duration::from_millis(350),
            "{executor:?} took {:?}",
            start.elapsed()
        );
    }
}

#[test]
fn a_cancelled_run_starts_no_more_items_on_any_executor() {
    let job = Job::new(Workload::SleepMs, ints([1; 50]), 2).unwrap();
    for executor in Executor::IN_INSTANCE {
        let control = Control::new(None);
        control.stop(Stop::Cancelled);
        let finished = finish(*executor, &job, control);
        assert!(finished.outcomes.is_empty(), "{executor:?}");
        assert_eq!(finished.stopped, Some(Stop::Cancelled));
    }
}

#[test]
fn a_timeout_ends_the_run_with_the_rest_timed_out() {
    let job = Job::new(Workload::SleepMs, ints([40; 10]), 1).unwrap();
    for executor in Executor::IN_INSTANCE {
        let started = clock::now_ms();
        let finished = finish(*executor, &job, Control::new(Some(started + 100.0)));
        assert_eq!(finished.stopped, Some(Stop::TimedOut), "{executor:?}");
        assert!((1..10).contains(&finished.outcomes.len()), "{executor:?}: {}", finished.outcomes.len());
        let r = Report::new(&job, *executor, Order::Ordered, &finished, started, 0.0);
        assert!(r.printed().ends_with("TimeoutError()]"), "{}", r.printed());
        assert!(clock::now_ms() - started < 400.0);
    }
}

#[test]
fn progress_ticks_while_a_run_goes_on() {
    let job = Job::new(Workload::SleepMs, ints([30; 6]), 1).unwrap();
    global_pool();
    for executor in Executor::IN_INSTANCE {
        let mut ticks = Vec::new();
        let control = Arc::new(Control::new(None));
        block_on(executor::run(
            *executor,
            Arc::new(job.clone()),
            control,
            Some(&mut |fresh, done| ticks.push((fresh.len(), done))),
        ))
        .unwrap();
        assert!(ticks.len() >= 3, "{executor:?}: {ticks:?}");
        assert_eq!(ticks.last().unwrap().1, 6);
        assert_eq!(ticks.iter().map(|t| t.0).sum::<usize>(), 6);
    }
}

#[test]
fn worker_counts_and_chunk_sizes_outside_the_range_are_refused() {
    assert!(Job::new(Workload::Square, vec![], 0).is_err());
    assert!(Job::new(Workload::Square, vec![], MAX_WORKERS + 1).is_err());
    assert!(Job::new(Workload::Square, vec![], 1).unwrap().with_chunksize(Some(0)).is_err());
}
