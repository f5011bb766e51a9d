//! Executors: how a [`Job`] is run, as Python's `map`, `ThreadPoolExecutor` and
//! `ProcessPoolExecutor` run a worker over items.
//!
//! Each executor is its own module with the same shape (a job in, one [`ItemOutcome`] per item
//! out, in input order) and they are chosen in one `match` in [`run`]. Each outcome records the
//! lane that ran it and when, on the one clock of [`crate::clock`].

mod control;
mod outcome;
mod pool;
mod sequential;
mod tasks;

use std::cell::RefCell;
use std::sync::Arc;

pub use control::{Control, Stop};
pub use outcome::ItemOutcome;

use crate::clock;
use crate::error::{Error, ErrorKind};
use crate::host;
use crate::input::MAX_ITEMS;
use crate::value::Value;
use crate::workload::{MapFunction, Step, Workload};

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
    /// Every scheduling, in the order the page lists them.
    pub const ALL: &'static [Scheduling] =
        &[Scheduling::Queue, Scheduling::WorkStealing, Scheduling::LongestFirst];

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
    pub function: MapFunction,
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
        let job = Job::of(MapFunction::Builtin(workload), items, workers)?;
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
        Job::of(MapFunction::Custom(Arc::new(worker)), items, workers)
    }

    /// A job of a built-in workload over items already checked against it
    /// ([`Workload::check_items`]), as `crate::options` checks them.
    ///
    /// # Errors
    /// An option error for a worker count outside 1 to [`MAX_WORKERS`].
    pub fn checked(workload: Workload, items: Vec<Value>, workers: usize) -> Result<Self, Error> {
        Job::of(MapFunction::Builtin(workload), items, workers)
    }

    fn of(function: MapFunction, items: Vec<Value>, workers: usize) -> Result<Self, Error> {
        check_workers(workers)?;
        Ok(Job {
            function,
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
            check_chunksize(c)?;
        }
        self.chunksize = chunksize;
        Ok(self)
    }

    /// The chunk size in force: the explicit one, or `Pool.map`'s `ceil(n / (4 × workers))`.
    pub fn chunksize(&self) -> usize {
        self.chunksize.unwrap_or_else(|| auto_chunksize(self.items.len(), self.workers))
    }

    /// The order in which the pool's queue hands items out, as input indexes: longest first
    /// when scheduled so and the workload can tell (items it cannot judge go last, in input
    /// order); `None` for input order.
    pub fn dispatch_order(&self) -> Option<Vec<usize>> {
        if self.scheduling != Scheduling::LongestFirst {
            return None;
        }
        let costs: Vec<Option<f64>> = self.items.iter().map(|item| self.function.cost(item)).collect();
        if costs.iter().all(Option::is_none) {
            return None;
        }
        let mut order: Vec<usize> = (0..self.items.len()).collect();
        // A stable sort: items of equal cost keep their input order.
        order.sort_by(|&a, &b| costs[b].unwrap_or(-1.0).total_cmp(&costs[a].unwrap_or(-1.0)));
        Some(order)
    }
}

/// `Pool.map`'s chunk size for `items` items on `workers` workers: about four chunks per worker.
pub fn auto_chunksize(items: usize, workers: usize) -> usize {
    items.div_ceil(4 * workers.max(1)).max(1)
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
    /// Web Workers with memories of their own, each with its own wasm instance: the model of
    /// `multiprocessing.Pool`, which needs no shared memory. The compute Worker hands out its
    /// chunks (`www/worker/message-pool.js`), each run there on [`Executor::Sequential`], and
    /// merges their outcomes into one report through `Report` as any run's.
    MessagePassing,
}

impl Executor {
    /// Every executor, in the order the page lists them.
    pub const ALL: &'static [Executor] =
        &[Executor::Sequential, Executor::Async, Executor::Pool, Executor::MessagePassing];

