//! `VALUE_PATTERN_MISMATCH` on `stuff_status`: new or second-hand, written as Taobao's
//! `item.add` takes it, `new` or `second` (the platform notes name these two states; the
//! older `unused` is not taken).

use super::Rule;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule = Rule { codes: &[Code::ValuePatternMismatch], check };

/// The accepted values.
pub(crate) const STUFF_STATUSES: [&str; 2] = ["new", "second"];

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(status) = ctx.listing.stuff_status.as_deref() else { return };
    // Blank is absent (`FIELD_REQUIRED`'s, where required).
    if status.trim().is_empty() || STUFF_STATUSES.contains(&status) {
        return;
    }
    let kind = IssueKind::ValuePatternMismatch {
        pid: None,
        prop: String::new(),
        field: Some("stuff_status".into()),
        value: status.to_owned(),
        pattern: format!("^({})$", STUFF_STATUSES.join("|")),
        must_match: true,
        hint: None,
    };
    sink.error(kind, "/stuff_status");
}

#[cfg(test)]
mod tests {
    use crate::validate::rules::testkit::*;
    use crate::{Locale, ValidateOptions};
    use serde_json::json;

    #[test]
    fn new_or_second() {
        let with = |s: serde_json::Value| {
            let mut l = tshirt();
            l["stuff_status"] = s;
            l
        };
        for fine in [json!("new"), json!("second"), json!(null), json!("")] {
            assert_eq!(issues(with(fine.clone())), vec![], "{fine}");
        }
        assert_eq!(paths_of(with(json!("used")), "VALUE_PATTERN_MISMATCH"), ["/stuff_status"]);
        let zh = run(&demo(), with(json!("全新")), &ValidateOptions::default());
        assert_eq!(zh.issues[0].message, "新旧程度 `全新` 格式不符: 须符合格式 `^(new|second)$`");
        let en = run(&demo(), with(json!("used")), &ValidateOptions { locale: Locale::En, ..Default::default() });
        assert_eq!(
            en.issues[0].message,
            "the condition (new or used) `used` has the wrong form: it must match `^(new|second)$`"
        );
    }
}
