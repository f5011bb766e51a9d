//! Tracebacks as CPython 3.11 prints them.
//!
//! monty marks the failing expression of every frame with `~` from its first character to its
//! last, and prints the whole of a statement that spans several lines; that is monty's own
//! style (its `StackFrame` says so). CPython 3.11 prints a frame's first line only, and marks it
//! by what the expression is: nothing where it is the whole line (`main()`), `^` under a call or
//! an attribute (`^^^^^^`), and `~` around the `^` of a binary operation's operator or a
//! subscript's brackets (`~^~`, `~^^^`), which it finds by parsing the marked text. The page
//! prints what python3 prints, so [`render`] lays out a traceback by CPython's rules
//! (`print_error_location_carets` and `extract_anchors_from_expr` in 3.11's `traceback.c`, which
//! prints the main thread's and the threads' uncaught exceptions), from the program's own
//! source, whose frames [`in_file`] first names as CPython names a script's.

use monty_types::{ExcType, MontyException, StackFrame};
use unicode_width::UnicodeWidthChar;

/// `e` with the frames `keep` lets through, those of `snippet` named `file`, as a script's
/// traceback names its file: monty names each snippet an interpreter runs `<python-input-N>`.
/// The same for the exceptions chained before it.
pub(crate) fn in_file(
    e: &MontyException,
    snippet: &str,
    file: &str,
    keep: &impl Fn(&StackFrame) -> bool,
) -> MontyException {
    let frames = e
        .traceback()
        .iter()
        .filter(|frame| keep(frame))
        .cloned()
        .map(|mut frame| {
            if frame.filename == snippet {
                frame.filename = file.to_string();
            }
            frame
        })
        .collect();
    let earlier = |earlier: &MontyException| in_file(earlier, snippet, file, keep);
    told(e, e.message().map(str::to_string), frames, &earlier)
}

/// `e` told with another message and frames, its payload and the exceptions chained before it
/// kept.
pub(crate) fn retold(e: &MontyException, message: Option<String>, frames: Vec<StackFrame>) -> MontyException {
    told(e, message, frames, &MontyException::clone)
}

/// `e` with `message` and `frames`, its payload, and each exception chained before it as
/// `earlier` tells it.
fn told(
    e: &MontyException,
    message: Option<String>,
    frames: Vec<StackFrame>,
    earlier: &dyn Fn(&MontyException) -> MontyException,
) -> MontyException {
    let told = MontyException::with_traceback(e.exc_type(), message, frames).with_data(e.data().clone());
    match e.chained() {
        Some((kind, before)) => told.with_chained(kind, earlier(before)),
        None => told,
    }
}

/// How many times CPython shows a frame repeated in a row before it counts the rest.
const REPEATS_SHOWN: usize = 3;

/// Who prints a traceback, which decides whether its last line offers a name for a
/// `NameError` or an `AttributeError` (`. Did you mean: 'values'?`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum PrintedBy {
    /// CPython's `sys.excepthook` (an uncaught exception) and the threads' own, which offer it.
    Excepthook,
    /// 3.11's `traceback` module (`traceback.print_exc()`, `logging.exception`, a
    /// `multiprocessing` process's end), which does not.
    TracebackModule,
}

