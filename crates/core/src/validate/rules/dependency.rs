//! `PROP_DEPENDENCY_UNMET`: a dependent property used while its parent value is not chosen.
//!
//! For SKUs the same check is made per SKU by `sku_props_missing`.

use super::Rule;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule = Rule { codes: &[Code::PropDependencyUnmet], check };

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    for rp in &ctx.props {
        if !ctx.applies(rp.prop) {
            sink.error(unmet(ctx, rp.prop), ctx.prop_path(rp.input));
        }
    }
}

/// The issue for a property whose parent value is missing.
pub(crate) fn unmet(ctx: &Ctx<'_>, prop: &crate::catalog::CompiledProperty) -> IssueKind {
    let (parent_pid, parent_vid) = prop.property.parent().unwrap_or((0, 0));
    let parent = ctx.cat.property(parent_pid);
    IssueKind::PropDependencyUnmet {
        pid: prop.property.pid,
        prop: prop.property.name.clone(),
        parent_pid,
        parent_vid,
        parent_prop: parent.map(|p| p.property.name.clone()).unwrap_or_default(),
        parent_value: parent.map(|p| p.value_name(parent_vid)).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::rules::testkit::*;
    use serde_json::json;

    fn with_origin(origin: i64) -> Vec<(String, String)> {
        let mut l = tshirt();
        let props = l["props"].as_array_mut().unwrap_or_else(|| unreachable!());
        props.push(json!({"pid": 21299, "vids": [origin]}));
        props.push(json!({"name": "省份", "values": ["上海"]}));
        issues(l)
    }

    #[test]
    fn a_dependent_property_needs_its_parent_value() {
        assert!(with_origin(27013).is_empty());
        assert_eq!(with_origin(27014), vec![("PROP_DEPENDENCY_UNMET".into(), "/props/6".into())]);
    }
}
