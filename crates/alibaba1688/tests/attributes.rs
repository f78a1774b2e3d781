//! 1688 attributes: the official documentation's examples in `fixtures/recordings/1688/`
//! import, a listing generated valid from the snapshot validates, and single mutations against
//! the category's rules (a required attribute removed, a value not allowed, a cascade
//! triggered) give their codes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use serde_json::{json, Value};
use shelfcheck_1688::{import_exchanges, ImportOptions, ATTRIBUTE_METHOD, PLATFORM};
use shelfcheck_core::{synth, Catalog, Listing, ValidateOptions};
use shelfcheck_fetch::{read_exchange_texts, Exchange};

const DOC: &str =
    include_str!("../../../fixtures/recordings/1688/alibaba.category.attribute.get__official-doc-example.ndjson");
const CASCADE: &str = include_str!(
    "../../../fixtures/recordings/1688/alibaba.category.attribute.get__attributeLevelMapStr__official-doc-example.ndjson"
);
const SNAPSHOT: &str = include_str!("../../../fixtures/snapshots/1688-attributes.json");

fn codes(catalog: &Catalog, listing: &Value) -> Vec<String> {
    let listing: Listing = serde_json::from_value(listing.clone()).unwrap();
    let report = catalog.validate(&listing, &ValidateOptions::default());
    report.issues.iter().map(|i| i.code().as_str().to_string()).collect()
}

fn attributes(cid: i64, body: Value) -> Exchange {
    Exchange::new(PLATFORM, ATTRIBUTE_METHOD, [("categoryID", cid.to_string())], &body.to_string())
}

#[test]
fn the_documentation_examples_import_and_name_the_cascades_they_cannot_hold() {
    let exchanges = read_exchange_texts(&[DOC, CASCADE]).unwrap();
    let (s, summary) = import_exchanges(&exchanges, &ImportOptions::default()).unwrap();
    assert_eq!(summary.used, 2);
    assert_eq!(summary.synthesised, [1, 2]);
    let p = &s.properties[0];
    assert_eq!((p.pid, p.name.as_str(), p.must, p.multi), (2489638, "风格类型", true, false));
    assert_eq!((s.values[0].vid, s.values[0].name.as_str()), (91043051, "气质通勤"));
    // The examples are abridged: the cascades' values are not among the listed ones.
    let en: Vec<&str> = summary.left_out.iter().map(|l| l.en.as_str()).collect();
    assert_eq!(
        en,
        [
            "cascade `2489638:9955810` → 973: the answer has no value 9955810 of attribute 风格类型 (2489638)",
            "cascade `100000691:46874>7108:21958` → 8243: the answer has no value 46874 of attribute 100000691",
            "cascade `1811:3289490` → 20602,2917380,7001: the answer has no value 3289490 of attribute 1811",
        ]
    );
    let again = import_exchanges(&exchanges, &ImportOptions::default()).unwrap().0;
    let text = serde_json::to_string_pretty(&s).unwrap() + "\n";
    assert_eq!(text, serde_json::to_string_pretty(&again).unwrap() + "\n");
    assert_eq!(text, SNAPSHOT, "rebuild with: shelfcheck snapshot import 1688 fixtures/recordings/1688/*.ndjson -o fixtures/snapshots/1688-attributes.json");
}

#[test]
fn a_generated_listing_validates_and_single_mutations_give_their_codes() {
    let exchanges = read_exchange_texts(&[DOC]).unwrap();
    let catalog = Catalog::compile(import_exchanges(&exchanges, &ImportOptions::default()).unwrap().0).unwrap();
    let valid = serde_json::to_value(synth::listing_for(&catalog, 1, 1).unwrap()).unwrap();
    assert_eq!(codes(&catalog, &valid), Vec::<String>::new());
    let mut m = valid.clone();
    m["props"] = json!([]);
    assert_eq!(codes(&catalog, &m), ["PROP_REQUIRED"]);
    let mut m = valid.clone();
    m["props"] = json!([{"name": "风格类型", "values": ["韩版"]}]);
    assert_eq!(codes(&catalog, &m), ["PROP_VALUE_UNKNOWN"]);
    let mut m = valid;
    m["title"] = json!("女".repeat(129));
    assert_eq!(codes(&catalog, &m), ["TITLE_TOO_LONG"]);
}

