//! Process pools: `multiprocessing.Pool` and `ProcessPoolExecutor` on the machine's threads.
//!
//! A pool's workers are copies of the program's interpreter made when the pool is created, as
//! `fork` makes them on Linux (CPython 3.11's default there): the parent's suspended state at
//! its `_pg.pool_open` call is dumped once, and each worker loads the dump and resumes that
//! call as a child, which then runs calls for the pool until it closes (see `child_main` in
//! `prelude.py`). A worker has its own globals, kept between the calls it runs, and what it
//! changes is never seen by the parent. Functions travel by name, as pickle sends them, so a
//! lambda or a nested function fails as it does in CPython; arguments and results travel as
//! monty's host objects.
//!
//! A `multiprocessing.Process` is a pool of one worker, forked at `start()`, whose one job runs
//! the target in the copy (`Process._child` in `prelude.py`); `terminate` raises the pool's stop
//! flag, which the worker's resource tracker reads at its next clock read.
//!
//! Each worker runs one call at a time; a pool with work queued keeps a job on the rayon pool
//! per busy worker, so two workers compute on two threads. A worker that waits in a
//! `multiprocessing` queue's `get` with no timeout (a `Pipe`'s `recv`, a shared `Lock`, an
//! `Event`) gives its thread back until the put that ends its wait (see `channels.rs`), and one
//! in `time.sleep` until its sleep ends (see `sleepers.rs`): a program may have more processes
//! waiting or asleep than the machine has threads. Where the build has
//! no threads the parent runs the workers' jobs itself while it waits, one at a time: the same
//! output, no parallelism.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use monty::{Dump, ReplFunctionCall, ReplOsCall, ReplProgress, ReplStartError, Session};
use monty_types::{
    unstable::{self, MontyNode, NodeId},
    ExcType, ExtFunctionResult, HostCall, MontyException, MontyObject, MontyUuid, NameLookupResult,
    ObjectRef, PrintWriter,
};

use super::channels::{get_args, queue_of, Channels};
use super::output::{Output, Stream};
use super::turn::{settled, AnswersNow, Turn};
use super::{answer_os, pause, process_error, ProgramTrace, TraceKind, MAIN_PID};
use crate::clock;

/// How long `terminate` lets a worker still starting finish (a start takes about 10 ms
/// natively, 40 ms in Chromium), before it stops it, initializer or not.
const START_GRACE_MS: f64 = 250.0;

/// Whether pool workers run on other threads (rayon) or on the parent's while it waits.
pub(crate) const PARALLEL: bool = cfg!(any(not(target_arch = "wasm32"), feature = "threads"));

/// One call for a worker: `('call', name, args, kwargs)` or `('chunk', name, rows, {})`.
struct Job {
    number: u32,
    call: MontyObject,
}

enum Worker {
    /// Not loaded yet: its first job loads the pool's dump.
    Fresh,
    /// Parked at `child_next`, waiting for its next job.
    Idle(Box<ReplFunctionCall>),
    /// Starting on some thread: loading the dump and running the pool's initializer.
    Starting,
    /// Running a job on some thread.
    Busy,
    /// In the middle of a job, parked with no thread: the call to resume, the job's number and
    /// when it began.
    Waiting(Paused, u32, f64),
    /// Ended by an error no Python code caught (a budget, say): its pool is broken.
    Dead,
}

impl Worker {
    /// Whether it holds a thread: starting or running a job.
    fn active(&self) -> bool {
        matches!(self, Worker::Starting | Worker::Busy)
    }

    /// Whether it has begun and not ended: holding a thread, or parked mid-job.
    fn working(&self) -> bool {
        self.active() || matches!(self, Worker::Waiting(..))
    }

    /// Whether it goes on by itself, with no one else's help: holding a thread, or asleep.
    fn goes_on(&self) -> bool {
        self.active() || matches!(self, Worker::Waiting(Paused::Sleep(_), ..))
    }
}

/// A worker's call parked with no thread.
enum Paused {
    /// In a queue's untimed `get` that had no item (see [`Channels::park`]): resumed with the
    /// item a put brings.
    Get(Box<ReplFunctionCall>),
    /// In `time.sleep` (see [`Sleepers`](super::sleepers::Sleepers)): resumed with `None` when
    /// the sleep ends.
    Sleep(Box<ReplOsCall>),
}

impl Paused {
    fn resume(
        self,
        answer: MontyObject,
        print: PrintWriter<'_>,
    ) -> Result<ReplProgress, Box<ReplStartError>> {
        match self {
            Paused::Get(call) => call.resume(answer, print),
            Paused::Sleep(call) => call.resume(answer, print),
        }
    }
}

/// Where a worker's run stopped: at its next job, parked in a queue's `get`, or asleep.
enum Step {
    /// At `child_next`, with the outcome it sent.
    Next(ReplFunctionCall, MontyObject),
    /// In an untimed `get` of the queue, which had no item.
    Waits(ReplFunctionCall, usize),
    /// In `time.sleep`, until then ([`clock::now_ms`] milliseconds).
    Sleeps(ReplOsCall, f64),
}

struct State {
    queue: VecDeque<Job>,
    workers: Vec<Worker>,
    /// `(number, ok, value)` tuples not yet handed to the parent.
    results: VecDeque<MontyObject>,
    /// Jobs submitted whose result the parent has not taken and that were not cancelled.
    outstanding: usize,
    next_number: u32,
    closed: bool,
    /// Workers the parent runs itself ([`PARALLEL`] off), each until the queue is empty.
    inline: Vec<Box<dyn FnOnce() + Send>>,
    trace: Vec<ProgramTrace>,
}