/// `e` as CPython 3.11 prints it: `Traceback (most recent call last):`, each frame with its
/// line and marker, then `Type: message`; first the exception it was raised from or while
/// handling, if any, and the line that says which. The frames in `file` show their lines from
/// `source`; any other frame shows the line monty kept for it.
pub(crate) fn render(e: &MontyException, file: &str, source: &str, printed_by: PrintedBy) -> String {
    let mut out = match e.chained() {
        Some((kind, earlier)) => {
            format!("{}\n\n{}\n\n", render(earlier, file, source, printed_by), kind.separator())
        }
        None => String::new(),
    };
    let frames = e.traceback();
    if !frames.is_empty() {
        out.push_str("Traceback (most recent call last):\n");
    }
    let mut at = 0;
    while at < frames.len() {
        let repeats = frames[at..].iter().take_while(|f| same_place(f, &frames[at])).count();
        for (i, frame) in frames[at..at + repeats.min(REPEATS_SHOWN)].iter().enumerate() {
            // What failed in the last frame: a failed `assert` is marked at its test, a method
            // that is not there at its lookup (see `write_frame`).
            let last = at + i + 1 == frames.len();
            let failed = match e.exc_type() {
                ExcType::AssertionError if last => Failed::Assert,
                ExcType::AttributeError if last => {
                    missing_attribute(e).map_or(Failed::Other, Failed::Attribute)
                }
                _ => Failed::Other,
            };
            write_frame(&mut out, frame, file, source, failed);
        }
        if repeats > REPEATS_SHOWN {
            out.push_str(&format!("  [Previous line repeated {} more times]\n", repeats - REPEATS_SHOWN));
        }
        at += repeats;
    }
    out.push_str(&e.summary());
    if let (PrintedBy::Excepthook, Some(name)) = (printed_by, e.suggestion()) {
        out.push_str(&format!(". Did you mean: '{name}'?"));
    }
    out
}

/// What failed where a frame's line was marked, as far as the marker depends on it.
#[derive(Clone, Copy)]
enum Failed<'a> {
    /// An `assert`'s test.
    Assert,
    /// The lookup of the attribute so named (`AttributeError: ... has no attribute 'name'`).
    Attribute(&'a str),
    Other,
}

/// The attribute an `AttributeError` says is not there.
fn missing_attribute(e: &MontyException) -> Option<&str> {
    e.message()?.strip_suffix('\'')?.rsplit_once("has no attribute '").map(|(_, name)| name)
}

fn same_place(a: &StackFrame, b: &StackFrame) -> bool {
    a.filename == b.filename && a.start.line == b.start.line && a.frame_name == b.frame_name
}

fn write_frame(out: &mut String, frame: &StackFrame, file: &str, source: &str, failed: Failed<'_>) {
    out.push_str(&format!("  File \"{}\", line {}", frame.filename, frame.start.line));
    if !frame.hide_frame_name {
        out.push_str(&format!(", in {}", frame.frame_name.as_deref().unwrap_or("<module>")));
    }
    out.push('\n');
    let line = if frame.filename == file {
        (frame.start.line as usize).checked_sub(1).and_then(|n| source.lines().nth(n))
    } else if frame.start.line == frame.end.line {
        frame.preview_line.as_deref()
    } else {
        // monty's preview of a statement over several lines is dedented: its columns are lost.
        None
    };
    let Some(line) = line else { return };
    let stripped = line.trim();
    if stripped.is_empty() {
        return;
    }
    out.push_str(&format!("    {stripped}\n"));
    let chars: Vec<char> = line.chars().collect();
    let start = (frame.start.column as usize).saturating_sub(1).min(chars.len());
    let span = if frame.start.line == frame.end.line {
        let span = (start, (frame.end.column as usize).saturating_sub(1).clamp(start, chars.len()));
        // monty's span of a method call that failed to find its method is the whole call;
        // CPython's is the lookup, `obj.name`.
        let lookup =
            if let Failed::Attribute(name) = failed { method_lookup(&chars, span, name) } else { None };
        Some(lookup.unwrap_or(span))
    } else {
        None
    };
    let marker = if frame.hide_caret && stripped.starts_with("raise") {
        // monty keeps only the exception of a `raise` as the frame's span, and hides its
        // marker; CPython marks the whole statement, so it shows none.
        None
    } else if matches!(failed, Failed::Assert) && stripped.starts_with("assert") {
        // monty marks a failed `assert`'s message; CPython its test, unless that is a constant.
        assert_test(&chars).and_then(|(start, end)| marker(&chars, start, Some((start, end))))
    } else {
        marker(&chars, start, span)
    };
    if let Some(marker) = marker {
        out.push_str(&format!("    {marker}\n"));
    }
}

