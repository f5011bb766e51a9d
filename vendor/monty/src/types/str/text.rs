//! A str's text, held in the str itself when it is short.
//!
//! Most strs a program makes are short: a number's digits, a key made of a prefix and a number,
//! a word. Kept in a `Box<str>`, each costs an allocation of its own besides its heap entry (in
//! the threaded wasm build, two trips through an allocator lock: one to make it, one to free
//! it), and a second place in memory to read whenever it is hashed or compared. Text of up to
//! [`INLINE`] bytes is kept in the entry's own space instead, as CPython keeps a str's
//! characters in its object: `HeapData` already has the room, since its largest variants are
//! larger than a `Str` holding this much.

use std::{fmt, ops::Deref, str::from_utf8_unchecked};

use crate::heap::{HeapRead, HeapReader, HeapView};

/// The most bytes kept inline: with the length byte and the variant's tag, 24 bytes.
const INLINE: usize = 22;

// Text of 24 bytes keeps `Str` at 40, within `HeapData`'s 56 (wasm32) and 72 (64-bit) bytes.
const _: () = assert!(size_of::<Text>() == 24);

/// A str's UTF-8 text: inline when it fits [`INLINE`] bytes, else boxed.
#[derive(Clone)]
pub(crate) enum Text {
    /// The first `len` bytes of `bytes`, copied from whole `&str`s.
    Inline {
        len: u8,
        bytes: [u8; INLINE],
    },
    Boxed(Box<str>),
}

impl Text {
    /// The text of `text`, moving its box in when it is too long to keep inline.
    pub(crate) fn new(text: impl AsRef<str> + Into<Box<str>>) -> Self {
        Self::joined(text.as_ref(), "").unwrap_or_else(|| Self::Boxed(text.into()))
    }

    /// `a` followed by `b`, kept inline, if the two fit; else `None` (nothing is allocated).
    pub(crate) fn joined(a: &str, b: &str) -> Option<Self> {
        let len = a.len().checked_add(b.len()).filter(|&len| len <= INLINE)?;
        let mut bytes = [0; INLINE];
        bytes[..a.len()].copy_from_slice(a.as_bytes());
        bytes[a.len()..len].copy_from_slice(b.as_bytes());
        Some(Self::Inline {
            len: u8::try_from(len).expect("INLINE fits a u8"),
            bytes,
        })
    }

    /// The text.
    #[inline]
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Self::Inline { len, bytes } => {
                let bytes = &bytes[..usize::from(*len)];
                // SAFETY: inline bytes are only written by `joined`, as the whole of one `&str`
                // or of two one after the other, so the first `len` are valid UTF-8.
                #[expect(unsafe_code)]
                unsafe {
                    from_utf8_unchecked(bytes)
                }
            }
            Self::Boxed(text) => text,
        }
    }
}

/// A str's text read through its heap entry: inline text lives in the entry, boxed text is
/// found anew through the box at each borrow.
impl<'a> HeapView<'a, str> for HeapRead<'a, Text> {
    fn get<'r>(&'r self, reader: &'r HeapReader<'a>) -> &'r str {
        HeapRead::get(self, reader).as_str()
    }
}

impl Default for Text {
    fn default() -> Self {
        Self::Inline {
            len: 0,
            bytes: [0; INLINE],
        }
    }
}

impl Deref for Text {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

/// As the text alone, as a `Box<str>` shows itself.
impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// As a plain string, as the `Box<str>` it replaced was written.
impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Box::<str>::deserialize(deserializer).map(Self::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_inline_and_long_text_boxed() {
        for text in ["", "w42", "é∑😀", "exactly twenty-two by!"] {
            let kept = Text::new(text);
            assert!(matches!(kept, Text::Inline { .. }), "{text:?}");
            assert_eq!(kept.as_str(), text);
        }
        let long = "twenty-three bytes long";
        let kept = Text::new(long.to_owned());
        assert!(matches!(kept, Text::Boxed(_)));
        assert_eq!(kept.as_str(), long);
    }

    #[test]
    fn joined_only_when_both_fit() {
        assert_eq!(Text::joined("w", "42").as_deref(), Some("w42"));
        assert_eq!(Text::joined("😀", "é").as_deref(), Some("😀é"));
        assert!(Text::joined("eleven byte", "s and twelve").is_none());
    }
}
