//! What a running job shares with the code that watches it: the stop signal (cancel, timeout,
//! a broken pool), the progress count, and the outcomes not yet reported.
//!
//! Lanes check [`Control::should_stop`] before each item, so a stop takes effect at the next
//! item boundary, like `cancel_futures=True`: items not started are never started. Everything
//! here is atomic or behind a short lock, because pool lanes are threads.

use std::sync::atomic::{AtomicU64, AtomicU8, AtomicUsize, Ordering};
use std::sync::Mutex;

use super::ItemOutcome;
use crate::clock;

/// Why a run stopped before every item ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The person (or the page API's `signal`) cancelled it.
    Cancelled,
    /// Its `timeout_ms` passed.
    TimedOut,
    /// A pool Worker died mid-run.
    Broken,
}

impl Stop {
    fn code(self) -> u8 {
        match self {
            Stop::Cancelled => 1,
            Stop::TimedOut => 2,
            Stop::Broken => 3,
        }
    }

    fn from_code(code: u8) -> Option<Stop> {
        match code {
            1 => Some(Stop::Cancelled),
            2 => Some(Stop::TimedOut),
            3 => Some(Stop::Broken),
            _ => None,
        }
    }
}

/// The shared state of one run.
#[derive(Debug)]
pub struct Control {
    stop: AtomicU8,
    deadline_ms: f64,
    done: AtomicUsize,
    seq: AtomicUsize,
    fresh: Mutex<Vec<ItemOutcome>>,
    last_yield_ms: AtomicU64,
}

impl Control {
    /// The control of a run with an optional deadline, in ms on [`crate::clock`].
    pub fn new(deadline_ms: Option<f64>) -> Self {
        Control {
            stop: AtomicU8::new(0),
            deadline_ms: deadline_ms.unwrap_or(f64::INFINITY),
            done: AtomicUsize::new(0),
            seq: AtomicUsize::new(0),
            fresh: Mutex::new(Vec::new()),
            last_yield_ms: AtomicU64::new(clock::now_ms().to_bits()),
        }
    }

    /// Asks the run to stop; the first reason given wins.
    pub fn stop(&self, why: Stop) {
        let _ = self.stop.compare_exchange(0, why.code(), Ordering::SeqCst, Ordering::SeqCst);
    }

    /// Why the run stopped, if it did.
    pub fn stopped(&self) -> Option<Stop> {
        Stop::from_code(self.stop.load(Ordering::SeqCst))
    }

    /// Whether a lane should start no more items: stopped, or past the deadline (which stops
    /// the run as timed out).
    pub fn should_stop(&self) -> bool {
        if self.stopped().is_some() {
            return true;
        }
        if self.deadline_ms.is_finite() && clock::now_ms() >= self.deadline_ms {
            self.stop(Stop::TimedOut);
            return true;
        }
        false
    }

    /// Items finished so far.
    pub fn done(&self) -> usize {
        self.done.load(Ordering::Relaxed)
    }

    /// Records finished outcomes, for the next [`Control::take_fresh`], and gives them their
    /// completion tickets (`seq`: 0 for the first reported, then 1, 2, …). A pool chunk is
    /// reported whole, so its items get consecutive tickets, as `Pool.imap_unordered` yields a
    /// chunk's results together; and lanes share one counter once per chunk, not once per item.
    pub(super) fn finish(&self, outcomes: impl IntoIterator<Item = ItemOutcome>) {
        let mut fresh = self.fresh.lock().unwrap_or_else(|p| p.into_inner());
        let before = fresh.len();
        fresh.extend(outcomes);
        let added = fresh.len() - before;
        let first = self.seq.fetch_add(added, Ordering::Relaxed);
        for (ticket, outcome) in (first..).zip(&mut fresh[before..]) {
            outcome.seq = ticket;
        }
        self.done.fetch_add(added, Ordering::Relaxed);
    }

    /// The outcomes finished since the last call.
    pub fn take_fresh(&self) -> Vec<ItemOutcome> {
        std::mem::take(&mut *self.fresh.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// Whether a single-threaded executor has computed for a whole tick without yielding, and
    /// so should yield now to let progress out and a cancel in.
    pub(super) fn yield_due(&self, tick_ms: f64) -> bool {
        let now = clock::now_ms();
        let last = f64::from_bits(self.last_yield_ms.load(Ordering::Relaxed));
        if now - last >= tick_ms {
            self.last_yield_ms.store(now.to_bits(), Ordering::Relaxed);
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_stop_reason_wins() {
        let c = Control::new(None);
        assert!(!c.should_stop());
        c.stop(Stop::Cancelled);
        c.stop(Stop::Broken);
        assert_eq!(c.stopped(), Some(Stop::Cancelled));
        assert!(c.should_stop());
    }

    #[test]
    fn a_passed_deadline_stops_as_timed_out() {
        let c = Control::new(Some(clock::now_ms() - 1.0));
        assert!(c.should_stop());
        assert_eq!(c.stopped(), Some(Stop::TimedOut));
    }
}
