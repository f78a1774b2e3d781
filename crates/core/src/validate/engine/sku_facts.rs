//! What the SKU rules ask of every SKU's price, quantity, market price and outer id, read in
//! one pass over the listing's SKUs on first use.
//!
//! Seven rules look at those members of every SKU. Each keeps its own walk for the SKUs it
//! reports, but a walk only runs when these facts leave an issue possible: a listing whose
//! prices are all valid and inside the bounds, whose quantities are all whole and under the
//! limit, without market prices and with short outer ids (the usual one) costs one pass in
//! all, not one per rule.
//!
//! The facts cover the SKUs the rules walk: every SKU of the listing, or none past the SKU
//! limit (resolving leaves them all out then, and the limit rule reports it).

use crate::input::listing::Sku;
use crate::model::rule_model::Bound;
use crate::validate::rules::item_quantity::count;
use crate::validate::rules::price_range::value;

/// A valid price and the position of the SKU it is first found at.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PriceAt {
    pub value: f64,
    pub sku: usize,
}

/// The facts, see the module's documentation.
#[derive(Debug, Clone)]
pub(crate) struct SkuFacts {
    /// Each SKU's price value when it is a valid price.
    pub prices: Vec<Option<f64>>,
    /// Every SKU has a valid price.
    pub all_prices_valid: bool,
    /// The lowest and the highest valid price, each at the first SKU that has it.
    pub lowest: Option<PriceAt>,
    pub highest: Option<PriceAt>,
    /// Every SKU's quantity is a whole number of at least zero.
    pub all_quantities_whole: bool,
    /// The largest of the whole quantities; `None` when there is none.
    pub largest_quantity: Option<f64>,
    /// The sum of the quantities when every one is whole (saturating).
    pub quantity_sum: Option<u64>,
    /// Some SKU has a market price (blank or not).
    pub any_market_price: bool,
    /// The longest SKU outer id, in bytes of UTF-8 (never fewer than the platform counts).
    pub longest_outer_id: usize,
}

impl SkuFacts {
    /// Reads the facts of `skus` in one pass. The running figures are locals, not the
    /// struct's fields: this runs for every SKU, and locals stay in registers.
    pub fn of(skus: &[Sku]) -> SkuFacts {
        let mut prices = Vec::with_capacity(skus.len());
        let (mut lowest, mut highest) = (PriceAt { value: f64::INFINITY, sku: 0 }, PriceAt { value: 0.0, sku: 0 });
        let (mut any_price, mut all_prices_valid) = (false, true);
        let (mut largest_quantity, mut any_whole) = (0u64, false);
        let (mut quantity_sum, mut all_quantities_whole) = (0u64, true);
        let (mut any_market_price, mut longest_outer_id) = (false, 0usize);
        for (j, s) in skus.iter().enumerate() {
            let price = s.price.as_ref().and_then(value);
            prices.push(price);
            match price {
                Some(x) => {
                    // A valid price is positive: the first one is above 0 and below infinity.
                    if x < lowest.value {
                        lowest = PriceAt { value: x, sku: j };
                    }
                    if x > highest.value {
                        highest = PriceAt { value: x, sku: j };
                    }
                    any_price = true;
                }
                None => all_prices_valid = false,
            }
            match s.quantity.as_ref().and_then(count) {
                Some(n) => {
                    largest_quantity = largest_quantity.max(n);
                    any_whole = true;
                    quantity_sum = quantity_sum.saturating_add(n);
                }
                None => all_quantities_whole = false,
            }
            any_market_price |= s.market_price.is_some();
            longest_outer_id = longest_outer_id.max(s.outer_id.as_deref().map_or(0, str::len));
        }
        SkuFacts {
            prices,
            all_prices_valid,
            lowest: any_price.then_some(lowest),
            highest: any_price.then_some(highest),
            all_quantities_whole,
            largest_quantity: any_whole.then_some(largest_quantity as f64),
            quantity_sum: all_quantities_whole.then_some(quantity_sum),
            any_market_price,
            longest_outer_id,
        }
    }

