//! `TITLE_MISSING`, `TITLE_TOO_LONG` (in the unit the platform counts: Taobao bytes with a
//! Chinese character counting 2, 1688 and WeChat characters), and `VALUE_TOO_SHORT` for a
//! title under the platform's minimum (WeChat: 3 characters).

use super::Rule;
use crate::engine::Ctx;
use crate::normalize::{char_count, platform_bytes};
use crate::report::{Code, IssueKind, Sink};
use crate::rule_model::LengthUnit;

pub(crate) const RULE: Rule = Rule { codes: &[Code::TitleMissing, Code::TitleTooLong, Code::ValueTooShort], check };

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
    // Bytes are named when they are over: on Taobao they are the only limit that binds.
    let unit = if bytes > limits.title_max_bytes as usize {
        Some(LengthUnit::Bytes)
    } else if chars > limits.title_max_chars as usize {
        Some(LengthUnit::Characters)
    } else {
        None
    };
    if let Some(unit) = unit {
        let kind = IssueKind::TitleTooLong {
            chars,
            bytes,
            max_chars: limits.title_max_chars,
            max_bytes: limits.title_max_bytes,
            unit,
        };
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
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testkit::*;
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
