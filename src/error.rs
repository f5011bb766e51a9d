//! Errors that stop a whole run before it starts, as typed values.
//!
//! An error raised by one item is not here: that is a [`crate::PyException`] in the item's
//! outcome, and the other items go on. These are the run-level failures: input that does not
//! parse, options out of range, an executor this build cannot offer.

use std::fmt;

/// A run-level error. Its [`kind`](Error::kind) says what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

/// What went wrong, one variant per cause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The input list does not parse or evaluate; the position is 1-based, as Python reports it.
    Parse {
        /// The Python exception a learner would see here: `SyntaxError`, `NameError`, …
        exception: &'static str,
        /// What is wrong, in Python's words where Python has some.
        message: String,
        /// 1-based line of the input.
        line: usize,
        /// 1-based column (in characters) within that line.
        column: usize,
        /// The text of that line, for the caret display.
        source_line: String,
    },
    /// A custom worker's code does not compile, its module-level statements raised, or it
    /// defines no `worker` function.
    Code {
        /// The Python exception: `SyntaxError`, `NameError`, …
        exception: String,
        /// What is wrong, in Python's words.
        message: String,
        /// The 1-based line of the code it points at, where there is one.
        line: Option<usize>,
        /// The error as Python prints it (the traceback), or empty where there is none.
        display: String,
    },
    /// The input parsed but cannot be used: too many items, a type the workload does not take.
    Input(String),
    /// An option of the run (workload, executor, workers) is unknown or out of range.
    Option(String),
    /// The pool executor needs the threaded build, which runs only where the browser shares
    /// memory with Workers: a cross-origin isolated page, in a browser that gives it
    /// `SharedArrayBuffer` (the page's isolation doctor says what is missing).
    PoolUnavailable,
    /// A pool Worker died mid-run (a trap, a terminated Worker), like Python's
    /// `BrokenProcessPool`; these items, by index, never finished. The pool is rebuilt.
    BrokenPool {
        /// The indexes of the items lost.
        lost: Vec<usize>,
    },
}

impl Error {
    /// An error of the given kind.
    pub fn new(kind: ErrorKind) -> Self {
        Error { kind }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The name the page shows and JavaScript sees as `error.name`.
    pub fn name(&self) -> &str {
        match &self.kind {
            ErrorKind::Parse { exception, .. } => exception,
            ErrorKind::Code { exception, .. } => exception,
            ErrorKind::Input(_) => "InputError",
            ErrorKind::Option(_) => "OptionError",
            ErrorKind::PoolUnavailable => "PoolUnavailable",
            ErrorKind::BrokenPool { .. } => "BrokenPool",
        }
    }

    /// The message alone, without the name or the caret display.
    pub fn message(&self) -> String {
        match &self.kind {
            ErrorKind::Parse { message, line, column, .. } => {
                format!("{message} (line {line}, column {column})")
            }
            ErrorKind::Code { message, line: Some(line), .. } => {
                format!("{message} (worker code, line {line})")
            }
            ErrorKind::Code { message, line: None, .. } => message.clone(),
            ErrorKind::Input(m) | ErrorKind::Option(m) => m.clone(),
            ErrorKind::PoolUnavailable => "the pool shares its memory with Web Workers, which a \
                browser allows only on a cross-origin isolated page (served with \
                Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: \
                require-corp), and only where it gives that page SharedArrayBuffer; the isolation \
                doctor says what is missing here, and the other executors work without it"
                .to_string(),
            ErrorKind::BrokenPool { lost } => {
                const NAMED: usize = 20;
                let named: Vec<String> = lost.iter().take(NAMED).map(usize::to_string).collect();
                let more = lost.len().saturating_sub(NAMED);
                let more = if more > 0 { format!(" and {more} more") } else { String::new() };
                format!(
                    "a pool Worker died mid-run; {} item(s) lost: {}{more}. The pool is being rebuilt; run again",
                    lost.len(),
                    named.join(", ")
                )
            }
        }
    }

    pub(crate) fn parse(
        exception: &'static str,
        message: impl Into<String>,
        line: usize,
        column: usize,
        source_line: &str,
    ) -> Self {
        Error::new(ErrorKind::Parse {
            exception,
            message: message.into(),
            line,
            column,
            source_line: source_line.to_string(),
        })
    }

    #[cfg(feature = "python")]
    pub(crate) fn code(
        exception: &str,
        message: impl Into<String>,
        line: Option<usize>,
        display: String,
    ) -> Self {
        Error::new(ErrorKind::Code {
            exception: exception.to_string(),
            message: message.into(),
            line,
            display,
        })
    }

    pub(crate) fn input(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Input(message.into()))
    }

