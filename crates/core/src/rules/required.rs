//! `PROP_REQUIRED`: every required property that applies to the listing must be present.
//!
//! A required property that depends on a value the listing did not choose does not apply.

use super::Rule;
use crate::catalog::CompiledProperty;
use crate::engine::Ctx;
use crate::report::{Code, IssueKind, Sink};

pub(crate) const RULE: Rule = Rule { codes: &[Code::PropRequired], check };

/// Calls `each` with every required property that applies to the listing, in category order,
/// and whether the listing gives it a value that resolved (blank text is no value).
#[inline(always)]
pub(crate) fn each_required<'c>(ctx: &'c Ctx<'_>, mut each: impl FnMut(&'c CompiledProperty, bool)) {
    for &pi in &ctx.cat.required {
        let prop = &ctx.cat.props[pi as usize];
        let present =
            ctx.chosen(pi).is_some_and(|r| r.values.iter().any(|v| v.text.is_none_or(|t| !t.trim().is_empty())));
        if ctx.applies(prop) {
            each(prop, present);
        }
    }
}

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    each_required(ctx, |prop, present| {
        if !present {
            sink.error(IssueKind::PropRequired { pid: prop.property.pid, prop: prop.property.name.clone() }, "/props");
        }
    });
}

#[cfg(test)]
mod tests {
    use crate::rules::testkit::*;
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
}
