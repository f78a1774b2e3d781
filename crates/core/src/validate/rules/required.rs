//! `PROP_REQUIRED`: every required property that applies to the listing must be present;
//! a property with a `required_when` condition is required while the condition holds, and
//! the issue names the condition.
//!
//! A required property that depends on a value the listing did not choose does not apply.
//! A property given with values that did not resolve is not reported again: the value issue
//! already says what is wrong.

use super::Rule;
use crate::catalog::prop_rules::Cond;
use crate::catalog::CompiledProperty;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule = Rule { codes: &[Code::PropRequired], check };

/// Calls `each` with every property the listing must give (required always, or by a condition
/// that holds), in category order, whether the listing gives it (a value that resolved, or
/// values that did not: blank text is no value), and the condition when there is one.
#[inline(always)]
pub(crate) fn each_required<'c>(ctx: &'c Ctx<'_>, mut each: impl FnMut(&'c CompiledProperty, bool, Option<&'c Cond>)) {
    let present = |pi: u32| {
        ctx.chosen(pi).is_some_and(|r| {
            let input = &ctx.inputs[r.input];
            r.values.iter().any(|v| v.text.is_none_or(|t| !t.trim().is_empty()))
                || !input.vids.is_empty()
                || input.values.iter().any(|v| !v.trim().is_empty())
        })
    };
    for &pi in &ctx.cat.required {
        let prop = &ctx.cat.props[pi as usize];
        if ctx.applies(prop) {
            each(prop, present(pi), None);
        }
    }
    for &pi in &ctx.cat.conditional {
        let prop = &ctx.cat.props[pi as usize];
        let Some(cond) = prop.rules.as_ref().and_then(|r| r.required_when.as_ref()) else { continue };
        if ctx.applies(prop) && ctx.holds(cond) {
            each(prop, present(pi), Some(cond));
        }
    }
}

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    each_required(ctx, |prop, present, cond| {
        if !present {
            let kind = IssueKind::PropRequired {
                pid: prop.property.pid,
                prop: prop.property.name.clone(),
                condition: cond.map(|c| ctx.describe(c)),
            };
            sink.error(kind, "/props");
        }
    });
}

#[cfg(test)]
mod tests {
    use crate::validate::rules::testkit::*;
    use serde_json::json;

    #[test]
    fn each_missing_required_property_is_reported() {
        let mut l = tshirt();
        set(&mut l, "/props/1", json!({"pid": 122216347, "vids": [379868]}));
        set(&mut l, "/props/2", json!({"name": "材质", "values": []}));
        assert_eq!(paths_of(l, "PROP_REQUIRED"), vec!["/props", "/props"]);
        assert!(paths_of(tshirt(), "PROP_REQUIRED").is_empty());
    }

    #[test]
    fn blank_text_fills_no_required_property() {
        let mut l = tshirt();
        set(&mut l, "/props/1", json!({"pid": 13021751, "text": "  "}));
        assert_eq!(paths_of(l.clone(), "PROP_REQUIRED"), vec!["/props"]);
        set(&mut l, "/props/1", json!({"pid": 13021751, "text": " A-1 "}));
        assert!(paths_of(l, "PROP_REQUIRED").is_empty());
    }

    #[test]
    fn an_unknown_value_is_reported_once_not_also_as_missing() {
        let mut l = tshirt();
        set(&mut l, "/props/2", json!({"name": "材质", "values": ["丝绸缎面"]}));
        assert_eq!(issues(l), vec![("PROP_VALUE_UNKNOWN".to_owned(), "/props/2/values/0".to_owned())]);
    }
}