/// A process pool of the running program (or one `multiprocessing.Process`: a pool of one).
pub(crate) struct Pool {
    /// The program, which its workers' tracebacks quote.
    source: Arc<str>,
    dump: Vec<u8>,
    /// Each worker's process: its name and its pid.
    processes: Vec<(String, i64)>,
    /// The trace lane of each worker.
    lanes: Vec<usize>,
    output: Output,
    /// When the program's budget ends, in [`clock::now_ms`] milliseconds.
    deadline_ms: f64,
    began_ms: f64,
    state: Mutex<State>,
    changed: Condvar,
    /// Raised by `terminate`: each worker stops at its next clock read or sleep.
    stop: Arc<AtomicBool>,
    /// Each worker's own locks, kept between its calls as its globals are.
    locks: Vec<Mutex<LocalLocks>>,
    /// The program's `multiprocessing.Queue`s, and the parent's wakeup.
    channels: Arc<Channels>,
}

/// What a program's pools share with the program: its source (which the workers' tracebacks
/// quote), its output, its queues, and when it began and its budget ends ([`clock::now_ms`]).
pub(crate) struct Shared {
    pub(crate) source: Arc<str>,
    pub(crate) output: Output,
    pub(crate) channels: Arc<Channels>,
    pub(crate) began_ms: f64,
    pub(crate) deadline_ms: f64,
}

impl Pool {
    /// A pool of one worker per process (name, pid), each a copy of the interpreter in `dump`,
    /// each drawn in its lane of the trace.
    pub(crate) fn new(
        shared: Shared,
        dump: Vec<u8>,
        processes: Vec<(String, i64)>,
        lanes: Vec<usize>,
    ) -> Arc<Pool> {
        let Shared { source, output, channels, began_ms, deadline_ms } = shared;
        let workers = processes.iter().map(|_| Worker::Fresh).collect();
        let workers_locks = processes.iter().map(|_| Mutex::default()).collect();
        Arc::new(Pool {
            source,
            dump,
            processes,
            lanes,
            output,
            deadline_ms,
            began_ms,
            state: Mutex::new(State {
                queue: VecDeque::new(),
                workers,
                results: VecDeque::new(),
                outstanding: 0,
                next_number: 0,
                closed: false,
                inline: Vec::new(),
                trace: Vec::new(),
            }),
            changed: Condvar::new(),
            stop: Arc::new(AtomicBool::new(false)),
            locks: workers_locks,
            channels,
        })
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Queues a call and starts an idle worker on it; returns the call's number.
    pub(crate) fn submit(self: &Arc<Self>, call: MontyObject) -> Result<u32, MontyException> {
        let call = sendable(call, "receive", Receiver::Process)?;
        let mut state = self.lock();
        if state.closed {
            return Err(MontyException::new(
                ExcType::RuntimeError,
                Some("cannot schedule new futures after shutdown".into()),
            ));
        }
        if state.workers.iter().all(|w| matches!(w, Worker::Dead)) {
            return Err(broken());
        }
        let number = state.next_number;
        state.next_number += 1;
        state.queue.push_back(Job { number, call });
        state.outstanding += 1;
        self.start_idle(&mut state);
        Ok(number)
    }

    /// Takes a queued call back before a worker starts it: `Future.cancel()`.
    pub(crate) fn cancel(&self, number: u32) -> bool {
        let mut state = self.lock();
        let before = state.queue.len();
        state.queue.retain(|job| job.number != number);
        let cancelled = state.queue.len() < before;
        if cancelled {
            state.outstanding -= 1;
            self.changed.notify_all();
        }
        cancelled
    }

    /// No more calls: the workers stop once the queue is empty; `cancel` drops the queue.
    pub(crate) fn close(&self, cancel: bool) {
        let mut state = self.lock();
        state.closed = true;
        if cancel {
            // Workers the parent would have run itself hold the pool: let them go, and with
            // them what they held (they start afresh if ever asked again).
            if !state.inline.is_empty() {
                state.inline.clear();
                for worker in &mut state.workers {
                    if matches!(worker, Worker::Busy) {
                        *worker = Worker::Fresh;
                    }
                }
            }
            let dropped = state.queue.len();
            state.queue.clear();
            state.outstanding -= dropped;
        }
        self.changed.notify_all();
    }

    /// `Process.terminate()`, and the program's end: no more calls, and the running ones stop
    /// at their next clock read or sleep (monty's tracker checks the flag where it would check
    /// the time budget). Whether anything was still running or waiting to (a process that has
    /// ended keeps its own exit code).
    pub(crate) fn terminate(self: &Arc<Self>) -> bool {
        let running = {
            let state = self.started_by(clock::now_ms() + START_GRACE_MS);
            !state.queue.is_empty() || state.workers.iter().any(Worker::working)
        };
        self.stop.store(true, Ordering::SeqCst);
        self.close(true);
        self.abandon_parked();
        running
    }

    /// Ends every worker parked in a `get` or asleep, as `terminate` ends a running one.
    fn abandon_parked(self: &Arc<Self>) {
        let mut parked = self.channels.unpark(self);
        parked.extend(self.channels.sleepers.unpark(self));
        for index in parked {
            self.abandon(index);
        }
    }

    /// Ends parked worker `index` as `terminate` ends a running one: its job fails, it is dead.
    fn abandon(&self, index: usize) {
        let waiting = std::mem::replace(&mut self.lock().workers[index], Worker::Busy);
        if let Worker::Waiting(_, number, began) = waiting {
            let stopped = MontyException::new(ExcType::KeyboardInterrupt, Some("terminated".into()));
            self.finish_job(index, began, Worker::Dead, self.failed(number, stopped));
        } else {
            self.lock().workers[index] = waiting;
        }
    }

    /// The pool's state once no worker is starting any more, or at `until_ms`: a worker still
    /// starting finishes first (its initializer runs, as a forked process's has by the time
    /// the parent goes on), else a pool terminated at once ran its initializer in some workers
    /// only. For `terminate`, which waits a moment at most.
    fn started_by(&self, until_ms: f64) -> MutexGuard<'_, State> {
        let mut state = self.lock();
        while state.workers.iter().any(|w| matches!(w, Worker::Starting)) {
            let left = until_ms.min(self.deadline_ms) - clock::now_ms();
            if left <= 0.0 {
                break;
            }
            let wait = Duration::from_secs_f64(left / 1000.0);
            state = self.changed.wait_timeout(state, wait).unwrap_or_else(PoisonError::into_inner).0;
        }
        state
    }

