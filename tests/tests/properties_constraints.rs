//! Property tests of typed constraints and conditions: a listing generated valid under random
//! constraints and conditions has no issue, and each single mutation gives exactly its code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use proptest::prelude::*;
use serde_json::{json, Value};
use shelfcheck_core::{Catalog, Listing, Snapshot, ValidateOptions};

const CID: i64 = 1;
/// A typed decimal with bounds.
const NUMBER: i64 = 10;
/// A typed code with length bounds and a pattern.
const CODE: i64 = 11;
/// A multi-valued enum with a value-count bound; conditions look at it.
const MATERIAL: i64 = 12;
/// Required while MATERIAL contains its first value.
const CONDITIONAL: i64 = 13;
/// Disabled while MATERIAL contains its second value.
const DISABLED: i64 = 14;

/// Random constraints, and a listing valid under them.
#[derive(Debug, Clone)]
struct Case {
    min: i64,
    max: i64,
    exclusive: bool,
    decimals: u32,
    bytes: bool,
    min_len: u32,
    max_len: u32,
    values: usize,
    max_values: usize,
    /// The number given (hundredths), within the bounds.
    number: i64,
    /// Length of the code given.
    code_len: u32,
    /// Materials chosen (indices into the values).
    chosen: Vec<usize>,
    /// Whether the condition is written with `in` instead of `contains`.
    with_in: bool,
}

fn case() -> impl Strategy<Value = Case> {
    (0i64..1000, 1i64..1000, any::<bool>(), 0u32..3, any::<bool>(), 1u32..6, 0u32..10, 2usize..6, any::<bool>())
        .prop_flat_map(|(min, span, exclusive, decimals, bytes, min_len, extra, values, with_in)| {
            let max = min + span;
            let max_len = min_len + extra;
            (
                Just((min, max, exclusive, decimals, bytes, min_len, max_len, values, with_in)),
                1usize..=values,
                // Strictly inside the bounds, in hundredths, so that exclusive bounds hold too.
                (min * 100 + 1)..(max * 100),
                min_len..=max_len,
            )
        })
        .prop_flat_map(
            |((min, max, exclusive, decimals, bytes, min_len, max_len, values, with_in), max_values, n, code_len)| {
                let chosen = proptest::sample::subsequence((0..values).collect::<Vec<_>>(), 1..=max_values);
                (
                    Just((
                        min, max, exclusive, decimals, bytes, min_len, max_len, values, with_in, max_values, n,
                        code_len,
                    )),
                    chosen,
                )
            },
        )
        .prop_map(
            |(
                (min, max, exclusive, decimals, bytes, min_len, max_len, values, with_in, max_values, n, code_len),
                chosen,
            )| {
                // Rounded to the allowed decimals, still strictly inside.
                let step = 10i64.pow(2 - decimals);
                let number = (n / step * step).max(min * 100 + step).min(max * 100 - step);
                Case {
                    min,
                    max,
                    exclusive,
                    decimals,
                    bytes,
                    min_len,
                    max_len,
                    values,
                    max_values,
                    number,
                    code_len,
                    chosen,
                    with_in,
                }
            },
        )
        .prop_filter("a number strictly inside the bounds exists", |c| c.number > c.min * 100 && c.number < c.max * 100)
}

fn snapshot(c: &Case) -> Value {
    let first = json!({"test": {"pid": MATERIAL, "op": if c.with_in { "in" } else { "contains" }, "values": [100]}});
    json!({
        "format": 1, "platform": "taobao",
        "categories": [{"id": CID, "name": "测试", "leaf": true}],
        "properties": [
            {"category_id": CID, "pid": NUMBER, "name": "含量", "input": "text", "constraints": {
                "value_type": "decimal", "max_decimals": c.decimals, "units": ["%"],
                "min": {"value": c.min, "exclusive": c.exclusive}, "max": {"value": c.max, "exclusive": c.exclusive}}},
            {"category_id": CID, "pid": CODE, "name": "货号", "input": "text", "constraints": {
                "min_length": c.min_len, "max_length": c.max_len,
                "length_unit": if c.bytes { "bytes" } else { "characters" },
                "patterns": [{"regex": "^[A-Z0-9]+$"}]}},
            {"category_id": CID, "pid": MATERIAL, "name": "材质", "multi": true, "constraints": {"max_values": c.max_values}},
            {"category_id": CID, "pid": CONDITIONAL, "name": "含棉量", "input": "text", "constraints": {"required_when": first}},
            {"category_id": CID, "pid": DISABLED, "name": "里料", "input": "text", "constraints": {
                "disabled_when": {"test": {"pid": MATERIAL, "op": "contains", "values": [101]}}}}
        ],
        "values": (0..c.values).map(|i| json!({"category_id": CID, "pid": MATERIAL, "vid": 100 + i as i64, "name": format!("材质{i}")})).collect::<Vec<_>>()
    })
}

