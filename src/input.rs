//! The input language: the text a person types in "Input list", parsed into validated values.
//!
//! It is the small slice of Python a tutorial uses to build a list: list displays of ints and
//! strings (`[1, -2, 1_000]`, `['a', "it's"]`), `range(...)`, `list(range(...))`, `[x] * n`,
//! `list + list`, int arithmetic with `+ - * // % **` and parentheses, a list comprehension
//! over a list, a range or a string (`[n ** 2 for n in range(10)]`), comments and newlines
//! anywhere.
//! Everything is parsed and checked here, in one place, so executors only ever see good items.
//!
//! Errors carry the 1-based line and column and the Python exception a learner would see for
//! the same text (`SyntaxError`, `NameError`, `TypeError`), so the page can draw Python's caret.
//! Limits are stated, not discovered by running out of memory: at most [`MAX_ITEMS`] items,
//! ints within i64, strings of at most [`MAX_STR_CHARS`] characters and [`MAX_TEXT_BYTES`] in
//! all.

use crate::error::Error;
use crate::value::Value;

/// The most items an input list may have.
pub const MAX_ITEMS: usize = 1_000_000;

/// The most characters one string item may have.
pub const MAX_STR_CHARS: usize = 1_000_000;

/// The most bytes all the string items of one list may hold together: `['a' * 1000000] *
/// 1000000` would otherwise ask for a terabyte and end the wasm instance.
pub const MAX_TEXT_BYTES: usize = 64 << 20;

/// The most characters of worker code (a custom worker, in Python) a run takes.
pub const MAX_CODE_CHARS: usize = 100_000;

/// How long a whole program may run unless its run asks for less or more, in milliseconds.
pub const PROGRAM_TIMEOUT_MS: u32 = 30_000;

/// The longest time budget a program may ask for, in milliseconds.
pub const MAX_PROGRAM_TIMEOUT_MS: u32 = 300_000;

/// The most threads a program may have alive at once.
pub const MAX_THREADS: usize = 64;

/// The bytes of text a list's string items hold.
fn text_bytes(items: &[Value]) -> usize {
    items.iter().map(|v| if let Value::Str(s) = v { s.len() } else { 0 }).sum()
}

/// Parses the text of an input list into its items.
///
/// # Errors
/// A [`crate::ErrorKind::Parse`] error that points at the offending column when the text is not
/// a list this language can build, or builds something over a stated limit.
pub fn parse(text: &str) -> Result<Vec<Value>, Error> {
    let chars: Vec<char> = text.chars().collect();
    let tokens = Lexer { chars: &chars, pos: 0 }.tokens()?;
    let mut parser =
        Parser { chars: &chars, tokens, pos: 0, depth: 0, budget: BUILD_BUDGET, bound: Vec::new() };
    let start = parser.peek().start;
    let value = parser.expr()?;
    let end = parser.peek();
    if end.kind != Tok::End {
        return Err(parser.error_at(end.start, "SyntaxError", "invalid syntax"));
    }
    match value {
        Operand::List(items) => Ok(items),
        other => Err(parser.error_at(
            start,
            "TypeError",
            format!("the input must be a list, not {}", other.type_name()),
        )),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Int(i128),
    Str(String),
    Name(String),
    Open(char),
    Close(char),
    Comma,
    Plus,
    Minus,
    Star,
    /// `**`
    Power,
    /// `//`
    FloorDiv,
    /// `%`
    Percent,
    End,
}

#[derive(Debug, Clone)]
struct Token {
    kind: Tok,
    start: usize,
}

/// Positions are indexes into the text's characters; the error turns them into line:column.
fn located(chars: &[char], at: usize, exception: &'static str, message: impl Into<String>) -> Error {
    let at = at.min(chars.len());
    let line_start = chars[..at].iter().rposition(|&c| c == '\n').map_or(0, |i| i + 1);
    let line_end = chars[at..].iter().position(|&c| c == '\n').map_or(chars.len(), |i| at + i);
    let line = chars[..line_start].iter().filter(|&&c| c == '\n').count() + 1;
    let source_line: String = chars[line_start..line_end].iter().collect();
    Error::parse(exception, message, line, at - line_start + 1, source_line.trim_end_matches('\r'))
}

struct Lexer<'a> {
    chars: &'a [char],
    pos: usize,
}