/// The cascade of the documentation (货源类别 → 是否库存 → 库存类型, 连衣裙) with the values
/// its path names, and SKU attributes as the `alibaba.product.add` sample uses them (颜色 3216,
/// 尺码 450); constructed, since the examples are abridged.
fn dress() -> Catalog {
    let body = json!({
        "attributeLevelMapStr": "{\"100000691:46874>7108:21958\":\"8243\"}",
        "attributes": [
            {"attrID": 100000691, "name": "货源类别", "required": true, "inputType": "1",
             "attrValues": [{"attrValueID": 46874, "name": "现货"}, {"attrValueID": 46875, "name": "订货"}]},
            {"attrID": 7108, "name": "是否库存", "inputType": "3",
             "attrValues": [{"attrValueID": 21958, "name": "是"}, {"attrValueID": 21959, "name": "否"}]},
            {"attrID": 8243, "name": "库存类型", "inputType": "1",
             "attrValues": [{"attrValueID": 1, "name": "整单"}, {"attrValueID": 2, "name": "尾单"}]},
            {"attrID": 149092418, "name": "主面料成分含量", "inputType": "-1", "units": ["%"]},
            {"attrID": 3216, "name": "颜色", "isSKUAttribute": true, "isSpecPicAttr": true, "inputType": "1",
             "attrValues": [{"attrValueID": 28320, "name": "白色"}]},
            {"attrID": 450, "name": "尺码", "isSKUAttribute": true, "inputType": "1",
             "attrValues": [{"attrValueID": 72, "name": "均码（外贸加长版）"}]}
        ]
    });
    let (s, summary) = import_exchanges(&[attributes(122196005, body)], &ImportOptions::default()).unwrap();
    assert!(summary.left_out.is_empty(), "{:?}", summary.left_out);
    Catalog::compile(s).unwrap()
}

fn dress_listing() -> Value {
    json!({
        "category_id": 122196005,
        "title": "孕妇装裙子夏季大牌走秀原单肩章系带不规则雪纺连衣裙",
        "props": [
            {"name": "货源类别", "values": ["现货"]},
            {"name": "是否库存", "values": ["否"]},
            {"name": "主面料成分含量", "text": "90%"},
            {"name": "颜色", "values": ["白色"], "vids": [-1], "aliases": {"-1": "砖红色"}},
            {"name": "尺码", "values": ["均码（外贸加长版）"]}
        ],
        "skus": [{"props": [{"name": "颜色", "value": "白色"}, {"name": "尺码", "value": "均码（外贸加长版）"}],
                  "price": "39.00", "quantity": 888},
                 {"props": [{"name": "颜色", "vid": -1}, {"name": "尺码", "value": "均码（外贸加长版）"}],
                  "price": "39.00", "quantity": 10}]
    })
}

#[test]
fn a_cascade_requires_its_attribute_once_every_step_is_chosen() {
    let catalog = dress();
    let listing = dress_listing();
    // SKUs keyed by attribute text, and a colour of the seller's own (a negative id).
    assert_eq!(codes(&catalog, &listing), Vec::<String>::new());
    let mut m = listing.clone();
    m["props"][1] = json!({"name": "是否库存", "values": ["是"]});
    assert_eq!(codes(&catalog, &m), ["PROP_REQUIRED"], "现货 > 是: 库存类型 is required");
    m["props"].as_array_mut().unwrap().push(json!({"name": "库存类型", "values": ["尾单"]}));
    assert_eq!(codes(&catalog, &m), Vec::<String>::new());
    let mut m = listing.clone();
    m["props"][0] = json!({"name": "货源类别", "values": ["订货"]});
    m["props"][1] = json!({"name": "是否库存", "values": ["是"]});
    assert_eq!(codes(&catalog, &m), Vec::<String>::new(), "only the whole path triggers the cascade");
    let mut m = listing;
    m["props"][2] = json!({"name": "主面料成分含量", "text": "九成"});
    assert_eq!(codes(&catalog, &m), ["VALUE_TYPE_INVALID"]);
}

#[test]
fn a_failed_attribute_call_marks_its_category_incomplete_unless_answered_later() {
    let failed = attributes(1, json!({"success": false, "errorCode": "500_2", "errorMsg": "数据准备中,请稍后重试。"}));
    let gateway =
        attributes(3, json!({"error_code": "gw.SignatureInvalid", "error_message": "Request signature is invalid"}));
    let (s, summary) = import_exchanges(&[failed.clone(), gateway], &ImportOptions::default()).unwrap();
    assert_eq!(summary.incomplete, [1, 3]);
    assert!(s.categories.iter().all(|c| c.incomplete));
    assert!(summary.ignored[0].2.contains("500_2"), "{:?}", summary.ignored);
    let good = read_exchange_texts(&[DOC]).unwrap().remove(0);
    let (s, summary) = import_exchanges(&[failed, good], &ImportOptions::default()).unwrap();
    assert!(summary.incomplete.is_empty() && !s.categories[0].incomplete);
    let no_category = Exchange::new(PLATFORM, ATTRIBUTE_METHOD, Vec::<(String, String)>::new(), "{\"attributes\":[]}");
    let (_, summary) = import_exchanges(&[no_category], &ImportOptions::default()).unwrap();
    assert!(summary.ignored[0].2.contains("`categoryID`"), "{:?}", summary.ignored);
}
