//! The item quantity: `SKU_QUANTITY_INVALID` when it is not a whole number of at least 0 (as
//! a SKU quantity), `VALUE_OUT_OF_RANGE` above the platform's `quantity_max` (900,000,000),
//! and `ITEM_QUANTITY_MISMATCH` when the listing has SKUs whose quantities are all valid and
//! the item quantity is not their sum (the platforms keep `num` equal to it).

use super::item_price::blank;
use super::Rule;
use crate::input::listing::Scalar;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule =
    Rule { codes: &[Code::SkuQuantityInvalid, Code::ValueOutOfRange, Code::ItemQuantityMismatch], check };

/// A quantity's value when it is a whole number of at least 0 (18 digits at most).
pub(crate) fn count(q: &Scalar) -> Option<u64> {
    if !q.is_non_negative_integer() {
        return None;
    }
    match q {
        Scalar::Number(n) => n.as_u64().or_else(|| n.as_f64().map(|f| f as u64)),
        Scalar::Text(t) => t.parse().ok(),
    }
}

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(q) = ctx.listing.quantity.as_ref().filter(|q| !blank(q)) else { return };
    let Some(n) = count(q) else {
        sink.error(super::amount::invalid_quantity(Some(q)), "/quantity");
        return;
    };
    let max = ctx.catalog.limits.quantity_max;
    if !max.admits_below(n as f64) {
        let kind = IssueKind::ValueOutOfRange {
            pid: None,
            prop: String::new(),
            field: Some("quantity".into()),
            value: q.as_text().into_owned(),
            min: None,
            max: Some(max),
        };
        sink.error(kind, "/quantity");
        return;
    }
    let skus = &ctx.listing.skus;
    if skus.is_empty() || ctx.skus.list.len() != skus.len() {
        return;
    }
    // An invalid SKU quantity is reported on its own; the sum would say nothing more.
    let Some(sum) = ctx.sku_facts().quantity_sum else { return };
    if sum != n {
        sink.error(IssueKind::ItemQuantityMismatch { quantity: q.as_text().into_owned(), sum }, "/quantity");
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::rules::testkit::*;
    use crate::{Locale, ValidateOptions};
    use serde_json::json;

    fn with_quantity(q: serde_json::Value) -> serde_json::Value {
        let mut l = tshirt();
        l["quantity"] = q;
        l
    }

    #[test]
    fn the_item_quantity_is_the_sum_of_the_skus() {
        // 100 + 100 + 0 + 5.
        for same in [json!(205), json!("205"), json!(205.0), json!(null)] {
            assert_eq!(issues(with_quantity(same.clone())), vec![], "{same}");
        }
        assert_eq!(paths_of(with_quantity(json!(200)), "ITEM_QUANTITY_MISMATCH"), ["/quantity"]);
        let report = run(&demo(), with_quantity(json!(200)), &ValidateOptions::default());
        assert_eq!(report.issues[0].message, "商品库存 `200` 须等于各 SKU 库存之和 205");
        let en = run(&demo(), with_quantity(json!(200)), &ValidateOptions { locale: Locale::En, ..Default::default() });
        assert_eq!(en.issues[0].message, "the item quantity `200` must equal the sum of the SKU quantities, 205");
        // An invalid SKU quantity is its own issue, not a mismatch too.
        let mut l = with_quantity(json!(200));
        l["skus"][0]["quantity"] = json!(-1);
        assert_eq!(issues(l), vec![("SKU_QUANTITY_INVALID".into(), "/skus/0/quantity".into())]);
    }

    #[test]
    fn an_item_quantity_is_a_whole_number_within_the_platform_maximum() {
        assert_eq!(issues(with_quantity(json!(-5))), vec![("SKU_QUANTITY_INVALID".into(), "/quantity".into())]);
        assert_eq!(issues(with_quantity(json!("1.5"))), vec![("SKU_QUANTITY_INVALID".into(), "/quantity".into())]);
        let mut l = with_quantity(json!(900_000_001u64));
        l["skus"] = json!([]);
        assert_eq!(paths_of(l.clone(), "VALUE_OUT_OF_RANGE"), ["/quantity"]);
        l["quantity"] = json!(900_000_000u64);
        assert!(paths_of(l.clone(), "VALUE_OUT_OF_RANGE").is_empty());
        // With SKUs, the sum is the bound that binds.
        assert!(paths_of(l, "ITEM_QUANTITY_MISMATCH").is_empty());
    }
}
