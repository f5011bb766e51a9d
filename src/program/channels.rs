//! `multiprocessing.Queue`: queues the program's processes share, the one signal the parent
//! waits on, the processes asleep ([`Sleepers`]) and the managers' servers ([`Managers`]).
//!
//! The parent and its worker processes are interpreters on different threads with heaps of
//! their own, so a queue cannot be a Python object: its items live here, on the host, as the
//! values that travel between processes (a `put` of anything else is the `TypeError` a pool's
//! argument gets). A `multiprocessing.Queue` in Python holds only its number; a
//! `multiprocessing.Process` started after it is a copy of the interpreter, so the child holds
//! the same number and reaches the same queue, as a queue inherited through `fork` does.
//!
//! A worker process waiting in `get` with no timeout gives its thread back: it is parked here,
//! and the put that brings its item resumes it on a thread of the pool (so processes waiting for
//! one not yet started do not hold every thread). A `get` with a timeout blocks its thread until
//! then. Without threads the parent runs its processes itself, one job at a time while it
//! waits, a parked one among them once its item has come.
//! The parent never blocks: its `get` waits as its threads do, and [`Wakeup`] tells it that
//! something came (a put, a pool's result) so it looks again at once instead of at its next
//! timer.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use monty_types::{CallArgs, ExcType, MontyException, MontyObject};

use super::manager::Managers;
use super::processes::{sendable, Pool, Receiver, PARALLEL};
use super::sleepers::Sleepers;
use crate::clock;

/// What the parent waits on: a count of things that happened, raised by each.
#[derive(Default)]
pub(crate) struct Wakeup {
    count: Mutex<u64>,
    changed: Condvar,
}

impl Wakeup {
    /// Something happened that a waiting parent may want to see.
    pub(crate) fn notify(&self) {
        *self.count.lock().unwrap_or_else(PoisonError::into_inner) += 1;
        self.changed.notify_all();
    }

    /// The count now: what to hand [`wait`](Self::wait) after looking.
    pub(crate) fn seen(&self) -> u64 {
        *self.count.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits up to `timeout` for anything after `seen`.
    pub(crate) fn wait(&self, seen: u64, timeout: Duration) {
        let count = self.count.lock().unwrap_or_else(PoisonError::into_inner);
        if *count == seen {
            let _ = self.changed.wait_timeout(count, timeout);
        }
    }
}

/// One `multiprocessing.Queue`: its items, and the worker processes parked in its `get`.
#[derive(Default)]
struct Channel {
    items: VecDeque<MontyObject>,
    parked: VecDeque<(Arc<Pool>, usize)>,
}

/// The program's `multiprocessing.Queue`s, by number.
#[derive(Default)]
pub(crate) struct Channels {
    queues: Mutex<Vec<Channel>>,
    /// Raised by each put, for the worker processes blocked in `get`.
    changed: Condvar,
    /// Raised by each put and each pool's result, for the parent.
    pub(crate) wakeup: Wakeup,
    /// The worker processes asleep in `time.sleep`.
    pub(crate) sleepers: Sleepers,
    /// The servers of the program's `multiprocessing.Manager()`s.
    pub(crate) managers: Managers,
}

impl Channels {
    fn lock(&self) -> MutexGuard<'_, Vec<Channel>> {
        self.queues.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A new empty queue; its number.
    pub(crate) fn open(&self) -> usize {
        let mut queues = self.lock();
        queues.push(Channel::default());
        queues.len() - 1
    }

    /// Adds `value` to queue `queue`, if it can travel between processes: to the first worker
    /// process parked in its `get`, if one is (resumed while the queue is locked, so that no one
    /// sees the item gone and the worker still waiting).
    pub(crate) fn put(&self, queue: usize, value: MontyObject) -> Result<(), MontyException> {
        let value = sendable(value, "send", Receiver::Process)?;
        let mut queues = self.lock();
        let channel = queues.get_mut(queue).ok_or_else(unknown)?;
        match channel.parked.pop_front() {
            Some((pool, index)) => pool.resume(index, value),
            None => channel.items.push_back(value),
        }
        drop(queues);
        self.changed.notify_all();
        self.wakeup.notify();
        Ok(())
    }

    /// The next item of queue `queue`, if it has one.
    pub(crate) fn try_get(&self, queue: usize) -> Result<Option<MontyObject>, MontyException> {
        Ok(self.lock().get_mut(queue).ok_or_else(unknown)?.items.pop_front())
    }

    /// How many items queue `queue` holds.
    pub(crate) fn len(&self, queue: usize) -> Result<usize, MontyException> {
        Ok(self.lock().get(queue).ok_or_else(unknown)?.items.len())
    }

