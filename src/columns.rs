//! Item reports as columns: the shape in which a run's items cross to JavaScript.
//!
//! A report with an object per item costs more than the run it reports once items are many and
//! cheap: `square` over `range(100000)` computes in a few milliseconds, while 100,000 objects
//! took hundreds to serialize, parse and post from the compute Worker to the page. As columns,
//! the items are two printed lists ([`PrintedList`]: the inputs and the results, each exactly as
//! Python prints a list) with the end of every element, two small integer arrays, and the rare
//! extras (an exception's details, a picture row) beside them. The results' printed list *is*
//! the report's `printed`, so it is made once. The page builds the item objects from the
//! columns once they arrive (`www/shared/columns.js`).

use serde::{Deserialize, Serialize};

use crate::executor::ItemOutcome;
use crate::value::{PyException, Raised, Value};

/// The lane of an item that never ran.
pub const NO_LANE: u8 = u8::MAX;

/// An item's exception in the page API's shape: `{type, message}`, and for a custom worker's
/// `{traceback, line}` as well.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorReport {
    /// The exception's type name.
    #[serde(rename = "type")]
    pub type_name: String,
    /// Its message.
    pub message: String,
    /// For a custom worker: the traceback as Python prints it, from the call of `worker` on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub traceback: Option<String>,
    /// For a custom worker: the line of its code the exception came from, 1-based.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl ErrorReport {
    /// The report of an item's exception.
    pub fn of(e: &PyException) -> Self {
        ErrorReport {
            type_name: e.type_name.clone(),
            message: e.message.clone(),
            traceback: e.raised.as_ref().map(|r| r.traceback.clone()),
            line: e.raised.as_ref().and_then(|r| r.line),
        }
    }
}

/// One bar of the timeline: an item's lane and times in ms from the start of the run.
#[derive(Debug, Clone)]
pub struct TraceEntry {
    /// The item's index in the input list.
    pub index: usize,
    /// The lane that ran it.
    pub lane: usize,
    /// Start, in ms since the run began.
    pub start_ms: f64,
    /// End, in ms since the run began.
    pub end_ms: f64,
}

impl TraceEntry {
    /// The bar of a traced outcome, in ms from `began_ms`; `None` when the run is not traced.
    pub fn of(outcome: &ItemOutcome, began_ms: f64) -> Option<Self> {
        Some(TraceEntry {
            index: outcome.index,
            lane: outcome.lane,
            start_ms: outcome.start_ms? - began_ms,
            end_ms: outcome.end_ms? - began_ms,
        })
    }
}

/// What one item adds beyond its index, lane, input and result: present for few items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extra {
    /// The item's position in the columns (not its input index).
    pub at: usize,
    /// The exception the item raised.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorReport>,
    /// `mandelbrot_row`'s pixel counts, when the run keeps the picture. They travel beside
    /// the report for the page's picture, never back into one.
    #[serde(skip_serializing_if = "Option::is_none", skip_deserializing)]
    pub pixels: Option<Vec<u16>>,
}

/// A list as Python prints it, `[a, b, c]`, with where each element ends: one string for any
/// number of elements, from which JavaScript slices each one.
#[derive(Debug, Clone)]
pub struct PrintedList {
    /// The printed list, brackets included once [`PrintedList::finish`] closes it.
    pub text: String,
    /// Where each element ends, in bytes; the next starts 2 bytes (`, `) later.
    pub ends: Vec<u32>,
}

impl PrintedList {
    /// An open list with room for `n` elements.
    pub fn with_capacity(n: usize) -> Self {
        PrintedList { text: String::from("["), ends: Vec::with_capacity(n) }
    }

    /// Appends one element, which `write` writes.
    pub fn push(&mut self, write: impl FnOnce(&mut String)) {
        if !self.ends.is_empty() {
            self.text.push_str(", ");
        }
        write(&mut self.text);
        // Inputs and results are capped far below 4 GiB (input::MAX_ITEMS, custom::MAX_RESULT_BYTES).
        self.ends.push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
    }

    /// Closes the list.
    pub fn finish(mut self) -> Self {
        self.text.push(']');
        self
    }

    /// Whether every element lies inside the text, in order: true of every list made here, and
    /// checked of one read back from JavaScript before [`PrintedList::get`] slices it.
    pub fn is_well_formed(&self) -> bool {
        let mut start = 1;
        self.ends.iter().all(|&end| {
            let ok = start <= end as usize
                && (end as usize) < self.text.len()
                && self.text.is_char_boundary(start);
            start = end as usize + 2;
            ok
        })
    }