    pub(crate) fn option(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Option(message.into()))
    }
}

/// The most characters of a line the caret display shows. A 5 MB paste on one line made a
/// 10 MB display (the line, then as many spaces before the caret), which froze the page for
/// seconds as it laid it out: a longer line shows the stretch around the column, elided `…`.
const SHOWN_CHARS: usize = 100;

/// The part of `line` the display shows around 1-based `column`, and the caret's 0-based
/// place in it.
fn around(line: &str, column: usize) -> (String, usize) {
    let length = line.chars().count();
    if length <= SHOWN_CHARS {
        return (line.to_string(), column.saturating_sub(1));
    }
    let start = column.saturating_sub(1).saturating_sub(SHOWN_CHARS / 2).min(length - SHOWN_CHARS);
    let end = start + SHOWN_CHARS;
    let mut shown: String = line.chars().skip(start).take(SHOWN_CHARS).collect();
    let mut caret = column.saturating_sub(1) - start;
    if start > 0 {
        shown.insert(0, '…');
        caret += 1;
    }
    if end < length {
        shown.push('…');
    }
    (shown, caret)
}

/// For a parse error, Python's display: the line, a caret under the column, then the message.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Parse { exception, message, line, column, source_line } => {
                let (shown, caret) = around(source_line, *column);
                writeln!(f, "  File \"<input>\", line {line}")?;
                writeln!(f, "    {shown}")?;
                writeln!(f, "    {}^", " ".repeat(caret))?;
                write!(f, "{exception}: {message}")
            }
            ErrorKind::Code { display, .. } if !display.is_empty() => f.write_str(display),
            _ => write!(f, "{}: {}", self.name(), self.message()),
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_shows_the_stretch_around_the_column() {
        let line = format!("[{}]", "7, ".repeat(1000));
        let e = Error::parse("ValueError", "too many", 1, 1501, &line);
        let shown = e.to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[1].chars().count(), 4 + 1 + SHOWN_CHARS + 1);
        let caret = lines[2].len() - 4 - 1;
        assert_eq!(lines[1].chars().nth(4 + caret), line.chars().nth(1500));
        assert_eq!(caret, 1 + SHOWN_CHARS / 2);
        // Short lines and the ends of long ones keep Python's display.
        assert_eq!(
            Error::parse("SyntaxError", "x", 1, 3, "[1,,]").to_string().lines().nth(2),
            Some("      ^")
        );
        let end = Error::parse("SyntaxError", "x", 1, line.len(), &line).to_string();
        assert!(
            end.lines().nth(1).unwrap().starts_with("    …") && end.lines().nth(1).unwrap().ends_with(']')
        );
    }

    #[test]
    fn a_broken_pool_names_the_items_lost() {
        let e = Error::new(ErrorKind::BrokenPool { lost: (3..30).collect() });
        assert_eq!(e.name(), "BrokenPool");
        assert!(
            e.message().starts_with("a pool Worker died mid-run; 27 item(s) lost: 3, 4, 5,"),
            "{}",
            e.message()
        );
        assert!(e.message().contains("22 and 7 more"), "{}", e.message());
    }
}