fn number_text(hundredths: i64, decimals: u32) -> String {
    let v = hundredths as f64 / 100.0;
    format!("{v:.prec$}%", prec = decimals as usize)
}

fn listing(c: &Case) -> Value {
    let mut props = vec![
        json!({"pid": NUMBER, "text": number_text(c.number, c.decimals)}),
        json!({"pid": CODE, "text": "A".repeat(c.code_len as usize)}),
        json!({"pid": MATERIAL, "vids": c.chosen.iter().map(|i| 100 + *i as i64).collect::<Vec<_>>()}),
    ];
    if c.chosen.contains(&0) {
        props.push(json!({"pid": CONDITIONAL, "text": "95%"}));
    }
    if !c.chosen.contains(&1) {
        props.push(json!({"pid": DISABLED, "text": "网纱"}));
    }
    json!({"category_id": CID, "title": "测试商品", "props": props})
}

fn codes(c: &Case, listing: &Value) -> Vec<String> {
    let catalog = Catalog::compile(serde_json::from_value::<Snapshot>(snapshot(c)).unwrap()).unwrap();
    let l: Listing = serde_json::from_value(listing.clone()).unwrap();
    let report = catalog.validate(&l, &ValidateOptions::default());
    assert_eq!(catalog.is_valid(&l), report.valid);
    report.issues.iter().map(|i| i.code().as_str().to_owned()).collect()
}

fn prop_index(l: &Value, pid: i64) -> Option<usize> {
    l["props"].as_array().unwrap().iter().position(|p| p["pid"] == pid)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_listing_generated_valid_has_no_issue(c in case()) {
        let l = listing(&c);
        prop_assert!(codes(&c, &l).is_empty(), "{:?}\n{}", codes(&c, &l), l);
    }

    #[test]
    fn each_mutation_gives_exactly_its_code(c in case()) {
        let base = listing(&c);
        let set_text = |pid: i64, text: String| {
            let mut l = base.clone();
            let i = prop_index(&l, pid).unwrap();
            l["props"][i]["text"] = json!(text);
            l
        };
        let bound = if c.exclusive { c.max } else { c.max + 1 };
        prop_assert_eq!(codes(&c, &set_text(NUMBER, format!("{bound}%"))), vec!["VALUE_OUT_OF_RANGE"]);
        let low = if c.exclusive { c.min } else { c.min - 1 };
        if low >= 0 {
            prop_assert_eq!(codes(&c, &set_text(NUMBER, format!("{low}%"))), vec!["VALUE_OUT_OF_RANGE"]);
        }
        prop_assert_eq!(codes(&c, &set_text(NUMBER, "约九成".into())), vec!["VALUE_TYPE_INVALID"]);
        // min + 0.0…1 is inside (min, max) and has one decimal too many.
        let too_precise = format!("{}.{}1%", c.min, "0".repeat(c.decimals as usize));
        prop_assert_eq!(codes(&c, &set_text(NUMBER, too_precise)), vec!["VALUE_TYPE_INVALID"]);
        prop_assert_eq!(codes(&c, &set_text(CODE, "A".repeat(c.max_len as usize + 1))), vec!["VALUE_TOO_LONG"]);
        if c.min_len >= 2 {
            prop_assert_eq!(codes(&c, &set_text(CODE, "A".repeat(c.min_len as usize - 1))), vec!["VALUE_TOO_SHORT"]);
        }
        let lower = "a".repeat(c.code_len as usize);
        prop_assert_eq!(codes(&c, &set_text(CODE, lower)), vec!["VALUE_PATTERN_MISMATCH"]);
        if c.max_values < c.values {
            let mut l = base.clone();
            let i = prop_index(&l, MATERIAL).unwrap();
            // Over the count, keeping both conditions as they were: 材质0 stays, 材质1 stays out.
            let mut vids: Vec<i64> = c.chosen.iter().map(|i| 100 + *i as i64).collect();
            let spare: Vec<i64> = (2..c.values).map(|i| 100 + i as i64).filter(|v| !vids.contains(v)).collect();
            if vids.len() + spare.len() > c.max_values {
                vids.extend(spare.into_iter().take(c.max_values + 1 - vids.len()));
                l["props"][i]["vids"] = json!(vids);
                prop_assert_eq!(codes(&c, &l), vec!["VALUE_COUNT_OUT_OF_RANGE"]);
            }
        }
        if let Some(i) = prop_index(&base, CONDITIONAL) {
            let mut l = base.clone();
            l["props"].as_array_mut().unwrap().remove(i);
            prop_assert_eq!(codes(&c, &l), vec!["PROP_REQUIRED"]);
        }
        if c.chosen.contains(&1) {
            let mut l = base.clone();
            l["props"].as_array_mut().unwrap().push(json!({"pid": DISABLED, "text": "网纱"}));
            prop_assert_eq!(codes(&c, &l), vec!["PROP_DISABLED"]);
        }
    }
}

