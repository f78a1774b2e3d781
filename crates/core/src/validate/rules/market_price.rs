//! A SKU's `market_price` (the price shown struck through; WeChat requires it above the sale
//! price): `SKU_PRICE_INVALID` when it is not a price, `VALUE_OUT_OF_RANGE` when it is not
//! above the SKU's valid sale price (its minimum, exclusive, is the sale price).

use super::item_price::blank;
use super::price_range::value;
use super::Rule;
use crate::model::rule_model::Bound;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule = Rule { codes: &[Code::SkuPriceInvalid, Code::ValueOutOfRange], check };

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    if !ctx.sku_facts().any_market_price {
        return;
    }
    for sku in &ctx.skus.list {
        let j = sku.index;
        let s = &ctx.listing.skus[j];
        // Nearly every SKU has none: one test each.
        let Some(market) = s.market_price.as_ref().filter(|p| !blank(p)) else { continue };
        let at = || format!("/skus/{j}/market_price");
        let Some(m) = value(market) else {
            sink.error(super::amount::invalid_price(market), at());
            continue;
        };
        let Some(sale) = ctx.sku_price(j) else { continue };
        if m <= sale {
            let kind = IssueKind::ValueOutOfRange {
                pid: None,
                prop: String::new(),
                field: Some("market_price".into()),
                value: market.as_text().into_owned(),
                min: Some(Bound { value: sale, exclusive: true }),
                max: None,
            };
            sink.error(kind, at());
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::rules::testkit::*;
    use crate::{Locale, ValidateOptions};
    use serde_json::json;

    fn market(p: serde_json::Value) -> serde_json::Value {
        let mut l = tshirt();
        l["skus"][1]["market_price"] = p;
        l
    }

    #[test]
    fn a_market_price_is_a_price_above_the_sale_price() {
        for fine in [json!("59.01"), json!(99), json!(null), json!("")] {
            assert_eq!(issues(market(fine.clone())), vec![], "{fine}");
        }
        for low in [json!("59.00"), json!(59), json!("10")] {
            assert_eq!(issues(market(low.clone())), vec![("VALUE_OUT_OF_RANGE".into(), "/skus/1/market_price".into())]);
        }
        assert_eq!(issues(market(json!("9.999"))), vec![("SKU_PRICE_INVALID".into(), "/skus/1/market_price".into())]);
        let en = run(&demo(), market(json!("50")), &ValidateOptions { locale: Locale::En, ..Default::default() });
        assert!(
            en.issues[0].message.contains("`50`") && en.issues[0].message.contains("59"),
            "{}",
            en.issues[0].message
        );
    }
}
