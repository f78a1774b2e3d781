//! The item price: `SKU_PRICE_INVALID` when it is not a positive decimal with at most two
//! places (the same form as a SKU price), `PRICE_OUT_OF_RANGE` outside the platform's or the
//! category's bounds, and `ITEM_PRICE_OUT_OF_SKU_RANGE` when the listing has SKUs and the item
//! price is not between their lowest and highest valid price (Taobao rejects that with
//! `IC_CHECKSTEP_ITME_SKU_PRICE_UNMATCH`). An absent item price is `FIELD_REQUIRED`'s, where
//! something requires it.

use super::price_range::{out_of_bounds, value};
use super::Rule;
use crate::input::listing::Scalar;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::{Ctx, PriceAt};

pub(crate) const RULE: Rule =
    Rule { codes: &[Code::SkuPriceInvalid, Code::PriceOutOfRange, Code::ItemPriceOutOfSkuRange], check };

/// Whether a scalar is absent in effect: a blank string.
pub(crate) fn blank(v: &Scalar) -> bool {
    matches!(v, Scalar::Text(t) if t.trim().is_empty())
}

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    // Most listings give no item price: nothing to do.
    let Some(price) = ctx.listing.price.as_ref().filter(|p| !blank(p)) else { return };
    let Some(x) = value(price) else {
        sink.error(super::amount::invalid_price(price), "/price");
        return;
    };
    if let Some(kind) = out_of_bounds(ctx, price, x) {
        sink.error(kind, "/price");
        return;
    }
    // Past the SKU limit the SKUs are not checked one by one (see `sku_limit`).
    if ctx.skus.list.len() != ctx.listing.skus.len() {
        return;
    }
    let facts = ctx.sku_facts();
    let (Some(lo), Some(hi)) = (facts.lowest, facts.highest) else { return };
    if x < lo.value || x > hi.value {
        // As the SKU that has it gives it (`59`, `59.00`).
        let text =
            |at: PriceAt| ctx.listing.skus.get(at.sku).and_then(|s| s.price.as_ref()).map(|p| p.as_text().into_owned());
        let kind = IssueKind::ItemPriceOutOfSkuRange {
            price: price.as_text().into_owned(),
            min: text(lo).unwrap_or_default(),
            max: text(hi).unwrap_or_default(),
        };
        sink.error(kind, "/price");
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::rules::testkit::*;
    use crate::{Locale, ValidateOptions};
    use serde_json::json;

    /// The T-shirt with SKU prices 39.90 to 69 and item price `price`.
    fn priced(price: serde_json::Value) -> serde_json::Value {
        let mut l = tshirt();
        l["skus"][0]["price"] = json!("39.90");
        l["skus"][3]["price"] = json!(69);
        l["price"] = price;
        l
    }

    #[test]
    fn the_item_price_lies_between_the_lowest_and_highest_sku_price() {
        for inside in [json!("39.90"), json!("39.9"), json!(59), json!("69.00"), json!(null), json!(" ")] {
            assert_eq!(issues(priced(inside.clone())), vec![], "{inside}");
        }
        for outside in [json!("39.89"), json!(69.01), json!("100")] {
            assert_eq!(paths_of(priced(outside.clone()), "ITEM_PRICE_OUT_OF_SKU_RANGE"), ["/price"], "{outside}");
        }
        let report = run(&demo(), priced(json!("29.90")), &ValidateOptions::default());
        assert_eq!(report.issues[0].message, "商品价格 `29.90` 须介于 SKU 的最低价 `39.90` 与最高价 `69` 之间");
        let en = run(&demo(), priced(json!("29.90")), &ValidateOptions { locale: Locale::En, ..Default::default() });
        assert_eq!(
            en.issues[0].message,
            "the item price `29.90` must lie between the lowest and the highest SKU price, `39.90` to `69`"
        );
    }

    #[test]
    fn an_item_price_is_a_price_within_the_platform_bounds() {
        assert_eq!(issues(priced(json!("59.999"))), vec![("SKU_PRICE_INVALID".into(), "/price".into())]);
        assert_eq!(issues(priced(json!("0"))), vec![("SKU_PRICE_INVALID".into(), "/price".into())]);
        assert_eq!(issues(priced(json!("100000000"))), vec![("PRICE_OUT_OF_RANGE".into(), "/price".into())]);
        // Without SKUs, only its own form and bounds.
        let mut l = priced(json!("5"));
        l["skus"] = json!([]);
        assert!(issues(l).iter().all(|(code, _)| code != "ITEM_PRICE_OUT_OF_SKU_RANGE"));
    }
}
