//! The catalog of map workloads: the `worker` functions a person can map over a list.
//!
//! Each workload has the name of its Python function in the reference semantics and gives the
//! same result as CPython for every input in its domain. Outside the domain an item fails with
//! the exception a learner would see from Python (`ValueError: fib() accepts 0 <= n <= 50,
//! got 51`); the other items go on.
//!
//! Calling a workload is two steps: [`Workload::first_step`] checks the argument and either
//! finishes the CPU-bound work or says which I/O is left to do; the executor then does that I/O
//! the way its threads allow ([`Workload::call`] blocks, [`Workload::call_async`] awaits).

use serde::Serialize;

use crate::error::Error;
use crate::host;
use crate::kernels::{self, MANDEL_HEIGHT, SHA256_ROUNDS};
use crate::value::{PyException, Value};

/// A map workload, named as its Python function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workload {
    /// `square(num)`: the seed's worker, `num * num`, exact for any i64.
    Square,
    /// `is_prime(n)`: trial division, the Python docs' ProcessPoolExecutor example.
    IsPrime,
    /// `count_primes(n)`: primes below n by trial division.
    CountPrimes,
    /// `fib(n)`: naive recursive Fibonacci.
    Fib,
    /// `collatz_steps(n)`: steps of the 3n+1 map until 1.
    CollatzSteps,
    /// `sha256_chain(n)`: 10,000 chained SHA-256 hashes of `str(n)`.
    Sha256Chain,
    /// `mandelbrot_row(y)`: escape-time counts summed over one row of an 800×600 picture.
    MandelbrotRow,
    /// `sleep_ms(ms)`: simulated I/O, a wait.
    SleepMs,
    /// `fetch_len(url)`: real I/O, a download.
    FetchLen,
}

/// The function a job maps over its items: a workload of the catalog, or a person's own.
#[derive(Debug, Clone)]
pub enum MapFunction {
    /// A workload of the catalog.
    Builtin(Workload),
    /// A `worker` function written in Python, the page API's workload `custom`.
    #[cfg(feature = "python")]
    Custom(std::sync::Arc<crate::custom::CustomWorker>),
}

impl MapFunction {
    /// The page API's workload name: the catalog's, or `custom`.
    pub fn name(&self) -> &'static str {
        match self {
            MapFunction::Builtin(w) => w.name(),
            #[cfg(feature = "python")]
            MapFunction::Custom(_) => CUSTOM,
        }
    }

    /// The relative cost of `item`, where the workload can tell it (see [`Workload::cost`]); a
    /// person's own function cannot be judged before it runs.
    pub fn cost(&self, item: &Value) -> Option<f64> {
        match self {
            MapFunction::Builtin(w) => w.cost(item),
            #[cfg(feature = "python")]
            MapFunction::Custom(_) => None,
        }
    }
}

/// The page API's workload name for a worker function written in Python.
pub const CUSTOM: &str = "custom";

/// The worker function a custom run maps when it names none: the seed's.
pub const SEED_WORKER: &str = "def worker(num):\n    return num * num\n";

impl CatalogEntry {
    /// The catalog's last entry: a person's own `worker`, written in Python. Every build lists
    /// it; the page loads a build with the Python engine when it is first run.
    pub fn custom() -> Self {
        CatalogEntry {
            name: CUSTOM,
            arg: ArgType::Any,
            cpu_bound: true,
            description:
                "your own def worker(num), in Python: run by an interpreter, so slower than the built-ins",
        }
    }
}

/// The type of argument a workload takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ArgType {
    /// An `int`.
    Int,
    /// A `str`.
    Str,
    /// Anything: a custom worker takes whatever the list holds.
    Any,
}

/// What a workload's item still needs after [`Workload::first_step`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Nothing: here is the result (or the exception).
    Done(Result<Value, PyException>),
    /// Wait this many ms, then return the same number.
    Sleep(u32),
    /// Download this URL, then return its length.
    Fetch(String),
}

/// One entry of the catalog as the page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct CatalogEntry {
    /// The function's name.
    pub name: &'static str,
    /// The argument type it takes.
    pub arg: ArgType,
    /// Whether its cost is CPU time (`false`: waiting on I/O).
    pub cpu_bound: bool,
    /// One line: what it computes and how its cost grows.
    pub description: &'static str,
}