/// The span `obj.name` of the call `obj.name(...)` that `span` marks, if it marks one.
fn method_lookup(chars: &[char], (start, end): (usize, usize), name: &str) -> Option<(usize, usize)> {
    let segment = &chars[start..end];
    let tokens = tokenize(segment)?;
    let partner = partners(&tokens)?;
    let close = tokens.len().checked_sub(1)?;
    let open = partner[close].filter(|_| segment[tokens[close].start] == ')')?;
    let method = &tokens[open.checked_sub(1)?];
    let dot = &tokens[open.checked_sub(2)?];
    let named = segment[method.start..method.end].iter().copied().eq(name.chars());
    (matches!(dot.kind, Kind::Dot) && named && open >= 3).then_some((start, start + method.end))
}

/// Where the test of the `assert` statement on `line` is, unless it is a constant (which
/// CPython marks as the whole statement: no marker).
fn assert_test(line: &[char]) -> Option<(usize, usize)> {
    let at = line.iter().position(|c| !c.is_whitespace())? + "assert".len();
    let tokens = tokenize(line.get(at..)?)?;
    let partner = partners(&tokens)?;
    let top = top_level(&tokens, &partner, 0, tokens.len());
    let comma = top.iter().find(|&&i| line[at + tokens[i].start] == ',').copied();
    let test = &tokens[..comma.unwrap_or(tokens.len())];
    let (first, last) = (test.first()?, test.last()?);
    let constant = test.len() == 1 && {
        let text: String = line[at + first.start..at + first.end].iter().collect();
        !text.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
            || ["True", "False", "None"].contains(&text.as_str())
    };
    (!constant).then_some((at + first.start, at + last.end))
}

/// The marker line under `chars` (without its 4-space indent) for the marked `span`, or, for
/// an expression that goes on past this line, from `start` to the line's end. `None` where
/// CPython prints none: the marked text is the whole line, and is no binary operation or
/// subscript.
fn marker(chars: &[char], start: usize, span: Option<(usize, usize)>) -> Option<String> {
    let leading = chars.iter().take_while(|c| c.is_whitespace()).count();
    let trailing = chars.iter().rev().take_while(|c| c.is_whitespace()).count();
    let stripped_len = chars.len().saturating_sub(leading + trailing);
    let (start, end) = span.unwrap_or((start, (leading + stripped_len).max(start)));
    let segment = &chars[start..end];
    let anchors = span.and_then(|_| anchors(segment));
    let spans_line = end - start >= stripped_len;
    if spans_line && anchors.is_none() {
        return None;
    }
    let mut marker = " ".repeat(columns(&chars[leading.min(start)..start]));
    match anchors {
        Some((left, right)) => {
            marker.push_str(&"~".repeat(columns(&segment[..left])));
            marker.push_str(&"^".repeat(columns(&segment[left..right])));
            marker.push_str(&"~".repeat(columns(&segment[right..])));
        }
        None => marker.push_str(&"^".repeat(columns(segment).max(1))),
    }
    Some(marker)
}

/// How many columns `text` takes where CPython lays out its markers: two for a wide character
/// (`가`), one for any other.
fn columns(text: &[char]) -> usize {
    text.iter().map(|c| c.width().unwrap_or(1).clamp(1, 2)).sum()
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Kind {
    /// A name, a number or a string.
    Operand,
    /// A keyword (`not`, `and`, `if`, `lambda`, `await`, ...).
    Keyword,
    Open,
    Close,
    Dot,
    Operator,
}

#[derive(Clone, Copy, Debug)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
}

const KEYWORDS: [&str; 14] = [
    "and", "or", "not", "in", "is", "if", "else", "lambda", "await", "for", "async", "yield", "from",
    "import",
];
const BINARY: [&str; 13] = ["|", "^", "&", "<<", ">>", "+", "-", "*", "@", "/", "//", "%", "**"];

