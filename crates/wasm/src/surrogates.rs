//! Lone surrogates in JSON text.
//!
//! JavaScript strings are UTF-16 and may hold half of a surrogate pair (a title cut with
//! `.slice()` through an emoji); `JSON.stringify` writes it as a `\u` escape, which is valid
//! JSON but no Unicode text, so serde_json refuses it. The package reads such a listing with
//! U+FFFD in place of each half, as a UTF-16 decoder does, instead of throwing.

/// `text` with every `\u` escape of a lone surrogate written as `\ufffd`; `None` when it has
/// none.
pub fn replace_lone(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    // Up to `copied`, `text` is in `out` (when there is one).
    let mut copied = 0;
    let mut i = 0;
    while let Some(at) = bytes.get(i..).and_then(|rest| rest.iter().position(|&b| b == b'\\')) {
        let start = i + at;
        let Some(unit) = escape(bytes, start) else {
            // Any other escape is two bytes (`\\` among them, so its second byte is not read
            // as the start of another).
            i = start + 2;
            continue;
        };
        let high = (0xD800..0xDC00).contains(&unit);
        let low = (0xDC00..0xE000).contains(&unit);
        if high && escape(bytes, start + 6).is_some_and(|next| (0xDC00..0xE000).contains(&next)) {
            i = start + 12;
            continue;
        }
        if high || low {
            let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
            o.push_str(text.get(copied..start)?);
            o.push_str("\\ufffd");
            copied = start + 6;
        }
        i = start + 6;
    }
    let mut o = out?;
    o.push_str(text.get(copied..)?);
    Some(o)
}

/// The code unit of a `\uXXXX` escape at `at`.
fn escape(bytes: &[u8], at: usize) -> Option<u32> {
    let e = bytes.get(at..at + 6)?;
    if e[0] != b'\\' || e[1] != b'u' {
        return None;
    }
    let hex = std::str::from_utf8(&e[2..]).ok()?;
    u32::from_str_radix(hex, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_halves_become_the_replacement_character_and_pairs_stay() {
        assert_eq!(replace_lone(r#"{"t":"a\ud83d"}"#).as_deref(), Some(r#"{"t":"a\ufffd"}"#));
        assert_eq!(replace_lone(r#"{"t":"\ude00b"}"#).as_deref(), Some(r#"{"t":"\ufffdb"}"#));
        assert_eq!(replace_lone(r#"["\ud83d\ud83d\ude00"]"#).as_deref(), Some(r#"["\ufffd\ud83d\ude00"]"#));
        assert_eq!(replace_lone(r#"["\ud83d\ude00", "\u00e9", "\n"]"#), None);
        // An escaped backslash before `ud800` is no escape of a unit.
        assert_eq!(replace_lone(r#"["\\ud800"]"#), None);
        assert_eq!(replace_lone(r#"["\\\ud800"]"#).as_deref(), Some(r#"["\\\ufffd"]"#));
        // Cut short, or not hex: left for the parser to report.
        assert_eq!(replace_lone(r#"["\ud8"#), None);
        assert_eq!(replace_lone(r#"["\uzzzz"]"#), None);
    }
}
