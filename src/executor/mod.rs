//! Executors: how a [`Job`] is run, as Python's `map`, `ThreadPoolExecutor` and
//! `ProcessPoolExecutor` run a worker over items.
//!
//! Each executor is its own module with the same shape (a job in, one [`ItemOutcome`] per item
//! out, in input order) and they are chosen in one `match` in [`run`]. Each outcome records the
//! lane that ran it and when, on the one clock of [`crate::clock`].

mod control;
mod pool;
mod sequential;
mod tasks;

use std::cell::RefCell;
use std::sync::Arc;

pub use control::{Control, Stop};

use crate::clock;
use crate::error::{Error, ErrorKind};
use crate::host;
use crate::input::MAX_ITEMS;
use crate::report::ItemOutcome;
use crate::value::Value;
use crate::workload::{Step, Worker, Workload};

/// The most workers a run may ask for.
pub const MAX_WORKERS: usize = 32;

/// How often a run reports progress (and a single-threaded executor yields): 20 times a second.
pub const TICK_MS: f64 = 50.0;

/// How long a stopped pool run waits for its running items before it gives the pool up.
pub const GRACE_MS: f64 = 100.0;

/// How the pool hands out work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheduling {
    /// `Pool.map`'s way: chunks of `chunksize` items from one shared queue.
    Queue,
    /// rayon's way: `par_iter`, split recursively, idle threads steal halves.
    WorkStealing,
    /// The queue, with the items the workload expects to take longest handed out first (the
    /// LPT rule): with uneven items, no lane is left alone with a big one at the end. Where the
    /// workload cannot tell an item's cost, input order, as the queue.
    LongestFirst,
}

impl Scheduling {
    /// The page API's name for it.
    pub fn name(self) -> &'static str {
        match self {
            Scheduling::Queue => "queue",
            Scheduling::WorkStealing => "work-stealing",
            Scheduling::LongestFirst => "longest-first",
        }
    }

    /// The scheduling of that name.
    ///
    /// # Errors
    /// An option error that lists the known names.
    pub fn from_name(name: &str) -> Result<Self, Error> {
        match name {
            "queue" => Ok(Scheduling::Queue),
            "work-stealing" => Ok(Scheduling::WorkStealing),
            "longest-first" => Ok(Scheduling::LongestFirst),
            _ => Err(Error::option(format!(
                "unknown scheduling {name:?}; known: queue, work-stealing, longest-first"
            ))),
        }
    }
}

/// A run to do: a workload, its validated items, and how they may be spread.
#[derive(Debug, Clone)]
pub struct Job {
    /// The function mapped over the items.
    pub worker: Worker,
    /// The input list, already parsed and checked for the workload.
    pub items: Vec<Value>,
    /// At most this many items run at once (1 to [`MAX_WORKERS`]).
    pub workers: usize,
    /// Items per chunk handed to a pool lane; `None` is `Pool.map`'s rule (see [`Job::chunksize`]).
    pub chunksize: Option<usize>,
    /// How the pool hands out work.
    pub scheduling: Scheduling,
    /// Whether to time every item (the trace); off for benchmarks.
    pub trace: bool,
    /// Whether to keep `mandelbrot_row`'s pixel counts for the page's picture.
    pub picture: bool,
}

impl Job {
    /// A job with `Pool.map`'s chunk size, queue scheduling and tracing on; the items are
    /// checked against the workload and the worker count must be in range.
    ///
    /// # Errors
    /// An input error for items the workload does not take; an option error for a worker
    /// count outside 1 to [`MAX_WORKERS`].
    pub fn new(workload: Workload, items: Vec<Value>, workers: usize) -> Result<Self, Error> {
        let job = Job::of(Worker::Builtin(workload), items, workers)?;
        workload.check_items(&job.items)?;
        Ok(job)
    }

    /// A job mapping a worker function written in Python over any items.
    ///
    /// # Errors
    /// An option error for a worker count outside 1 to [`MAX_WORKERS`].
    #[cfg(feature = "python")]
    pub fn custom(
        worker: crate::custom::CustomWorker,
        items: Vec<Value>,
        workers: usize,
    ) -> Result<Self, Error> {
        Job::of(Worker::Custom(Arc::new(worker)), items, workers)
    }

    fn of(worker: Worker, items: Vec<Value>, workers: usize) -> Result<Self, Error> {
        if !(1..=MAX_WORKERS).contains(&workers) {
            return Err(Error::option(format!("workers must be from 1 to {MAX_WORKERS}, got {workers}")));
        }
        Ok(Job {
            worker,
            items,
            workers,
            chunksize: None,
            scheduling: Scheduling::Queue,
            trace: true,
            picture: false,
        })
    }

    /// The same job with an explicit chunk size, or `None` for `Pool.map`'s rule.
    ///
    /// # Errors
    /// An option error for a chunk size outside 1 to the item cap.
    pub fn with_chunksize(mut self, chunksize: Option<usize>) -> Result<Self, Error> {
        if let Some(c) = chunksize {
            if !(1..=MAX_ITEMS).contains(&c) {
                return Err(Error::option(format!(
                    "chunksize must be from 1 to {MAX_ITEMS} or 'auto', got {c}"
                )));
            }
        }
        self.chunksize = chunksize;
        Ok(self)
    }