/// Required while the item price is at least [`Items::threshold`].
const PRICED: i64 = 15;

/// Random item-level rules (category price bounds, required item fields, a condition on the
/// item price) and item fields valid under them.
#[derive(Debug, Clone)]
struct Items {
    /// Category price bounds in yuan, inclusive.
    low: i64,
    high: i64,
    /// The item price in fen, within the bounds.
    price: i64,
    /// PRICED is required from this price (yuan) up.
    threshold: i64,
    /// Which of `REQUIRABLE` the category requires.
    required: Vec<usize>,
    quantity: u64,
    /// Start quantities of the 1688 price tiers, ascending.
    tiers: Vec<u64>,
}

const REQUIRABLE: [&str; 5] = ["description", "images", "location", "price", "stuff_status"];

fn items() -> impl Strategy<Value = Items> {
    (1i64..500, 1i64..500, 0u64..1_000_000, proptest::sample::subsequence((0..5).collect::<Vec<_>>(), 0..=5), 0usize..4)
        .prop_flat_map(|(low, span, quantity, required, tiers)| {
            let high = low + span;
            (
                Just((low, high, quantity, required)),
                (low * 100)..=(high * 100),
                low..=high,
                proptest::collection::btree_set(1u64..10_000, tiers),
            )
        })
        .prop_map(|((low, high, quantity, required), price, threshold, tiers)| Items {
            low,
            high,
            price,
            threshold,
            required,
            quantity,
            tiers: tiers.into_iter().collect(),
        })
}

fn item_snapshot(c: &Case, i: &Items) -> Value {
    let mut s = snapshot(c);
    let cat = &mut s["categories"][0];
    cat["price"] = json!({"min": {"value": i.low}, "max": {"value": i.high}});
    cat["required_fields"] = json!(i.required.iter().map(|&k| REQUIRABLE[k]).collect::<Vec<_>>());
    let priced = json!({"test": {"field": "price", "op": ">=", "values": [i.threshold.to_string()]}});
    s["properties"].as_array_mut().unwrap().push(json!(
        {"category_id": CID, "pid": PRICED, "name": "吊牌价", "input": "text", "constraints": {"required_when": priced}}));
    s
}