    /// Whether every valid price lies within `min` and `max` (either absent: unbounded).
    /// Bounds admit a range, so the lowest and highest price settle it for all.
    pub fn prices_within(&self, min: Option<Bound>, max: Option<Bound>) -> bool {
        let (Some(lo), Some(hi)) = (self.lowest, self.highest) else { return true };
        min.is_none_or(|b| b.admits_above(lo.value)) && max.is_none_or(|b| b.admits_below(hi.value))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;
    use crate::validate::rules::testkit::*;
    use crate::{Catalog, Snapshot, ValidateOptions};
    use serde_json::{json, Value};

    fn skus(v: Value) -> Vec<Sku> {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn one_pass_reads_every_figure_the_rules_ask_for() {
        let f = SkuFacts::of(&skus(json!([
            {"price": "59.00", "quantity": 100, "outer_id": "A"},
            {"price": "39.90", "quantity": "5", "outer_id": "ABCDEF"},
            {"price": 69, "quantity": 7, "market_price": ""},
            {"price": "39.9", "quantity": 1},
            {"price": "59.999", "quantity": -1}
        ])));
        assert_eq!(f.prices, [Some(59.0), Some(39.9), Some(69.0), Some(39.9), None]);
        assert!(!f.all_prices_valid && !f.all_quantities_whole);
        // The first SKU with the lowest price names it, as the item price's message quotes it.
        assert_eq!(
            (f.lowest.map(|p| (p.value, p.sku)), f.highest.map(|p| (p.value, p.sku))),
            (Some((39.9, 1)), Some((69.0, 2)))
        );
        assert_eq!((f.largest_quantity, f.quantity_sum), (Some(100.0), None));
        assert!(f.any_market_price);
        assert_eq!(f.longest_outer_id, 6);

        let f = SkuFacts::of(&skus(json!([{"price": "1", "quantity": 2}, {"price": "2", "quantity": "3"}])));
        assert!(f.all_prices_valid && f.all_quantities_whole && !f.any_market_price);
        assert_eq!((f.quantity_sum, f.longest_outer_id), (Some(5), 0));
        assert!(
            f.prices_within(Some(Bound { value: 1.0, exclusive: false }), Some(Bound { value: 2.0, exclusive: false }))
        );
        assert!(!f.prices_within(Some(Bound { value: 1.0, exclusive: true }), None));
        assert!(!f.prices_within(None, Some(Bound { value: 2.0, exclusive: true })));

        let none = SkuFacts::of(&[]);
        assert!(none.all_prices_valid && none.all_quantities_whole && none.prices_within(None, None));
        assert_eq!((none.lowest.is_none(), none.largest_quantity, none.quantity_sum), (true, None, Some(0)));
    }

    /// A catalog whose limits and T-shirt price bounds are tighter than the demo's.
    fn bounded() -> Catalog {
        let mut s: Value = serde_json::to_value(demo_snapshot()).unwrap();
        s["limits"]["sku_quantity_max"] = json!({"value": 1000.0, "exclusive": false});
        let cats = s["categories"].as_array_mut().unwrap();
        let tee = cats.iter_mut().find(|c| c["id"] == json!(50010850)).unwrap();
        tee["price"] = json!({"min": {"value": 10.0, "exclusive": false}, "max": {"value": 100.0, "exclusive": false}});
        Catalog::compile(serde_json::from_value::<Snapshot>(s).unwrap()).unwrap()
    }

    fn found(catalog: &Catalog, l: Value) -> Vec<(String, String)> {
        pairs(&run(catalog, l, &ValidateOptions::default()))
    }

    #[test]
    fn the_one_sku_that_is_wrong_is_found_whatever_the_others() {
        let cat = bounded();
        assert_eq!(found(&cat, tshirt()), vec![]);
        let each = [
            ("price", json!("100.01"), "PRICE_OUT_OF_RANGE"),
            ("price", json!("9.99"), "PRICE_OUT_OF_RANGE"),
            ("price", json!("59.999"), "SKU_PRICE_INVALID"),
            ("quantity", json!(1001), "VALUE_OUT_OF_RANGE"),
            ("quantity", json!("1.5"), "SKU_QUANTITY_INVALID"),
            ("market_price", json!("58"), "VALUE_OUT_OF_RANGE"),
            ("outer_id", json!("A".repeat(65)), "VALUE_TOO_LONG"),
        ];
        for (member, value, code) in each {
            let mut l = tshirt();
            l["skus"][3][member] = value.clone();
            let path = format!("/skus/3/{member}");
            assert_eq!(found(&cat, l), vec![(code.to_owned(), path)], "{member} = {value}");
        }
        // The item's own price and quantity against the SKUs': the range names the first SKU
        // at each end, the sum counts every SKU.
        let mut l = tshirt();
        set(&mut l, "/skus/1/price", json!("49.00"));
        set(&mut l, "/skus/2/price", json!("49"));
        l["price"] = json!("48");
        l["quantity"] = json!(205);
        let report = run(&cat, l, &ValidateOptions::default());
        assert_eq!(pairs(&report), vec![("ITEM_PRICE_OUT_OF_SKU_RANGE".to_owned(), "/price".to_owned())]);
        assert!(matches!(&report.issues[0].kind,
            crate::report::IssueKind::ItemPriceOutOfSkuRange { min, max, .. } if min == "49.00" && max == "59.00"));
        let mut l = tshirt();
        l["quantity"] = json!(204);
        assert_eq!(found(&cat, l), vec![("ITEM_QUANTITY_MISMATCH".to_owned(), "/quantity".to_owned())]);
    }

    #[test]
    fn past_the_sku_limit_no_sku_is_read() {
        let mut s: Value = serde_json::to_value(demo_snapshot()).unwrap();
        s["limits"]["max_skus"] = json!(3);
        let cat = Catalog::compile(serde_json::from_value::<Snapshot>(s).unwrap()).unwrap();
        let mut l = tshirt();
        set(&mut l, "/skus/3/price", json!("59.999"));
        l["skus"][3]["outer_id"] = json!("A".repeat(65));
        l["price"] = json!("1");
        let codes: Vec<String> = found(&cat, l).into_iter().map(|(c, _)| c).collect();
        assert_eq!(codes, ["SKU_LIMIT_EXCEEDED"]);
    }
}
