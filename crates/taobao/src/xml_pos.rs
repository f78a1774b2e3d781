//! Where an XML error is, for both readers of XML in this crate: TOP answers in XML
//! ([`crate::xml`]) and publish-schema documents ([`crate::schema::parse`]). roxmltree reports
//! a row and a column counted in characters; the readers need to tell a text cut short from a
//! broken one, and to turn a position back into a byte offset.

use roxmltree::{Error, TextPos};

/// Row and column (1-based, the column in characters) of byte `offset` in `text`; an offset
/// inside a character counts as that character's start.
pub(crate) fn position(text: &str, offset: usize) -> TextPos {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let row = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    TextPos { row: u32::try_from(row).unwrap_or(u32::MAX), col: u32::try_from(col).unwrap_or(u32::MAX) }
}

/// The byte offset of `pos` in `text`: the end of its line when the column is past it, the
/// end of the text when the row is.
pub(crate) fn offset(text: &str, pos: TextPos) -> usize {
    let mut start = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i + 1 == pos.row as usize {
            return start + line.char_indices().nth(pos.col.saturating_sub(1) as usize).map_or(line.len(), |(b, _)| b);
        }
        start += line.len();
    }
    text.len()
}

/// Whether `e` comes from a text cut short rather than a broken one: the parser ran out of
/// input, or failed inside markup the text opened and never closed (cut inside a tag, a
/// comment or a CDATA section).
pub(crate) fn cut_short(text: &str, e: &Error) -> bool {
    matches!(e, Error::UnexpectedEndOfStream | Error::UnclosedRootNode | Error::NoRootNode)
        || in_open_tail(text, e.pos())
}

/// Where to report `e`: the end of the last line with text for a text cut short (where the
/// parser noticed says nothing of where the text was cut), else where the parser stopped.
pub(crate) fn error_position(text: &str, e: &Error) -> TextPos {
    if cut_short(text, e) {
        position(text, text.trim_end().len())
    } else {
        e.pos()
    }
}

/// Whether `pos` lies in markup the text opened and never closed: past its last `<`, with no
/// `>` after it.
fn in_open_tail(text: &str, pos: TextPos) -> bool {
    let body = text.trim_end();
    let Some(last) = body.rfind('<') else { return false };
    if body[last..].contains('>') {
        return false;
    }
    let start = position(body, last);
    (pos.row, pos.col) >= (start.row, start.col)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    #[test]
    fn positions_and_offsets_agree_and_count_characters() {
        let text = "<a>\n<字段 id=\"x\">\n</a>";
        for (i, _) in text.char_indices() {
            assert_eq!(offset(text, position(text, i)), i, "offset {i}");
        }
        let p = position(text, text.find("id").unwrap());
        assert_eq!((p.row, p.col), (2, 5));
        // Past the end of a line or of the text.
        assert_eq!(offset(text, TextPos { row: 1, col: 99 }), 4);
        assert_eq!(offset(text, TextPos { row: 9, col: 1 }), text.len());
        // Inside a character: its start.
        assert_eq!(position(text, text.find('字').unwrap() + 1), position(text, text.find('字').unwrap()));
    }

    #[test]
    fn a_text_cut_short_is_placed_at_its_end_and_a_broken_one_where_it_breaks() {
        let whole = "<rsp>\n<item_prop><pid>1</pid></item_prop>\n</rsp>\n";
        for cut in 1..whole.trim_end().len() {
            let text = &whole[..cut];
            let e = roxmltree::Document::parse(text).unwrap_err();
            assert!(cut_short(text, &e), "cut at {cut}: {e:?}");
            let p = error_position(text, &e);
            assert_eq!(offset(text, p), text.trim_end().len(), "cut at {cut}");
        }
        let broken = "<rsp>\n<a></b>\n</rsp>\n";
        let e = roxmltree::Document::parse(broken).unwrap_err();
        assert!(!cut_short(broken, &e));
        assert_eq!(error_position(broken, &e).row, 2);
    }
}
