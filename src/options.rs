//! The page's run options, checked once: the one place where an option's default and limit
//! live.
//!
//! The page, the embed, share links and the postMessage API all end in the same options object
//! (`window.playground.run(options)`); this module turns it into a [`Plan`]: every name known,
//! every number within its range, every default filled in, the items parsed. The page learns
//! the names and limits from [`Catalog`], which the compute Worker sends it, so no limit is
//! written twice. Nothing here touches JavaScript: `cargo test` checks every rule natively, and
//! `web` only converts values.

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::executor::{self, Executor, Job, Scheduling, GRACE_MS, MAX_WORKERS, TICK_MS};
use crate::input::{
    self, MAX_CODE_CHARS, MAX_ITEMS, MAX_PROGRAM_TIMEOUT_MS, MAX_THREADS, PROGRAM_TIMEOUT_MS,
};
use crate::kernels::{MANDEL_HEIGHT, MANDEL_MAX_ITER, MANDEL_WIDTH};
use crate::report::{Order, RunFacts};
use crate::value::Value;
use crate::workload::{CatalogEntry, Workload, CUSTOM, SEED_WORKER};

/// A chunk size as the page API takes it: a number or `'auto'`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ChunkOption {
    /// Items per chunk.
    Size(usize),
    /// `'auto'`: `Pool.map`'s rule.
    Named(String),
}

/// The options of `window.playground.run()`, as the page sends them: names and numbers not yet
/// checked. Absent options take their defaults in [`RunOptions::check`].
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RunOptions {
    /// A workload's name, or `custom`; default `square`.
    #[serde(default)]
    pub workload: Option<String>,
    /// The input list as a person types it.
    #[serde(default)]
    pub items: String,
    /// An executor's name; default `sequential`.
    #[serde(default)]
    pub executor: Option<String>,
    /// How many items may run at once; the page's default is the browser's core count.
    #[serde(default)]
    pub workers: Option<usize>,
    /// Items per chunk, or `'auto'` (the default).
    #[serde(default)]
    pub chunksize: Option<ChunkOption>,
    /// `queue` (default), `work-stealing` or `longest-first`.
    #[serde(default)]
    pub scheduling: Option<String>,
    /// `ordered` (default) or `completed`.
    #[serde(default)]
    pub order: Option<String>,
    /// A time budget for the whole run, in ms.
    #[serde(default)]
    pub timeout_ms: Option<f64>,
    /// Time every item (default on).
    #[serde(default)]
    pub trace: Option<bool>,
    /// Keep `mandelbrot_row`'s pixels for the page's picture (default off).
    #[serde(default)]
    pub picture: Option<bool>,
    /// For the workload `custom`: Python code that defines `worker`; default the seed's.
    #[serde(default)]
    pub code: Option<String>,
    /// The page's address: relative `fetch_len` URLs are resolved against it.
    #[serde(default)]
    pub base_url: Option<String>,
}

/// The function a plan maps: a built-in workload, or a person's Python code, compiled only when
/// the run starts (in a build with the Python engine).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FunctionChoice {
    /// A built-in workload.
    Builtin(Workload),
    /// The source of a `worker` function written in Python.
    Custom(String),
}

/// A checked run: what the options asked for, with every default filled in.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The executor.
    pub executor: Executor,
    /// The function mapped over the items.
    pub function: FunctionChoice,
    /// The parsed items, checked against a built-in workload's argument type.
    pub items: Vec<Value>,
    /// 1 to [`MAX_WORKERS`].
    pub workers: usize,
    /// Items per chunk; `None` is `Pool.map`'s rule ([`executor::auto_chunksize`]).
    pub chunksize: Option<usize>,
    /// How the pool hands out work.
    pub scheduling: Scheduling,
    /// The results' order.
    pub order: Order,
    /// The run's time budget, in ms.
    pub timeout_ms: Option<f64>,
    /// Whether to time every item.
    pub trace: bool,
    /// Whether to keep `mandelbrot_row`'s pixels.
    pub picture: bool,
    /// The page's address, for relative URLs.
    pub base_url: Option<String>,
}

