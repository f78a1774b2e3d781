//! `PROP_VALUE_DELETED`, `PROP_NOT_MULTI`, `PROP_CUSTOM_VALUE_NOT_ALLOWED`, `PROP_TEXT_TOO_LONG`:
//! what may be chosen for one property, given how it takes values.

use super::Rule;
use crate::input::normalize::char_count;
use crate::model::snapshot::Status;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::{Ctx, ResolvedProp};

pub(crate) const RULE: Rule = Rule {
    codes: &[Code::PropValueDeleted, Code::PropNotMulti, Code::PropCustomValueNotAllowed, Code::PropTextTooLong],
    check,
};

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    for rp in &ctx.props {
        check_one(ctx, rp, sink);
    }
}

fn check_one(ctx: &Ctx<'_>, rp: &ResolvedProp<'_>, sink: &mut Sink) {
    let p = &rp.prop.property;
    let max = p.max_length.unwrap_or(ctx.catalog.limits.text_max_chars);
    let custom_ok = ctx.cat.accepts_custom(rp.prop);
    for v in &rp.values {
        let path = || ctx.value_path(rp.input, v.at);
        match (v.vid, v.text) {
            // Resolving has looked most ids up already and noted whether any was deleted.
            (Some(vid), _) if vid >= 0 => {
                let deleted = || rp.prop.value(vid).filter(|val| val.status != Status::Normal);
                if let Some(value) = rp.maybe_deleted.then(deleted).flatten() {
                    let kind = IssueKind::PropValueDeleted {
                        pid: p.pid,
                        prop: p.name.clone(),
                        vid,
                        value: value.name.clone(),
                    };
                    sink.error(kind, path());
                }
            }
            (Some(vid), _) if !custom_ok => {
                let kind =
                    IssueKind::PropCustomValueNotAllowed { pid: p.pid, prop: p.name.clone(), value: vid.to_string() };
                sink.error(kind, path());
            }
            (_, Some(text)) if !custom_ok => {
                let kind =
                    IssueKind::PropCustomValueNotAllowed { pid: p.pid, prop: p.name.clone(), value: text.to_owned() };
                sink.error(kind, path());
            }
            (_, Some(text)) => {
                let length = char_count(text);
                if length > max as usize {
                    sink.error(IssueKind::PropTextTooLong { pid: p.pid, prop: p.name.clone(), length, max }, path());
                }
            }
            _ => {}
        }
    }
    if !p.multi && rp.values.len() > 1 {
        let kind = IssueKind::PropNotMulti { pid: p.pid, prop: p.name.clone(), count: rp.values.len() };
        sink.error(kind, ctx.prop_path(rp.input));
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::rules::testkit::*;
    use serde_json::json;

    fn with_prop(i: usize, prop: serde_json::Value) -> Vec<(String, String)> {
        let mut l = tshirt();
        set(&mut l, &format!("/props/{i}"), prop);
        issues(l)
    }

    #[test]
    fn deleted_values_are_reported_at_the_value() {
        let got = with_prop(2, json!({"pid": 20021, "vids": [105255, 44597]}));
        assert_eq!(got, vec![("PROP_VALUE_DELETED".into(), "/props/2/vids/1".into())]);
    }

    #[test]
    fn deleted_values_by_name_or_in_a_repeated_property_are_reported() {
        let got = with_prop(2, json!({"pid": 20021, "values": ["棉", "麻"]}));
        assert_eq!(got, vec![("PROP_VALUE_DELETED".into(), "/props/2/values/1".into())]);
        let mut l = tshirt();
        let props = l["props"].as_array_mut().unwrap_or_else(|| unreachable!());
        props.push(json!({"pid": 20021, "vids": [44597]}));
        assert_eq!(paths_of(l, "PROP_VALUE_DELETED").len(), 1);
    }

    #[test]
    fn single_value_properties_take_one() {
        let got = with_prop(0, json!({"pid": 20000, "vids": [3233, 30111]}));
        assert_eq!(got, vec![("PROP_NOT_MULTI".into(), "/props/0".into())]);
        assert!(with_prop(2, json!({"pid": 20021, "vids": [105255, 3323086]})).is_empty());
    }

    #[test]
    fn custom_text_only_where_the_property_accepts_it() {
        let got = with_prop(2, json!({"pid": 20021, "text": "竹纤维"}));
        assert_eq!(got, vec![("PROP_CUSTOM_VALUE_NOT_ALLOWED".into(), "/props/2/text".into())]);
        let got = with_prop(2, json!({"pid": 20021, "vids": [-5]}));
        assert_eq!(got, vec![("PROP_CUSTOM_VALUE_NOT_ALLOWED".into(), "/props/2/vids/0".into())]);
        // 品牌 takes listed values or the seller's own.
        assert!(with_prop(0, json!({"pid": 20000, "text": "小众品牌"})).is_empty());
    }

    #[test]
    fn text_longer_than_the_property_limit() {
        let got = with_prop(1, json!({"pid": 13021751, "text": "A".repeat(21)}));
        assert_eq!(got, vec![("PROP_TEXT_TOO_LONG".into(), "/props/1/text".into())]);
        assert!(with_prop(1, json!({"pid": 13021751, "text": "货".repeat(20)})).is_empty());
    }
}
