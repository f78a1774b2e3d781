//! `VALUE_TOO_LONG` on all aliases together: Taobao sends them as one `property_alias`
//! string, `pid:vid:alias;pid:vid:alias`, of at most `aliases_max_chars` (800) characters.
//! Reported once, on `/props`, in characters.

use super::Rule;
use crate::input::normalize::char_count;
use crate::model::rule_model::LengthUnit;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule = Rule { codes: &[Code::ValueTooLong], check };

/// The number of decimal digits of `n`, with its sign.
pub(crate) fn digits(n: i64) -> usize {
    n.unsigned_abs().checked_ilog10().map_or(1, |d| d as usize + 1) + usize::from(n < 0)
}

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    let mut total = 0usize;
    let mut count = 0usize;
    for rp in &ctx.props {
        let aliases = &ctx.inputs[rp.input].aliases;
        // Most properties have none: their pid is not worth measuring.
        if aliases.is_empty() {
            continue;
        }
        let pid = digits(rp.prop.property.pid);
        for (vid, alias) in aliases {
            // `pid:vid:alias`, and a `;` before every one but the first.
            total += pid + 1 + char_count(vid) + 1 + char_count(alias);
            count += 1;
        }
    }
    let length = total + count.saturating_sub(1);
    let max = ctx.catalog.limits.aliases_max_chars;
    if length > max as usize {
        let kind = IssueKind::ValueTooLong {
            pid: None,
            prop: String::new(),
            field: Some("aliases".into()),
            value: String::new(),
            length,
            max,
            unit: LengthUnit::Characters,
        };
        sink.error(kind, "/props");
    }
}

#[cfg(test)]
mod tests {
    use super::digits;
    use crate::validate::rules::testkit::*;
    use serde_json::json;

    #[test]
    fn all_aliases_together_fit_800_characters() {
        assert_eq!((digits(0), digits(7), digits(1627207), digits(-12)), (1, 1, 7, 3));
        // 1627207:28321:<alias> is 14 characters and the alias; two of them and a `;`.
        let with = |len: usize| {
            let mut l = tshirt();
            let alias = "白".repeat(len);
            set(&mut l, "/props/3/aliases", json!({"28321": alias, "28320": "黑"}));
            l
        };
        // 14 + 30 + 1 + 14 + 1 = 60: far within; the limit is per snapshot.
        assert!(paths_of(with(30), "VALUE_TOO_LONG").is_empty());
        let mut s: serde_json::Value = serde_json::to_value(demo_snapshot()).unwrap();
        s["limits"]["aliases_max_chars"] = json!(59);
        let tight = crate::Catalog::compile(serde_json::from_value(s).unwrap()).unwrap();
        let found = |l| pairs(&run(&tight, l, &crate::ValidateOptions::default()));
        assert!(found(with(29)).is_empty());
        assert_eq!(found(with(30)), vec![("VALUE_TOO_LONG".into(), "/props".into())]);
        let mut l = tshirt();
        set(&mut l, "/props/3/aliases", json!({"28321": "白".repeat(30), "28320": "黑"}));
        let report = run(&tight, l.clone(), &crate::ValidateOptions::default());
        assert_eq!(report.issues[0].message, "属性值别名 (合计) 过长: 60 个字, 上限 59 个字");
        let en = run(&tight, l, &crate::ValidateOptions { locale: crate::Locale::En, ..Default::default() });
        assert_eq!(
            en.issues[0].message,
            "the alias string (all aliases together) is too long: 60 characters, the limit is 59 characters"
        );
    }
}