/// The worker count when the options name none (the page sends the browser's core count).
pub const DEFAULT_WORKERS: usize = 2;

impl RunOptions {
    /// Checks every option and parses the items.
    ///
    /// # Errors
    /// An option error naming the option and its range or known values; an input error (with
    /// the parse position for a syntax error) for items the workload cannot take.
    pub fn check(self) -> Result<Plan, Error> {
        let executor = Executor::from_name(self.executor.as_deref().unwrap_or("sequential"))?;
        let workload = self.workload.as_deref().unwrap_or("square");
        let function = if workload == CUSTOM {
            FunctionChoice::Custom(self.code.unwrap_or_else(|| SEED_WORKER.to_string()))
        } else {
            FunctionChoice::Builtin(Workload::from_name(workload)?)
        };
        let workers = self.workers.unwrap_or(DEFAULT_WORKERS);
        executor::check_workers(workers)?;
        let chunksize = match self.chunksize {
            None => None,
            Some(ChunkOption::Named(name)) if name == "auto" => None,
            Some(ChunkOption::Named(name)) => {
                return Err(Error::option(format!("chunksize must be a number or 'auto', got {name:?}")))
            }
            Some(ChunkOption::Size(c)) => {
                executor::check_chunksize(c)?;
                Some(c)
            }
        };
        if let Some(t) = self.timeout_ms {
            if !(t.is_finite() && t > 0.0) {
                return Err(Error::option(format!("timeout_ms must be a positive number of ms, got {t}")));
            }
        }
        let scheduling = Scheduling::from_name(self.scheduling.as_deref().unwrap_or("queue"))?;
        let order = Order::from_name(self.order.as_deref().unwrap_or("ordered"))?;
        let items = input::parse(&self.items)?;
        if let FunctionChoice::Builtin(w) = function {
            w.check_items(&items)?;
        }
        Ok(Plan {
            executor,
            function,
            items,
            workers,
            chunksize,
            scheduling,
            order,
            timeout_ms: self.timeout_ms,
            trace: self.trace.unwrap_or(true),
            picture: self.picture.unwrap_or(false),
            base_url: self.base_url,
        })
    }
}

impl Plan {
    /// The chunk size in force.
    pub fn chunksize(&self) -> usize {
        self.chunksize.unwrap_or_else(|| executor::auto_chunksize(self.items.len(), self.workers))
    }

    /// What its report says of the run beside the items.
    pub fn facts(&self) -> RunFacts<'_> {
        RunFacts {
            workload: match &self.function {
                FunctionChoice::Builtin(w) => w.name(),
                FunctionChoice::Custom(_) => CUSTOM,
            },
            executor: self.executor,
            items: &self.items,
            workers: self.workers,
            chunksize: self.chunksize(),
            scheduling: self.scheduling,
            order: self.order,
            trace: self.trace,
        }
    }

    /// The job to run in this wasm instance; a custom worker's code is compiled here.
    ///
    /// # Errors
    /// A code error for Python code that does not define `worker`, or an option error in a
    /// build without the Python engine.
    pub fn into_job(self) -> Result<Job, Error> {
        let mut job = match self.function {
            FunctionChoice::Builtin(w) => Job::checked(w, self.items, self.workers)?,
            FunctionChoice::Custom(code) => custom_job(&code, self.items, self.workers)?,
        };
        job.chunksize = self.chunksize;
        job.scheduling = self.scheduling;
        job.trace = self.trace;
        job.picture = self.picture;
        Ok(job)
    }
}

#[cfg(feature = "python")]
fn custom_job(code: &str, items: Vec<Value>, workers: usize) -> Result<Job, Error> {
    Job::custom(crate::custom::CustomWorker::compile(code)?, items, workers)
}

