//! `TITLE_MISSING`, `TITLE_TOO_LONG` (characters and platform bytes).

use super::Rule;
use crate::engine::Ctx;
use crate::normalize::{char_count, platform_bytes};
use crate::report::{Code, IssueKind, Sink};

pub(crate) const RULE: Rule = Rule { codes: &[Code::TitleMissing, Code::TitleTooLong], check };

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
    if chars > limits.title_max_chars as usize || bytes > limits.title_max_bytes as usize {
        let kind = IssueKind::TitleTooLong {
            chars,
            bytes,
            max_chars: limits.title_max_chars,
            max_bytes: limits.title_max_bytes,
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
}
