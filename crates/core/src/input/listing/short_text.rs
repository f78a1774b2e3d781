//! [`ShortText`]: a string held inline when short, as SKU codes and typed prices are.
//!
//! A listing has a price and a SKU code per SKU, so building them is a large share of reading
//! one; held inline they allocate nothing. A reader that fills the same listing again and
//! again can replace a text in place ([`ShortText::assign_ascii`]), from code units of any
//! width, without building a new value to move into the field.

use arrayvec::ArrayString;
use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

/// Bytes held inline; longer texts are allocated.
pub const INLINE: usize = 22;

/// A string, inline up to [`INLINE`] bytes; replaced whole, never edited.
#[derive(Clone)]
pub struct ShortText(Repr);

// `ArrayString` holds its bytes as a `str` already, so reading the text (every rule that
// looks at a price does) costs no UTF-8 check, without `unsafe` in this crate.
#[derive(Clone)]
enum Repr {
    Inline(ArrayString<INLINE>),
    Heap(Box<str>),
}

impl ShortText {
    /// `s`, copied; inline when it fits.
    pub fn new(s: &str) -> Self {
        match ArrayString::from(s) {
            Ok(inline) => ShortText(Repr::Inline(inline)),
            Err(_) => ShortText(Repr::Heap(s.into())),
        }
    }

    /// Replaces the text, in place, with the one whose code `units` (UTF-8 bytes, UTF-16
    /// units or characters) are given, when they are all ASCII and fit inline, as prices and
    /// SKU codes nearly always do; `false`, with `self` unchanged, otherwise. (An ASCII unit
    /// is its own UTF-8 byte, so nothing is decoded.)
    // Always inlined: a reader calls it twice per SKU.
    #[inline(always)]
    pub fn assign_ascii<U: Copy + Into<u32>>(&mut self, units: &[U]) -> bool {
        let fits = units.len() <= INLINE && units.iter().all(|&u| u.into() < 0x80);
        if fits {
            // Field by field when inline already (the usual case): a whole new value would be
            // built on the stack first and copied over.
            if !matches!(self.0, Repr::Inline { .. }) {
                *self = ShortText::default();
            }
            if let Repr::Inline(text) = &mut self.0 {
                text.clear();
                for &u in units {
                    // ASCII (checked above), so one byte each and within the capacity.
                    text.push(char::from(u.into() as u8));
                }
            }
        }
        fits
    }

    /// The text's bytes.
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        self.as_str().as_bytes()
    }

    #[inline]
    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline(text) => text.as_str(),
            Repr::Heap(s) => s,
        }
    }
}

impl Default for ShortText {
    fn default() -> Self {
        ShortText(Repr::Inline(ArrayString::new()))
    }
}

impl Deref for ShortText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for ShortText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for ShortText {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for ShortText {
    fn from(s: &str) -> Self {
        ShortText::new(s)
    }
}

impl From<String> for ShortText {
    fn from(s: String) -> Self {
        if s.len() <= INLINE {
            ShortText::new(&s)
        } else {
            ShortText(Repr::Heap(s.into_boxed_str()))
        }
    }
}

impl From<std::borrow::Cow<'_, str>> for ShortText {
    fn from(s: std::borrow::Cow<'_, str>) -> Self {
        match s {
            std::borrow::Cow::Borrowed(s) => ShortText::new(s),
            std::borrow::Cow::Owned(s) => ShortText::from(s),
        }
    }
}

impl PartialEq for ShortText {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for ShortText {}

impl PartialEq<str> for ShortText {
    fn eq(&self, other: &str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<&str> for ShortText {
    fn eq(&self, other: &&str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialOrd for ShortText {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ShortText {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_bytes().cmp(other.as_bytes())
    }
}

impl Hash for ShortText {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for ShortText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for ShortText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for ShortText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for ShortText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = ShortText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ShortText, E> {
                Ok(ShortText::new(v))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<ShortText, E> {
                Ok(ShortText::from(v))
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    #[test]
    fn holds_texts_of_every_length_inline_or_not() {
        for len in [0, 1, 5, INLINE - 1, INLINE, INLINE + 1, 100] {
            let s = "x".repeat(len);
            let t = ShortText::from(s.as_str());
            assert_eq!((t.as_str(), t.len()), (s.as_str(), len));
            assert_eq!(ShortText::from(s.clone()), t);
            assert_eq!(matches!(t.0, Repr::Inline(_)), len <= INLINE);
        }
        // Multi-byte characters up to the inline room and past it.
        for s in ["价格", "😀".repeat(5).as_str(), "😀".repeat(6).as_str(), "é".repeat(11).as_str()] {
            assert_eq!(ShortText::new(s).as_str(), s);
        }
    }

    #[test]
    fn ascii_units_are_written_in_place_and_nothing_of_the_text_before_shows() {
        let units = |s: &str| s.encode_utf16().collect::<Vec<u16>>();
        // Over a longer inline text, a heap one and an empty one; units of every width.
        let mut price = ShortText::new("1000.00");
        let mut code = ShortText::new(&"x".repeat(40));
        assert!(price.assign_ascii(&units("59.00")));
        assert!(code.assign_ascii("SKU-001".as_bytes()));
        assert_eq!((price.as_str(), code.as_str()), ("59.00", "SKU-001"));
        assert!(code.assign_ascii(&['A', '-', '1']));
        assert_eq!(code, "A-1");
        let mut empty = ShortText::new("x");
        assert!(empty.assign_ascii::<u16>(&[]));
        assert_eq!(empty, "");
        // The same text built either way is equal, hashes the same and orders the same.
        let hash = |t: &ShortText| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            t.hash(&mut h);
            h.finish()
        };
        assert_eq!(price, ShortText::new("59.00"));
        assert_eq!(hash(&price), hash(&ShortText::new("59.00")));
        assert!(price < code && price == "59.00");
        // A text past ASCII, or longer than the inline room, is refused and leaves the text
        // as it was.
        assert!(!price.assign_ascii(&units("59元")));
        assert!(!price.assign_ascii("59元".as_bytes()));
        assert!(!price.assign_ascii(&units("😀")));
        assert!(!price.assign_ascii(&units(&"9".repeat(INLINE + 1))));
        assert!(price.assign_ascii(&units(&"9".repeat(INLINE))));
        assert_eq!(price.len(), INLINE);
        assert!(price.assign_ascii(&units("59.00")));
        assert_eq!(price, "59.00");
    }

    #[test]
    fn crosses_json_as_a_plain_string() {
        let t: ShortText = serde_json::from_str(r#""TS-W-\u004d""#).unwrap();
        assert_eq!(t, "TS-W-M");
        assert_eq!(serde_json::to_string(&t).unwrap(), r#""TS-W-M""#);
        assert_eq!(format!("{t} {t:?}"), r#"TS-W-M "TS-W-M""#);
        assert!(serde_json::from_str::<ShortText>("5").is_err());
    }
}