    /// The next finished call, `None` once the pool is closed and none is left to come, or
    /// `Err(())` when one may still come.
    pub(crate) fn next_result(&self) -> Result<Option<MontyObject>, ()> {
        let mut state = self.lock();
        if let Some(result) = state.results.pop_front() {
            state.outstanding -= 1;
            return Ok(Some(result));
        }
        if state.closed && state.outstanding == 0 {
            // A worker still starting finishes first (its initializer runs, as a forked
            // process's has by the time the pool is joined); the parent waits for it as for a
            // result, not on this thread: it may wait for a thread that a process holds.
            if state.workers.iter().any(|w| matches!(w, Worker::Starting)) {
                return Err(());
            }
            return Ok(None);
        }
        if state.outstanding > 0 && state.workers.iter().all(|w| matches!(w, Worker::Dead)) {
            // Every worker died with work left: the results will never come. Each queued call
            // fails as broken (a call that was running has its result already).
            if let Some(job) = state.queue.pop_front() {
                state.outstanding -= 1;
                return Ok(Some(MontyObject::tuple([
                    MontyObject::int(i64::from(job.number)),
                    MontyObject::bool(false),
                    MontyObject::exception(ExcType::RuntimeError, Some(broken_message())),
                ])));
            }
        }
        if state.outstanding > 0 && state.queue.is_empty() && !state.workers.iter().any(Worker::working) {
            // Every worker died with work left: the results will never come.
            return Ok(Some(MontyObject::tuple([
                MontyObject::int(-1),
                MontyObject::bool(false),
                MontyObject::exception(ExcType::RuntimeError, Some(broken_message())),
            ])));
        }
        Err(())
    }

    /// Runs one worker's queued calls on this thread ([`PARALLEL`] off); whether there were any.
    pub(crate) fn run_inline(&self) -> bool {
        let run = self.lock().inline.pop();
        match run {
            Some(run) => {
                run();
                true
            }
            None => false,
        }
    }

    /// Starts every worker process now, as `fork` starts them when the pool is made: each
    /// loads the dump (and runs the pool's initializer) on a thread of its own, then takes
    /// calls. Lazily started, the first worker up took every call of a short map while the
    /// other was still loading. Without threads the workers start at their first call.
    pub(crate) fn start(self: &Arc<Self>) {
        if !PARALLEL {
            return;
        }
        let mut state = self.lock();
        for index in 0..state.workers.len() {
            state.workers[index] = Worker::Starting;
            let pool = Arc::clone(self);
            spawn(move || match pool.load(index) {
                Ok(call) => {
                    pool.lock().workers[index] = Worker::Busy;
                    pool.changed.notify_all();
                    pool.channels.wakeup.notify();
                    pool.run_parked(index, Worker::Idle(Box::new(call)));
                }
                Err(_) => {
                    // Stopped by the budget or terminate before it began; its calls fail as
                    // a broken pool's do.
                    pool.lock().workers[index] = Worker::Dead;
                    pool.changed.notify_all();
                    pool.channels.wakeup.notify();
                }
            });
        }
    }

    /// Whether a worker is still running a call (its thread is not free yet).
    pub(crate) fn busy(&self) -> bool {
        self.lock().workers.iter().any(Worker::active)
    }

    /// Whether anything of this pool may still happen on its own: a worker holds a thread or
    /// sleeps, or the parent runs one itself. Else each worker is idle, dead or parked in a
    /// `get` that only someone else's put can end.
    pub(crate) fn may_progress(&self) -> bool {
        let state = self.lock();
        state.workers.iter().any(Worker::goes_on) || !state.inline.is_empty()
    }

    /// Waits until no worker is busy, or `until_ms` ([`clock::now_ms`]): a program that ends
    /// just after making a pool leaves its workers starting, and they are free a moment later.
    pub(crate) fn settle(&self, until_ms: f64) {
        if !PARALLEL {
            // Its workers run only while the parent waits, and it waits no more.
            return;
        }
        let mut state = self.lock();
        while state.workers.iter().any(Worker::active) {
            let left = until_ms - clock::now_ms();
            if left <= 0.0 {
                return;
            }
            let wait = Duration::from_secs_f64(left / 1000.0);
            state = self.changed.wait_timeout(state, wait).unwrap_or_else(PoisonError::into_inner).0;
        }
    }

    /// Its worker processes, as the report lists them.
    pub(crate) fn started(&self) -> Vec<super::ProcessStarted> {
        let rows = self.lanes.iter().zip(&self.processes);
        rows.map(|(lane, (name, _))| super::ProcessStarted { lane: *lane, name: name.clone() }).collect()
    }

    /// The trace entries of the calls the workers ran.
    pub(crate) fn take_trace(&self) -> Vec<ProgramTrace> {
        std::mem::take(&mut self.lock().trace)
    }

    fn start_idle(self: &Arc<Self>, state: &mut State) {
        let mut waiting = state.queue.len();
        for index in 0..state.workers.len() {
            if waiting == 0 {
                break;
            }
            if matches!(state.workers[index], Worker::Fresh | Worker::Idle(_)) {
                let parked = std::mem::replace(&mut state.workers[index], Worker::Busy);
                waiting -= 1;
                let pool = Arc::clone(self);
                let run = move || pool.run_parked(index, parked);
                if PARALLEL {
                    spawn(run);
                } else {
                    state.inline.push(Box::new(run));
                }
            }
        }
    }

