//! `SKU_REQUIRED`: a category with a required sale property needs SKUs.

use super::Rule;
use crate::engine::Ctx;
use crate::report::{Code, IssueKind, Sink};

pub(crate) const RULE: Rule = Rule { codes: &[Code::SkuRequired], check };

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    if !ctx.listing.skus.is_empty() {
        return;
    }
    let required = ctx.cat.sale_properties().find(|p| p.property.must && ctx.applies(p));
    if let Some(p) = required {
        sink.error(IssueKind::SkuRequired { pid: p.property.pid, prop: p.property.name.clone() }, "/skus");
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testkit::*;
    use serde_json::json;

    #[test]
    fn no_skus_where_a_sale_property_is_required() {
        let mut l = tshirt();
        set(&mut l, "/skus", json!([]));
        assert_eq!(paths_of(l, "SKU_REQUIRED"), vec!["/skus"]);
        assert!(paths_of(tshirt(), "SKU_REQUIRED").is_empty());
    }
}
