//! JSON parsing with the CLI's error messages, without `serde_path_to_error`.
//!
//! The CLI names the JSON Pointer of the field being read when a parse fails, using
//! `serde_path_to_error`. That crate wraps every `Deserialize` impl a second time, which
//! costs about 20 KB of the gzipped module. Here the input is parsed with plain
//! `serde_json`, and only when that fails is the pointer recovered: the error's line and
//! column give the byte where the parser stopped, and a small scanner walks the text up to
//! there, tracking which member and element it is in. Where the text alone cannot tell, the
//! scanner reads serde_json's message; those messages are named in
//! `shelfcheck_core::input::json_error::messages`, whose tests pin them to the serde_json in use. The
//! tests here check the result against `serde_path_to_error` over many malformed inputs.

use serde::de::DeserializeOwned;
use shelfcheck_core::input::json_error::{describe, end_position, messages, strip_position, JsonProblem as Problem};
use shelfcheck_core::Locale;

/// A parse failure with everything the CLI reports about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    pub line: usize,
    pub column: usize,
    /// JSON Pointer of the field being read; `None` at the document root.
    pub pointer: Option<String>,
    pub problem: Problem,
    /// The parser's own words (English), without the position.
    pub reason: String,
}

impl Malformed {
    /// The message, worded as the CLI words it.
    pub fn message(&self, locale: Locale) -> String {
        describe(self.problem, self.pointer.as_deref(), &self.reason, locale)
    }
}

/// Parses one JSON document (trailing characters are an error, at the root).
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, Malformed> {
    let mut de = serde_json::Deserializer::from_str(text);
    match T::deserialize(&mut de) {
        Ok(v) => match de.end() {
            Ok(()) => Ok(v),
            // Trailing characters: a syntax error of the document as a whole.
            Err(e) => Err(malformed(&e, None)),
        },
        Err(e) => Err(malformed(&e, Some(text))),
    }
}

/// The CLI's view of a serde_json error; `text` recovers the pointer.
fn malformed(e: &serde_json::Error, text: Option<&str>) -> Malformed {
    // Parsing text never fails reading: what is not data or an early end is syntax.
    let problem = match Problem::from(e.classify()) {
        Problem::Io => Problem::Syntax,
        p => p,
    };
    let reason = strip_position(&e.to_string()).to_owned();
    Malformed { line: e.line(), column: e.column(), pointer: None, problem, reason }.locate(text)
}

impl Malformed {
    /// Adds the pointer, and places an early end just past the last character (where the
    /// missing text belongs), as the CLI does.
    fn locate(mut self, text: Option<&str>) -> Malformed {
        if let Some(t) = text {
            let end = if self.problem == Problem::Eof { t.len() } else { offset_of(t, self.line, self.column) };
            let path = pointer_at(t, end, self.problem, &self.reason);
            // The CLI's pointer stops before a member name the parser had not finished.
            self.pointer = path.map(|p| p.split("/?").next().unwrap_or_default().to_owned()).filter(|p| !p.is_empty());
            if self.problem == Problem::Eof {
                (self.line, self.column) = end_position(t);
            }
        }
        self
    }
}

/// The byte offset serde_json means by `line` (1-based) and `column` (bytes into the line).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start = if line <= 1 {
        0
    } else {
        text.bytes().enumerate().filter(|&(_, b)| b == b'\n').nth(line - 2).map_or(text.len(), |(i, _)| i + 1)
    };
    (start + column).min(text.len())
}

/// Where the scanner is inside an object.
enum InObject {
    /// After `{` or `,`: a member name is expected.
    BeforeKey,
    /// Inside a member name.
    InKey,
    /// A member name was read; its colon not yet.
    AfterKey(String),
    /// After the colon: the member's value is being read (or was just read).
    InValue(String),
}

enum Frame {
    Object(InObject),
    /// The element at `index`, and whether it has begun.
    Array {
        index: usize,
        started: bool,
    },
}

/// Messages of errors the parser raises while looking for the next member of an object or
/// the next element of an array, outside any member or element.
const BETWEEN_MEMBERS: &[&str] = &[
    messages::EOF_OBJECT,
    messages::EXPECTED_OBJECT_COMMA_OR_END,
    messages::KEY_MUST_BE_A_STRING,
    messages::TRAILING_COMMA,
];
const BETWEEN_ELEMENTS: &[&str] = &[messages::EOF_LIST, messages::EXPECTED_LIST_COMMA_OR_END, messages::TRAILING_COMMA];

fn value_starts(stack: &mut [Frame]) {
    if let Some(Frame::Array { started, .. }) = stack.last_mut() {
        *started = true;
    }
}

