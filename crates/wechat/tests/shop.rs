//! WeChat shop categories: the documentation's samples in `fixtures/recordings/wechat-shop/`
//! import, a listing generated valid from the snapshot validates, and single mutations against
//! the category's rules give their codes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use serde_json::{json, Value};
use shelfcheck_core::model::snapshot::{InputMode, ValueType};
use shelfcheck_core::{synth, Catalog, Listing, Snapshot, ValidateOptions};
use shelfcheck_fetch::{read_exchange_texts, Exchange};
use shelfcheck_wechat::{import_exchanges, name_id, ImportOptions, ImportSummary};

const ALL: &str = include_str!("../../../fixtures/recordings/wechat-shop/channels.ec.category.all.ndjson");
const DETAIL: &str = include_str!("../../../fixtures/recordings/wechat-shop/channels.ec.category.detail__6194.ndjson");
const SHOP_CAT: &str = include_str!("../../../fixtures/recordings/wechat-shop/shop.cat.get__6493.ndjson");
const MINI_ALL: &str = include_str!("../../../fixtures/recordings/wechat-shop/getallcategories.ndjson");
const MINI_ACCOUNT: &str = include_str!("../../../fixtures/recordings/wechat-shop/getcategory.ndjson");
const SNAPSHOT: &str = include_str!("../../../fixtures/snapshots/wechat-shop.json");

fn import(texts: &[&str]) -> (Snapshot, ImportSummary) {
    import_exchanges(&read_exchange_texts(texts).unwrap(), &ImportOptions::default()).unwrap()
}

fn shop() -> (Snapshot, ImportSummary) {
    import(&[ALL, DETAIL, SHOP_CAT])
}

/// Codes of the issues a listing gets, in report order.
fn codes(catalog: &Catalog, listing: &Value) -> Vec<String> {
    let listing: Listing = serde_json::from_value(listing.clone()).unwrap();
    let report = catalog.validate(&listing, &ValidateOptions::default());
    report.issues.iter().map(|i| i.code().as_str().to_string()).collect()
}

/// The listing `synth::listing_for` generates, with each typed property's text made one of
/// its type (the generator writes the same text everywhere) and its first unit appended.
fn generated(catalog: &Catalog, cid: i64) -> Value {
    let listing = synth::listing_for(catalog, cid, 1).unwrap();
    let mut v = serde_json::to_value(&listing).unwrap();
    let cat = catalog.category(cid).unwrap();
    for entry in v["props"].as_array_mut().unwrap() {
        let Some(pid) = entry["pid"].as_i64() else { continue };
        let prop = cat.properties().iter().find(|p| p.property.pid == pid).unwrap();
        let Some(c) = prop.property.constraints.as_deref() else { continue };
        let number = match c.value_type {
            Some(ValueType::Integer) => "2",
            Some(ValueType::Decimal) => "1.25",
            _ => continue,
        };
        let unit = c.units.first().cloned().unwrap_or_default();
        entry["text"] = json!(format!("{number}{unit}"));
    }
    v
}

fn set_text(listing: &mut Value, pid: i64, text: &str) {
    let props = listing["props"].as_array_mut().unwrap();
    let entry = props.iter_mut().find(|p| p["pid"] == pid).unwrap();
    *entry = json!({"pid": pid, "text": text});
}

fn remove(listing: &mut Value, pid: i64) {
    listing["props"].as_array_mut().unwrap().retain(|p| p["pid"] != pid);
}

#[test]
fn the_shop_samples_import_three_levels_typed_attributes_and_qualifications() {
    let (s, summary) = shop();
    let cat = |id: i64| s.categories.iter().find(|c| c.id == id).unwrap();
    // Leaf → second level → first level, from both trees and from shop.cat.get.
    for (leaf, mid, top) in [(1003, 1002, 1001), (545709, 10000131, 10000126), (6493, 6489, 6472)] {
        assert!(cat(leaf).leaf && !cat(mid).leaf && !cat(top).leaf);
        assert_eq!((cat(leaf).parent_id, cat(mid).parent_id, cat(top).parent_id), (Some(mid), Some(top), None));
    }
    // Only the mandatory product qualification of 1003; the required one of shop.cat.get.
    assert_eq!(cat(1003).qualifications.len(), 1);
    assert_eq!(cat(1003).qualifications[0].alternatives, ["作品授权证明/大师资质证明"]);
    assert_eq!(cat(6493).qualifications[0].alternatives, ["《国家强制性产品认证证书》（CCC安全认证证书）"]);
    // The detail's category is in neither tree: described as a top-level leaf, and said so.
    assert_eq!(summary.synthesised, [6194]);
    assert_eq!(cat(6194).name, "安全座椅");
    assert!(cat(6194).qualifications.is_empty(), "no product qualification of 6194 is mandatory");
    assert_eq!(cat(6194).features.get("deposit").map(String::as_str), Some("500000"));
    assert_eq!(cat(6194).features.get("is_limit_brand").map(String::as_str), Some("false"));
    let prop = |name: &str| s.properties.iter().find(|p| p.name == name).unwrap();
    assert_eq!(prop("材质").pid, name_id("材质"));
    assert!(prop("材质").must && prop("材质").input == InputMode::Enum && !prop("材质").multi);
    assert!(prop("适用人群").multi && !prop("适用人群").must);
    assert_eq!(prop("适用人群").constraints.as_deref().unwrap().custom_values, Some(false));
    assert_eq!(prop("数量").constraints.as_deref().unwrap().value_type, Some(ValueType::Integer));
    let precision = prop("精度").constraints.as_deref().unwrap();
    assert_eq!((precision.value_type, precision.max_decimals), (Some(ValueType::Decimal), Some(4)));
    let weight = prop("重量").constraints.as_deref().unwrap();
    assert_eq!(weight.units, ["mg", "kg", "g"], "longest first, so that 9kg is read as 9 kg");
    assert_eq!(prop("产地").constraints.as_deref().unwrap().hint.as_deref(), Some("生产地"));
    let materials = s.values.iter().filter(|v| v.pid == prop("材质").pid).count();
    assert_eq!(materials, 7);
    assert!(summary.left_out.is_empty() && summary.ignored.is_empty());
    Catalog::compile(s).unwrap();
}

