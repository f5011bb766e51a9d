//! Item reports as columns: the shape in which a run's items cross to JavaScript.
//!
//! A report with an object per item costs more than the run it reports once items are many and
//! cheap: `square` over `range(100000)` computes in a few milliseconds, while 100,000 objects
//! took hundreds to serialize, parse and post from the compute Worker to the page. As columns,
//! the items are two printed lists ([`PrintedList`]: the inputs and the results, each exactly as
//! Python prints a list) with the end of every element, two small integer arrays, and the rare
//! extras (an exception's details, a picture row) beside them. The results' printed list *is*
//! the report's `printed`, so it is made once. The page builds the item objects from the
//! columns once they arrive (`www/columns.js`).

use serde::Serialize;

use crate::report::ErrorReport;
use crate::value::{PyException, Value};

/// The lane of an item that never ran.
pub const NO_LANE: u8 = u8::MAX;

/// What one item adds beyond its index, lane, input and result: present for few items.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extra {
    /// The item's position in the columns (not its input index).
    pub at: usize,
    /// The exception the item raised.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorReport>,
    /// `mandelbrot_row`'s pixel counts, when the run keeps the picture.
    #[serde(skip_serializing_if = "Option::is_none")]
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

    /// Element `at`.
    pub fn get(&self, at: usize) -> &str {
        let start = if at == 0 { 1 } else { self.ends[at - 1] as usize + 2 };
        &self.text[start..self.ends[at] as usize]
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
    }
}
