//! A `SyntaxError` as CPython 3.11 shows it, for code the Python engine could not parse.
//!
//! monty's parser (ruff's) words its errors its own way ("Expected `:`, found newline") and
//! monty prints them as a runtime error, under a `Traceback (most recent call last):` header,
//! with `~` under a span that may run into the next line. CPython prints no header for code
//! that never ran, one line of source and a `^` where the parser stopped, and its own words
//! (`expected ':'`). A learner compares the two side by side, so the page shows CPython's:
//! the common cases are put in CPython's words here; any other keeps the parser's.

use monty_types::{ExcType, MontyException};

/// What CPython says for a parse error: the exception type, the message and the 1-based line
/// and column it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pointed {
    /// `SyntaxError` or `IndentationError`.
    pub type_name: &'static str,
    /// CPython's message.
    pub message: String,
    /// The 1-based line.
    pub line: usize,
    /// The 1-based column, in characters.
    pub column: usize,
    /// How many characters the carets cover: 1 where the parser stopped, the whole of the
    /// expression CPython's compiler rejects (`'yield' outside function`).
    pub width: usize,
}

/// CPython's words for monty's parse error `message` at `line`:`column` (1-based) of `source`,
/// or past its end.
pub fn in_cpython_terms(source: &str, message: &str, line: usize, column: usize) -> Pointed {
    let at = |type_name, message: String| Pointed { type_name, message, line, column, width: 1 };
    if message.starts_with("Expected `:`") {
        return at("SyntaxError", "expected ':'".to_string());
    }
    if let Some(after) = message.strip_prefix("Expected an indented block after ") {
        // CPython names the line of the statement that wanted the block: the nearest line
        // above with code.
        let code = |n| {
            source_line(source, n).is_some_and(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        };
        let header = (1..line).rev().find(|&n| code(n));
        let on = header.map(|n| format!(" on line {n}")).unwrap_or_default();
        return at(
            "IndentationError",
            format!("expected an indented block after {}{on}", after.replace('`', "'")),
        );
    }
    // Past the end of `source` (a host may parse it with code of its own after it), or at its
    // end: what is left open.
    if message == "unexpected EOF while parsing" || line > source.lines().count() {
        if let Some((open, open_line, open_column)) = unclosed_bracket(source) {
            return Pointed {
                type_name: "SyntaxError",
                message: format!("'{open}' was never closed"),
                line: open_line,
                column: open_column,
                width: 1,
            };
        }
        return at("SyntaxError", message.to_string());
    }
    if message.starts_with("Expected ") || message.starts_with("Unexpected ") {
        let here = source_line(source, line).and_then(|l| l.chars().nth(column.saturating_sub(1)));
        return match here {
            Some(close @ (')' | ']' | '}')) => at("SyntaxError", format!("unmatched '{close}'")),
            _ => at("SyntaxError", "invalid syntax".to_string()),
        };
    }
    at("SyntaxError", message.to_string())
}

/// A parse error of `source`, which monty compiled under the file name `snippet`, as CPython
/// shows it in `file_name`: its type, message and line, and its display. None for any other
/// exception, a `SyntaxError` that running code raised included (its frame names a function).
pub fn parse_failure(
    source: &str,
    e: &MontyException,
    snippet: &str,
    file_name: &str,
) -> Option<(Pointed, String)> {
    if e.exc_type() != ExcType::SyntaxError {
        return None;
    }
    // The parser's frame, which CPython shows without `, in <name>`.
    let frame = e.traceback().last().filter(|f| f.hide_frame_name && f.filename == snippet)?;
    let (line, column) = (frame.start.line as usize, frame.start.column as usize);
    let message = e.message().unwrap_or_default();
    let mut pointed = in_cpython_terms(source, message, line, column);
    // CPython's compiler, not its parser, rejects a `yield`, an `await`, an `async with`, an
    // `async for` or an asynchronous comprehension where none may stand, and marks the whole
    // expression (or the statement's first line); and a `return` with a value in an
    // asynchronous generator, from the `return` (monty's error stands at the value).
    let compiler_refusal =
        ["'yield' ", "'await' ", "'async with' ", "'async for' ", "asynchronous comprehension "]
            .iter()
            .any(|word| message.starts_with(word));
    if message == "'return' with value in async generator" {
        let code = source_line(source, line).unwrap_or_default();
        let before: String = code.chars().take(column.saturating_sub(1)).collect();
        if let Some(at) = before.rfind("return") {
            pointed.column = before[..at].chars().count() + 1;
            // To the value's end, or the line's where the value goes on past it.
            let end = if frame.end.line == frame.start.line {
                frame.end.column as usize
            } else {
                code.trim_end().chars().count() + 1
            };
            pointed.width = end.saturating_sub(pointed.column).max(1);
        }
    } else if compiler_refusal && frame.end.line == frame.start.line {
        pointed.width = (frame.end.column as usize).saturating_sub(column).max(1);
    } else if compiler_refusal {
        // A statement with a body (`async with x:`): its first line.
        let first_line = source_line(source, line).map_or(0, |code| code.trim_end().chars().count());
        pointed.width = first_line.saturating_sub(column.saturating_sub(1)).max(1);
    }
    let shown = display(source, file_name, &pointed);
    Some((pointed, shown))
}

/// The error as CPython prints it: the file and line, the line's code without its indentation,
/// `^` under the columns it points at, then `Type: message`.
pub fn display(source: &str, file_name: &str, pointed: &Pointed) -> String {
    let mut out = format!("  File \"{file_name}\", line {}\n", pointed.line);
    if let Some(code) = source_line(source, pointed.line) {
        let trimmed = code.trim_start();
        let indent = code.chars().count() - trimmed.chars().count();
        let caret = pointed.column.saturating_sub(1).saturating_sub(indent).min(trimmed.chars().count());
        let width = pointed.width.min(trimmed.chars().count().saturating_sub(caret)).max(1);
        out.push_str(&format!(
            "    {}\n    {}{}\n",
            trimmed.trim_end(),
            " ".repeat(caret),
            "^".repeat(width)
        ));
    }
    out.push_str(&format!("{}: {}", pointed.type_name, pointed.message));
    out
}

/// Line `n` (1-based) of `source`.
fn source_line(source: &str, n: usize) -> Option<&str> {
    source.lines().nth(n.checked_sub(1)?)
}

/// The innermost bracket left open at the end of `source`, with its 1-based line and column:
/// brackets inside strings and comments do not count.
fn unclosed_bracket(source: &str) -> Option<(char, usize, usize)> {
    let mut open: Vec<(char, usize, usize)> = Vec::new();
    for (index, text) in source.lines().enumerate() {
        let mut quote: Option<char> = None;
        let mut escaped = false;
        for (column, c) in text.chars().enumerate() {
            if let Some(q) = quote {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
                continue;
            }
            match c {
                '#' => break,
                '\'' | '"' => quote = Some(c),
                '(' | '[' | '{' => open.push((c, index + 1, column + 1)),
                ')' | ']' | '}' => {
                    open.pop();
                }
                _ => {}
            }
        }
    }
    open.pop()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CPython 3.11's own output for each case, as `python3 -c` prints it (its file name aside).
    #[test]
    fn parse_errors_read_as_cpython_prints_them() {
        let cases = [
            (
                "def worker(num)\n    return num\n",
                "Expected `:`, found newline",
                (1, 16),
                "  File \"w.py\", line 1\n    def worker(num)\n                   ^\nSyntaxError: expected ':'",
            ),
            (
                "def worker(n):\nreturn n\n",
                "Expected an indented block after function definition",
                (2, 1),
                "  File \"w.py\", line 2\n    return n\n    ^\nIndentationError: expected an indented block after function definition on line 1",
            ),
            (
                "def worker(n):\n    return (n +\n",
                "unexpected EOF while parsing",
                (3, 1),
                "  File \"w.py\", line 2\n    return (n +\n           ^\nSyntaxError: '(' was never closed",
            ),
            (
                "def worker(n):\n    x = = 1\n",
                "Expected an expression",
                (2, 9),
                "  File \"w.py\", line 2\n    x = = 1\n        ^\nSyntaxError: invalid syntax",
            ),
            (
                "def worker(n):\n    return n)\n",
                "Expected a statement",
                (2, 13),
                "  File \"w.py\", line 2\n    return n)\n            ^\nSyntaxError: unmatched ')'",
            ),
            (
                "def worker(n):\n    # a comment\n\nreturn n\n",
                "Expected an indented block after function definition",
                (4, 1),
                "  File \"w.py\", line 4\n    return n\n    ^\nIndentationError: expected an indented block after function definition on line 1",
            ),
            (
                "def worker(n):\n    if n == ')':  # (\n    return 1\n",
                "Expected an indented block after `if` statement",
                (3, 5),
                "  File \"w.py\", line 3\n    return 1\n    ^\nIndentationError: expected an indented block after 'if' statement on line 2",
            ),
        ];
        for (source, message, (line, column), cpython) in cases {
            let pointed = in_cpython_terms(source, message, line, column);
            assert_eq!(display(source, "w.py", &pointed), cpython, "{source:?}");
        }
        assert_eq!(unclosed_bracket("x = ')' # (\ny = [1, {2: '('}"), Some(('[', 2, 5)));
        // An error past the end of the source, in code a host put after it.
        let pointed = in_cpython_terms("print(max(1,\n          2)\n", "Expected an expression", 4, 1);
        assert_eq!((pointed.message.as_str(), pointed.line, pointed.column), ("'(' was never closed", 1, 6));
    }
}