/// Where CPython 3.11 puts the `^` inside a marked expression (`segment`), as offsets into it:
/// a binary operation's operator (one or two characters, as 3.11 counts them), a subscript's
/// brackets. `None` for anything else, or text that does not read as one expression.
fn anchors(segment: &[char]) -> Option<(usize, usize)> {
    let tokens = tokenize(segment)?;
    if tokens.is_empty() {
        return None;
    }
    let partner = partners(&tokens)?;
    let top: Vec<usize> = top_level(&tokens, &partner, 0, tokens.len());
    let text = |t: &Token| segment[t.start..t.end].iter().collect::<String>();
    // A comparison, a boolean operation, a conditional, a tuple: not one of the two forms.
    for &i in &top {
        let token = &tokens[i];
        if token.kind == Kind::Keyword {
            return None;
        }
        if token.kind == Kind::Operator && text(token) != "~" && !BINARY.contains(&text(token).as_str()) {
            return None;
        }
    }
    let ends_operand = |i: usize| matches!(tokens[i].kind, Kind::Operand | Kind::Close);
    let binary: Vec<usize> = top
        .iter()
        .enumerate()
        .filter(|&(at, &i)| tokens[i].kind == Kind::Operator && at > 0 && ends_operand(top[at - 1]))
        .map(|(_, &i)| i)
        .collect();
    if !binary.is_empty() {
        let precedence = |i: usize| match text(&tokens[i]).as_str() {
            "|" => 1,
            "^" => 2,
            "&" => 3,
            "<<" | ">>" => 4,
            "+" | "-" => 5,
            "**" => 8,
            _ => 6,
        };
        let lowest = binary.iter().map(|&i| precedence(i)).min()?;
        // A unary operator binds less tightly than `**` only: `-a ** b` is `-(a ** b)`.
        if lowest == 8 && tokens[0].kind == Kind::Operator {
            return None;
        }
        let op = if lowest == 8 {
            *binary.first()?
        } else {
            *binary.iter().rev().find(|&&i| precedence(i) == lowest)?
        };
        if op == 0 || op + 1 >= tokens.len() {
            return None;
        }
        let left_end = inner_end(&tokens, &partner, segment, 0, op);
        let right_start = inner_start(&tokens, &partner, segment, op + 1, tokens.len());
        // The first character between the operands that is not a space or a `)`, and the next
        // one too where it is not a space (a two-character operator, or what follows `-(`).
        let mut found = None;
        for i in left_end..right_start {
            if segment[i].is_whitespace() {
                continue;
            }
            let two = i + 1 < right_start && !segment[i + 1].is_whitespace();
            found = Some((i, i + 1 + usize::from(two)));
            if !(i + 1 < right_start && segment[i] == ')') {
                break;
            }
        }
        return found;
    }
    // A subscript: everything is `value[slice]`, with no operator outside brackets.
    if top.iter().any(|&i| tokens[i].kind == Kind::Operator) {
        return None;
    }
    let last = *top.last()?;
    if tokens[last].kind != Kind::Close || segment[tokens[last].start] != ']' {
        return None;
    }
    let open = partner[last]?;
    if open == 0 || !ends_operand(open - 1) || open + 1 >= last {
        return None;
    }
    // From the value's end to its `[`, and from the slice's end past its `]`.
    let mut left = inner_end(&tokens, &partner, segment, 0, open);
    while left < segment.len() && segment[left] != '[' {
        left += 1;
    }
    let mut right = inner_end(&tokens, &partner, segment, open + 1, last) + 1;
    while right < segment.len() && segment[right] != ']' {
        right += 1;
    }
    if right < segment.len() {
        right += 1;
    }
    Some((left, right))
}