#[test]
fn the_committed_snapshot_is_the_import_of_the_recordings_and_repeats_byte_for_byte() {
    let (a, _) = shop();
    let (b, _) = shop();
    let text = serde_json::to_string_pretty(&a).unwrap() + "\n";
    assert_eq!(text, serde_json::to_string_pretty(&b).unwrap() + "\n");
    assert_eq!(text, SNAPSHOT, "rebuild with: shelfcheck snapshot import wechat fixtures/recordings/wechat-shop/channels.* fixtures/recordings/wechat-shop/shop.* -o fixtures/snapshots/wechat-shop.json");
}

#[test]
fn a_generated_listing_validates_and_single_mutations_give_their_codes() {
    let (s, _) = shop();
    let catalog = Catalog::compile(s).unwrap();
    let valid = generated(&catalog, 6194);
    assert_eq!(codes(&catalog, &valid), Vec::<String>::new(), "{valid}");
    let mut m = valid.clone();
    remove(&mut m, name_id("材质"));
    assert_eq!(codes(&catalog, &m), ["PROP_REQUIRED"]);
    let mut m = valid.clone();
    let material = name_id("材质");
    let entry = m["props"].as_array_mut().unwrap().iter_mut().find(|p| p["pid"] == material).unwrap();
    *entry = json!({"name": "材质", "values": ["木头"]});
    assert_eq!(codes(&catalog, &m), ["PROP_VALUE_UNKNOWN"]);
    let mut m = valid.clone();
    set_text(&mut m, name_id("数量"), "1.5");
    assert_eq!(codes(&catalog, &m), ["VALUE_TYPE_INVALID"]);
    let mut m = valid.clone();
    set_text(&mut m, name_id("精度"), "0.12345");
    assert_eq!(codes(&catalog, &m), ["VALUE_TYPE_INVALID"]);
    // Every leaf of the trees validates a generated listing; a mandatory qualification left
    // out is reported.
    for cid in [1003, 545709, 6493] {
        let mut listing = generated(&catalog, cid);
        assert_eq!(codes(&catalog, &listing), ["QUALIFICATION_MISSING"].repeat(usize::from(cid != 545709)));
        let proof = catalog.category(cid).unwrap().category.qualifications.first().map(|q| q.alternatives[0].clone());
        if let Some(name) = proof {
            listing["qualifications"] = json!([{"name": name, "document": "scan.pdf"}]);
            assert_eq!(codes(&catalog, &listing), Vec::<String>::new());
        }
    }
}

/// A detail answer shaped like the sample with the rules the sample leaves out: a floor price,
/// a brand limit, a sale attribute that takes the seller's own values, an unknown type.
fn detail_with_rules() -> Exchange {
    let body = json!({
        "errcode": 0, "errmsg": "ok",
        "info": {"cat_id": "6194", "name": "安全座椅"},
        "attr": {
            "floor_price": "990",
            "is_limit_brand": true,
            "brand_list": [{"brand_id": "10000031"}, {"brand_id": "10003026"}],
            "product_attr_list": [
                {"name": "材质", "type_v2": "select_one", "value": "塑料;金属", "is_required": true},
                {"name": "颜色", "type_v2": "select_many", "value": "红;蓝", "append_allowed": true},
                {"name": "尺寸", "type_v2": "area", "value": ""}
            ],
            "sale_attr_list": [{"name": "款式", "type_v2": "select_one", "value": "基础款;豪华款"}]
        },
        "product_qua_list": [{"qua_id": "1", "name": "3C认证", "mandatory": true, "tips": ""}]
    });
    Exchange::new("wechat", "channels.ec.category.detail", [("cat_id", "6194")], &body.to_string())
}

