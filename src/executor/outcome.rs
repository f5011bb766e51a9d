//! What one item's run produced, as every executor reports it: the executors make these, and
//! the report (`crate::report`) gathers them. It sits with the executors, below the report, so
//! that layers run one way.

use crate::value::{PyException, Value};

/// What happened to one item: its result or exception, the lane that ran it, and when.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemOutcome {
    /// The item's index in the input list.
    pub index: usize,
    /// The lane (pool thread, async task) that ran it; 0 on the sequential executor.
    pub lane: usize,
    /// Its place in completion order, given when it is reported: 0 was reported first.
    pub seq: usize,
    /// When it started, in ms on [`crate::clock`], when the run is traced.
    pub start_ms: Option<f64>,
    /// When it ended, in ms on [`crate::clock`], when the run is traced.
    pub end_ms: Option<f64>,
    /// The worker's return value, or the exception it raised.
    pub result: Result<Value, PyException>,
    /// `mandelbrot_row`'s pixel counts, when the job keeps the picture.
    pub pixels: Option<Vec<u16>>,
}