/// Splits `segment` into tokens; `None` where it cannot be one line of Python (a string left
/// open).
fn tokenize(segment: &[char]) -> Option<Vec<Token>> {
    const TWO: [&str; 19] = [
        "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "->", ":=", "+=", "-=", "*=", "/=", "%=", "&=", "|=",
        "^=", "@=",
    ];
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < segment.len() {
        let c = segment[i];
        let start = i;
        let kind = if c.is_whitespace() {
            i += 1;
            continue;
        } else if c == '#' {
            break;
        } else if c.is_alphabetic() || c == '_' {
            while i < segment.len() && (segment[i].is_alphanumeric() || segment[i] == '_') {
                i += 1;
            }
            let word: String = segment[start..i].iter().collect();
            let prefix = ["r", "u", "b", "f", "br", "rb", "fr", "rf"].contains(&word.to_lowercase().as_str());
            if prefix && i < segment.len() && (segment[i] == '\'' || segment[i] == '"') {
                i = string_end(segment, i)?;
                Kind::Operand
            } else if KEYWORDS.contains(&word.as_str()) {
                Kind::Keyword
            } else {
                Kind::Operand
            }
        } else if c.is_ascii_digit() || (c == '.' && segment.get(i + 1).is_some_and(char::is_ascii_digit)) {
            while i < segment.len() {
                let d = segment[i];
                let exponent_sign = (d == '+' || d == '-')
                    && matches!(segment[i - 1], 'e' | 'E')
                    && !segment[start..i].contains(&'x');
                if d.is_alphanumeric() || d == '.' || d == '_' || exponent_sign {
                    i += 1;
                } else {
                    break;
                }
            }
            Kind::Operand
        } else if c == '\'' || c == '"' {
            i = string_end(segment, i)?;
            Kind::Operand
        } else if "([{".contains(c) {
            i += 1;
            Kind::Open
        } else if ")]}".contains(c) {
            i += 1;
            Kind::Close
        } else if c == '.' {
            i += 1;
            Kind::Dot
        } else {
            let pair: String = segment[i..(i + 2).min(segment.len())].iter().collect();
            i += if TWO.contains(&pair.as_str()) { 2 } else { 1 };
            Kind::Operator
        };
        tokens.push(Token { kind, start, end: i });
    }
    Some(tokens)
}

/// The end of the string literal whose opening quote is at `at`.
fn string_end(segment: &[char], at: usize) -> Option<usize> {
    let quote = segment[at];
    let triple = segment.get(at + 1) == Some(&quote) && segment.get(at + 2) == Some(&quote);
    let mut i = at + if triple { 3 } else { 1 };
    while i < segment.len() {
        if segment[i] == '\\' {
            i += 2;
        } else if segment[i] == quote
            && (!triple || (segment.get(i + 1) == Some(&quote) && segment.get(i + 2) == Some(&quote)))
        {
            return Some(i + if triple { 3 } else { 1 });
        } else {
            i += 1;
        }
    }
    None
}

/// For each bracket, the index of the bracket that matches it; `None` where they do not match.
fn partners(tokens: &[Token]) -> Option<Vec<Option<usize>>> {
    let mut partner = vec![None; tokens.len()];
    let mut open = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        match token.kind {
            Kind::Open => open.push(i),
            Kind::Close => {
                let j = open.pop()?;
                partner[i] = Some(j);
                partner[j] = Some(i);
            }
            _ => {}
        }
    }
    open.is_empty().then_some(partner)
}

/// The indexes of the tokens in `from..to` outside any bracket opened in that range.
fn top_level(tokens: &[Token], partner: &[Option<usize>], from: usize, to: usize) -> Vec<usize> {
    let mut top = Vec::new();
    let mut i = from;
    while i < to {
        top.push(i);
        i = match (tokens[i].kind, partner[i]) {
            (Kind::Open, Some(close)) if close < to => {
                top.push(close);
                close + 1
            }
            _ => i + 1,
        };
    }
    top.sort_unstable();
    top.dedup();
    top
}

/// Whether `from..to` is one pair of parentheses around an expression (not a call's, not a
/// tuple's or a generator's): the AST leaves such parentheses out of the expression's span.
fn grouped(tokens: &[Token], partner: &[Option<usize>], segment: &[char], from: usize, to: usize) -> bool {
    if to < from + 3 || segment[tokens[from].start] != '(' || partner[from] != Some(to - 1) {
        return false;
    }
    let inner = top_level(tokens, partner, from + 1, to - 1);
    !inner.iter().any(|&i| {
        let text: String = segment[tokens[i].start..tokens[i].end].iter().collect();
        text == "," || text == "for"
    })
}

/// Where the expression of tokens `from..to` ends, as the AST gives it.
fn inner_end(tokens: &[Token], partner: &[Option<usize>], segment: &[char], from: usize, to: usize) -> usize {
    if grouped(tokens, partner, segment, from, to) {
        inner_end(tokens, partner, segment, from + 1, to - 1)
    } else {
        tokens[to - 1].end
    }
}