    /// A worker's life on a thread: runs queued calls until the queue is empty, then parks.
    fn run_parked(self: &Arc<Self>, index: usize, parked: Worker) {
        let mut parked = parked;
        loop {
            let job = {
                let mut state = self.lock();
                match state.queue.pop_front() {
                    Some(job) => job,
                    None => {
                        state.workers[index] = parked;
                        self.changed.notify_all();
                        return;
                    }
                }
            };
            let began = clock::now_ms();
            let call = match parked {
                Worker::Idle(call) => Ok(*call),
                Worker::Fresh => self.load(index),
                Worker::Starting | Worker::Busy | Worker::Waiting(..) | Worker::Dead => Err(broken()),
            };
            let progress =
                call.map(|call| call.resume(job.call.clone(), PrintWriter::Callback(&mut self.turn(index))));
            match self.follow(index, job.number, began, progress) {
                Some(next) => parked = next,
                None => return,
            }
        }
    }

    /// A parked worker's item came (a put, under the queues' lock), or its sleep ended (`None`):
    /// it is busy again at once, and goes on with its job on a thread of the pool (without
    /// threads, when the parent next runs its workers).
    pub(crate) fn resume(self: &Arc<Self>, index: usize, item: MontyObject) {
        let mut state = self.lock();
        let (call, number, began) = match std::mem::replace(&mut state.workers[index], Worker::Busy) {
            Worker::Waiting(call, number, began) => (call, number, began),
            // Only a parked worker is ever parked in a queue or asleep: nothing to resume.
            other => {
                state.workers[index] = other;
                return;
            }
        };
        let pool = Arc::clone(self);
        let run = move || {
            let progress = call.resume(item, PrintWriter::Callback(&mut pool.turn(index)));
            if let Some(next) = pool.follow(index, number, began, Ok(progress)) {
                pool.run_parked(index, next);
            }
        };
        if PARALLEL {
            drop(state);
            spawn(run);
        } else {
            state.inline.push(Box::new(run));
        }
    }

    /// Runs job `number` of worker `index` on from `progress` until it ends: the worker parked
    /// after it, for the next job, or `None` when it parked in a `get` or asleep (its thread is
    /// free) or died.
    fn follow(
        self: &Arc<Self>,
        index: usize,
        number: u32,
        began: f64,
        mut progress: Result<Result<ReplProgress, Box<ReplStartError>>, MontyException>,
    ) -> Option<Worker> {
        loop {
            let (next, result) = match progress.and_then(|p| self.until_next_job(index, p, true)) {
                Ok(Step::Sleeps(call, until_ms)) => {
                    self.lock().workers[index] =
                        Worker::Waiting(Paused::Sleep(Box::new(call)), number, began);
                    let keep_time = self.channels.sleepers.park(until_ms, self, index);
                    self.after_parking();
                    if keep_time {
                        self.channels.sleepers.keep_time();
                    }
                    return None;
                }
                Ok(Step::Waits(call, queue)) => {
                    self.lock().workers[index] = Worker::Waiting(Paused::Get(Box::new(call)), number, began);
                    match self.channels.park(queue, self, index) {
                        Ok(None) => {
                            self.after_parking();
                            return None;
                        }
                        Ok(Some(item)) => {
                            progress = self.take_back(index, item);
                            continue;
                        }
                        Err(e) => {
                            self.lock().workers[index] = Worker::Busy;
                            (Worker::Dead, self.failed(number, e))
                        }
                    }
                }
                Ok(Step::Next(call, outcome)) => {
                    let mut parts =
                        outcome.as_ref().items().unwrap_or_default().into_iter().map(|o| o.to_owned());
                    let ok = parts.next().and_then(|o| o.as_ref().as_bool()).unwrap_or(false);
                    let value = parts.next().unwrap_or_else(MontyObject::none);
                    let (ok, value) = match sendable(value, "send back", Receiver::Process) {
                        Ok(value) => (ok, value),
                        Err(e) => (false, exception_object(&e)),
                    };
                    let number = MontyObject::int(i64::from(number));
                    (Worker::Idle(Box::new(call)), MontyObject::tuple([number, MontyObject::bool(ok), value]))
                }
                // The worker was stopped by the program's budget, or died of its own error.
                Err(e) => (Worker::Dead, self.failed(number, e)),
            };
            return self.finish_job(index, began, next, result);
        }
    }

    /// terminate() raises the flag, then takes the parked workers out: one parked after that
    /// sees the flag, and ends here.
    fn after_parking(self: &Arc<Self>) {
        if self.stop.load(Ordering::SeqCst) {
            self.abandon_parked();
        }
    }

    /// The parked call of worker `index`, back from [`Channels::park`] with an item that came
    /// meanwhile: resumed with it on this thread.
    fn take_back(
        &self,
        index: usize,
        item: MontyObject,
    ) -> Result<Result<ReplProgress, Box<ReplStartError>>, MontyException> {
        // Taken out first: the pool is not locked while the worker runs, since its turn may put
        // to a queue where a worker of this pool is parked (`Channels::put` resumes it).
        let worker = std::mem::replace(&mut self.lock().workers[index], Worker::Busy);
        match worker {
            Worker::Waiting(call, ..) => Ok(call.resume(item, PrintWriter::Callback(&mut self.turn(index)))),
            _ => Err(broken()),
        }
    }

    /// A job's failure as its result: the exception the parent raises for it.
    fn failed(&self, number: u32, e: MontyException) -> MontyObject {
        let e = super::in_budget_terms(e, self.budget());
        MontyObject::tuple([
            MontyObject::int(i64::from(number)),
            MontyObject::bool(false),
            exception_object(&e),
        ])
    }