    /// The chunk size in force: the explicit one, or `Pool.map`'s `ceil(n / (4 × workers))`.
    pub fn chunksize(&self) -> usize {
        self.chunksize.unwrap_or_else(|| self.items.len().div_ceil(4 * self.workers).max(1))
    }

    /// The order in which the pool's queue hands items out, as input indexes: longest first
    /// when scheduled so and the workload can tell (items it cannot judge go last, in input
    /// order); `None` for input order.
    pub fn dispatch_order(&self) -> Option<Vec<usize>> {
        if self.scheduling != Scheduling::LongestFirst {
            return None;
        }
        let costs: Vec<Option<f64>> = self.items.iter().map(|item| self.worker.cost(item)).collect();
        if costs.iter().all(Option::is_none) {
            return None;
        }
        let mut order: Vec<usize> = (0..self.items.len()).collect();
        // A stable sort: items of equal cost keep their input order.
        order.sort_by(|&a, &b| costs[b].unwrap_or(-1.0).total_cmp(&costs[a].unwrap_or(-1.0)));
        Some(order)
    }
}

/// The executors, named as the page API's `executor` option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Executor {
    /// `list(map(worker, items))`: one item after another on the calling thread.
    Sequential,
    /// One thread, up to `workers` tasks in flight, interleaving where a workload awaits: the
    /// browser's `ThreadPoolExecutor`.
    Async,
    /// A rayon pool on Web Workers: the browser's `ProcessPoolExecutor` / `Pool.map`.
    Pool,
}

impl Executor {
    /// Every executor, in the order the page lists them.
    pub const ALL: &'static [Executor] = &[Executor::Sequential, Executor::Async, Executor::Pool];

    /// The page API's name for it.
    pub fn name(self) -> &'static str {
        match self {
            Executor::Sequential => "sequential",
            Executor::Async => "async",
            Executor::Pool => "pool",
        }
    }

    /// The executor of that name.
    ///
    /// # Errors
    /// An option error that lists the known names.
    pub fn from_name(name: &str) -> Result<Self, Error> {
        Executor::ALL.iter().copied().find(|e| e.name() == name).ok_or_else(|| {
            let known: Vec<_> = Executor::ALL.iter().map(|e| e.name()).collect();
            Error::option(format!("unknown executor {name:?}; known: {}", known.join(", ")))
        })
    }
}

/// How a run ended.
#[derive(Debug)]
pub struct Finished {
    /// The items that finished, in the order they finished.
    pub outcomes: Vec<ItemOutcome>,
    /// Why the run stopped early, if it did; items missing from `outcomes` never finished.
    pub stopped: Option<Stop>,
    /// Whether pool items were still running when the run gave up on them: the pool is busy
    /// and must be replaced before the next run.
    pub abandoned: bool,
}

/// A watcher's callback: newly finished outcomes, and the done count.
pub type OnTick<'a> = &'a mut dyn FnMut(&[ItemOutcome], usize);

/// Runs the job on the executor and stops when `control` says so. A watched run (`on_tick`
/// given) calls `on_tick` at once (which tells the total) and then with newly finished outcomes
/// every [`TICK_MS`], and notices a stop within a tick even while an item awaits its I/O. An
/// unwatched run does neither: nothing is sent while it runs, and a stop (its deadline) takes
/// effect at the next item.
///
/// # Errors
/// [`ErrorKind::PoolUnavailable`] when the pool is asked for in a build without threads;
/// [`ErrorKind::BrokenPool`] when a pool Worker died mid-run.
pub async fn run(
    executor: Executor,
    job: Arc<Job>,
    control: Arc<Control>,
    on_tick: Option<OnTick<'_>>,
) -> Result<Finished, Error> {
    let watched = on_tick.is_some();
    let finished = RefCell::new(Vec::with_capacity(job.items.len()));
    let on_tick = RefCell::new(on_tick);
    let tick = || {
        let fresh = control.take_fresh();
        if let Some(on_tick) = on_tick.borrow_mut().as_mut() {
            on_tick(&fresh, control.done());
        }
        finished.borrow_mut().extend(fresh);
    };
    if watched {
        tick();
    }
    let abandoned = match executor {
        Executor::Sequential | Executor::Async => {
            let work = async {
                if executor == Executor::Sequential {
                    sequential::run(&job, &control, watched).await;
                } else {
                    tasks::run(&job, &control, watched).await;
                }
            };
            let ticker = async {
                if !watched {
                    return std::future::pending().await;
                }
                loop {
                    host::sleep(TICK_MS as u32).await;
                    tick();
                    if control.should_stop() {
                        break;
                    }
                }
            };
            futures::pin_mut!(work, ticker);
            futures::future::select(work, ticker).await;
            false
        }
        Executor::Pool => pool::run(Arc::clone(&job), Arc::clone(&control), &tick).await?,
    };
    tick();
    let outcomes = finished.into_inner();
    let stopped = if outcomes.len() < job.items.len() { control.stopped() } else { None };
    if stopped == Some(Stop::Broken) {
        let mut done = vec![false; job.items.len()];
        for o in &outcomes {
            done[o.index] = true;
        }
        let lost: Vec<usize> = (0..job.items.len()).filter(|&i| !done[i]).collect();
        return Err(Error::new(ErrorKind::BrokenPool { lost }));
    }
    Ok(Finished { outcomes, stopped, abandoned })
}