/// Where the expression of tokens `from..to` starts, as the AST gives it.
fn inner_start(
    tokens: &[Token],
    partner: &[Option<usize>],
    segment: &[char],
    from: usize,
    to: usize,
) -> usize {
    if grouped(tokens, partner, segment, from, to) {
        inner_start(tokens, partner, segment, from + 1, to - 1)
    } else {
        tokens[from].start
    }
}

#[cfg(test)]
mod tests {
    use super::{anchors, assert_test, marker};

    /// Whatever span monty hands over, of whatever line, the marker is drawn without a panic
    /// (in the threaded wasm build a panic would abort the engine and its pool).
    #[test]
    fn any_span_of_any_line_draws_without_a_panic() {
        let lines = [
            "    result = (a + b) * c[i:j] // d['k'] ** -e  # note",
            "x = [\"가나\", 1/0, f'{y!r:>10}', r'\\', b\"\\\"\"]",
            "print((((1)) + [2, (3]) - {4: 5}.get(6)))",
            "s = 'unclosed + \"also\" ' + '''triple''' + 1e-5 - 0x1F",
            "assert not a, (1, 2)",
            "  assert",
            "x",
            "\t\t",
            "",
        ];
        for line in lines {
            let chars: Vec<char> = line.chars().collect();
            let _ = assert_test(&chars);
            for start in 0..=chars.len() {
                let _ = marker(&chars, start, None);
                for end in start..=chars.len() {
                    let _ = marker(&chars, start, Some((start, end)));
                    let _ = anchors(&chars[start..end]);
                }
            }
        }
    }

    fn marks(segment: &str) -> Option<String> {
        let chars: Vec<char> = segment.chars().collect();
        anchors(&chars).map(|(left, right)| {
            "~".repeat(left) + &"^".repeat(right - left) + &"~".repeat(chars.len() - right)
        })
    }

    #[test]
    fn binary_operations_and_subscripts_are_anchored_as_cpython_3_11_anchors_them() {
        // Each as python3.11 marks it under an uncaught exception.
        assert_eq!(marks("1/0").as_deref(), Some("~^~"));
        assert_eq!(marks("a + b").as_deref(), Some("~~^~~"));
        assert_eq!(marks("a //c").as_deref(), Some("~~^^~"));
        assert_eq!(marks("a+ (c)").as_deref(), Some("~^~~~~"));
        assert_eq!(marks("c  *a").as_deref(), Some("~~~^~"));
        assert_eq!(marks("a - b - c").as_deref(), Some("~~~~~~^~~"));
        assert_eq!(marks("a + b * c").as_deref(), Some("~~^~~~~~~"));
        assert_eq!(marks("x ** y ** z").as_deref(), Some("~~^^~~~~~~~"));
        assert_eq!(marks("-a * b").as_deref(), Some("~~~^~~"));
        assert_eq!(marks("~a + b").as_deref(), Some("~~~^~~"));
        assert_eq!(marks("(a + b) * c").as_deref(), Some("~~~~~~~~^~~"));
        assert_eq!(marks("((a)) * c").as_deref(), Some("~~~~~~^~~"));
        assert_eq!(marks("d['k'] + 1").as_deref(), Some("~~~~~~~^~~"));
        assert_eq!(marks("x[5]").as_deref(), Some("~^^^"));
        assert_eq!(marks("d[\"k\"]").as_deref(), Some("~^^^^^"));
        assert_eq!(marks("(x)[5]").as_deref(), Some("~~~^^^"));
        assert_eq!(marks("x[ 5 ]").as_deref(), Some("~^^^^^"));
        assert_eq!(marks("x [5]").as_deref(), Some("~~^^^"));
        assert_eq!(marks("x[5:][0]").as_deref(), Some("~~~~~^^^"));
        assert_eq!(marks("a[1:]").as_deref(), Some("~^^^^"));
        for none in ["f(x)", "a.b", "a < b", "not a", "-a ** b", "a, b", "x if y else z", "(a", "'x"] {
            assert_eq!(marks(none), None, "{none}");
        }
    }
}
