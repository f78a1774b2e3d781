//! Typed input (free text and a seller's own values, Taobao's `input_str`): none may contain
//! a forbidden word (`forbidden_alias_words`: 其他 / 其它 / 其她, which the platforms refuse
//! there; `VALUE_PATTERN_MISMATCH`), and all of it together is at most
//! `typed_input_max_bytes` (3,999 bytes as Taobao counts them; `VALUE_TOO_LONG` on `/props`).

use super::Rule;
use crate::input::normalize::platform_bytes;
use crate::model::rule_model::LengthUnit;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule = Rule { codes: &[Code::ValuePatternMismatch, Code::ValueTooLong], check };

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    let limits = &ctx.catalog.limits;
    let words = &limits.forbidden_alias_words;
    let mut total = 0usize;
    for rp in &ctx.props {
        // A listed value is not typed input: only free text and a seller's own (negative) id.
        for v in rp.values.iter().filter(|v| v.vid.is_none_or(|id| id < 0)) {
            let Some(text) = v.text.filter(|t| !t.trim().is_empty()) else { continue };
            total += platform_bytes(text);
            if words.iter().any(|w| !w.is_empty() && text.contains(w.as_str())) {
                let kind = IssueKind::ValuePatternMismatch {
                    pid: Some(rp.prop.property.pid),
                    prop: rp.prop.property.name.clone(),
                    field: None,
                    value: text.to_owned(),
                    pattern: words.iter().filter(|w| !w.is_empty()).cloned().collect::<Vec<_>>().join("|"),
                    must_match: false,
                    hint: None,
                };
                sink.error(kind, ctx.value_path(rp.input, v.at));
            }
        }
    }
    let max = limits.typed_input_max_bytes;
    if total > max as usize {
        let kind = IssueKind::ValueTooLong {
            pid: None,
            prop: String::new(),
            field: Some("typed_input".into()),
            value: String::new(),
            length: total,
            max,
            unit: LengthUnit::Bytes,
        };
        sink.error(kind, "/props");
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::rules::testkit::*;
    use crate::{Locale, ValidateOptions};
    use serde_json::json;

    #[test]
    fn typed_input_without_the_words_for_other() {
        let mut l = tshirt();
        set(&mut l, "/props/1", json!({"pid": 13021751, "text": "其他款"}));
        assert_eq!(issues(l.clone()), vec![("VALUE_PATTERN_MISMATCH".into(), "/props/1/text".into())]);
        let en = run(&demo(), l, &ValidateOptions { locale: Locale::En, ..Default::default() });
        assert!(en.issues[0].message.contains("must not match `其他|其它|其她`"), "{}", en.issues[0].message);
        // A listed value's name is not typed input, an alias is not either (unless asked).
        let mut l = tshirt();
        set(&mut l, "/props/3/aliases", json!({"28321": "其它白"}));
        assert_eq!(issues(l), vec![]);
    }
}