/// Runs one item on a lane, blocking for its I/O, and records it: for pool threads.
#[cfg(any(not(target_arch = "wasm32"), feature = "threads"))]
fn timed_call(job: &Job, index: usize, lane: usize) -> ItemOutcome {
    let start_ms = job.trace.then(clock::now_ms);
    let (step, pixels) = prepare(job, index);
    let result = Workload::finish_blocking(step);
    let end_ms = job.trace.then(clock::now_ms);
    // Its completion ticket is given when it is reported (`Control::finish`).
    ItemOutcome { index, lane, seq: 0, start_ms, end_ms, result, pixels }
}

/// The item's CPU-bound work, keeping the picture's pixels when the job wants them.
fn prepare(job: &Job, index: usize) -> (Step, Option<Vec<u16>>) {
    let item = &job.items[index];
    match &job.worker {
        Worker::Builtin(w @ Workload::MandelbrotRow) if job.picture => {
            let mut pixels = Vec::new();
            let step = w.prepare_picture(item, &mut pixels);
            (step, Some(pixels).filter(|p| !p.is_empty()))
        }
        Worker::Builtin(w) => (w.prepare(item), None),
        #[cfg(feature = "python")]
        Worker::Custom(code) => (Step::Done(code.call(item)), None),
    }
}

/// Runs one item on a lane, awaiting its I/O, and records it: for the compute Worker's own
/// thread, which must never block in the single-threaded build.
async fn timed_call_async(job: &Job, index: usize, lane: usize) -> ItemOutcome {
    let start_ms = job.trace.then(clock::now_ms);
    let (step, pixels) = prepare(job, index);
    let result = Workload::finish_async(step).await;
    let end_ms = job.trace.then(clock::now_ms);
    // Its completion ticket is given when it is reported (`Control::finish`).
    ItemOutcome { index, lane, seq: 0, start_ms, end_ms, result, pixels }
}

/// Lets the compute Worker's event loop run (progress out, a cancel in) when a
/// single-threaded executor has computed for a whole tick of a watched run. An unwatched run
/// has nothing to let out or in, and does not read the clock, a call out of wasm that cost
/// `square` over 100,000 items 40% of its time.
async fn yield_if_due(control: &Control, watched: bool) {
    if watched && control.yield_due(TICK_MS) {
        host::yield_now().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Order, Report};
    use futures::executor::block_on;

    /// Native pool tests share rayon's global pool: four threads, so lane limits show.
    pub(crate) fn global_pool() {
        static POOL: std::sync::Once = std::sync::Once::new();
        POOL.call_once(|| {
            let _ = rayon::ThreadPoolBuilder::new().num_threads(4).build_global();
        });
    }

    fn finish(executor: Executor, job: &Job, control: Control) -> Finished {
        global_pool();
        block_on(run(executor, Arc::new(job.clone()), Arc::new(control), None)).unwrap()
    }

    fn printed(executor: Executor, job: &Job) -> String {
        let finished = finish(executor, job, Control::new(None));
        Report::new(job, executor, Order::Ordered, &finished, 0.0, 0.0).printed().to_string()
    }

    fn ints(items: impl IntoIterator<Item = i64>) -> Vec<Value> {
        items.into_iter().map(|n| Value::Int(n.into())).collect()
    }

    /// splitmix64, for reproducible random cases.
    struct Rng(u64);
    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31)) % n
        }
    }

    #[test]
    fn every_executor_matches_sequential_on_random_jobs() {
        let mut rng = Rng(2026);
        let cheap = [
            Workload::Square,
            Workload::IsPrime,
            Workload::Fib,
            Workload::CollatzSteps,
            Workload::CountPrimes,
        ];
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
        use crate::custom::CustomWorker;
        let items = ints((-50..250).map(|n| n * 7919));
        let builtin = Job::new(Workload::Square, items.clone(), 4).unwrap().with_chunksize(Some(3)).unwrap();
        let expected = printed(Executor::Sequential, &builtin);
        let code = CustomWorker::compile("def worker(num):\n    return num * num\n").unwrap();
        let mut custom = Job::custom(code, items, 4).unwrap().with_chunksize(Some(3)).unwrap();
        for scheduling in [Scheduling::Queue, Scheduling::WorkStealing] {
            custom.scheduling = scheduling;
            for executor in Executor::ALL.iter().copied() {
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
        job.worker = Worker::Builtin(Workload::CollatzSteps);
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
        for executor in Executor::ALL {
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
        for executor in Executor::ALL {
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
        for executor in Executor::ALL {
            let mut ticks = Vec::new();
            let control = Arc::new(Control::new(None));
            block_on(run(
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
}