    /// Element `at`.
    pub fn get(&self, at: usize) -> &str {
        let start = if at == 0 { 1 } else { self.ends[at - 1] as usize + 2 };
        &self.text[start..self.ends[at] as usize]
    }

    /// A printed list as JavaScript holds it: its text and its ends in UTF-16 code units.
    pub fn from_utf16(text: String, utf16_ends: &[u32]) -> Self {
        if text.is_ascii() {
            return PrintedList { text, ends: utf16_ends.to_vec() };
        }
        let mut ends = Vec::with_capacity(utf16_ends.len());
        let (mut byte, mut unit) = (0u32, 0u32);
        let mut chars = text.chars();
        for &e in utf16_ends {
            while unit < e {
                let Some(c) = chars.next() else { break };
                byte += c.len_utf8() as u32;
                unit += c.len_utf16() as u32;
            }
            ends.push(byte);
        }
        PrintedList { text, ends }
    }

    /// The ends as JavaScript string offsets, in UTF-16 code units.
    pub fn utf16_ends(&self) -> Vec<u32> {
        if self.text.is_ascii() {
            return self.ends.clone();
        }
        let mut out = Vec::with_capacity(self.ends.len());
        let (mut byte, mut unit) = (0usize, 0u32);
        let mut chars = self.text.chars();
        for &e in &self.ends {
            while byte < e as usize {
                let Some(c) = chars.next() else { break };
                byte += c.len_utf8();
                unit += c.len_utf16() as u32;
            }
            out.push(unit);
        }
        out
    }
}

/// Items in a chosen order, column by column.
#[derive(Debug, Clone)]
pub struct ItemColumns {
    /// Each item's index in the input list.
    pub index: Vec<u32>,
    /// The lane that ran each item, or [`NO_LANE`].
    pub lane: Vec<u8>,
    /// The items' inputs.
    pub inputs: PrintedList,
    /// The items' results (an exception's repr for an item that raised): their printed list is
    /// the report's `printed`.
    pub reprs: PrintedList,
    /// Errors and pixels, for the items that have them, by position.
    pub extras: Vec<Extra>,
}

impl ItemColumns {
    /// Empty columns with room for `n` items.
    pub fn with_capacity(n: usize) -> Self {
        ItemColumns {
            index: Vec::with_capacity(n),
            lane: Vec::with_capacity(n),
            inputs: PrintedList::with_capacity(n),
            reprs: PrintedList::with_capacity(n),
            extras: Vec::new(),
        }
    }

    /// Adds one item: its input index, the lane that ran it (`None`: it never ran), its input,
    /// its result or exception, and its picture row.
    pub fn push(
        &mut self,
        index: usize,
        lane: Option<usize>,
        input: &Value,
        result: Result<&Value, &PyException>,
        pixels: Option<&[u16]>,
    ) {
        let at = self.index.len();
        self.index.push(u32::try_from(index).unwrap_or(u32::MAX));
        self.lane.push(lane.and_then(|l| u8::try_from(l).ok()).unwrap_or(NO_LANE));
        self.inputs.push(|out| input.write_repr(out));
        self.reprs.push(|out| match result {
            Ok(value) => value.write_repr(out),
            Err(e) => out.push_str(&e.repr()),
        });
        let error = result.err().map(ErrorReport::of);
        if error.is_some() || pixels.is_some() {
            self.extras.push(Extra { at, error, pixels: pixels.map(<[u16]>::to_vec) });
        }
    }

    /// Closes both printed lists.
    pub fn finish(self) -> Self {
        ItemColumns { inputs: self.inputs.finish(), reprs: self.reprs.finish(), ..self }
    }

    /// How many items there are.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The outcomes of the items that ran, for a report of items that ran elsewhere (in a
    /// message-passing Worker, or in a compute engine stopped mid-item): each result is known by
    /// its repr, and `times` gives a traced item's start and end on [`crate::clock`]. Their
    /// completion order continues from `first_seq`.
    pub fn outcomes(
        &self,
        first_seq: usize,
        times: impl Fn(usize) -> Option<(f64, f64)>,
    ) -> Vec<ItemOutcome> {
        let mut out = Vec::with_capacity(self.len());
        for at in 0..self.len() {
            if self.lane[at] == NO_LANE {
                continue;
            }
            let index = self.index[at] as usize;
            let repr = self.reprs.get(at).to_string();
            let result = match self.error(at) {
                None => Ok(Value::Object { type_name: String::new(), repr }),
                Some(e) => Err(PyException {
                    type_name: e.type_name.clone(),
                    message: e.message.clone(),
                    raised: e
                        .traceback
                        .clone()
                        .map(|traceback| Box::new(Raised { repr, traceback, line: e.line })),
                }),
            };
            let time = times(index);
            out.push(ItemOutcome {
                index,
                lane: usize::from(self.lane[at]),
                seq: first_seq + out.len(),
                start_ms: time.map(|t| t.0),
                end_ms: time.map(|t| t.1),
                result,
                pixels: None,
            });
        }
        out
    }