impl Workload {
    /// Every workload, in the order the page lists them.
    pub const ALL: &'static [Workload] = &[
        Workload::Square,
        Workload::IsPrime,
        Workload::CountPrimes,
        Workload::Fib,
        Workload::CollatzSteps,
        Workload::Sha256Chain,
        Workload::MandelbrotRow,
        Workload::SleepMs,
        Workload::FetchLen,
    ];

    /// The Python function's name, which is also the page API's `workload` option.
    pub fn name(self) -> &'static str {
        match self {
            Workload::Square => "square",
            Workload::IsPrime => "is_prime",
            Workload::CountPrimes => "count_primes",
            Workload::Fib => "fib",
            Workload::CollatzSteps => "collatz_steps",
            Workload::Sha256Chain => "sha256_chain",
            Workload::MandelbrotRow => "mandelbrot_row",
            Workload::SleepMs => "sleep_ms",
            Workload::FetchLen => "fetch_len",
        }
    }

    /// The catalog entry the page shows for it.
    pub fn entry(self) -> CatalogEntry {
        let (cpu_bound, description) = match self {
            Workload::Square => {
                (true, "num * num: the seed's worker; CPU-bound, a few ns per item, so overhead dominates")
            }
            Workload::IsPrime => (true, "trial division up to √n: CPU-bound, cost grows as √n"),
            Workload::CountPrimes => {
                (true, "primes below n by trial division: CPU-bound, cost grows as n·√n")
            }
            Workload::Fib => (true, "naive recursive Fibonacci: CPU-bound, cost grows ×1.6 per step of n"),
            Workload::CollatzSteps => (true, "steps of 3n+1 until 1: CPU-bound, cheap and uneven"),
            Workload::Sha256Chain => {
                (true, "10,000 chained SHA-256 hashes of str(n): CPU-bound, the same cost per item")
            }
            Workload::MandelbrotRow => {
                (true, "one row (0–599) of an 800×600 Mandelbrot: CPU-bound, rows near the middle cost most")
            }
            Workload::SleepMs => (false, "waits ms milliseconds: I/O-bound, cost is waiting, not computing"),
            Workload::FetchLen => {
                (false, "downloads a URL and returns its length: I/O-bound, cost is the network")
            }
        };
        CatalogEntry { name: self.name(), arg: self.arg_type(), cpu_bound, description }
    }

    /// The type of argument it takes.
    pub fn arg_type(self) -> ArgType {
        match self {
            Workload::FetchLen => ArgType::Str,
            _ => ArgType::Int,
        }
    }

    /// The workload of that name.
    ///
    /// # Errors
    /// An option error that lists the known names.
    pub fn from_name(name: &str) -> Result<Self, Error> {
        Workload::ALL.iter().copied().find(|w| w.name() == name).ok_or_else(|| {
            let known: Vec<_> = Workload::ALL.iter().map(|w| w.name()).collect();
            Error::option(format!("unknown workload {name:?}; known: {}", known.join(", ")))
        })
    }

    /// Checks that every item has the type this workload takes, before a run starts.
    ///
    /// # Errors
    /// An input error naming the first item of the wrong type, e.g. a str for an int workload.
    pub fn check_items(self, items: &[Value]) -> Result<(), Error> {
        let want = self.arg_type();
        let wrong = items.iter().enumerate().find(|(_, v)| match want {
            ArgType::Int => !matches!(v, Value::Int(_)),
            ArgType::Str => !matches!(v, Value::Str(_)),
            ArgType::Any => false,
        });
        match wrong {
            Some((i, v)) => Err(Error::input(format!(
                "{}() takes {} items, but item {i} is {}: {}",
                self.name(),
                match want {
                    ArgType::Int => "int",
                    ArgType::Str => "str",
                    ArgType::Any => "any",
                },
                with_article(v.type_name()),
                v.repr()
            ))),
            None => Ok(()),
        }
    }

    /// How long `item` should take, relative to the other items of this workload, for the
    /// pool's longest-first scheduling; `None` where the item does not tell (every item of
    /// `square` or `sha256_chain` costs the same; `collatz_steps`, `mandelbrot_row` and the
    /// download vary in ways their item does not show).
    pub fn cost(self, item: &Value) -> Option<f64> {
        let Value::Int(n) = item else { return None };
        // Exactness does not matter: only the order of the estimates does.
        let n = (*n as f64).max(0.0);
        match self {
            // Calls grow as the golden ratio to the n.
            Workload::Fib => Some(std::f64::consts::GOLDEN_RATIO.powf(n.min(100.0))),
            // Trial division of each k below n, up to √k: about n^1.5 (primes dominate).
            Workload::CountPrimes => Some(n * n.sqrt()),
            // Up to √n divisions, for a prime.
            Workload::IsPrime => Some(n.sqrt()),
            Workload::SleepMs => Some(n),
            _ => None,
        }
    }

    /// Checks the item against the domain and does the CPU-bound work; says what I/O is left.
    pub fn first_step(self, item: &Value) -> Step {
        self.compute(item, None).unwrap_or_else(|e| Step::Done(Err(e)))
    }

    /// For `mandelbrot_row`: the result, with the row's pixel counts added to `pixels` for the
    /// page's picture. Other workloads leave `pixels` empty.
    pub fn first_step_with_picture(self, item: &Value, pixels: &mut Vec<u16>) -> Step {
        self.compute(item, Some(pixels)).unwrap_or_else(|e| Step::Done(Err(e)))
    }

    fn compute(self, item: &Value, pixels: Option<&mut Vec<u16>>) -> Result<Step, PyException> {
        let done = |v: Value| Ok(Step::Done(Ok(v)));
        let int = |v: u64| Value::Int(i128::from(v));
        match self {
            Workload::Square => {
                let n = int_arg(self, item)?;
                done(Value::Int(n.checked_mul(n).ok_or_else(|| {
                    PyException::new("OverflowError", "square() result does not fit in 128 bits")
                })?))
            }
            Workload::IsPrime => {
                done(Value::Bool(kernels::is_prime(in_domain(self, item, "n", 0, i128::from(i64::MAX))?)))
            }
            Workload::CountPrimes => {
                done(int(kernels::count_primes(in_domain(self, item, "n", 0, 10_000_000)?)))
            }
            Workload::Fib => {
                let n = in_domain(self, item, "n", 0, 50)?;
                done(int(kernels::fib(n as u32)))
            }
            Workload::CollatzSteps => {
                let n = in_domain(self, item, "n", 1, 1_000_000_000_000)?;
                let steps = kernels::collatz_steps(n).ok_or_else(|| {
                    PyException::new("OverflowError", "collatz_steps() trajectory left 128 bits")
                })?;
                done(int(steps))
            }
            Workload::Sha256Chain => {
                let n = i64::try_from(int_arg(self, item)?).map_err(|_| {
                    PyException::new("OverflowError", "sha256_chain() takes an int within 64 bits")
                })?;
                done(Value::Str(kernels::sha256_chain(n, SHA256_ROUNDS)))
            }
            Workload::MandelbrotRow => {
                let n = int_arg(self, item)?;
                if !(0..i128::from(MANDEL_HEIGHT)).contains(&n) {
                    return Err(PyException::new(
                        "ValueError",
                        format!("mandelbrot_row() accepts 0 <= y < {MANDEL_HEIGHT}, got {n}"),
                    ));
                }
                done(int(kernels::mandelbrot_row_into(n as u32, pixels)))
            }
            Workload::SleepMs => Ok(Step::Sleep(in_domain(self, item, "ms", 0, 10_000)? as u32)),
            Workload::FetchLen => match item {
                Value::Str(url) => Ok(Step::Fetch(url.clone())),
                other => Err(type_error(self, "a str", other)),
            },
        }
    }

    /// Applies the workload to one item, blocking the calling thread for its I/O: for pool
    /// threads, which are Web Workers that may block.
    ///
    /// # Errors
    /// The Python exception this item raises.
    #[cfg(any(not(target_arch = "wasm32"), feature = "threads"))]
    pub fn call(self, item: &Value) -> Result<Value, PyException> {
        Self::finish_blocking(self.first_step(item))
    }

    /// Does the I/O a [`Step`] has left, blocking the calling thread.
    ///
    /// # Errors
    /// The Python exception the item raises.
    #[cfg(any(not(target_arch = "wasm32"), feature = "threads"))]
    pub fn finish_blocking(step: Step) -> Result<Value, PyException> {
        match step {
            Step::Done(result) => result,
            Step::Sleep(ms) => {
                host::sleep_blocking(ms);
                Ok(Value::Int(ms.into()))
            }
            Step::Fetch(url) => host::fetch_len_blocking(&url).map(|n| Value::Int(n.into())),
        }
    }

    /// Applies the workload to one item, awaiting its I/O instead of blocking the thread.
    ///
    /// # Errors
    /// The Python exception this item raises.
    pub async fn call_async(self, item: &Value) -> Result<Value, PyException> {
        Self::finish_async(self.first_step(item)).await
    }

    /// Does the I/O a [`Step`] has left, awaiting it.
    ///
    /// # Errors
    /// The Python exception the item raises.
    pub async fn finish_async(step: Step) -> Result<Value, PyException> {
        match step {
            Step::Done(result) => result,
            Step::Sleep(ms) => {
                host::sleep(ms).await;
                Ok(Value::Int(ms.into()))
            }
            Step::Fetch(url) => host::fetch_len(&url).await.map(|n| Value::Int(n.into())),
        }
    }
}