impl Lexer<'_> {
    fn tokens(mut self) -> Result<Vec<Token>, Error> {
        let mut out = Vec::new();
        loop {
            self.skip_space_and_comments();
            let start = self.pos;
            let Some(&c) = self.chars.get(self.pos) else {
                out.push(Token { kind: Tok::End, start });
                return Ok(out);
            };
            let kind = match c {
                '[' | '(' => self.single(Tok::Open(c)),
                ']' | ')' => self.single(Tok::Close(c)),
                ',' => self.single(Tok::Comma),
                '+' => self.single(Tok::Plus),
                '-' => self.single(Tok::Minus),
                '*' if self.chars.get(self.pos + 1) == Some(&'*') => self.double(Tok::Power),
                '*' => self.single(Tok::Star),
                '/' if self.chars.get(self.pos + 1) == Some(&'/') => self.double(Tok::FloorDiv),
                '/' => {
                    return Err(self.error(
                        start,
                        "TypeError",
                        "/ makes a float, and items are ints or strs: use // to divide",
                    ))
                }
                '%' => self.single(Tok::Percent),
                '0'..='9' => Tok::Int(self.number()?),
                '.' if self.chars.get(self.pos + 1).is_some_and(char::is_ascii_digit) => {
                    return Err(self.float_error(start));
                }
                '\'' | '"' => Tok::Str(self.string(false)?),
                c if c == '_' || c.is_alphabetic() => self.name_or_prefixed_string()?,
                c if c.is_ascii() => return Err(self.error(start, "SyntaxError", "invalid syntax")),
                c => {
                    return Err(self.error(
                        start,
                        "SyntaxError",
                        format!("invalid character '{c}' (U+{:04X})", c as u32),
                    ))
                }
            };
            out.push(Token { kind, start });
        }
    }

    fn error(&self, at: usize, exception: &'static str, message: impl Into<String>) -> Error {
        located(self.chars, at, exception, message)
    }

    fn float_error(&self, at: usize) -> Error {
        self.error(at, "TypeError", "floats are not supported here: every item must be an int or a str")
    }

    fn single(&mut self, tok: Tok) -> Tok {
        self.pos += 1;
        tok
    }

    fn double(&mut self, tok: Tok) -> Tok {
        self.pos += 2;
        tok
    }

    fn skip_space_and_comments(&mut self) {
        while let Some(&c) = self.chars.get(self.pos) {
            if c == '#' {
                while self.chars.get(self.pos).is_some_and(|&c| c != '\n') {
                    self.pos += 1;
                }
            } else if c.is_whitespace() || (c == '\\' && self.chars.get(self.pos + 1) == Some(&'\n')) {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    /// An int literal as Python 3 writes it: decimal, `0x`, `0o` or `0b`, with single `_`
    /// between digits. Floats and other suffixes are rejected where they start.
    fn number(&mut self) -> Result<i128, Error> {
        let start = self.pos;
        let radix = match (self.chars[self.pos], self.chars.get(self.pos + 1).map(char::to_ascii_lowercase)) {
            ('0', Some('x')) => 16,
            ('0', Some('o')) => 8,
            ('0', Some('b')) => 2,
            _ => 10,
        };
        if radix != 10 {
            self.pos += 2;
            if self.chars.get(self.pos) == Some(&'_') {
                self.pos += 1;
            }
        }
        let name = match radix {
            16 => "hexadecimal",
            8 => "octal",
            2 => "binary",
            _ => "decimal",
        };
        let invalid =
            |lexer: &Self, at: usize| lexer.error(at, "SyntaxError", format!("invalid {name} literal"));
        let mut value: Option<i128> = Some(0);
        let mut digits = String::new();
        let mut last_was_digit = false;
        while let Some(&c) = self.chars.get(self.pos) {
            if c == '_' {
                if !last_was_digit {
                    return Err(invalid(self, self.pos));
                }
                last_was_digit = false;
            } else if let Some(d) = c.to_digit(radix) {
                value = value
                    .and_then(|v| v.checked_mul(i128::from(radix as u8))?.checked_add(i128::from(d as u8)));
                digits.push(c);
                last_was_digit = true;
            } else if c.is_ascii_digit() || c.is_alphanumeric() {
                if radix == 10 && matches!(c, 'e' | 'E' | 'j' | 'J') {
                    return Err(self.float_error(start));
                }
                return Err(invalid(self, self.pos));
            } else if c == '.' && radix == 10 {
                return Err(self.float_error(start));
            } else {
                break;
            }
            self.pos += 1;
        }
        if !last_was_digit {
            return Err(invalid(self, self.pos.saturating_sub(1).max(start)));
        }
        if radix == 10 && digits.len() > 1 && digits.starts_with('0') && digits.chars().any(|c| c != '0') {
            return Err(self.error(
                start,
                "SyntaxError",
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
            ));
        }
        value.ok_or_else(|| self.error(start, "OverflowError", i64_limit_message()))
    }

    fn name_or_prefixed_string(&mut self) -> Result<Tok, Error> {
        let start = self.pos;
        while self.chars.get(self.pos).is_some_and(|&c| c == '_' || c.is_alphanumeric()) {
            self.pos += 1;
        }
        let name: String = self.chars[start..self.pos].iter().collect();
        if matches!(self.chars.get(self.pos), Some('\'' | '"')) {
            return match name.to_ascii_lowercase().as_str() {
                "r" => Ok(Tok::Str(self.string(true)?)),
                "u" => Ok(Tok::Str(self.string(false)?)),
                _ => Err(self.error(
                    start,
                    "TypeError",
                    format!("{name}'...' literals are not supported here: items are ints or plain strings"),
                )),
            };
        }
        Ok(Tok::Name(name))
    }

    /// A one-line string literal, with Python's escapes unless raw. Adjacent literals are
    /// joined by the parser, as Python joins `'a' 'b'`.
    fn string(&mut self, raw: bool) -> Result<String, Error> {
        let start = self.pos;
        let quote = self.chars[self.pos];
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(&c) = self.chars.get(self.pos) else {
                return Err(self.unterminated(start));
            };
            self.pos += 1;
            match c {
                '\n' => return Err(self.unterminated(start)),
                c if c == quote => {
                    if out.chars().count() > MAX_STR_CHARS {
                        return Err(self.error(start, "ValueError", str_limit_message()));
                    }
                    return Ok(out);
                }
                '\\' => {
                    let Some(&e) = self.chars.get(self.pos) else {
                        return Err(self.unterminated(start));
                    };
                    if raw {
                        out.push('\\');
                        if e != '\n' {
                            out.push(e);
                        }
                        self.pos += 1;
                    } else {
                        self.escape(&mut out)?;
                    }
                }
                c => out.push(c),
            }
        }
    }

    fn unterminated(&self, start: usize) -> Error {
        let line = self.chars[..start].iter().filter(|&&c| c == '\n').count() + 1;
        self.error(start, "SyntaxError", format!("unterminated string literal (detected at line {line})"))
    }

    /// One escape after a backslash (already consumed), as Python 3.11 reads it.
    fn escape(&mut self, out: &mut String) -> Result<(), Error> {
        let at = self.pos - 1;
        let e = self.chars[self.pos];
        self.pos += 1;
        let simple = match e {
            '\n' => Some(None),
            '\\' => Some(Some('\\')),
            '\'' => Some(Some('\'')),
            '"' => Some(Some('"')),
            'a' => Some(Some('\u{7}')),
            'b' => Some(Some('\u{8}')),
            'f' => Some(Some('\u{c}')),
            'n' => Some(Some('\n')),
            'r' => Some(Some('\r')),
            't' => Some(Some('\t')),
            'v' => Some(Some('\u{b}')),
            _ => None,
        };
        if let Some(c) = simple {
            out.extend(c);
            return Ok(());
        }
        let code = match e {
            '0'..='7' => {
                let mut code = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match self.chars.get(self.pos).and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            code = code * 8 + d;
                            self.pos += 1;
                        }
                        None => break,
                    }
                }
                code
            }
            'x' | 'u' | 'U' => {
                let width = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut code: u32 = 0;
                for i in 0..width {
                    let Some(d) = self.chars.get(self.pos).and_then(|c| c.to_digit(16)) else {
                        return Err(self.error(
                            at,
                            "SyntaxError",
                            format!("(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: truncated \\{e}{} escape", 0, i + 1, "X".repeat(width)),
                        ));
                    };
                    code = code * 16 + d;
                    self.pos += 1;
                }
                code
            }
            'N' => {
                return Err(self.error(
                    at,
                    "SyntaxError",
                    "\\N{...} escapes are not supported here; write the character itself",
                ));
            }
            other => {
                // Python keeps an unknown escape as written (with a DeprecationWarning).
                out.push('\\');
                out.push(other);
                return Ok(());
            }
        };
        match char::from_u32(code) {
            Some(c) => {
                out.push(c);
                Ok(())
            }
            None if (0xD800..0xE000).contains(&code) => {
                Err(self.error(at, "ValueError", "lone surrogates are not supported in string items"))
            }
            None => Err(self.error(
                at,
                "SyntaxError",
                "(unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode character",
            )),
        }
    }
}