fn yuan(fen: i64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

/// The listing for `c` with item fields for `i`: PRICED given when the price asks for it.
fn item_listing(c: &Case, i: &Items, price: i64) -> Value {
    let mut l = listing(c);
    l["price"] = json!(yuan(price));
    l["quantity"] = json!(i.quantity);
    l["description"] = json!("纯棉面料, 透气舒适");
    l["images"] = json!(["https://img.example.com/a.jpg"]);
    l["location"] = json!({"state": "浙江", "city": "杭州"});
    l["stuff_status"] = json!("new");
    l["price_ranges"] =
        json!(i.tiers.iter().map(|&q| json!({"start_quantity": q, "price": yuan(i.price)})).collect::<Vec<_>>());
    if price >= i.threshold * 100 {
        l["props"].as_array_mut().unwrap().push(json!({"pid": PRICED, "text": "199"}));
    }
    l
}

fn item_codes(c: &Case, i: &Items, listing: &Value) -> Vec<String> {
    let catalog = Catalog::compile(serde_json::from_value::<Snapshot>(item_snapshot(c, i)).unwrap()).unwrap();
    let l = Listing::from_json(&listing.to_string()).unwrap();
    assert_eq!(&l, &serde_json::from_value::<Listing>(listing.clone()).unwrap());
    let report = catalog.validate(&l, &ValidateOptions::default());
    assert_eq!(catalog.is_valid(&l), report.valid);
    report.issues.iter().map(|i| i.code().as_str().to_owned()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_listing_with_item_fields_generated_valid_has_no_issue(c in case(), i in items()) {
        let l = item_listing(&c, &i, i.price);
        prop_assert!(item_codes(&c, &i, &l).is_empty(), "{:?}\n{}", item_codes(&c, &i, &l), l);
    }

    #[test]
    fn each_item_mutation_gives_exactly_its_code(c in case(), i in items()) {
        let base = item_listing(&c, &i, i.price);
        let codes = |l: &Value| item_codes(&c, &i, l);
        let edited = |edit: &dyn Fn(&mut Value)| {
            let mut l = base.clone();
            edit(&mut l);
            l
        };
        // A price out of the category's bounds (PRICED given as the new price asks).
        prop_assert_eq!(codes(&item_listing(&c, &i, i.high * 100 + 1)), vec!["PRICE_OUT_OF_RANGE"]);
        if i.low > 1 {
            prop_assert_eq!(codes(&item_listing(&c, &i, i.low * 100 - 1)), vec!["PRICE_OUT_OF_RANGE"]);
        }
        prop_assert_eq!(codes(&edited(&|l| l["price"] = json!(format!("{}1", yuan(i.price))))), vec!["SKU_PRICE_INVALID"]);
        prop_assert_eq!(codes(&edited(&|l| l["quantity"] = json!(-1))), vec!["SKU_QUANTITY_INVALID"]);
        prop_assert_eq!(codes(&edited(&|l| l["quantity"] = json!(900_000_001u64))), vec!["VALUE_OUT_OF_RANGE"]);
        prop_assert_eq!(codes(&edited(&|l| l["stuff_status"] = json!("used"))), vec!["VALUE_PATTERN_MISMATCH"]);
        prop_assert_eq!(codes(&edited(&|l| l["titel"] = json!("x"))), vec!["FIELD_UNKNOWN"]);
        if !i.tiers.is_empty() {
            // The first tier again at the end: its start is not above the one before.
            let repeated = |l: &mut Value| {
                let tiers = l["price_ranges"].as_array_mut().unwrap();
                let copy = tiers[0].clone();
                tiers.push(copy);
            };
            prop_assert_eq!(codes(&edited(&repeated)), vec!["VALUE_OUT_OF_RANGE"]);
        }
        // Each required field left out (PRICED, when given, stays: a property given where no
        // condition asks for it is no issue).
        for &k in &i.required {
            let field = REQUIRABLE[k];
            let l = edited(&|l| drop(l.as_object_mut().unwrap().remove(field)));
            prop_assert_eq!(codes(&l), vec!["FIELD_REQUIRED"], "{}", field);
        }
        if let Some(k) = prop_index(&base, PRICED) {
            let l = edited(&|l| drop(l["props"].as_array_mut().unwrap().remove(k)));
            prop_assert_eq!(codes(&l), vec!["PROP_REQUIRED"]);
        }
    }
}
