//! `TITLE_MISSING`, `TITLE_TOO_LONG` (in the unit the platform counts: Taobao bytes with a
//! Chinese character counting 2, 1688 and WeChat characters), and `VALUE_TOO_SHORT` for a
//! title under the platform's minimum (WeChat: 3 characters). Tmall book categories take 120
//! bytes (`book_title_max_bytes`); WeChat refuses a title of only ASCII letters, digits and
//! symbols (`title_needs_word`, reported as `VALUE_PATTERN_MISMATCH`).

use super::Rule;
use crate::input::normalize::{char_count, platform_bytes};
use crate::model::rule_model::LengthUnit;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule =
    Rule { codes: &[Code::TitleMissing, Code::TitleTooLong, Code::ValueTooShort, Code::ValuePatternMismatch], check };

/// What a title of only ASCII must match on a platform with `title_needs_word`.
const WORD: &str = "[^\\x00-\\x7F]";

/// Whether the listing's category is a book category: its own name or an ancestor's names
/// 书籍 or 图书 (Tmall's top level is 书籍/杂志/报纸; the notes give the 120-byte limit to
/// "book categories" without ids, and a name survives re-imports where an id list would not).
fn is_book(ctx: &Ctx<'_>) -> bool {
    ctx.catalog
        .path(ctx.listing.category_id)
        .iter()
        .any(|c| c.category.name.contains("书籍") || c.category.name.contains("图书"))
}

/// The title limits of the listing's category: `(characters, bytes)`.
fn title_limits(ctx: &Ctx<'_>, bytes: usize) -> (u32, u32) {
    let limits = &ctx.catalog.limits;
    let book = limits.book_title_max_bytes;
    // Looked up only for a title over the usual limit: most titles never ask.
    if book > limits.title_max_bytes && bytes > limits.title_max_bytes as usize && is_book(ctx) {
        // The character limit is Taobao's placeholder that never binds before the bytes.
        (limits.title_max_chars.max(book), book)
    } else {
        (limits.title_max_chars, limits.title_max_bytes)
    }
}

/// The listing's title without surrounding blanks; empty when it has none.
pub(crate) fn title<'a>(ctx: &Ctx<'a>) -> &'a str {
    ctx.listing.title.as_deref().map(str::trim).unwrap_or("")
}

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    let title = title(ctx);
    if title.is_empty() {
        sink.error(IssueKind::TitleMissing {}, "/title");
        return;
    }
    let limits = &ctx.catalog.limits;
    let (chars, bytes) = (char_count(title), platform_bytes(title));
    let (max_chars, max_bytes) = title_limits(ctx, bytes);
    // Bytes are named when they are over: on Taobao they are the only limit that binds.
    let unit = if bytes > max_bytes as usize {
        Some(LengthUnit::Bytes)
    } else if chars > max_chars as usize {
        Some(LengthUnit::Characters)
    } else {
        None
    };
    if let Some(unit) = unit {
        let kind = IssueKind::TitleTooLong { chars, bytes, max_chars, max_bytes, unit };
        sink.error(kind, "/title");
    } else if chars < limits.title_min_chars as usize {
        let kind = IssueKind::ValueTooShort {
            pid: None,
            prop: String::new(),
            field: Some("title".into()),
            value: title.to_owned(),
            length: chars,
            min: limits.title_min_chars,
            unit: LengthUnit::Characters,
        };
        sink.error(kind, "/title");
    } else if limits.title_needs_word && title.is_ascii() {
        let kind = IssueKind::ValuePatternMismatch {
            pid: None,
            prop: String::new(),
            field: Some("title".into()),
            value: title.to_owned(),
            pattern: WORD.to_owned(),
            must_match: true,
            hint: None,
        };
        sink.error(kind, "/title");
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::rules::testkit::*;
    use serde_json::json;

    fn title(t: serde_json::Value) -> Vec<String> {
        let mut l = tshirt();
        set(&mut l, "/title", t);
        issues(l).into_iter().filter(|(c, _)| c.starts_with("TITLE_")).map(|(c, _)| c).collect()
    }

    #[test]
    fn missing_and_blank_titles() {
        assert_eq!(title(json!(null)), vec!["TITLE_MISSING"]);
        assert_eq!(title(json!("   ")), vec!["TITLE_MISSING"]);
    }

    #[test]
    fn thirty_chinese_characters_fit_thirty_one_do_not() {
        assert!(title(json!("恤".repeat(30))).is_empty());
        assert_eq!(title(json!("恤".repeat(31))), vec!["TITLE_TOO_LONG"]);
        // 29 CJK + 3 ASCII = 32 characters, 61 bytes: over both limits' spirit.
        assert_eq!(title(json!(format!("{}abc", "恤".repeat(29)))), vec!["TITLE_TOO_LONG"]);
    }

    #[test]
    fn sixty_ascii_letters_fit_taobao_sixty_one_do_not() {
        assert!(title(json!("a".repeat(60))).is_empty());
        assert_eq!(title(json!("a".repeat(61))), vec!["TITLE_TOO_LONG"]);
    }
}