fn str_limit_message() -> String {
    format!("a string item may have at most {MAX_STR_CHARS} characters")
}

fn i64_limit_message() -> String {
    format!("int too large: the playground takes ints from {} to {} (64-bit)", i64::MIN, i64::MAX)
}

/// Python's keywords but the three constants (which read as values, and get their own hint): a
/// keyword where a value belongs is a syntax error, not an unknown name.
const KEYWORDS: [&str; 32] = [
    "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
    "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not",
    "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

/// What an expression evaluates to while parsing; only a list may be the final result.
#[derive(Debug, Clone)]
enum Operand {
    Int(i128),
    Str(String),
    List(Vec<Value>),
}

impl Operand {
    /// An item as an operand again, for a comprehension's name bound to it. Items this
    /// language builds are ints and strs; anything else would be bound as its repr.
    fn of(value: Value) -> Operand {
        match value {
            Value::Int(n) => Operand::Int(n),
            Value::Str(s) => Operand::Str(s),
            other => Operand::Str(other.repr()),
        }
    }

    fn type_name(&self) -> &'static str {
        match self {
            Operand::Int(_) => "int",
            Operand::Str(_) => "str",
            Operand::List(_) => "list",
        }
    }
}

/// The most bytes building one input may copy in all. Each `+` and `*` copies its lists, so a
/// short text of many concatenations of a large list can ask for seconds of copying while every
/// single list stays within the limits; this bounds the whole evaluation instead.
const BUILD_BUDGET: usize = 1 << 30;

/// How deeply brackets and parentheses may nest, as CPython's own parser limits it: deep
/// enough for any real list, shallow enough that the recursive descent never runs out of stack.
const MAX_NESTING: usize = 200;

struct Parser<'a> {
    chars: &'a [char],
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
    /// Bytes the evaluation may still copy (see [`BUILD_BUDGET`]).
    budget: usize,
    /// The names comprehensions bind, innermost last, with their values of the moment.
    bound: Vec<(String, Operand)>,
}