#[cfg(not(feature = "python"))]
fn custom_job(_: &str, _: Vec<Value>, _: usize) -> Result<Job, Error> {
    Err(Error::option("this build has no Python engine; custom workers run on the pkg-py builds"))
}

/// What the page needs to build its form and check what it sends: every name and limit of the
/// options, from the one place they are defined.
#[derive(Debug, Clone, Serialize)]
pub struct Catalog {
    /// The workloads, built-ins then `custom`.
    pub workloads: Vec<CatalogEntry>,
    /// The executors' names, in the order the page lists them.
    pub executors: Vec<&'static str>,
    /// The schedulings' names.
    pub schedulings: Vec<&'static str>,
    /// The orders' names.
    pub orders: Vec<&'static str>,
    /// The limits.
    pub limits: Limits,
    /// `mandelbrot_row`'s picture.
    pub mandelbrot: Mandelbrot,
}

/// The options' limits.
#[derive(Debug, Clone, Serialize)]
pub struct Limits {
    /// The most workers a run may ask for.
    pub max_workers: usize,
    /// The most items an input list may hold, and the largest chunk size.
    pub max_items: usize,
    /// The longest custom worker, in characters.
    pub max_code_chars: usize,
    /// How long a stopped run waits for its running items before it gives them up, in ms.
    pub grace_ms: f64,
    /// How often a watched run yields to its Worker's event loop, between items, in ms: the
    /// most it takes to hear a stop, but for the item in flight.
    pub tick_ms: f64,
    /// A whole program's time budget unless its run says otherwise, in ms.
    pub program_timeout_ms: u32,
    /// The longest budget a program may ask for, in ms.
    pub max_program_timeout_ms: u32,
    /// The most threads a program may have alive at once.
    pub max_threads: usize,
}

/// The size of `mandelbrot_row`'s picture.
#[derive(Debug, Clone, Serialize)]
pub struct Mandelbrot {
    /// Pixels per row.
    pub width: u32,
    /// Rows.
    pub height: u32,
    /// The iteration count of a point inside the set.
    pub max_iter: u32,
}

impl Catalog {
    /// The catalog of this build (every build lists `custom`; the page loads an engine build
    /// when it first runs).
    pub fn new() -> Self {
        Catalog {
            workloads: Workload::ALL.iter().map(|w| w.entry()).chain([CatalogEntry::custom()]).collect(),
            executors: Executor::ALL.iter().map(|e| e.name()).collect(),
            schedulings: Scheduling::ALL.iter().map(|s| s.name()).collect(),
            orders: Order::ALL.iter().map(|o| o.name()).collect(),
            limits: Limits {
                max_workers: MAX_WORKERS,
                max_items: MAX_ITEMS,
                max_code_chars: MAX_CODE_CHARS,
                grace_ms: GRACE_MS,
                tick_ms: TICK_MS,
                program_timeout_ms: PROGRAM_TIMEOUT_MS,
                max_program_timeout_ms: MAX_PROGRAM_TIMEOUT_MS,
                max_threads: MAX_THREADS,
            },
            mandelbrot: Mandelbrot { width: MANDEL_WIDTH, height: MANDEL_HEIGHT, max_iter: MANDEL_MAX_ITER },
        }
    }
}