#[test]
fn floor_price_brand_limit_custom_values_and_unknown_types() {
    let (s, summary) = import_exchanges(&[detail_with_rules()], &ImportOptions::default()).unwrap();
    let cat = &s.categories[0];
    assert_eq!(cat.price.unwrap().min.unwrap().value, 9.9);
    assert_eq!(cat.qualifications[0].alternatives, ["3C认证"]);
    assert_eq!(summary.left_out.len(), 1);
    assert!(summary.left_out[0].en.contains("unknown type `area`"), "{:?}", summary.left_out);
    let style = s.properties.iter().find(|p| p.name == "款式").unwrap();
    assert!(style.sale && style.multi, "a sale attribute: SKUs are built from its values");
    let catalog = Catalog::compile(s).unwrap();
    let base = json!({
        "category_id": 6194, "title": "儿童安全座椅",
        "props": [{"name": "材质", "values": ["塑料"]}, {"name": "品牌", "vids": [10000031]},
                  {"name": "颜色", "values": ["红"]}, {"name": "尺寸", "text": "40x40"}],
        "qualifications": [{"name": "3C认证", "document": "c.pdf"}],
        "skus": [{"props": [], "price": "9.90", "quantity": 1}]
    });
    assert_eq!(codes(&catalog, &base), Vec::<String>::new());
    let mut m = base.clone();
    m["skus"][0]["price"] = json!("9.80");
    assert_eq!(codes(&catalog, &m), ["PRICE_OUT_OF_RANGE"]);
    let mut m = base.clone();
    m["props"][1] = json!({"name": "品牌", "vids": [10000032]});
    assert_eq!(codes(&catalog, &m), ["PROP_VALUE_UNKNOWN"]);
    let mut m = base.clone();
    m["props"][2] = json!({"name": "颜色", "text": "渐变紫"});
    assert_eq!(codes(&catalog, &m), Vec::<String>::new(), "append_allowed: the seller's own value");
}

#[test]
fn a_chain_that_is_not_three_levels_deep_is_refused_with_the_category_named() {
    let body = json!({"errcode": 0, "cats_v2": [{"cat_and_qua": [
        {"cat": {"cat_id": "7", "name": "坐垫", "f_cat_id": "6", "level": 2, "leaf": true}},
        {"cat": {"cat_id": "6", "name": "汽车", "f_cat_id": "0", "level": 1}}]}]});
    let ex = Exchange::new("wechat", "channels.ec.category.all", Vec::<(String, String)>::new(), &body.to_string());
    let (s, summary) = import_exchanges(std::slice::from_ref(&ex), &ImportOptions::default()).unwrap();
    assert!(s.categories.is_empty());
    assert!(summary.ignored[0].2.contains("坐垫 (7) is at level 2"), "{:?}", summary.ignored);
    let strict = ImportOptions { strict: true, ..ImportOptions::default() };
    assert!(import_exchanges(&[ex], &strict).is_err());
}

#[test]
fn a_failed_detail_call_marks_its_category_incomplete_unless_answered_later() {
    let failed = Exchange::new(
        "wechat",
        "channels.ec.category.detail",
        [("cat_id", "6194")],
        r#"{"errcode":-1,"errmsg":"system error"}"#,
    );
    let (s, summary) = import_exchanges(std::slice::from_ref(&failed), &ImportOptions::default()).unwrap();
    assert_eq!(summary.incomplete, [6194]);
    assert!(s.categories[0].incomplete);
    let exchanges = [failed, read_exchange_texts(&[DETAIL]).unwrap().remove(0)];
    let (s, summary) = import_exchanges(&exchanges, &ImportOptions::default()).unwrap();
    assert!(summary.incomplete.is_empty() && !s.categories[0].incomplete);
}

#[test]
fn the_mini_program_samples_import_with_the_fields_that_bear_on_publishing() {
    let (s, summary) = import(&[MINI_ALL, MINI_ACCOUNT]);
    assert_eq!(s.categories.iter().map(|c| c.id).collect::<Vec<_>>(), [1, 920]);
    assert_eq!(summary.reparented, [920]);
    assert_eq!(s.categories[1].qualifications[0].alternatives, ["《律师执业资格证》"]);
    let scope = s.seller.as_ref().unwrap();
    assert_eq!((scope.quota, scope.limit, scope.category_limit), (Some(4), Some(5), Some(20)));
    // The samples carry none of the undocumented fields; a real answer's are kept.
    assert!(s.categories.iter().all(|c| c.features.is_empty()));
    let body = r#"{"errcode":0,"categories_list":{"categories":[{"id":5,"name":"快递","level":1,"father":0,
        "children":[],"can_apply":0,"biz_cannot_use":1,"scope":"企业","is_hidden":false,"type_list":[1]}]}}"#;
    let ex = Exchange::new("wechat", "getallcategories", Vec::<(String, String)>::new(), body);
    let (s, _) = import_exchanges(&[ex], &ImportOptions::default()).unwrap();
    let f = &s.categories[0].features;
    assert_eq!(
        f.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>(),
        ["biz_cannot_use=1", "can_apply=0", "is_hidden=false", "scope=企业"]
    );
}