impl Parser<'_> {
    fn peek(&self) -> Token {
        self.tokens[self.pos.min(self.tokens.len() - 1)].clone()
    }

    fn next(&mut self) -> Token {
        let t = self.peek();
        if t.kind != Tok::End {
            self.pos += 1;
        }
        t
    }

    fn error_at(&self, at: usize, exception: &'static str, message: impl Into<String>) -> Error {
        located(self.chars, at, exception, message)
    }

    fn expect_close(&mut self, close: char, open_at: usize) -> Result<(), Error> {
        let t = self.next();
        match t.kind {
            Tok::Close(c) if c == close => Ok(()),
            Tok::Close(c) => Err(self.error_at(
                t.start,
                "SyntaxError",
                format!("closing parenthesis '{c}' does not match opening parenthesis '{}'", opening(close)),
            )),
            Tok::End => {
                Err(self.error_at(open_at, "SyntaxError", format!("'{}' was never closed", opening(close))))
            }
            _ => Err(self.error_at(t.start, "SyntaxError", "invalid syntax. Perhaps you forgot a comma?")),
        }
    }

    /// expr := term (('+' | '-') term)*, nested at most [`MAX_NESTING`] deep.
    fn expr(&mut self) -> Result<Operand, Error> {
        if self.depth == MAX_NESTING {
            return Err(self.error_at(self.peek().start, "SyntaxError", "too many nested parentheses"));
        }
        self.depth += 1;
        let result = self.sum();
        self.depth -= 1;
        result
    }

    fn sum(&mut self) -> Result<Operand, Error> {
        let mut left = self.term()?;
        loop {
            let op = self.peek();
            let subtract = match op.kind {
                Tok::Plus => false,
                Tok::Minus => true,
                _ => return Ok(left),
            };
            self.next();
            let right = self.term()?;
            left = self.add(left, right, subtract, op.start)?;
        }
    }

    /// Charges the copy of a list of `items` items holding `text` bytes of strings.
    fn spend(&mut self, items: usize, text: usize, at: usize) -> Result<(), Error> {
        let cost = items.saturating_mul(std::mem::size_of::<Value>()).saturating_add(text);
        self.budget = self.budget.checked_sub(cost).ok_or_else(|| {
            self.error_at(
                at,
                "MemoryError",
                format!("the input asks for more than {} MB of copying to build", BUILD_BUDGET >> 20),
            )
        })?;
        Ok(())
    }

    fn add(&mut self, left: Operand, right: Operand, subtract: bool, at: usize) -> Result<Operand, Error> {
        let symbol = if subtract { "-" } else { "+" };
        match (left, right) {
            (Operand::Int(a), Operand::Int(b)) => {
                let r = if subtract { a.checked_sub(b) } else { a.checked_add(b) };
                r.map(Operand::Int).ok_or_else(|| self.error_at(at, "OverflowError", i64_limit_message()))
            }
            (Operand::List(mut a), Operand::List(b)) if !subtract => {
                if a.len() + b.len() > MAX_ITEMS {
                    return Err(self.too_many(at));
                }
                let text = text_bytes(&a) + text_bytes(&b);
                if text > MAX_TEXT_BYTES {
                    return Err(self.too_much_text(at));
                }
                self.spend(a.len() + b.len(), text, at)?;
                a.extend(b);
                Ok(Operand::List(a))
            }
            (Operand::Str(mut a), Operand::Str(b)) if !subtract => {
                if a.chars().count() + b.chars().count() > MAX_STR_CHARS {
                    return Err(self.error_at(at, "ValueError", str_limit_message()));
                }
                a.push_str(&b);
                Ok(Operand::Str(a))
            }
            (a, b) => Err(self.unsupported(at, symbol, &a, &b)),
        }
    }

    /// Python's TypeError for an operator its operands do not support.
    fn unsupported(&self, at: usize, symbol: &str, a: &Operand, b: &Operand) -> Error {
        self.error_at(
            at,
            "TypeError",
            format!("unsupported operand type(s) for {symbol}: '{}' and '{}'", a.type_name(), b.type_name()),
        )
    }

    fn too_much_text(&self, at: usize) -> Error {
        self.error_at(
            at,
            "MemoryError",
            format!(
                "too much text: the string items of a list may hold at most {} MB in all",
                MAX_TEXT_BYTES >> 20
            ),
        )
    }

    fn too_many(&self, at: usize) -> Error {
        self.error_at(
            at,
            "ValueError",
            format!("too many items: the playground takes at most {MAX_ITEMS} items"),
        )
    }

    /// term := unary (('*' | '//' | '%') unary)*
    fn term(&mut self) -> Result<Operand, Error> {
        let mut left = self.unary()?;
        loop {
            let op = self.peek();
            if !matches!(op.kind, Tok::Star | Tok::FloorDiv | Tok::Percent) {
                return Ok(left);
            }
            self.next();
            let right = self.unary()?;
            left = match op.kind {
                Tok::Star => self.multiply(left, right, op.start)?,
                _ => self.divide(left, right, op.kind == Tok::Percent, op.start)?,
            };
        }
    }

    /// `a // b` or `a % b` on ints, floored as Python floors them (`-7 // 2` is -4, `-7 % 2` 1).
    fn divide(&self, left: Operand, right: Operand, modulo: bool, at: usize) -> Result<Operand, Error> {
        let symbol = if modulo { "%" } else { "//" };
        match (left, right) {
            (Operand::Int(_), Operand::Int(0)) => Err(self.error_at(
                at,
                "ZeroDivisionError",
                if modulo { "integer modulo by zero" } else { "integer division or modulo by zero" },
            )),
            (Operand::Int(a), Operand::Int(b)) => {
                // An operand mid-expression may pass i64 (only items are held to it), so
                // i128::MIN // -1 is reachable: checked.
                let overflow = || self.error_at(at, "OverflowError", i64_limit_message());
                let (q, r) = (
                    a.checked_div_euclid(b).ok_or_else(overflow)?,
                    a.checked_rem_euclid(b).ok_or_else(overflow)?,
                );
                // Euclid's remainder is never negative; Python's takes the divisor's sign.
                let (q, r) = if b < 0 && r != 0 { (q - 1, r + b) } else { (q, r) };
                Ok(Operand::Int(if modulo { r } else { q }))
            }
            (a, b) => Err(self.unsupported(at, symbol, &a, &b)),
        }
    }

    fn multiply(&mut self, left: Operand, right: Operand, at: usize) -> Result<Operand, Error> {
        match (left, right) {
            (Operand::Int(a), Operand::Int(b)) => a
                .checked_mul(b)
                .map(Operand::Int)
                .ok_or_else(|| self.error_at(at, "OverflowError", i64_limit_message())),
            (Operand::List(list), Operand::Int(n)) | (Operand::Int(n), Operand::List(list)) => {
                let times = usize::try_from(n.max(0)).unwrap_or(usize::MAX);
                if !list.is_empty() && times > MAX_ITEMS / list.len() {
                    return Err(self.too_many(at));
                }
                if list.is_empty() {
                    return Ok(Operand::List(list));
                }
                let text = text_bytes(&list).saturating_mul(times);
                if text > MAX_TEXT_BYTES {
                    return Err(self.too_much_text(at));
                }
                self.spend(list.len() * times, text, at)?;
                let mut repeated = Vec::with_capacity(list.len() * times);
                for _ in 0..times {
                    repeated.extend_from_slice(&list);
                }
                Ok(Operand::List(repeated))
            }
            (Operand::Str(s), Operand::Int(n)) | (Operand::Int(n), Operand::Str(s)) => {
                let times = usize::try_from(n.max(0)).unwrap_or(usize::MAX);
                let len = s.chars().count();
                if len != 0 && times > MAX_STR_CHARS / len {
                    return Err(self.error_at(at, "ValueError", str_limit_message()));
                }
                Ok(Operand::Str(s.repeat(times)))
            }
            (a, b) => Err(self.error_at(
                at,
                "TypeError",
                format!(
                    "can't multiply sequence by non-int of type '{}'",
                    if matches!(a, Operand::Int(_)) { b.type_name() } else { a.type_name() }
                ),
            )),
        }
    }

    /// unary := ('-' | '+')* atom, the signs applied innermost first, as Python does.
    fn unary(&mut self) -> Result<Operand, Error> {
        let mut signs = Vec::new();
        while let Tok::Minus | Tok::Plus = self.peek().kind {
            signs.push(self.next());
        }
        let mut value = self.power()?;
        for sign in signs.iter().rev() {
            let negate = sign.kind == Tok::Minus;
            value = match value {
                Operand::Int(n) if negate => Operand::Int(
                    n.checked_neg()
                        .ok_or_else(|| self.error_at(sign.start, "OverflowError", i64_limit_message()))?,
                ),
                Operand::Int(n) => Operand::Int(n),
                other => {
                    return Err(self.error_at(
                        sign.start,
                        "TypeError",
                        format!(
                            "bad operand type for unary {}: '{}'",
                            if negate { '-' } else { '+' },
                            other.type_name()
                        ),
                    ))
                }
            };
        }
        Ok(value)
    }

    /// power := atom ('**' unary)?: `-2 ** 2` is -4, and `2 ** -1` would be a float.
    fn power(&mut self) -> Result<Operand, Error> {
        let base = self.atom()?;
        if self.peek().kind != Tok::Power {
            return Ok(base);
        }
        let at = self.next().start;
        let exponent = self.unary()?;
        match (base, exponent) {
            (Operand::Int(_), Operand::Int(e)) if e < 0 => Err(self.error_at(
                at,
                "TypeError",
                "a negative power makes a float, and items are ints or strs",
            )),
            // 0, 1 and -1 stay small whatever the power.
            (Operand::Int(b @ (0 | 1)), Operand::Int(e)) => Ok(Operand::Int(if e == 0 { 1 } else { b })),
            (Operand::Int(-1), Operand::Int(e)) => Ok(Operand::Int(if e % 2 == 0 { 1 } else { -1 })),
            (Operand::Int(b), Operand::Int(e)) => u32::try_from(e)
                .ok()
                .and_then(|e| b.checked_pow(e))
                .filter(|n| i64::try_from(*n).is_ok())
                .map(Operand::Int)
                .ok_or_else(|| self.error_at(at, "OverflowError", i64_limit_message())),
            (a, b) => Err(self.unsupported(at, "** or pow()", &a, &b)),
        }
    }

    /// atom := int | str+ | '[' items ']' | '(' expr ')' | range(...) | list(expr) | a bound name
    fn atom(&mut self) -> Result<Operand, Error> {
        let t = self.next();
        match t.kind {
            Tok::Int(n) => Ok(Operand::Int(n)),
            Tok::Str(mut s) => {
                while let Tok::Str(more) = self.peek().kind {
                    self.next();
                    s.push_str(&more);
                    if s.chars().count() > MAX_STR_CHARS {
                        return Err(self.error_at(t.start, "ValueError", str_limit_message()));
                    }
                }
                Ok(Operand::Str(s))
            }
            Tok::Open('[') => self.list_display(t.start),
            Tok::Open(_) => {
                let inner = self.expr()?;
                let next = self.peek();
                if next.kind == Tok::Comma {
                    // Python's tuple, which the input language does not build.
                    return Err(self.error_at(
                        next.start,
                        "SyntaxError",
                        "a tuple is not an input list: write the items in square brackets, as [1, 2, 3]",
                    ));
                }
                self.expect_close(')', t.start)?;
                Ok(inner)
            }
            Tok::Name(name) => self.call(&name, t.start),
            Tok::End => Err(self.error_at(
                t.start,
                "SyntaxError",
                if t.start == 0 {
                    "the input is empty: type a list such as [1, 2, 3]"
                } else {
                    "invalid syntax: the input ends too early"
                },
            )),
            _ => Err(self.error_at(t.start, "SyntaxError", "invalid syntax")),
        }
    }

    fn list_display(&mut self, open_at: usize) -> Result<Operand, Error> {
        if let Some(for_at) = self.comprehension_for() {
            return self.comprehension(open_at, for_at);
        }
        let mut items = Vec::new();
        let mut text = 0usize;
        loop {
            if matches!(self.peek().kind, Tok::Close(_) | Tok::End) {
                break;
            }
            let at = self.peek().start;
            let element = self.expr()?;
            let item = self.item(element, at, &mut text)?;
            if items.len() == MAX_ITEMS {
                return Err(self.too_many(at));
            }
            items.push(item);
            if self.peek().kind == Tok::Comma {
                self.next();
            } else {
                break;
            }
        }
        self.expect_close(']', open_at)?;
        Ok(Operand::List(items))
    }

    /// An element of a list display as an item: an int within i64 or a str, within the text
    /// limit that `text` counts towards.
    fn item(&self, element: Operand, at: usize, text: &mut usize) -> Result<Value, Error> {
        Ok(match element {
            Operand::Int(n) => Value::Int(
                i64::try_from(n).map_err(|_| self.error_at(at, "OverflowError", i64_limit_message()))?.into(),
            ),
            Operand::Str(s) => {
                *text += s.len();
                if *text > MAX_TEXT_BYTES {
                    return Err(self.too_much_text(at));
                }
                Value::Str(s)
            }
            Operand::List(_) => {
                return Err(self.error_at(
                    at,
                    "TypeError",
                    "nested lists are not supported: each item must be an int or a str",
                ));
            }
        })
    }

    /// Where the list display just opened is a comprehension: the index of its `for` token, at
    /// the display's own depth, before its `]` or a comma.
    fn comprehension_for(&self) -> Option<usize> {
        let mut depth = 0usize;
        for (i, token) in self.tokens.iter().enumerate().skip(self.pos) {
            match &token.kind {
                Tok::Open(_) => depth += 1,
                Tok::Close(_) if depth == 0 => return None,
                Tok::Close(_) => depth -= 1,
                Tok::Comma if depth == 0 => return None,
                Tok::Name(name) if depth == 0 && name == "for" => return Some(i),
                Tok::End => return None,
                _ => {}
            }
        }
        None
    }

    /// `[element for name in iterable]`: the element evaluated once per value of the iterable
    /// (a list, a range or a str), with `name` bound to it.
    fn comprehension(&mut self, open_at: usize, for_at: usize) -> Result<Operand, Error> {
        let shape = "invalid syntax: a comprehension is written [element for name in iterable]";
        let element_at = self.pos;
        self.pos = for_at + 1;
        let target = self.next();
        let Tok::Name(name) = target.kind else {
            return Err(self.error_at(target.start, "SyntaxError", shape));
        };
        let keyword = self.next();
        if keyword.kind != Tok::Name("in".into()) {
            return Err(self.error_at(keyword.start, "SyntaxError", shape));
        }
        let iterable_at = self.peek().start;
        let values: Vec<Operand> = match self.expr()? {
            Operand::List(items) => items.into_iter().map(Operand::of).collect(),
            Operand::Str(s) => s.chars().map(|c| Operand::Str(c.to_string())).collect(),
            Operand::Int(_) => {
                return Err(self.error_at(iterable_at, "TypeError", "'int' object is not iterable"))
            }
        };
        let after = self.peek();
        if let Tok::Name(word) = &after.kind {
            if word == "if" || word == "for" {
                return Err(self.error_at(
                    after.start,
                    "SyntaxError",
                    format!(
                        "a comprehension in the input list takes one for and no further '{word}': \
                         build the items with range(start, stop, step), + and *"
                    ),
                ));
            }
        }
        self.expect_close(']', open_at)?;
        let end = self.pos;
        if values.is_empty() {
            self.check_unevaluated(&name, element_at, for_at)?;
        }
        if values.len() > MAX_ITEMS {
            return Err(self.too_many(iterable_at));
        }
        // Each value parses the element again: the budget is charged for its tokens too, so a
        // long element over a long range is refused instead of running for minutes.
        let element_tokens = for_at - element_at;
        let mut items = Vec::with_capacity(values.len());
        let mut text = 0usize;
        for value in values {
            self.bound.push((name.clone(), value));
            self.pos = element_at;
            let at = self.peek().start;
            let element = self.expr();
            self.bound.pop();
            let element = element?;
            if self.pos != for_at {
                return Err(self.error_at(self.peek().start, "SyntaxError", "invalid syntax"));
            }
            let item = self.item(element, at, &mut text)?;
            self.spend(element_tokens.max(1), if let Value::Str(s) = &item { s.len() } else { 0 }, at)?;
            items.push(item);
        }
        self.pos = end;
        Ok(Operand::List(items))
    }

    /// Python compiles a comprehension's element even where it never runs (an empty
    /// iterable): a syntax error in it is still raised, its other errors are not.
    fn check_unevaluated(&mut self, name: &str, element_at: usize, for_at: usize) -> Result<(), Error> {
        self.bound.push((name.to_string(), Operand::Int(0)));
        self.pos = element_at;
        let parsed = self.expr();
        self.bound.pop();
        match parsed {
            Err(e) if e.name() == "SyntaxError" => Err(e),
            Ok(_) if self.pos != for_at => {
                Err(self.error_at(self.peek().start, "SyntaxError", "invalid syntax"))
            }
            _ => Ok(()),
        }
    }

    fn call(&mut self, name: &str, at: usize) -> Result<Operand, Error> {
        if let Some((_, value)) = self.bound.iter().rev().find(|(bound, _)| bound == name) {
            return Ok(value.clone());
        }
        if KEYWORDS.contains(&name) {
            return Err(self.error_at(at, "SyntaxError", "invalid syntax"));
        }
        if !matches!(name, "range" | "list") {
            let hint = match name {
                "True" | "False" | "None" => {
                    format!("{name} is not an int or a str: items must be ints or strs")
                }
                _ => format!("name '{name}' is not defined"),
            };
            return Err(self.error_at(
                at,
                if hint.starts_with("name") { "NameError" } else { "TypeError" },
                hint,
            ));
        }
        let open = self.next();
        if open.kind != Tok::Open('(') {
            return Err(self.error_at(at, "TypeError", format!("{name} must be called: write {name}(...)")));
        }
        let mut args = Vec::new();
        while !matches!(self.peek().kind, Tok::Close(_) | Tok::End) {
            let arg_at = self.peek().start;
            args.push((self.expr()?, arg_at));
            if self.peek().kind == Tok::Comma {
                self.next();
            } else {
                break;
            }
        }
        self.expect_close(')', open.start)?;
        if name == "list" {
            return match args.pop() {
                Some((Operand::List(items), _)) if args.is_empty() => Ok(Operand::List(items)),
                None => Ok(Operand::List(Vec::new())),
                Some((other, arg_at)) if args.is_empty() => Err(self.error_at(
                    arg_at,
                    "TypeError",
                    format!(
                        "'{}' object is not iterable here: list() takes a list or a range",
                        other.type_name()
                    ),
                )),
                Some(_) => Err(self.error_at(
                    at,
                    "TypeError",
                    format!("list expected at most 1 argument, got {}", args.len() + 1),
                )),
            };
        }
        self.range(args, at)
    }

    fn range(&self, args: Vec<(Operand, usize)>, at: usize) -> Result<Operand, Error> {
        let mut ints = Vec::with_capacity(args.len());
        for (arg, arg_at) in &args {
            match arg {
                // Arguments within i64 keep every step below in i128 free of overflow.
                Operand::Int(n) => ints.push(i128::from(
                    i64::try_from(*n)
                        .map_err(|_| self.error_at(*arg_at, "OverflowError", i64_limit_message()))?,
                )),
                other => {
                    return Err(self.error_at(
                        *arg_at,
                        "TypeError",
                        format!("'{}' object cannot be interpreted as an integer", other.type_name()),
                    ));
                }
            }
        }
        let (start, stop, step) = match ints[..] {
            [stop] => (0, stop, 1),
            [start, stop] => (start, stop, 1),
            [start, stop, step] => (start, stop, step),
            [] => return Err(self.error_at(at, "TypeError", "range expected at least 1 argument, got 0")),
            _ => {
                return Err(self.error_at(
                    at,
                    "TypeError",
                    format!("range expected at most 3 arguments, got {}", ints.len()),
                ))
            }
        };
        if step == 0 {
            return Err(self.error_at(at, "ValueError", "range() arg 3 must not be zero"));
        }
        // Python's length of a range: ceil((stop - start) / step) when positive, else 0.
        let span = stop - start;
        let len = if (step > 0 && span > 0) || (step < 0 && span < 0) {
            (span.abs() + step.abs() - 1) / step.abs()
        } else {
            0
        };
        if len > MAX_ITEMS as i128 {
            return Err(self.too_many(at));
        }
        let mut items = Vec::with_capacity(len as usize);
        for k in 0..len {
            let n = start + k * step;
            let n = i64::try_from(n).map_err(|_| self.error_at(at, "OverflowError", i64_limit_message()))?;
            items.push(Value::Int(n.into()));
        }
        Ok(Operand::List(items))
    }
}

