//! JSON parsing that says where the input is wrong: line, column and the JSON Pointer of the
//! field being read.

use crate::error::InputError;
use serde::de::DeserializeOwned;
use serde_path_to_error::{Path, Segment};
use shelfcheck_core::input::json_error::{end_position, strip_position};
use shelfcheck_core::Listing;

/// Parses one JSON document. `source` names the input in messages; `line_offset` is added to
/// the parser's line (an NDJSON line is parsed on its own but reported at its place in the file).
pub fn parse<T: DeserializeOwned>(text: &str, source: &str, line_offset: usize) -> Result<T, InputError> {
    // Tracking the path costs time on every field; valid input, the common case, skips it and
    // only a failed parse is redone to find where it failed.
    if let Ok(value) = serde_json::from_str(text) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let result = match serde_path_to_error::deserialize(&mut de) {
        // Trailing characters after the document are a syntax error at the document level.
        Ok(v) => de.end().map(|()| v).map_err(|e| (None, e)),
        Err(e) => Err((pointer(e.path()), e.into_inner())),
    };
    result.map_err(|(pointer, inner)| {
        let (line, column) = match inner.classify() {
            // The parser places an early end at column 0; point just past the last character,
            // where the missing text belongs.
            serde_json::error::Category::Eof => end_position(text),
            _ => (inner.line(), inner.column()),
        };
        InputError::Malformed {
            source: source.to_owned(),
            line: line + line_offset,
            column,
            pointer,
            category: inner.classify().into(),
            // The CLI prints the position its own way (in NDJSON the parser's line is not the
            // file's line).
            reason: strip_position(&inner.to_string()).to_owned(),
        }
    })
}

/// Parses one listing: [`Listing::from_json_fast`] for speed, else [`parse`], which also words
/// any error.
pub fn parse_listing(text: &str, source: &str, line_offset: usize) -> Result<Listing, InputError> {
    match Listing::from_json_fast(text) {
        Some(listing) => Ok(listing),
        None => parse(text, source, line_offset),
    }
}

/// The path as an RFC 6901 JSON Pointer; `None` at the document root. It stops before an
/// unknown segment (a key the parser had not finished reading).
pub fn pointer(path: &Path) -> Option<String> {
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => out.push_str(&shelfcheck_core::report::pointer("", index)),
            Segment::Map { key } => out.push_str(&shelfcheck_core::report::pointer("", key)),
            Segment::Enum { variant } => out.push_str(&shelfcheck_core::report::pointer("", variant)),
            Segment::Unknown => break,
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::JsonProblem;
    use shelfcheck_core::Listing;

    #[test]
    fn data_errors_name_the_field() {
        let text = "{\"category_id\": 1,\n \"props\": [{\"pid\": true}]}";
        let Err(InputError::Malformed { line, column, pointer, category, reason, .. }) =
            parse::<Listing>(text, "a.json", 0)
        else {
            panic!("malformed expected")
        };
        assert_eq!((line, column), (2, 23));
        assert_eq!(pointer.as_deref(), Some("/props/0/pid"));
        assert_eq!(category, JsonProblem::Data);
        assert!(!reason.contains(" at line "), "{reason}");
    }

    #[test]
    fn syntax_errors_keep_the_line_offset() {
        let Err(InputError::Malformed { line, category, .. }) = parse::<Listing>("{\"category_id\": 1,,}", "f:7", 6)
        else {
            panic!("malformed expected")
        };
        assert_eq!(line, 7);
        assert_eq!(category, JsonProblem::Syntax);
    }

    #[test]
    fn an_early_end_points_past_the_last_character() {
        let Err(InputError::Malformed { line, column, pointer, category, .. }) =
            parse::<Listing>("{\"category_id\": 1,\n \"title\": \"x\"", "a.json", 0)
        else {
            panic!("malformed expected")
        };
        assert_eq!((line, column, pointer), (2, 14, None));
        assert_eq!(category, JsonProblem::Eof);
    }

    #[test]
    fn trailing_garbage_is_an_error() {
        assert!(parse::<Listing>("{\"category_id\": 1} x", "a.json", 0).is_err());
    }

    #[test]
    fn pointers_escape_keys() {
        let r: Result<std::collections::BTreeMap<String, u8>, _> = parse("{\"a/b\": -1}", "x", 0);
        let Err(InputError::Malformed { pointer, .. }) = r else { panic!("malformed expected") };
        assert_eq!(pointer.as_deref(), Some("/a~1b"));
    }
}