    /// Hands a job's `result` to the parent and its bar (from `began`) to the timeline; the
    /// worker `next` is to run the next job with, or `None` when it died.
    fn finish_job(&self, index: usize, began: f64, next: Worker, result: MontyObject) -> Option<Worker> {
        let ended = clock::now_ms();
        let mut state = self.lock();
        state.results.push_back(result);
        self.channels.wakeup.notify();
        state.trace.push(ProgramTrace {
            lane: self.lanes[index],
            kind: TraceKind::Process,
            name: self.processes[index].0.clone(),
            start_ms: began - self.began_ms,
            end_ms: ended - self.began_ms,
        });
        self.changed.notify_all();
        if matches!(next, Worker::Dead) {
            state.workers[index] = Worker::Dead;
            return None;
        }
        Some(next)
    }

    /// Loads worker `index` from the dump and runs it to its first `child_next`.
    fn load(&self, index: usize) -> Result<ReplFunctionCall, MontyException> {
        let dump = Dump::load(&self.dump)
            .map_err(|e| process_error(&format!("a worker process could not start: {e:?}")))?;
        let Session::Suspended(progress) = dump.state else {
            return Err(process_error("a worker process could not start"));
        };
        let mut progress = *progress;
        let left = Duration::from_secs_f64(((self.deadline_ms - clock::now_ms()) / 1000.0).max(0.001));
        progress.tracker_mut().set_max_feed_duration(left);
        progress.tracker_mut().set_stop_flag(Arc::clone(&self.stop));
        let ReplProgress::FunctionCall(call) = progress else {
            return Err(process_error("a worker process could not start"));
        };
        let me = MontyObject::tuple([
            MontyObject::string("child"),
            MontyObject::string(self.processes[index].0.clone()),
            MontyObject::int(self.processes[index].1),
        ]);
        let progress = call.resume(me, PrintWriter::Callback(&mut self.turn(index)));
        // The first `child_next` carries no outcome. An initializer waiting in a `get` keeps
        // its thread: the worker is not a pool's until it has started.
        match self.until_next_job(index, progress, false)? {
            Step::Next(call, _) | Step::Waits(call, _) => Ok(call),
            Step::Sleeps(..) => Err(process_error("a worker process could not start")),
        }
    }