    /// A worker process's blocking `get`: the next item, or `None` once `until_ms` (its timeout
    /// or, `untimed`, the program's budget) has passed or `stop` is raised.
    pub(crate) fn get_waiting(
        &self,
        queue: usize,
        until_ms: f64,
        untimed: bool,
        stop: &AtomicBool,
    ) -> Result<Option<MontyObject>, MontyException> {
        /// How often a blocked worker looks at `stop`.
        const SLICE_MS: f64 = 10.0;
        let mut queues = self.lock();
        loop {
            if let Some(item) = queues.get_mut(queue).ok_or_else(unknown)?.items.pop_front() {
                return Ok(Some(item));
            }
            let left = until_ms - clock::now_ms();
            if left <= 0.0 || stop.load(Ordering::Relaxed) {
                return Ok(None);
            }
            if !PARALLEL && !untimed {
                // The parent runs this worker itself, while it waits: no one can put meanwhile,
                // so the timeout passes (as the program's other waits do here) with nothing.
                drop(queues);
                super::pause(Duration::from_secs_f64(left / 1000.0), until_ms);
                return Ok(None);
            }
            if !PARALLEL {
                return Err(MontyException::new(
                    ExcType::RuntimeError,
                    Some(
                        "deadlock: a worker process waits for a queue that only its parent could fill, while the \
                         parent waits for it (without threads, the playground runs a program's processes one \
                         after another)"
                            .into(),
                    ),
                ));
            }
            let wait = Duration::from_secs_f64(left.min(SLICE_MS) / 1000.0);
            queues = self.changed.wait_timeout(queues, wait).unwrap_or_else(PoisonError::into_inner).0;
        }
    }

    /// Parks worker `index` of `pool` in queue `queue`'s `get` (the pool has its interpreter),
    /// unless an item is there: then it is that item, for the worker to go on with itself.
    pub(crate) fn park(
        &self,
        queue: usize,
        pool: &Arc<Pool>,
        index: usize,
    ) -> Result<Option<MontyObject>, MontyException> {
        let mut queues = self.lock();
        let channel = queues.get_mut(queue).ok_or_else(unknown)?;
        if let Some(item) = channel.items.pop_front() {
            return Ok(Some(item));
        }
        channel.parked.push_back((Arc::clone(pool), index));
        Ok(None)
    }

    /// Takes `pool`'s parked workers out of every queue (it is being terminated): their indexes.
    pub(crate) fn unpark(&self, pool: &Arc<Pool>) -> Vec<usize> {
        let mut queues = self.lock();
        let mut indexes = Vec::new();
        for channel in queues.iter_mut() {
            channel.parked.retain(|(parked, index)| {
                let mine = Arc::ptr_eq(parked, pool);
                if mine {
                    indexes.push(*index);
                }
                !mine
            });
        }
        indexes
    }

    /// Takes the first item equal to `value` out of queue `queue`: whether there was one.
    pub(crate) fn remove(&self, queue: usize, value: &MontyObject) -> Result<bool, MontyException> {
        let mut queues = self.lock();
        let items = &mut queues.get_mut(queue).ok_or_else(unknown)?.items;
        let found = items.iter().position(|item| item == value);
        Ok(found.and_then(|at| items.remove(at)).is_some())
    }

    /// A queue call that never waits, answered alike for the parent and its workers:
    /// `mpq_new()`, `mpq_put(queue, value)`, `mpq_size(queue)`, `mpq_remove(queue, value)`.
    /// `None` for `mpq_get`, whose wait each side does its own way ([`get_args`], [`queue_of`]).
    pub(crate) fn answer_now(
        &self,
        name: &str,
        args: &CallArgs,
    ) -> Option<Result<MontyObject, MontyException>> {
        match name {
            "mpq_new" => Some(Ok(MontyObject::int(self.open() as i64))),
            "mpq_put" => Some(queue_of(args).and_then(|queue| {
                let value = args.arg(1).map_or_else(MontyObject::none, |o| o.to_owned());
                self.put(queue, value).map(|()| MontyObject::none())
            })),
            "mpq_remove" => Some(queue_of(args).and_then(|queue| {
                let value = args.arg(1).map_or_else(MontyObject::none, |o| o.to_owned());
                self.remove(queue, &value).map(MontyObject::bool)
            })),
            "mpq_size" => {
                Some(queue_of(args).and_then(|queue| self.len(queue)).map(|n| MontyObject::int(n as i64)))
            }
            _ => None,
        }
    }
}

/// The queue a call names, its first argument.
pub(crate) fn queue_of(args: &CallArgs) -> Result<usize, MontyException> {
    super::numbered(args).ok_or_else(unknown)
}

/// A `get` call's `block` and `timeout` (seconds), as `mpq_get(queue, block, timeout)` passes them.
pub(crate) fn get_args(args: &CallArgs) -> (bool, Option<f64>) {
    let block = args.arg(1).and_then(|o| o.as_bool()).unwrap_or(true);
    let timeout = args.arg(2).and_then(|o| o.as_float().or(o.as_int().map(|n| n as f64)));
    (block, timeout)
}

fn unknown() -> MontyException {
    MontyException::new(ExcType::RuntimeError, Some("unknown queue".into()))
}