fn with_article(type_name: &str) -> String {
    let article = if type_name.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("{article} {type_name}")
}

fn type_error(workload: Workload, want: &str, got: &Value) -> PyException {
    PyException::new("TypeError", format!("{}() takes {want}, not '{}'", workload.name(), got.type_name()))
}

fn int_arg(workload: Workload, item: &Value) -> Result<i128, PyException> {
    match item {
        Value::Int(n) => Ok(*n),
        other => Err(type_error(workload, "an int", other)),
    }
}

/// The int argument if `lo <= n <= hi`, else Python's ValueError naming the domain.
fn in_domain(workload: Workload, item: &Value, arg: &str, lo: i128, hi: i128) -> Result<u64, PyException> {
    let n = int_arg(workload, item)?;
    if (lo..=hi).contains(&n) && lo >= 0 {
        // lo >= 0 and hi within u64 for every caller, so this cannot fail.
        u64::try_from(n).map_err(|_| domain_error(workload, arg, lo, hi, n))
    } else {
        Err(domain_error(workload, arg, lo, hi, n))
    }
}

fn domain_error(workload: Workload, arg: &str, lo: i128, hi: i128, n: i128) -> PyException {
    PyException::new("ValueError", format!("{}() accepts {lo} <= {arg} <= {hi}, got {n}", workload.name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(w: Workload, n: i128) -> String {
        match w.call(&Value::Int(n)) {
            Ok(v) => v.repr(),
            Err(e) => e.display(),
        }
    }

    #[test]
    fn square_is_exact_across_i64() {
        assert_eq!(call(Workload::Square, 5), "25");
        assert_eq!(call(Workload::Square, -3), "9");
        assert_eq!(call(Workload::Square, i64::MIN.into()), "85070591730234615865843651857942052864");
        assert_eq!(call(Workload::Square, i64::MAX.into()), "85070591730234615847396907784232501249");
    }

    #[test]
    fn out_of_domain_items_raise_value_error_as_python_would() {
        assert_eq!(call(Workload::Fib, 51), "ValueError: fib() accepts 0 <= n <= 50, got 51");
        assert_eq!(call(Workload::Fib, -1), "ValueError: fib() accepts 0 <= n <= 50, got -1");
        assert_eq!(
            call(Workload::IsPrime, -7),
            "ValueError: is_prime() accepts 0 <= n <= 9223372036854775807, got -7"
        );
        assert_eq!(
            call(Workload::CollatzSteps, 0),
            "ValueError: collatz_steps() accepts 1 <= n <= 1000000000000, got 0"
        );
        assert_eq!(
            call(Workload::CountPrimes, 10_000_001),
            "ValueError: count_primes() accepts 0 <= n <= 10000000, got 10000001"
        );
        assert_eq!(
            call(Workload::MandelbrotRow, 600),
            "ValueError: mandelbrot_row() accepts 0 <= y < 600, got 600"
        );
        assert_eq!(
            call(Workload::SleepMs, 10_001),
            "ValueError: sleep_ms() accepts 0 <= ms <= 10000, got 10001"
        );
    }

    #[test]
    fn results_print_as_python() {
        assert_eq!(call(Workload::IsPrime, 7), "True");
        assert_eq!(call(Workload::Fib, 20), "6765");
        assert_eq!(call(Workload::SleepMs, 0), "0");
        assert_eq!(call(Workload::Sha256Chain, -1).len(), 66);
    }

    #[test]
    fn a_wrong_type_raises_type_error() {
        let e = Workload::Square.call(&Value::Str("a".into())).unwrap_err();
        assert_eq!(e.display(), "TypeError: square() takes an int, not 'str'");
        let e = Workload::FetchLen.call(&Value::Int(1)).unwrap_err();
        assert_eq!(e.display(), "TypeError: fetch_len() takes a str, not 'int'");
    }

    #[test]
    fn items_of_the_wrong_type_are_refused_before_the_run() {
        let e = Workload::Square.check_items(&[Value::Int(1), Value::Str("x".into())]).unwrap_err();
        assert_eq!(e.message(), "square() takes int items, but item 1 is a str: 'x'");
        let e = Workload::FetchLen.check_items(&[Value::Int(1)]).unwrap_err();
        assert_eq!(e.message(), "fetch_len() takes str items, but item 0 is an int: 1");
        assert!(Workload::from_name("cube").is_err());
    }

    #[test]
    fn sleep_waits_on_both_paths() {
        let start = std::time::Instant::now();
        assert_eq!(Workload::SleepMs.call(&Value::Int(30)), Ok(Value::Int(30)));
        let v = futures::executor::block_on(Workload::SleepMs.call_async(&Value::Int(30)));
        assert_eq!(v, Ok(Value::Int(30)));
        assert!(start.elapsed() >= std::time::Duration::from_millis(60));
    }
}