    /// Runs worker `index` until it asks for its next job (the parked call and the outcome it
    /// sent) or, where it may `park`, until it waits in an untimed `get` of a queue that has no
    /// item (the call, to resume with one, and the queue) or sleeps (with other threads to
    /// wake it: [`PARALLEL`]).
    fn until_next_job(
        &self,
        index: usize,
        mut progress: Result<ReplProgress, Box<ReplStartError>>,
        park: bool,
    ) -> Result<Step, MontyException> {
        let mut locks = self.locks[index].lock().unwrap_or_else(PoisonError::into_inner);
        // The `asyncio.sleep`s this worker's coroutines await: (when, the call's future). While
        // one is pending the worker keeps its thread (a parked worker resumes in another call).
        let mut naps: Vec<(f64, u32)> = Vec::new();
        let park = |naps: &Vec<(f64, u32)>| park && naps.is_empty();
        loop {
            let mut turn = self.turn(index);
            let print = PrintWriter::Callback(&mut turn);
            let step = progress.map_err(|e| e.error)?;
            self.check_terminated()?;
            if clock::now_ms() >= self.deadline_ms {
                // Out of its budget in the host's calls (monty's clock counts its own time).
                return Err(super::out_of_time(self.budget()));
            }
            progress = match step {
                ReplProgress::FunctionCall(call) => match call.function_name.as_str() {
                    "child_next" => {
                        let outcome = call.args.arg(0).map_or_else(MontyObject::none, |o| o.to_owned());
                        return Ok(Step::Next(call, outcome));
                    }
                    "stderr" => {
                        let text = call.args.arg(0).and_then(|o| o.as_str().map(str::to_string)).unwrap_or_default();
                        self.output.write(Stream::Stderr, &text);
                        call.resume(MontyObject::none(), print)
                    }
                    "uncaught" => {
                        self.output.write(Stream::Stderr, &super::uncaught_report(&call, self.budget(), &self.source));
                        call.resume(MontyObject::none(), print)
                    }
                    "format_exc" => {
                        let text = super::format_exc_report(&call, self.budget(), &self.source);
                        call.resume(text, print)
                    }
                    "exit_code" => {
                        let answer = super::exit_code_call(&call.args, &self.output);
                        call.resume(answer, print)
                    }
                    "fetch" => {
                        let url = call.args.arg(0).and_then(|o| o.as_str().map(str::to_string)).unwrap_or_default();
                        call.resume(super::fetch(&url), print)
                    }
                    "lock_new" => {
                        let key = locks.create();
                        call.resume(MontyObject::int(key), print)
                    }
                    "acquire" | "release" | "locked" => {
                        let (answer, timed_out) = locks.call(&call);
                        if let Some(timeout) = timed_out {
                            // No thread here could release it: the timeout passes, as it would.
                            self.sleep(timeout);
                            self.check_terminated()?;
                        }
                        call.resume(answer, print)
                    }
                    "mpq_get" if park(&naps) && get_args(&call.args) == (true, None) => {
                        let queue = queue_of(&call.args);
                        match queue.and_then(|queue| Ok((queue, self.channels.try_get(queue)?))) {
                            Ok((queue, None)) => return Ok(Step::Waits(call, queue)),
                            Ok((_, Some(item))) => call.resume(item, print),
                            Err(e) => call.resume(e, print),
                        }
                    }
                    "mpq_get" => {
                        let answer = self.queue_call(&call);
                        self.check_terminated()?;
                        call.resume(answer, print)
                    }
                    // The manager's and the queue calls that do not wait are answered by the
                    // worker's turn ([`WorkerHost`]) before monty would suspend for them.
                    other if super::HOST_FUNCTIONS.contains(&other) => {
                        let message = format!("{other} cannot run in a worker process of the playground");
                        call.resume(MontyException::new(ExcType::RuntimeError, Some(message)), print)
                    }
                    other => {
                        let unbound = super::unbound_call(other);
                        call.resume(unbound, print)
                    }
                },
                ReplProgress::OsCall(call) => {
                    let answer = match &call.function_call {
                        monty_types::OsFunctionCall::Sleep(d) | monty_types::OsFunctionCall::SystemSleep(d)
                            if park(&naps) && PARALLEL =>
                        {
                            let until_ms = (clock::now_ms() + d.as_secs_f64() * 1000.0).min(self.deadline_ms);
                            return Ok(Step::Sleeps(call, until_ms));
                        }
                        monty_types::OsFunctionCall::Sleep(d) | monty_types::OsFunctionCall::SystemSleep(d) => {
                            self.sleep(*d);
                            self.check_terminated()?;
                            ExtFunctionResult::Return(MontyObject::none())
                        }
                        monty_types::OsFunctionCall::AsyncSleep(d) | monty_types::OsFunctionCall::AsyncSystemSleep(d) => {
                            naps.push((clock::now_ms() + d.as_secs_f64() * 1000.0, call.call_id));
                            ExtFunctionResult::Future(call.call_id)
                        }
                        other => self.os_answer(index, other),
                    };
                    call.resume(answer, print)
                }
                ReplProgress::NameLookup(lookup) => lookup.resume(NameLookupResult::Undefined, print),
                // Preempted: tasks copied from the parent at the fork may take turns here.
                ReplProgress::ResolveFutures(waiting) if waiting.has_ready_tasks() => waiting.resume(vec![], print),
                // Every coroutine awaits a sleep: the earliest ends, with any due by then.
                ReplProgress::ResolveFutures(waiting) if !naps.is_empty() => {
                    let first = naps.iter().map(|(due, _)| *due).fold(f64::INFINITY, f64::min);
                    self.sleep_until(first);
                    self.check_terminated()?;
                    let now = clock::now_ms();
                    let (due, later): (Vec<_>, Vec<_>) = naps.into_iter().partition(|(when, _)| *when <= now);
                    naps = later;
                    let settled = due.into_iter().map(|(_, id)| (id, MontyObject::none().into())).collect();
                    waiting.resume(settled, print)
                }
                ReplProgress::ResolveFutures(_) => {
                    return Err(process_error("a worker process waited for another thread; threads cannot run in a worker process of the playground"))
                }
                ReplProgress::Complete { .. } => return Err(process_error("a worker process ended")),
            };
        }
    }
    /// A worker's `get` on a `multiprocessing.Queue` that its turn could not answer at once: it
    /// blocks this worker's thread until an item comes (or its timeout).
    fn queue_call(&self, call: &ReplFunctionCall) -> ExtFunctionResult {
        let answer = (|| {
            let queue = queue_of(&call.args)?;
            let (block, timeout) = get_args(&call.args);
            let until = match (block, timeout) {
                (false, _) => clock::now_ms(),
                (true, Some(seconds)) => (clock::now_ms() + seconds * 1000.0).min(self.deadline_ms),
                (true, None) => self.deadline_ms,
            };
            match self.channels.get_waiting(queue, until, block && timeout.is_none(), &self.stop)? {
                Some(item) => Ok(item),
                None if clock::now_ms() >= self.deadline_ms => Err(super::out_of_time(self.budget())),
                None => Err(MontyException::new(ExcType::QueueEmpty, None)),
            }
        })();
        match answer {
            Ok(value) => value.into(),
            Err(e) => e.into(),
        }
    }

    /// The answer to an OS call that needs no waiting: worker `index`'s pid and its parent's,
    /// the clock.
    fn os_answer(&self, index: usize, call: &monty_types::OsFunctionCall) -> ExtFunctionResult {
        match call {
            monty_types::OsFunctionCall::Getpid => MontyObject::int(self.processes[index].1).into(),
            monty_types::OsFunctionCall::Getppid => MontyObject::int(MAIN_PID).into(),
            other => answer_os(other),
        }
    }

    /// Worker `index`'s callback while it runs.
    fn turn(&self, index: usize) -> Turn<WorkerHost<'_>> {
        Turn::new(WorkerHost { pool: self, index }, self.output.printer())
    }

    /// The program's time budget.
    fn budget(&self) -> Duration {
        Duration::from_secs_f64((self.deadline_ms - self.began_ms).max(0.0) / 1000.0)
    }

    /// `Err` once `terminate` was called: the worker goes no further, not even to the next line
    /// after the sleep or the wait it was in, as a process killed by a signal.
    fn check_terminated(&self) -> Result<(), MontyException> {
        if self.stop.load(Ordering::Relaxed) {
            return Err(MontyException::new(ExcType::KeyboardInterrupt, Some("terminated".into())));
        }
        Ok(())
    }

    /// A worker's `time.sleep`, cut short by `terminate` (the next clock read then stops it)
    /// and by the program's budget.
    fn sleep(&self, duration: Duration) {
        self.sleep_until(clock::now_ms() + duration.as_secs_f64() * 1000.0);
    }

    /// [`Self::sleep`] until then ([`clock::now_ms`] milliseconds).
    fn sleep_until(&self, until_ms: f64) {
        const SLICE: Duration = Duration::from_millis(10);
        let until = until_ms.min(self.deadline_ms);
        while !self.stop.load(Ordering::Relaxed) {
            let left = until - clock::now_ms();
            if left <= 0.0 {
                return;
            }
            pause(SLICE.min(Duration::from_secs_f64(left / 1000.0)), self.deadline_ms);
        }
    }
}