    /// The executors that run inside one wasm instance, on [`run`].
    pub const IN_INSTANCE: &'static [Executor] = &[Executor::Sequential, Executor::Async, Executor::Pool];

    /// The page API's name for it.
    pub fn name(self) -> &'static str {
        match self {
            Executor::Sequential => "sequential",
            Executor::Async => "async",
            Executor::Pool => "pool",
            Executor::MessagePassing => "message-passing",
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
    let abandoned =
        match executor {
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
            Executor::MessagePassing => return Err(Error::option(
                "message-passing runs its chunks in Workers of their own, each on the sequential executor",
            )),
        };
    tick();
    let outcomes = finished.into_inner();
    let stopped = control.stopped();
    if stopped == Some(Stop::Broken) && outcomes.len() < job.items.len() {
        return Err(broken_pool(job.items.len(), outcomes.iter().map(|o| o.index)));
    }
    Ok(Finished { outcomes, stopped, abandoned })
}

/// The `BrokenPool` error of a run of `total` items of which those in `done` finished: every
/// other item was lost with the pool's Worker.
pub fn broken_pool(total: usize, done: impl IntoIterator<Item = usize>) -> Error {
    let mut finished = vec![false; total];
    for index in done {
        if let Some(f) = finished.get_mut(index) {
            *f = true;
        }
    }
    Error::new(ErrorKind::BrokenPool { lost: (0..total).filter(|&i| !finished[i]).collect() })
}

/// Checks a worker count: 1 to [`MAX_WORKERS`].
///
/// # Errors
/// An option error that says the range.
pub fn check_workers(workers: usize) -> Result<(), Error> {
    if (1..=MAX_WORKERS).contains(&workers) {
        Ok(())
    } else {
        Err(Error::option(format!("workers must be from 1 to {MAX_WORKERS}, got {workers}")))
    }
}

/// Checks a chunk size: 1 to [`MAX_ITEMS`].
///
/// # Errors
/// An option error that says the range.
pub fn check_chunksize(chunksize: usize) -> Result<(), Error> {
    if (1..=MAX_ITEMS).contains(&chunksize) {
        Ok(())
    } else {
        Err(Error::option(format!("chunksize must be from 1 to {MAX_ITEMS} or 'auto', got {chunksize}")))
    }
}

/// Runs one item on a lane, blocking for its I/O, and records it: for pool threads.
#[cfg(any(not(target_arch = "wasm32"), feature = "threads"))]
fn timed_call(job: &Job, index: usize, lane: usize) -> ItemOutcome {
    let start_ms = job.trace.then(clock::now_ms);
    let (step, pixels) = first_step(job, index);
    let result = Workload::finish_blocking(step);
    let end_ms = job.trace.then(clock::now_ms);
    // Its completion ticket is given when it is reported (`Control::finish`).
    ItemOutcome { index, lane, seq: 0, start_ms, end_ms, result, pixels }
}

/// The item's CPU-bound work, keeping the picture's pixels when the job wants them.
fn first_step(job: &Job, index: usize) -> (Step, Option<Vec<u16>>) {
    let item = &job.items[index];
    match &job.function {
        MapFunction::Builtin(w @ Workload::MandelbrotRow) if job.picture => {
            let mut pixels = Vec::new();
            let step = w.first_step_with_picture(item, &mut pixels);
            (step, Some(pixels).filter(|p| !p.is_empty()))
        }
        MapFunction::Builtin(w) => (w.first_step(item), None),
        #[cfg(feature = "python")]
        MapFunction::Custom(code) => (Step::Done(code.call(item)), None),
    }
}

/// Runs one item on a lane, awaiting its I/O, and records it: for the compute Worker's own
/// thread, which must never block in the single-threaded build.
async fn timed_call_async(job: &Job, index: usize, lane: usize) -> ItemOutcome {
    let start_ms = job.trace.then(clock::now_ms);
    let (step, pixels) = first_step(job, index);
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
