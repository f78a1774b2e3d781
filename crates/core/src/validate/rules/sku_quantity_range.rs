//! `VALUE_OUT_OF_RANGE` on SKU quantities: above the platform's `sku_quantity_max` (Tmall
//! under 1,000,000; WeChat at most 10,000,000). Quantities that are not whole numbers are
//! `SKU_QUANTITY_INVALID`'s.

use super::price_range::decimal_value;
use super::Rule;
use crate::input::listing::Scalar;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule = Rule { codes: &[Code::ValueOutOfRange], check };

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    let max = ctx.catalog.limits.sku_quantity_max;
    if ctx.sku_facts().largest_quantity.is_none_or(|x| max.admits_below(x)) {
        return;
    }
    for sku in &ctx.skus.list {
        let j = sku.index;
        let Some(q) = ctx.listing.skus[j].quantity.as_ref().filter(|q| q.is_non_negative_integer()) else { continue };
        // Read without formatting: this runs on every SKU.
        let x = match q {
            Scalar::Number(n) => n.as_f64().unwrap_or(f64::MAX),
            Scalar::Text(t) => decimal_value(t.as_bytes()),
        };
        if !max.admits_below(x) {
            let text = q.as_text();
            let kind = IssueKind::ValueOutOfRange {
                pid: None,
                prop: String::new(),
                field: Some("quantity".into()),
                value: text.into_owned(),
                min: None,
                max: Some(max),
            };
            sink.error(kind, format!("/skus/{j}/quantity"));
        }
    }
}