/// A worker process's host during a turn ([`Turn`]): it answers without a suspension, as the
/// parent's does, a manager's calls, a queue's that do not wait, the clock and the pids, and a
/// sleep where the interpreter cannot suspend (in a function a built-in calls back), by
/// blocking the thread: no other thread of a worker process could run meanwhile. Its locks'
/// calls suspend, since [`Pool::until_next_job`] holds them.
struct WorkerHost<'a> {
    pool: &'a Pool,
    index: usize,
}

impl AnswersNow for WorkerHost<'_> {
    fn answer_now(&mut self, call: HostCall<'_>) -> Option<Result<MontyObject, MontyException>> {
        let pool = self.pool;
        match call {
            HostCall::Function { name, args, .. } => pool
                .channels
                .managers
                .answer_now(name, args, pool.budget())
                .or_else(|| pool.channels.answer_now(name, args)),
            HostCall::Os {
                call: monty_types::OsFunctionCall::Sleep(d) | monty_types::OsFunctionCall::SystemSleep(d),
                can_suspend,
            } => {
                if can_suspend {
                    return None;
                }
                pool.sleep(*d);
                Some(Ok(MontyObject::none()))
            }
            HostCall::Os { call, .. } => settled(pool.os_answer(self.index, call)),
        }
    }
}

/// A worker process's locks. With no threads in it, a lock held is never released by another:
/// a blocking acquire of a held lock is a deadlock. The locks the parent made before the fork
/// came along in the copy (a `threading.Lock` at module level, the docs' `multiprocessing.Lock`
/// passed to a `Process`): their keys are the parent's, and each starts here unlocked, the
/// worker's own; the locks the worker makes get keys below zero, clear of the parent's.
#[derive(Default)]
struct LocalLocks {
    held: std::collections::HashMap<i64, bool>,
    made: i64,
}

impl LocalLocks {
    fn create(&mut self) -> i64 {
        self.made += 1;
        self.held.insert(-self.made, false);
        -self.made
    }

    /// The answer to a lock call, and for an acquire of a held lock with a timeout, the timeout
    /// to let pass before it.
    fn call(&mut self, call: &ReplFunctionCall) -> (ExtFunctionResult, Option<Duration>) {
        let Some(key) = call.args.arg(0).and_then(|o| o.as_int()) else {
            return (MontyException::new(ExcType::RuntimeError, Some("unknown lock".into())).into(), None);
        };
        let held = self.held.entry(key).or_insert(false);
        let answer = match call.function_name.as_str() {
            "acquire" => {
                let blocking = call.args.arg(1).and_then(|o| o.as_bool()).unwrap_or(true);
                let timeout = call
                    .args
                    .arg(2)
                    .and_then(|o| o.as_float().or(o.as_int().map(|i| i as f64)))
                    .unwrap_or(-1.0);
                if !*held {
                    *held = true;
                    MontyObject::bool(true).into()
                } else if blocking && timeout < 0.0 {
                    MontyException::new(
                        ExcType::RuntimeError,
                        Some("deadlock: a worker process waits for a lock it holds itself".into()),
                    )
                    .into()
                } else {
                    let waits = (blocking && timeout > 0.0)
                        .then(|| Duration::try_from_secs_f64(timeout).unwrap_or(Duration::MAX));
                    return (MontyObject::bool(false).into(), waits);
                }
            }
            "release" if *held => {
                *held = false;
                MontyObject::none().into()
            }
            "release" => {
                MontyException::new(ExcType::RuntimeError, Some("release unlocked lock".into())).into()
            }
            _ => MontyObject::bool(*held).into(),
        };
        (answer, None)
    }
}

/// Whether `value` can travel between this playground's processes: `Err` with the type name
/// of the first value that cannot (a lambda or a nested function, a `range`: they cross monty's
/// boundary as their text); else `Ok`, and whether `value` holds the program's own classes or
/// their instances, which travel as copies (see [`as_copies`]). A function of the module
/// travels by its name, as pickle sends it, and the receiver finds its own.
fn unsendable(value: ObjectRef<'_>, to: Receiver) -> Result<bool, String> {
    // A stack, not recursion: a deeply nested list must not exhaust the thread's stack.
    let mut pending = vec![value];
    let mut objects = false;
    while let Some(value) = pending.pop() {
        match unstable::node(value) {
            _ if programs_class(value) => {
                objects = true;
                continue;
            }
            MontyNode::ClassInstance { class_type, attrs, .. }
                if programs_class(unstable::child(value, *class_type)) =>
            {
                objects = true;
                pending.extend(attrs.iter().map(|(_, v)| unstable::child(value, *v)));
                continue;
            }
            // A function of the module, sent by its name as pickle sends it.
            MontyNode::GlobalFunction { .. } if to == Receiver::Process => continue,
            // A built-in type or function (a defaultdict's `list`), found by its name.
            MontyNode::Type(_) | MontyNode::BuiltinFunction(_) => continue,
            MontyNode::DefaultDict { default_factory: Some(factory), .. } => {
                pending.push(unstable::child(value, *factory));
            }
            _ => {}
        }
        let kind = value.type_name();
        match kind {
            "NoneType" | "bool" | "int" | "float" | "complex" | "str" | "bytes" | "date" | "datetime"
            | "time" | "timedelta" | "timezone" | "Decimal" | "PosixPath" => {}
            "list" | "tuple" | "set" | "frozenset" | "deque" => {
                pending.extend(value.items().unwrap_or_default())
            }
            "dict" | "Counter" | "defaultdict" => {
                pending.extend(value.pairs().unwrap_or_default().into_iter().flat_map(|(k, v)| [k, v]));
            }
            _ if kind.parse::<ExcType>().is_ok() => {}
            // What crosses only as its text (a function, a `range`): named from that text,
            // shown as `Repr('range(0, 3)')`, the value's own repr quoted.
            "repr" => {
                let shown = value.py_repr();
                let text = shown.strip_prefix("Repr(").and_then(|t| t.strip_suffix(')')).unwrap_or(&shown);
                return Err(repr_kind(text.trim_matches(['\'', '"'])).to_string());
            }
            _ => return Err(kind.to_string()),
        }
    }
    Ok(objects)
}