impl Default for Catalog {
    fn default() -> Self {
        Catalog::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(items: &str) -> RunOptions {
        RunOptions { items: items.to_string(), ..RunOptions::default() }
    }

    fn message(options: RunOptions) -> String {
        options.check().unwrap_err().message()
    }

    #[test]
    fn absent_options_take_their_defaults() {
        let plan = options("[1, 2, 3]").check().unwrap();
        assert_eq!(plan.executor, Executor::Sequential);
        assert_eq!(plan.function, FunctionChoice::Builtin(Workload::Square));
        assert_eq!((plan.workers, plan.chunksize, plan.chunksize()), (DEFAULT_WORKERS, None, 1));
        assert_eq!((plan.scheduling, plan.order), (Scheduling::Queue, Order::Ordered));
        assert_eq!((plan.trace, plan.picture, plan.timeout_ms), (true, false, None));
        let facts = plan.facts();
        assert_eq!((facts.workload, facts.items.len()), ("square", 3));
    }

    #[test]
    fn every_limit_is_checked_with_a_message_that_names_it() {
        let with = |f: fn(&mut RunOptions)| {
            let mut o = options("[1]");
            f(&mut o);
            message(o)
        };
        assert_eq!(with(|o| o.workers = Some(0)), "workers must be from 1 to 32, got 0");
        assert_eq!(with(|o| o.workers = Some(MAX_WORKERS + 1)), "workers must be from 1 to 32, got 33");
        assert_eq!(
            with(|o| o.chunksize = Some(ChunkOption::Size(0))),
            "chunksize must be from 1 to 1000000 or 'auto', got 0"
        );
        assert_eq!(
            with(|o| o.chunksize = Some(ChunkOption::Named("big".into()))),
            "chunksize must be a number or 'auto', got \"big\""
        );
        assert_eq!(with(|o| o.timeout_ms = Some(0.0)), "timeout_ms must be a positive number of ms, got 0");
        assert_eq!(
            with(|o| o.timeout_ms = Some(f64::NAN)),
            "timeout_ms must be a positive number of ms, got NaN"
        );
        assert!(with(|o| o.executor = Some("threads".into()))
            .starts_with("unknown executor \"threads\"; known: sequential, async, pool, message-passing"));
        assert!(with(|o| o.scheduling = Some("lifo".into())).starts_with("unknown scheduling"));
        assert!(with(|o| o.order = Some("sorted".into())).starts_with("unknown order"));
        assert!(with(|o| o.workload = Some("cube".into())).contains("cube"));
    }

    #[test]
    fn items_are_parsed_and_checked_against_the_workload() {
        let mut o = options("[1, 'a']");
        o.workload = Some("fib".into());
        assert_eq!(o.check().unwrap_err().name(), "InputError");
        assert_eq!(options("[1,").check().unwrap_err().name(), "SyntaxError");
        // A custom worker takes any items; its code is compiled only when the run starts.
        let mut o = options("[1, 'a']");
        o.workload = Some(CUSTOM.into());
        o.code = Some("def worker(x): return x".into());
        let plan = o.check().unwrap();
        assert_eq!(plan.function, FunctionChoice::Custom("def worker(x): return x".into()));
        assert_eq!(plan.facts().workload, CUSTOM);
    }

    #[test]
    fn a_plan_becomes_the_job_it_describes() {
        let mut o = options("range(10)");
        o.workload = Some("fib".into());
        o.workers = Some(3);
        o.chunksize = Some(ChunkOption::Size(4));
        o.scheduling = Some("longest-first".into());
        o.trace = Some(false);
        let job = o.check().unwrap().into_job().unwrap();
        assert_eq!((job.function.name(), job.items.len(), job.workers), ("fib", 10, 3));
        assert_eq!((job.chunksize(), job.scheduling, job.trace), (4, Scheduling::LongestFirst, false));
    }

    #[test]
    fn the_catalog_names_what_check_accepts() {
        let catalog = Catalog::new();
        for executor in &catalog.executors {
            let mut o = options("[1]");
            o.executor = Some((*executor).to_string());
            assert!(o.check().is_ok(), "{executor}");
        }
        for scheduling in &catalog.schedulings {
            let mut o = options("[1]");
            o.scheduling = Some((*scheduling).to_string());
            assert!(o.check().is_ok(), "{scheduling}");
        }
        for order in &catalog.orders {
            let mut o = options("[1]");
            o.order = Some((*order).to_string());
            assert!(o.check().is_ok(), "{order}");
        }
        assert_eq!(catalog.workloads.last().map(|w| w.name), Some(CUSTOM));
        assert_eq!(catalog.limits.max_workers, MAX_WORKERS);
    }
}
