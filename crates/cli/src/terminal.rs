//! Text from listings, snapshots and file names made safe to print on a terminal.
//!
//! Those strings come from sellers and platforms: an escape sequence in a property name could
//! clear the screen, set the window title, or draw a forged green "✓" line. Human output passes
//! every such string through [`safe`], which shows control characters as visible escapes
//! instead of sending them. JSON and JUnit output escape them their own way.

use std::borrow::Cow;

/// Whether a character must not reach a terminal as it is: C0 controls (ESC, CR, BEL, line
/// feeds that would forge a new line...), DEL, C1 controls (CSI `U+009B` starts a sequence on
/// some terminals), and the bidirectional overrides and isolates that reorder what is shown.
fn unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every unsafe character written as a visible escape (`\n`, `\t`, `\r`,
/// `\u{1b}`); borrowed as it is when there is none, the common case.
pub fn safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if unsafe_char(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A multi-line text rendered elsewhere, made safe line by line: its own line breaks stay,
/// every other unsafe character is escaped.
pub fn safe_lines(text: &str) -> String {
    text.split('\n').map(safe).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_shown_not_sent() {
        assert_eq!(safe("红色\u{1b}[2J\u{1b}]0;title\u{7}"), "红色\\u{1b}[2J\\u{1b}]0;title\\u{7}");
        assert_eq!(safe("a\nb\r\tc\u{9b}31m\u{7f}"), "a\\nb\\r\\tc\\u{9b}31m\\u{7f}");
        assert_eq!(safe("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert!(matches!(safe("纯棉 T恤 《夏季》"), Cow::Borrowed(_)));
    }

    #[test]
    fn rendered_text_keeps_its_own_lines() {
        assert_eq!(safe_lines("one\u{1b}[1m\ntwo\r\n"), "one\\u{1b}[1m\ntwo\\r\n");
    }
}