    /// The exception the item at position `at` raised, if it did.
    pub fn error(&self, at: usize) -> Option<&ErrorReport> {
        let found = self.extras.binary_search_by_key(&at, |e| e.at).ok()?;
        self.extras[found].error.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_hold_python_prints_of_inputs_and_results() {
        let mut c = ItemColumns::with_capacity(3);
        c.push(2, Some(1), &Value::Int(3), Ok(&Value::Int(9)), None);
        c.push(0, None, &Value::Str("a, b".into()), Err(&PyException::new("CancelledError", "")), None);
        c.push(1, Some(0), &Value::Int(-1), Err(&PyException::new("ValueError", "bad")), Some(&[1, 2]));
        let c = c.finish();
        assert_eq!(c.inputs.text, "[3, 'a, b', -1]");
        assert_eq!(c.reprs.text, "[9, CancelledError(), ValueError('bad')]");
        assert_eq!(
            (c.inputs.get(1), c.reprs.get(1), c.reprs.get(2)),
            ("'a, b'", "CancelledError()", "ValueError('bad')")
        );
        assert_eq!((c.index.as_slice(), c.lane.as_slice()), (&[2, 0, 1][..], &[1, NO_LANE, 0][..]));
        assert_eq!(c.error(0).map(|e| e.type_name.as_str()), None);
        assert_eq!(c.error(2).map(|e| e.message.as_str()), Some("bad"));
        assert_eq!(c.extras[1].pixels.as_deref(), Some(&[1, 2][..]));
    }

    #[test]
    fn ends_cross_to_javascript_in_utf16_units() {
        let mut c = ItemColumns::with_capacity(3);
        for s in ["é", "𝄞", "x"] {
            c.push(0, Some(0), &Value::Str(s.into()), Ok(&Value::Int(0)), None);
        }
        let c = c.finish();
        // ['é', '𝄞', 'x']: 'é' is 2 bytes and 1 unit, '𝄞' 4 bytes and 2 units.
        assert_eq!(c.inputs.ends, [5, 13, 18]);
        assert_eq!(c.inputs.utf16_ends(), [4, 10, 15]);
        assert_eq!(c.reprs.utf16_ends(), c.reprs.ends);
        let back = PrintedList::from_utf16(c.inputs.text.clone(), &c.inputs.utf16_ends());
        assert_eq!(back.ends, c.inputs.ends);
        assert_eq!(back.get(1), "'𝄞'");
        assert!(back.is_well_formed());
        assert!(!PrintedList::from_utf16("[1, 2]".into(), &[2, 9]).is_well_formed());
    }

    #[test]
    fn columns_read_back_into_the_outcomes_they_record() {
        let mut raised = PyException::new("KeyError", "'a'");
        raised.raised = Some(Box::new(Raised {
            repr: "KeyError('a')".into(),
            traceback: "Traceback …".into(),
            line: Some(2),
        }));
        let mut c = ItemColumns::with_capacity(3);
        c.push(4, Some(1), &Value::Int(3), Ok(&Value::Str("é".into())), None);
        c.push(0, None, &Value::Int(1), Err(&PyException::new("CancelledError", "")), None);
        c.push(2, Some(0), &Value::Int(2), Err(&raised), None);
        c.push(3, Some(0), &Value::Int(5), Err(&PyException::new("ValueError", "bad")), None);
        let c = c.finish();
        let outcomes = c.outcomes(7, |index| (index == 4).then_some((1.0, 2.0)));
        assert_eq!(outcomes.len(), 3, "the item that never ran is left out");
        assert_eq!((outcomes[0].index, outcomes[0].lane, outcomes[0].seq), (4, 1, 7));
        assert_eq!((outcomes[0].start_ms, outcomes[1].start_ms), (Some(1.0), None));
        assert_eq!(outcomes[0].result.as_ref().unwrap().repr(), "'é'");
        let e = outcomes[1].result.as_ref().unwrap_err();
        assert_eq!((e.repr(), e.raised.as_ref().unwrap().line), ("KeyError('a')".to_string(), Some(2)));
        assert_eq!(outcomes[2].result.as_ref().unwrap_err().repr(), "ValueError('bad')");
    }
}
