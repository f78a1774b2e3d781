//! `SKU_REQUIRED`: a category with a required sale property needs SKUs.

use super::Rule;
use crate::catalog::CompiledProperty;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule = Rule { codes: &[Code::SkuRequired], check };

/// The first required sale property that applies to the listing: with one, the listing needs
/// SKUs.
pub(crate) fn sku_reason<'c>(ctx: &'c Ctx<'_>) -> Option<&'c CompiledProperty> {
    ctx.cat.sale_properties().find(|p| p.property.must && ctx.applies(p))
}

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    if !ctx.listing.skus.is_empty() {
        return;
    }
    if let Some(p) = sku_reason(ctx) {
        sink.error(IssueKind::SkuRequired { pid: p.property.pid, prop: p.property.name.clone() }, "/skus");
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::rules::testkit::*;
    use serde_json::json;

    #[test]
    fn no_skus_where_a_sale_property_is_required() {
        let mut l = tshirt();
        set(&mut l, "/skus", json!([]));
        assert_eq!(paths_of(l, "SKU_REQUIRED"), vec!["/skus"]);
        assert!(paths_of(tshirt(), "SKU_REQUIRED").is_empty());
    }
}
