//! What a program prints, from every thread and process, in the order it happened.
//!
//! The parent interpreter and the worker processes (on other threads of the machine) append to
//! one [`Output`]; the parent hands the new text to the page as it goes (`onoutput`) and keeps
//! it all for the report. Past [`MAX_OUTPUT_BYTES`] the rest is dropped with one note, so a
//! program printing in a loop cannot fill the page's memory.

use std::borrow::Cow;
use std::sync::{Arc, Mutex, PoisonError};

use monty_types::{MontyException, PrintWriterCallback};
use serde::Serialize;

/// The most bytes of stdout and stderr together a program's output keeps.
pub const MAX_OUTPUT_BYTES: usize = 1 << 20;

/// Which of the two streams a piece of output went to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stream {
    /// What `print` writes.
    Stdout,
    /// Tracebacks and warnings.
    Stderr,
}

#[derive(Debug, Default)]
struct Collected {
    stdout: String,
    stderr: String,
    /// Pieces not yet handed to the page, in order.
    unsent: Vec<(Stream, String)>,
    bytes: usize,
    capped: bool,
}

/// The program's output, shared by its interpreters.
#[derive(Clone, Debug, Default)]
pub struct Output(Arc<Mutex<Collected>>);

impl Output {
    /// Appends `text` to `stream`, or drops it (noting so once) past [`MAX_OUTPUT_BYTES`].
    pub fn write(&self, stream: Stream, text: &str) {
        let mut out = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if out.capped {
            return;
        }
        let (text, capped) = if out.bytes + text.len() > MAX_OUTPUT_BYTES {
            let mut end = MAX_OUTPUT_BYTES - out.bytes;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            (&text[..end], true)
        } else {
            (text, false)
        };
        out.bytes += text.len();
        push(&mut out, stream, text);
        if capped {
            out.capped = true;
            let note = format!(
                "\n[the playground keeps the first {} MiB of a program's output; the rest was dropped]\n",
                MAX_OUTPUT_BYTES >> 20
            );
            push(&mut out, Stream::Stderr, &note);
        }
    }

    /// Appends the program's last words (the traceback it ended on) to stderr, past the cap
    /// too: however much it printed, the person reads why it stopped.
    pub fn write_last_words(&self, text: &str) {
        let mut out = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        push(&mut out, Stream::Stderr, text);
    }

    /// The pieces written since the last call, in order.
    pub fn take_unsent(&self) -> Vec<(Stream, String)> {
        std::mem::take(&mut self.0.lock().unwrap_or_else(PoisonError::into_inner).unsent)
    }

    /// Everything written to stdout and to stderr.
    pub fn streams(&self) -> (String, String) {
        let out = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        (out.stdout.clone(), out.stderr.clone())
    }

    /// A `print` destination writing into this output.
    pub fn printer(&self) -> Printer {
        Printer { output: self.clone(), line: None }
    }
}

fn push(out: &mut Collected, stream: Stream, text: &str) {
    if text.is_empty() {
        return;
    }
    match stream {
        Stream::Stdout => out.stdout.push_str(text),
        Stream::Stderr => out.stderr.push_str(text),
    }
    match out.unsent.last_mut() {
        Some((last, pending)) if *last == stream => pending.push_str(text),
        _ => out.unsent.push((stream, text.to_string())),
    }
}

/// monty's `print` callback for one interpreter, while it runs one step (until it next calls
/// the host). It hands the output on a line at a time: `print` writes its text and its newline
/// separately, and two worker processes printing at once interleaved between the two
/// (`hello from workerhello from worker` then two newlines). What is left of a line when the
/// step ends goes out then.
pub struct Printer {
    output: Output,
    /// The line begun and not yet ended, and its stream.
    line: Option<(Stream, String)>,
}

impl Printer {
    fn add(&mut self, stream: Stream, text: &str) {
        if self.line.as_ref().is_some_and(|(open, _)| *open != stream) {
            self.flush();
        }
        let (_, line) = self.line.get_or_insert_with(|| (stream, String::new()));
        line.push_str(text);
        if text.ends_with('\n') {
            self.flush();
        }
    }

    /// Hands on the line begun, unended.
    pub(super) fn flush(&mut self) {
        if let Some((stream, line)) = self.line.take() {
            self.output.write(stream, &line);
        }
    }
}

impl Drop for Printer {
    fn drop(&mut self) {
        self.flush();
    }
}

impl PrintWriterCallback for Printer {
    fn stdout_write(&mut self, output: Cow<'_, str>) -> Result<(), MontyException> {
        self.add(Stream::Stdout, &output);
        Ok(())
    }

    fn stdout_push(&mut self, end: char) -> Result<(), MontyException> {
        self.add(Stream::Stdout, end.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn stderr_write(&mut self, output: Cow<'_, str>) -> Result<(), MontyException> {
        self.add(Stream::Stderr, &output);
        Ok(())
    }

    fn stderr_push(&mut self, end: char) -> Result<(), MontyException> {
        self.add(Stream::Stderr, end.encode_utf8(&mut [0; 4]));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_printer_hands_on_whole_lines_and_the_rest_when_it_ends() {
        let out = Output::default();
        let mut one = out.printer();
        let mut two = out.printer();
        one.stdout_write("hello from one".into()).unwrap();
        two.stdout_write("hello from two".into()).unwrap();
        one.stdout_push('\n').unwrap();
        two.stdout_push('\n').unwrap();
        two.stderr_write("no newline yet".into()).unwrap();
        one.stdout_write("partial".into()).unwrap();
        drop(one);
        drop(two);
        assert_eq!(
            out.streams(),
            ("hello from one\nhello from two\npartial".to_string(), "no newline yet".to_string())
        );
    }

    #[test]
    fn output_keeps_order_and_stops_at_the_cap_with_a_note() {
        let out = Output::default();
        out.write(Stream::Stdout, "a");
        out.write(Stream::Stdout, "b");
        out.write(Stream::Stderr, "c");
        assert_eq!(
            out.take_unsent(),
            [(Stream::Stdout, "ab".to_string()), (Stream::Stderr, "c".to_string())]
        );
        out.write(Stream::Stdout, &"x".repeat(MAX_OUTPUT_BYTES));
        out.write(Stream::Stdout, "lost");
        let (stdout, stderr) = out.streams();
        // "ab" and "c" came first: the cap counts both streams.
        assert_eq!(stdout.len(), MAX_OUTPUT_BYTES - 1);
        assert!(stderr.contains("the rest was dropped"));
        out.write_last_words("Traceback ...\nTimeoutError: out of time\n");
        assert!(out
            .streams()
            .1
            .ends_with("the rest was dropped]\nTraceback ...\nTimeoutError: out of time\n"));
    }
}
