//! Worker processes asleep in `time.sleep`, holding no thread.
//!
//! An operating system runs another process while one sleeps, so four `Pool` workers napping
//! on a two-core machine end together under CPython. Here a worker process runs on a thread of
//! the pool only while it computes: one in `time.sleep` is parked here with its pool and its
//! index, and its thread goes back to the pool, as one waiting in a queue's `get` is parked in
//! [`Channels`](super::channels::Channels).
//!
//! One thread keeps time for every sleeper: the one that parks a sleeper while no thread keeps
//! time. It waits for the earliest end of a sleep, resumes each worker whose sleep has ended
//! (on a thread of the pool, as a queue's put resumes a worker) and goes back to the pool once
//! no process sleeps. So all the sleepers together hold one thread, where each held its own.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use super::processes::Pool;
use crate::clock;

/// One worker process asleep: whose, and until when ([`clock::now_ms`] milliseconds).
struct Nap {
    until_ms: f64,
    pool: Arc<Pool>,
    index: usize,
}

#[derive(Default)]
struct Naps {
    naps: Vec<Nap>,
    /// Whether a thread keeps time ([`Sleepers::keep_time`]).
    kept: bool,
}

/// The program's worker processes asleep, and the one thread that wakes them.
#[derive(Default)]
pub(crate) struct Sleepers {
    naps: Mutex<Naps>,
    /// Raised by each new sleeper and by [`unpark`](Self::unpark), for the time keeper.
    changed: Condvar,
}

impl Sleepers {
    fn lock(&self) -> MutexGuard<'_, Naps> {
        self.naps.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Parks worker `index` of `pool`, whose call is parked in the pool, until `until_ms`:
    /// then it is resumed. Whether no thread keeps time: then the caller must
    /// ([`keep_time`](Self::keep_time)).
    pub(crate) fn park(&self, until_ms: f64, pool: &Arc<Pool>, index: usize) -> bool {
        let mut naps = self.lock();
        naps.naps.push(Nap { until_ms, pool: Arc::clone(pool), index });
        self.changed.notify_all();
        !std::mem::replace(&mut naps.kept, true)
    }

    /// Keeps time on this thread: resumes each sleeper when its sleep ends, and returns once no
    /// process sleeps.
    pub(crate) fn keep_time(&self) {
        let mut naps = self.lock();
        loop {
            let now = clock::now_ms();
            let (ended, asleep): (Vec<Nap>, Vec<Nap>) =
                std::mem::take(&mut naps.naps).into_iter().partition(|nap| nap.until_ms <= now);
            naps.naps = asleep;
            if !ended.is_empty() {
                drop(naps);
                for nap in ended {
                    nap.pool.resume(nap.index, monty_types::MontyObject::none());
                }
                naps = self.lock();
                continue;
            }
            let Some(next) = naps.naps.iter().map(|nap| nap.until_ms).reduce(f64::min) else {
                naps.kept = false;
                return;
            };
            let wait = Duration::from_secs_f64((next - now) / 1000.0);
            naps = self.changed.wait_timeout(naps, wait).unwrap_or_else(PoisonError::into_inner).0;
        }
    }

    /// Takes `pool`'s sleepers out (it is being terminated): their indexes.
    pub(crate) fn unpark(&self, pool: &Arc<Pool>) -> Vec<usize> {
        let mut naps = self.lock();
        let mut indexes = Vec::new();
        naps.naps.retain(|nap| {
            let mine = Arc::ptr_eq(&nap.pool, pool);
            if mine {
                indexes.push(nap.index);
            }
            !mine
        });
        self.changed.notify_all();
        indexes
    }
}
