//! `PROP_REQUIRED`: every required property that applies to the listing must be present.
//!
//! A required property that depends on a value the listing did not choose does not apply.

use super::Rule;
use crate::engine::Ctx;
use crate::report::{Code, IssueKind, Sink};

pub(crate) const RULE: Rule = Rule { codes: &[Code::PropRequired], check };

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    for &pi in &ctx.cat.required {
        let prop = &ctx.cat.props[pi as usize];
        let present = ctx.chosen(pi).is_some_and(|r| !r.values.is_empty());
        if !present && ctx.applies(prop) {
            sink.error(IssueKind::PropRequired { pid: prop.property.pid, prop: prop.property.name.clone() }, "/props");
        }
    }
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
}
