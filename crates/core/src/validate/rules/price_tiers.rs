//! 1688 price tiers (`price_ranges`, 起批量 and price): each price a valid price
//! (`SKU_PRICE_INVALID`) within the platform's and the category's bounds
//! (`PRICE_OUT_OF_RANGE`); each start quantity a whole number of at least 1
//! (`VALUE_TYPE_INVALID`, `VALUE_OUT_OF_RANGE`) and above the one before it
//! (`VALUE_OUT_OF_RANGE`, its minimum the previous tier's start, exclusive), as 1688's
//! `saleInfo.priceRanges` asks.

use super::item_price::blank;
use super::item_quantity::count;
use super::price_range::{out_of_bounds, value};
use super::Rule;
use crate::input::listing::Scalar;
use crate::model::rule_model::{Bound, ValueType};
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule = Rule {
    codes: &[Code::SkuPriceInvalid, Code::PriceOutOfRange, Code::ValueTypeInvalid, Code::ValueOutOfRange],
    check,
};

fn start_out_of_range(q: &Scalar, min: Bound) -> IssueKind {
    IssueKind::ValueOutOfRange {
        pid: None,
        prop: String::new(),
        field: Some("price_ranges".into()),
        value: q.as_text().into_owned(),
        min: Some(min),
        max: None,
    }
}

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    let mut previous: Option<u64> = None;
    for (i, tier) in ctx.listing.price_ranges.iter().enumerate() {
        if let Some(q) = tier.start_quantity.as_ref().filter(|q| !blank(q)) {
            let at = || format!("/price_ranges/{i}/start_quantity");
            match count(q) {
                None => {
                    let kind = IssueKind::ValueTypeInvalid {
                        pid: None,
                        prop: String::new(),
                        field: Some("price_ranges".into()),
                        value: q.as_text().into_owned(),
                        expected: ValueType::Integer,
                        max_decimals: None,
                    };
                    sink.error(kind, at());
                }
                Some(0) => sink.error(start_out_of_range(q, Bound { value: 1.0, exclusive: false }), at()),
                Some(n) => {
                    if let Some(p) = previous.filter(|&p| n <= p) {
                        sink.error(start_out_of_range(q, Bound { value: p as f64, exclusive: true }), at());
                    }
                    previous = Some(n);
                }
            }
        }
        if let Some(price) = tier.price.as_ref().filter(|p| !blank(p)) {
            let at = || format!("/price_ranges/{i}/price");
            match value(price) {
                None => sink.error(super::amount::invalid_price(price), at()),
                Some(x) => {
                    if let Some(kind) = out_of_bounds(ctx, price, x) {
                        sink.error(kind, at());
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::rules::testkit::*;
    use serde_json::json;

    fn tiers(t: serde_json::Value) -> Vec<(String, String)> {
        let mut l = tshirt();
        l["price_ranges"] = t;
        issues(l)
    }

    #[test]
    fn tiers_start_higher_each_time_and_price_within_bounds() {
        let ok = json!([{"start_quantity": 2, "price": "59.00"}, {"start_quantity": "100", "price": 55}]);
        assert_eq!(tiers(ok), vec![]);
        let same_start = json!([{"start_quantity": 10, "price": "59"}, {"start_quantity": 10, "price": "55"}]);
        assert_eq!(tiers(same_start), vec![("VALUE_OUT_OF_RANGE".into(), "/price_ranges/1/start_quantity".into())]);
        let zero = json!([{"start_quantity": 0, "price": "59"}]);
        assert_eq!(tiers(zero), vec![("VALUE_OUT_OF_RANGE".into(), "/price_ranges/0/start_quantity".into())]);
        let typed = json!([{"start_quantity": "两件", "price": "59"}]);
        assert_eq!(tiers(typed), vec![("VALUE_TYPE_INVALID".into(), "/price_ranges/0/start_quantity".into())]);
        let bad_price = json!([{"start_quantity": 1, "price": "5.999"}, {"start_quantity": 9, "price": "1e9"}]);
        assert_eq!(
            tiers(bad_price),
            vec![
                ("SKU_PRICE_INVALID".into(), "/price_ranges/0/price".into()),
                ("SKU_PRICE_INVALID".into(), "/price_ranges/1/price".into())
            ]
        );
        let too_high = json!([{"start_quantity": 1, "price": "100000000"}]);
        assert_eq!(tiers(too_high), vec![("PRICE_OUT_OF_RANGE".into(), "/price_ranges/0/price".into())]);
    }
}