/// Whether `value` is a class of the program's (not one a host defined).
fn programs_class(value: ObjectRef<'_>) -> bool {
    matches!(unstable::node(value), MontyNode::ClassType(class) if !class.host_defined)
}

/// The attribute naming the global by which a prelude's object travelling is found (see
/// [`as_copies`]).
const PRELUDE_CLASS_ATTR: &str = "_pg_class";

/// `value` with the program's classes and instances in it marked as copies, as pickle sends
/// them: the receiving interpreter finds each class by its name among its globals (a class
/// made after a worker's fork is not there, as in CPython) and builds each instance anew from
/// its attributes, so neither side sees the other's later changes. Left as they are, their
/// ids could name the objects of the fork's copy as they were at the fork.
///
/// An object of the prelude's classes that may travel (a manager's proxy) names, in its attribute
/// `_pg_class`, the module global its receiver finds its class by: the prelude's classes are
/// not the program's globals.
fn as_copies(value: MontyObject) -> MontyObject {
    let (mut graph, root) = unstable::into_graph_parts(value);
    let text = |id: &NodeId, graph: &unstable::MontyGraph| match graph.node(*id) {
        MontyNode::String(text) => Some(text.clone()),
        _ => None,
    };
    let aliases: Vec<(NodeId, String)> = graph
        .nodes()
        .iter()
        .filter_map(|node| match node {
            MontyNode::ClassInstance { class_type, attrs, .. } => attrs
                .iter()
                .find(|(key, _)| text(key, &graph).as_deref() == Some(PRELUDE_CLASS_ATTR))
                .and_then(|(_, value)| text(value, &graph))
                .map(|alias| (*class_type, alias)),
            _ => None,
        })
        .collect();
    for (class_type, alias) in aliases {
        if let MontyNode::ClassType(class) = &mut graph.nodes_mut()[class_type.index()] {
            class.name = alias;
        }
    }
    for node in graph.nodes_mut() {
        match node {
            MontyNode::ClassType(class) if !class.host_defined => class.id = MontyUuid::NIL,
            MontyNode::ClassInstance { instance_id, .. } => *instance_id = MontyUuid::NIL,
            _ => {}
        }
    }
    unstable::object_from_graph(graph, root).expect("ids changed in place keep the graph valid")
}

/// The type a value's `repr()` shows: `range(0, 3)` a `range`, `<function f at ...>` a
/// `function`; `object` where it shows none.
fn repr_kind(text: &str) -> &str {
    let is_name = |head: &str| !head.is_empty() && head.chars().all(|c| c.is_alphanumeric() || c == '_');
    if text.starts_with("<function") {
        "function"
    } else if text.starts_with("<built-in") {
        "builtin_function_or_method"
    } else if text.starts_with("<bound method") {
        "method"
    } else if let Some(head) =
        text.strip_prefix('<').and_then(|t| t.split([' ', '>']).next()).filter(|h| is_name(h))
    {
        head
    } else if let Some(head) = text.split('(').next().filter(|h| is_name(h) && text.len() > h.len()) {
        head
    } else {
        "object"
    }
}

/// Where a value travels: a process of the program, which finds a function of the module by
/// its name among its own globals, or a manager's server, which runs none of the program's
/// code (so a function cannot travel there).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Receiver {
    Process,
    Manager,
}

/// `value` as it travels between processes (see [`as_copies`]), or the `TypeError` saying what
/// cannot, at the moment pickling would fail (`verb`: "receive" for an argument, "send" for a
/// put, "send back" for a result).
pub(crate) fn sendable(value: MontyObject, verb: &str, to: Receiver) -> Result<MontyObject, MontyException> {
    match unsendable(value.as_ref(), to) {
        Ok(false) => Ok(value),
        Ok(true) => Ok(as_copies(value)),
        Err(kind) => Err(unsendable_error(kind, verb, to)),
    }
}

/// `e` as a call's result: the exception the parent raises (its type and message).
pub(crate) fn exception_object(e: &MontyException) -> MontyObject {
    MontyObject::exception(e.exc_type(), e.message().map(str::to_string))
}

/// CPython pickles such a value; the playground says plainly that it cannot, where pickling
/// would fail (at `submit`, or as the call's result).
fn unsendable_error(kind: String, verb: &str, to: Receiver) -> MontyException {
    let functions = if to == Receiver::Process { "functions of the module, " } else { "" };
    let message = format!(
        "a worker process of the playground cannot {verb} a '{kind}' object: only numbers, strings, bytes, \
         None, exceptions, dates, {functions}built-in types, objects of the program's classes and lists, \
         tuples, dicts, sets and deques of them travel between its processes"
    );
    MontyException::new(ExcType::TypeError, Some(message))
}

fn broken_message() -> String {
    "A process in the process pool was terminated abruptly while the future was running or pending."
        .to_string()
}

fn broken() -> MontyException {
    MontyException::new(ExcType::RuntimeError, Some(broken_message()))
}

#[cfg(any(not(target_arch = "wasm32"), feature = "threads"))]
fn spawn(job: impl FnOnce() + Send + 'static) {
    rayon::spawn(job);
}

#[cfg(not(any(not(target_arch = "wasm32"), feature = "threads")))]
fn spawn(job: impl FnOnce() + Send + 'static) {
    job();
}