/// The JSON Pointer of the member or element being read where a parse failed, as
/// `serde_path_to_error` reports it: `end` is the byte the parser stopped at, `problem` and
/// `reason` what it said. The parser reports some errors just after a character it only
/// peeked at; those characters are not taken as read.
fn pointer_at(text: &str, end: usize, problem: Problem, reason: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut end = end.min(bytes.len());
    if end > 0 {
        let last = bytes[end - 1];
        let peeked = match problem {
            // A type error is reported either before a bracket the parser only peeked at
            // (then the bracket is still ahead) or just after one it consumed.
            Problem::Data => matches!(last, b'{' | b'[') && !matches!(bytes.get(end), Some(b'{' | b'[')),
            Problem::Syntax => matches!(last, b'{' | b'[' | b'}' | b']' | b',' | b':'),
            Problem::Eof | Problem::Io => false,
        };
        if peeked {
            end -= 1;
        }
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        let b = bytes[i];
        i += 1;
        match b {
            b'{' | b'[' => {
                if let Some(Frame::Object(InObject::BeforeKey | InObject::AfterKey(_))) = stack.last() {
                    break; // not where a value may start: the error is here
                }
                value_starts(&mut stack);
                stack.push(if b == b'{' {
                    Frame::Object(InObject::BeforeKey)
                } else {
                    Frame::Array { index: 0, started: false }
                });
            }
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object(state)) => *state = InObject::BeforeKey,
                Some(Frame::Array { index, started }) => {
                    *index += 1;
                    *started = false;
                }
                None => {}
            },
            b':' => {
                if let Some(Frame::Object(state)) = stack.last_mut() {
                    if let InObject::AfterKey(k) = state {
                        *state = InObject::InValue(std::mem::take(k));
                    }
                }
            }
            b'"' => {
                let start = i - 1;
                let is_key = matches!(stack.last(), Some(Frame::Object(InObject::BeforeKey)));
                if is_key {
                    if let Some(Frame::Object(state)) = stack.last_mut() {
                        *state = InObject::InKey;
                    }
                } else {
                    value_starts(&mut stack);
                }
                while i < end && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if i < end && is_key {
                    let name =
                        serde_json::from_str::<String>(text.get(start..=i).unwrap_or("\"\"")).unwrap_or_default();
                    if let Some(Frame::Object(state)) = stack.last_mut() {
                        *state = InObject::AfterKey(name);
                    }
                }
                i += 1;
            }
            b' ' | b'\t' | b'\n' | b'\r' => {}
            _ => value_starts(&mut stack),
        }
    }
    let mut out = String::new();
    let n = stack.len();
    for (depth, frame) in stack.iter().enumerate() {
        let top = depth + 1 == n;
        match frame {
            Frame::Object(InObject::InValue(k)) if !(top && BETWEEN_MEMBERS.contains(&reason)) => {
                out.push_str(&shelfcheck_core::report::pointer("", k));
            }
            // Reading a member name (or looking for the next one) is tracked as an
            // unknown segment; between a name and its colon the object itself is meant.
            Frame::Object(InObject::AfterKey(_)) => {}
            // An enum written as a map (`{"Variant": ...}`) whose name is missing: the
            // error belongs to the enum's own member.
            Frame::Object(InObject::BeforeKey) if top && reason == messages::EXPECTED_VALUE => {}
            Frame::Object(_) => out.push_str("/?"),
            Frame::Array { index, started } => {
                let between = BETWEEN_ELEMENTS.contains(&reason) || (!*started && reason == messages::EOF_VALUE);
                if !(top && between) && (*started || top) {
                    out.push_str(&shelfcheck_core::report::pointer("", index));
                }
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]
    use super::*;
    use shelfcheck_core::{Listing, Snapshot};

    /// The pointer as the CLI computes it, with `serde_path_to_error`.
    fn reference<T: DeserializeOwned>(text: &str) -> Option<(Option<String>, String)> {
        let mut de = serde_json::Deserializer::from_str(text);
        match serde_path_to_error::deserialize::<_, T>(&mut de) {
            Ok(_) => de.end().err().map(|e| (None, strip_position(&e.to_string()).to_owned())),
            Err(e) => {
                let mut out = String::new();
                for seg in e.path().iter() {
                    match seg {
                        serde_path_to_error::Segment::Seq { index } => {
                            out.push_str(&shelfcheck_core::report::pointer("", index))
                        }
                        serde_path_to_error::Segment::Map { key } => {
                            out.push_str(&shelfcheck_core::report::pointer("", key))
                        }
                        serde_path_to_error::Segment::Enum { variant } => {
                            out.push_str(&shelfcheck_core::report::pointer("", variant))
                        }
                        serde_path_to_error::Segment::Unknown => break,
                    }
                }
                let reason = strip_position(&e.into_inner().to_string()).to_owned();
                Some(((!out.is_empty()).then_some(out), reason))
            }
        }
    }

    /// Checks every text: same verdict, same pointer, same reason as the reference.
    fn check<T: DeserializeOwned>(texts: impl IntoIterator<Item = String>) -> (usize, Vec<String>) {
        let mut n = 0;
        let mut diffs = Vec::new();
        for text in texts {
            let mine = parse::<T>(&text).err().map(|m| (m.pointer, m.reason));
            let want = reference::<T>(&text);
            n += usize::from(want.is_some());
            if mine != want {
                if std::env::var_os("SHOW_DIFFS").is_some() {
                    let m = parse::<T>(&text).err();
                    let at = m.as_ref().map_or(0, |m| offset_of(&text, m.line, m.column));
                    eprintln!(
                        "{:?}<@>{:?} | {:?} | {:?}",
                        text.get(at.saturating_sub(40)..at).unwrap_or(""),
                        text.get(at..).unwrap_or("").chars().take(10).collect::<String>(),
                        mine,
                        want
                    );
                }
                diffs.push(format!("{text:?}\n  mine: {mine:?}\n  want: {want:?}"));
            }
        }
        (n, diffs)
    }

    const LISTING: &str = r#"{
  "category_id": 50010850,
  "title": "纯棉短袖T恤 男款 \"夏季\"",
  "props": [
    {"pid": 20000, "vids": [3233]},
    {"pid": 13021751, "text": "A-1024"},
    {"pid": 1627207, "vids": [28321, 28320], "aliases": {"28321": "米白", "a/b~c": "x"}},
    {"name": "材质", "values": ["棉"]}
  ],
  "skus": [
    {"props": [{"pid": 1627207, "vid": 28321}, {"pid": 20509, "vid": 28383}], "price": "59.00", "quantity": 100},
    {"properties": "1627207:28320;20509:28383", "price": 59, "quantity": 1, "outer_id": "TS"}
  ],
  "qualifications": [{"name": "《律师执业资格证》", "document": "media:abc123"}]
}"#;

    fn char_boundaries(s: &str) -> Vec<usize> {
        (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect()
    }

    /// Every prefix, every single-character deletion, and each scalar replaced by values of
    /// every other JSON type.
    fn mutations(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let cuts = char_boundaries(text);
        for &i in &cuts {
            out.push(text[..i].to_owned());
        }
        for w in cuts.windows(2) {
            out.push(format!("{}{}", &text[..w[0]], &text[w[1]..]));
        }
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let token_end = if b == b'"' {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                j + 1
            } else if b == b'-' || b.is_ascii_digit() {
                let mut j = i;
                while j < bytes.len() && (bytes[j].is_ascii_digit() || b"-+.eE".contains(&bytes[j])) {
                    j += 1;
                }
                j
            } else {
                i + 1
            };
            if token_end > i + 1 || b == b'{' || b == b'[' {
                for r in ["true", "\"x\"", "1.5", "[]", "{}", "-1", "null", "{\"zz\": 1}", "[1, \"2\"]"] {
                    out.push(format!("{}{r}{}", &text[..i], &text[token_end.min(text.len())..]));
                }
            }
            i = token_end.max(i + 1);
        }
        out.push(format!("{text} x"));
        out.push(format!("{text},"));
        out.push(text.replacen(',', ",,", 1));
        out
    }

    #[test]
    fn pointers_match_serde_path_to_error_on_listings() {
        let (n, diffs) = check::<Listing>(mutations(LISTING));
        assert!(n > 1000, "only {n} malformed cases");
        assert!(diffs.is_empty(), "{} of {n} differ, e.g.:\n{}", diffs.len(), diffs[..diffs.len().min(8)].join("\n"));
    }

    #[test]
    fn pointers_match_serde_path_to_error_on_snapshots() {
        let (n, diffs) = check::<Snapshot>(mutations(shelfcheck_core::demo::SNAPSHOT_JSON));
        assert!(n > 1000, "only {n} malformed cases");
        assert!(diffs.is_empty(), "{} of {n} differ, e.g.:\n{}", diffs.len(), diffs[..diffs.len().min(8)].join("\n"));
    }

    #[test]
    fn messages_read_like_the_cli() {
        let e = parse::<Listing>("{\"category_id\": 1,\n \"props\": [{\"pid\": true}]}").unwrap_err();
        assert_eq!((e.line, e.column, e.problem), (2, 23, Problem::Data));
        assert_eq!(e.pointer.as_deref(), Some("/props/0/pid"));
        let eof = parse::<Listing>("{\"category_id\": 1,\n \"props\": [{\"pid\": 1,").unwrap_err();
        assert_eq!((eof.line, eof.column, eof.problem), (2, 22, Problem::Eof));
        assert_eq!(eof.pointer.as_deref(), Some("/props/0"));
        assert!(e
            .message(Locale::En)
            .starts_with("unexpected content at `/props/0/pid`: invalid type: boolean `true`"));
        assert!(e.message(Locale::ZhCn).starts_with("内容不符合格式 (位于 `/props/0/pid`): "));
        let e = parse::<Listing>("{\"category_id\": 1,,}").unwrap_err();
        assert_eq!(e.problem, Problem::Syntax);
        assert!(e.message(Locale::ZhCn).starts_with("JSON 语法错误: "), "{}", e.message(Locale::ZhCn));
        let e = parse::<Listing>("{\"category_id\": 1} x").unwrap_err();
        assert_eq!(e.pointer, None);
        assert_eq!(parse::<Listing>("{\"category_id\": 1").unwrap_err().problem, Problem::Eof);
    }
}