fn opening(close: char) -> char {
    if close == ']' {
        '['
    } else {
        '('
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn ints(text: &str) -> Vec<i128> {
        parse(text)
            .unwrap_or_else(|e| panic!("{text:?} should parse: {e}"))
            .into_iter()
            .map(|v| match v {
                Value::Int(n) => n,
                other => panic!("not an int: {other:?}"),
            })
            .collect()
    }

    fn err(text: &str) -> (String, String, usize, usize) {
        match parse(text) {
            Ok(v) => panic!("{text:?} should fail, got {v:?}"),
            Err(e) => match e.kind() {
                ErrorKind::Parse { exception, message, line, column, .. } => {
                    (exception.to_string(), message.clone(), *line, *column)
                }
                other => panic!("not a parse error: {other:?}"),
            },
        }
    }

    #[test]
    fn list_literals_of_ints() {
        assert_eq!(ints("[1, 2, 3, 4, 5]"), [1, 2, 3, 4, 5]);
        assert_eq!(ints(" [ -1 ,\n +2,1_000, 0x1f, 0o17, 0b101, 00, ] "), [-1, 2, 1000, 31, 15, 5, 0]);
        assert_eq!(ints("[]"), Vec::<i128>::new());
        assert_eq!(ints("[9223372036854775807, -9223372036854775808]"), [i64::MAX.into(), i64::MIN.into()]);
        assert_eq!(ints("[1, # one\n 2]"), [1, 2]);
    }

    #[test]
    fn comprehensions_and_the_other_int_operators() {
        // Each as python3 prints it.
        assert_eq!(ints("[n ** 2 for n in range(5)]"), [0, 1, 4, 9, 16]);
        assert_eq!(ints("[x * 2 + 1 for x in [3, -1]]"), [7, -1]);
        assert_eq!(
            ints("[-7 // 2, -7 % 2, 7 // -2, 7 % -2, 2 ** 10, -2 ** 2, (-2) ** 3, 10 % 3 * 2, 2 ** 3 ** 2, -(7 // 2)]"),
            [-4, 1, -4, -1, 1024, -4, -8, 2, 512, -3]
        );
        assert_eq!(ints("[x for x in range(3)] * 2"), [0, 1, 2, 0, 1, 2]);
        assert_eq!(ints("[x for x in [y * 10 for y in range(3)]]"), [0, 10, 20]);
        assert_eq!(
            parse("[c * 2 for c in 'ab']").unwrap(),
            [Value::Str("aa".into()), Value::Str("bb".into())]
        );
        assert_eq!(ints("[for_ for for_ in range(2)]"), [0, 1]);
        assert_eq!(ints(&format!("[n % 7 for n in range({MAX_ITEMS})]")).len(), MAX_ITEMS);
        let error = |text: &str| {
            let (exception, message, ..) = err(text);
            format!("{exception}: {message}")
        };
        assert_eq!(error("[y for x in range(3)]"), "NameError: name 'y' is not defined");
        // An element that never runs is still compiled, as Python does: its syntax errors are
        // raised, its other errors are not.
        assert_eq!(error("[1 + for x in []]"), "SyntaxError: invalid syntax");
        assert_eq!(err("[1 + for x in []]").3, 6);
        assert_eq!(error("[1 + for x in [1]]"), "SyntaxError: invalid syntax");
        assert_eq!(error("[1, import]"), "SyntaxError: invalid syntax");
        assert_eq!(ints("[y for x in []]"), Vec::<i128>::new());
        assert_eq!(ints("[x // 0 for x in range(0)]"), Vec::<i128>::new());
        assert_eq!(error("[x for x in 5]"), "TypeError: 'int' object is not iterable");
        assert!(error("[x for x in range(3) if x]")
            .starts_with("SyntaxError: a comprehension in the input list takes one for"));
        assert!(error("[x for 3 in range(3)]").starts_with("SyntaxError: invalid syntax"));
        assert_eq!(error("[1 // 0]"), "ZeroDivisionError: integer division or modulo by zero");
        assert_eq!(error("[1 % 0]"), "ZeroDivisionError: integer modulo by zero");
        assert!(error("[2 ** -1]").starts_with("TypeError: a negative power makes a float"));
        assert!(error("[2 ** 64]").starts_with("OverflowError: int too large"));
        assert!(error("[1 / 2]").starts_with("TypeError: / makes a float"));
        assert!(error("[[x] for x in range(2)]").starts_with("TypeError: nested lists are not supported"));
        assert_eq!(err("[x for x in range(3) if x]").3, 22);
        // Past i64 mid-expression, then divided: refused, not a panic.
        assert!(error("[-2 ** 62 * 2 ** 62 * 8 // -1]").starts_with("OverflowError"));
        assert!(error("[-2 ** 62 * 2 ** 62 * 8 % -1]").starts_with("OverflowError"));
        assert_eq!(ints("[1 ** 5000000000, (-1) ** 5000000001, 0 ** 0, 0 ** 7]"), [1, -1, 1, 0]);
        // A long element over a long range costs its tokens each time: refused in time.
        let long = format!("[{} for x in range(1000000)]", ["x"; 20000].join(" + "));
        assert_eq!(err(&long).0, "MemoryError");
    }

    #[test]
    fn ranges_repetition_and_concatenation() {
        assert_eq!(ints("range(5)"), [0, 1, 2, 3, 4]);
        assert_eq!(ints("list(range(10, 0, -3))"), [10, 7, 4, 1]);
        assert_eq!(ints("range(2, 2)"), Vec::<i128>::new());
        assert_eq!(ints("[200] * 3"), [200, 200, 200]);
        assert_eq!(ints("2 * [7]"), [7, 7]);
        assert_eq!(ints("[1] * -1"), Vec::<i128>::new());
        assert_eq!(ints("[1, 2] + [3] * 2 + range(2)"), [1, 2, 3, 3, 0, 1]);
        assert_eq!(ints("[2 * 3 - 1, (1 + 2) * 2]"), [5, 6]);
    }

    #[test]
    fn strings_with_python_escapes() {
        let items = parse(r#"['ab', "it's", 'a\'b', '\x41\u00e9\n', r'\d', u'x' 'y', '\101']"#).unwrap();
        let strs: Vec<_> = items.iter().map(Value::repr).collect();
        assert_eq!(strs, ["'ab'", "\"it's\"", "\"a'b\"", "'Aé\\n'", "'\\\\d'", "'xy'", "'A'"]);
    }

    #[test]
    fn errors_point_at_the_column_as_python_does() {
        assert_eq!(err("[1, 2,, 3]"), ("SyntaxError".into(), "invalid syntax".into(), 1, 7));
        assert_eq!(err("[1, 2").0, "SyntaxError");
        assert_eq!(err("[1, 2").1, "'[' was never closed");
        assert_eq!(err("[1, 2 3]").1, "invalid syntax. Perhaps you forgot a comma?");
        assert_eq!(
            err("(1, 2, 3)"),
            (
                "SyntaxError".into(),
                "a tuple is not an input list: write the items in square brackets, as [1, 2, 3]".into(),
                1,
                3
            )
        );
        assert_eq!(err("[1, 2 3]").3, 7);
        assert_eq!(err("[1,\n  foo]"), ("NameError".into(), "name 'foo' is not defined".into(), 2, 3));
        assert_eq!(err("[1.5]").0, "TypeError");
        assert_eq!(err("[1, 2e3]").0, "TypeError");
        assert_eq!(err("[01]").1, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
        assert_eq!(err("[1__0]").1, "invalid decimal literal");
        assert_eq!(err("[1_]").1, "invalid decimal literal");
        assert_eq!(err("[١]").1, "invalid character '١' (U+0661)");
        assert_eq!(err("[[1]]").0, "TypeError");
        assert_eq!(err("['ab]").1, "unterminated string literal (detected at line 1)");
        assert_eq!(err("").1, "the input is empty: type a list such as [1, 2, 3]");
        assert_eq!(err("5").1, "the input must be a list, not int");
        assert_eq!(err("[1, 2)").1, "closing parenthesis ')' does not match opening parenthesis '['");
        assert_eq!(err("range(1, 2, 0)").1, "range() arg 3 must not be zero");
        assert_eq!(err("[1] + 2").1, "unsupported operand type(s) for +: 'list' and 'int'");
    }

    #[test]
    fn limits_are_named_in_the_message() {
        let (exception, message, _, column) = err("[1, 9223372036854775808]");
        assert_eq!((exception.as_str(), column), ("OverflowError", 5));
        assert!(message.contains("9223372036854775807"), "{message}");
        assert!(err("[1] * 1000001").1.contains("1000000"));
        assert!(err("range(10000000)").1.contains("at most 1000000 items"));
        assert!(err("range(600000) + range(600000)").1.contains("1000000"));
        assert_eq!(err("[99999999999999999999999999999999999999999]").0, "OverflowError");
        assert_eq!(ints("[1] * 1000000").len(), 1_000_000);
        assert_eq!(err("['a' * 1000000] * 1000000").0, "MemoryError");
        assert_eq!(err("['a' * 1000000] * 40 + ['b' * 1000000] * 40").0, "MemoryError");
        let many = format!("[{}]", vec!["'a' * 1000000"; 70].join(", "));
        assert!(err(&many).1.contains("64 MB"));
        let copies = format!("['a' * 1000000] * 60{}", " + []".repeat(40));
        assert!(err(&copies).1.contains("MB of copying"), "{:?}", err(&copies));
    }

    #[test]
    fn deep_nesting_and_long_sign_chains_are_errors_not_crashes() {
        let deep = format!("{}[1]{}", "(".repeat(100_000), ")".repeat(100_000));
        assert_eq!(err(&deep).1, "too many nested parentheses");
        assert_eq!(ints(&format!("[{}5]", "-".repeat(100_001))), [-5]);
        assert_eq!(ints("[--5, -+-5, +5]"), [5, 5, 5]);
        assert_eq!(err("[-(-170141183460469231731687303715884105727 - 1)]").0, "OverflowError");
        assert_eq!(err("range(-170141183460469231731687303715884105727, 5)").0, "OverflowError");
        assert_eq!(err("[-[1]]").1, "bad operand type for unary -: 'list'");
    }

    #[test]
    fn the_display_draws_a_caret_under_the_column() {
        let e = parse("[1, 2,, 3]").unwrap_err();
        assert_eq!(
            e.to_string(),
            "  File \"<input>\", line 1\n    [1, 2,, 3]\n          ^\nSyntaxError: invalid syntax"
        );
    }
}
