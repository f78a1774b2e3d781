//! Every publish-schema sample of `fixtures/recordings/tmall-schema/` (real answers, see its
//! PROVENANCE.md) imports into a snapshot that compiles and re-imports byte for byte; a listing
//! built from each imported snapshot validates, and single mutations against the imported
//! rules (a required property removed, a length bound crossed, a condition triggered) give the
//! codes the rules call for.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use std::path::PathBuf;

use serde_json::{json, Value};
use shelfcheck_core::model::rule_model::{Condition, Op, Operand, Test, ValueType};
use shelfcheck_core::model::snapshot::{InputMode, Property, Snapshot};
use shelfcheck_core::{Catalog, Listing, ValidateOptions};
use shelfcheck_taobao::schema::SchemaSummary;
use shelfcheck_taobao::{import_texts, snapshot_bytes, ImportOptions};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/recordings/tmall-schema")
}

fn samples() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ndjson"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    out.sort();
    out
}

fn import(text: &str) -> (Snapshot, SchemaSummary) {
    let (snap, summary) = import_texts(&[text], &ImportOptions::default()).unwrap();
    assert!(summary.ignored.is_empty(), "{summary:?}");
    (snap, summary.schema)
}

/// A typed value the property's constraints accept.
fn text_for(p: &Property) -> String {
    let c = p.constraints.as_deref().cloned().unwrap_or_default();
    let low = c.min.map_or(1.0, |b| b.value.floor() + 1.0);
    let number = c.max.map_or(low, |b| low.min(b.value.ceil() - 1.0)).max(0.0);
    match c.value_type {
        Some(ValueType::Integer | ValueType::Decimal) => format!("{number}"),
        Some(ValueType::Date) => "2024-05-01".into(),
        Some(ValueType::Url) => "https://img.example.com/a.jpg".into(),
        _ => "A".repeat(c.min_length.unwrap_or(1).max(1) as usize),
    }
}

fn properties(snap: &Snapshot) -> Vec<&Property> {
    let mut props: Vec<&Property> = snap.properties.iter().collect();
    props.sort_by_key(|p| p.sort_order);
    props
}

/// A listing giving every property that is not always off: the first values of enum
/// properties (as many as a minimum count asks), typed text for text properties, one SKU.
/// Properties a condition switches off for these choices are then left out.
fn valid_listing(snap: &Snapshot, catalog: &Catalog) -> Value {
    let cid = snap.categories[0].id;
    let mut props = Vec::new();
    let mut sku = Vec::new();
    for p in properties(snap) {
        let c = p.constraints.as_deref().cloned().unwrap_or_default();
        if c.disabled_when == Some(Condition::All(Vec::new())) {
            continue;
        }
        let vids: Vec<i64> = snap.values.iter().filter(|v| v.pid == p.pid).map(|v| v.vid).collect();
        if p.input == InputMode::Text || vids.is_empty() {
            props.push(json!({"pid": p.pid, "text": text_for(p)}));
            continue;
        }
        let n = if p.multi { c.min_values.unwrap_or(1).max(1) as usize } else { 1 };
        props.push(json!({"pid": p.pid, "vids": vids.iter().take(n).collect::<Vec<_>>()}));
        if p.sale {
            sku.push(json!({"pid": p.pid, "vid": vids[0]}));
        }
    }
    let skus = if sku.is_empty() { json!([]) } else { json!([{"props": sku, "price": "10.00", "quantity": 5}]) };
    let mut listing = json!({"category_id": cid, "title": "天猫新品", "props": props, "skus": skus});
    for field in &snap.categories[0].required_fields {
        listing[field.as_str()] = item_field(field);
    }
    for _ in 0..4 {
        let report = validate(catalog, &listing);
        let off: Vec<usize> = report
            .iter()
            .filter(|(code, _)| code == "PROP_DISABLED")
            .filter_map(|(_, path)| path.strip_prefix("/props/")?.split('/').next()?.parse().ok())
            .collect();
        if off.is_empty() {
            break;
        }
        let list = listing["props"].as_array_mut().unwrap();
        for i in off.into_iter().rev() {
            list.remove(i);
        }
    }
    listing
}

/// A plausible value for an item field the schema requires (the SKU table above has one SKU
/// of 5 at 10.00, which the item quantity and price agree with).
fn item_field(field: &str) -> Value {
    match field {
        "price" => json!("10.00"),
        "quantity" => json!(5),
        "description" => json!("<p>天猫新品, 正品保证</p>"),
        "images" => json!(["https://img.alicdn.com/imgextra/i1/main.jpg"]),
        "location" => json!({"state": "浙江", "city": "杭州"}),
        "stuff_status" => json!("new"),
        "min_order_quantity" => json!(1),
        "price_ranges" => json!([{"start_quantity": 1, "price": "10.00"}]),
        "unit" => json!("件"),
        "barcode" => json!("6901234567892"),
        _ => json!("A-1024"),
    }
}

fn validate(catalog: &Catalog, listing: &Value) -> Vec<(String, String)> {
    let listing = Listing::from_json(&listing.to_string()).unwrap();
    let report = catalog.validate(&listing, &ValidateOptions::default());
    report
        .issues
        .iter()
        .filter(|i| i.severity == shelfcheck_core::Severity::Error)
        .map(|i| (i.code().as_str().to_owned(), i.path.clone()))
        .collect()
}

fn codes(catalog: &Catalog, listing: &Value) -> Vec<String> {
    validate(catalog, listing).into_iter().map(|(c, _)| c).collect()
}

fn position(listing: &Value, pid: i64) -> Option<usize> {
    listing["props"].as_array().unwrap().iter().position(|p| p["pid"] == pid)
}

#[test]
fn every_sample_imports_and_reimports_byte_for_byte() {
    let all = samples();
    assert_eq!(all.len(), 11, "ten samples and the tightened jade schema");
    for (name, text) in &all {
        let (snap, summary) = import(text);
        assert_eq!(summary.schemas, 1, "{name}");
        assert_eq!(
            summary.rules,
            summary.checked + summary.hints + summary.dev_notes + summary.not_held,
            "{name}: every rule is accounted for once: {summary:?}"
        );
        Catalog::compile(snap.clone()).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let (again, _) = import(text);
        assert_eq!(snapshot_bytes(&snap), snapshot_bytes(&again), "{name}");
    }
}

#[test]
fn the_whole_item_schema_maps_its_properties_sku_and_item_fields() {
    let (snap, s) = import(&std::fs::read_to_string(dir().join("item-add-pacifier.ndjson")).unwrap());
    let cat = &snap.categories[0];
    assert_eq!(cat.id, 99000001);
    assert_eq!(cat.required_fields, ["description", "location", "price", "quantity", "stuff_status", "title"]);
    // SKU prices: above 0, below 100,000,000 (the item price's own bounds give way to them).
    let price = cat.price.unwrap();
    assert_eq!((price.min.unwrap().value, price.min.unwrap().exclusive), (0.0, true));
    assert_eq!((price.max.unwrap().value, price.max.unwrap().exclusive), (100_000_000.0, true));
    let colour = snap.properties.iter().find(|p| p.pid == 1627207).unwrap();
    assert!(colour.sale && colour.multi && colour.allow_alias && colour.color);
    let hint = colour.constraints.as_ref().unwrap().hint.as_deref().unwrap();
    assert!(hint.contains("SKU与类目销售属性必须匹配") && hint.contains("SKU价格受类目限制"), "{hint}");
    let material = snap.properties.iter().find(|p| p.pid == 20021).unwrap();
    assert!(material.must && material.input == InputMode::Enum);
    // Named server-side rules, image sizes and tips are hints; none of it is silently lost.
    assert!(s.hints > 0 && s.not_held > 0 && s.dev_notes > 0, "{s:?}");
}

#[test]
fn custom_input_fields_open_a_property_and_conditions_become_rules() {
    let (snap, _) = import(&std::fs::read_to_string(dir().join("product-add-bag.ndjson")).unwrap());
    let pattern = snap.properties.iter().find(|p| p.pid == 20603).unwrap();
    assert_eq!(pattern.input, InputMode::EnumOrText);
    let craft = snap.properties.iter().find(|p| p.pid == 122216629).unwrap();
    let test = |op| Condition::Test(Test { pid: Some(20021), field: None, op, values: vec![Operand::Vid(3323086)] });
    let c = craft.constraints.as_deref().unwrap();
    assert!(!craft.must);
    assert_eq!(c.disabled_when, Some(test(Op::Ne)));
    assert_eq!(c.required_when, Some(test(Op::Eq)));
    // The "other" switch (-1) is the custom input, not a value.
    assert!(snap.values.iter().filter(|v| v.pid == 20603).all(|v| v.vid > 0));
}

#[test]
fn a_listing_built_from_each_sample_validates_and_single_mutations_give_their_codes() {
    let (mut required, mut length, mut condition) = (0, 0, 0);
    for (name, text) in samples() {
        let (snap, _) = import(&text);
        let catalog = Catalog::compile(snap.clone()).unwrap();
        let valid = valid_listing(&snap, &catalog);
        assert_eq!(validate(&catalog, &valid), vec![], "{name}: {valid}");

        // A required property removed.
        if let Some(p) = properties(&snap).into_iter().find(|p| p.must && !p.sale) {
            let mut l = valid.clone();
            let at = position(&l, p.pid).unwrap();
            l["props"].as_array_mut().unwrap().remove(at);
            assert_eq!(codes(&catalog, &l), ["PROP_REQUIRED"], "{name}: without {}", p.name);
            required += 1;
        }
        // A length bound crossed.
        let bounded = properties(&snap)
            .into_iter()
            .find(|p| p.input == InputMode::Text && p.constraints.as_deref().is_some_and(|c| c.max_length.is_some()));
        if let Some(p) = bounded {
            let max = p.constraints.as_deref().unwrap().max_length.unwrap() as usize;
            let mut l = valid.clone();
            let at = position(&l, p.pid).unwrap();
            l["props"][at] = json!({"pid": p.pid, "text": "A".repeat(max + 1)});
            assert_eq!(codes(&catalog, &l), ["VALUE_TOO_LONG"], "{name}: {}", p.name);
            length += 1;
        }
        // A condition triggered both ways: the property switched on is required, switched
        // off it must stay empty.
        for p in properties(&snap) {
            let Some(Condition::Test(Test { pid: Some(subject), op: Op::Ne, values, .. })) =
                p.constraints.as_deref().and_then(|c| c.disabled_when.as_ref())
            else {
                continue;
            };
            let [Operand::Vid(on)] = values.as_slice() else { continue };
            let other = snap.values.iter().find(|v| v.pid == *subject && v.vid != *on).unwrap().vid;
            let mut l = valid.clone();
            let at = position(&l, *subject).unwrap();
            l["props"][at] = json!({"pid": subject, "vids": [on]});
            if let Some(i) = position(&l, p.pid) {
                l["props"].as_array_mut().unwrap().remove(i);
            }
            let want: &[&str] = if p.must || p.constraints.as_deref().is_some_and(|c| c.required_when.is_some()) {
                &["PROP_REQUIRED"]
            } else {
                &[]
            };
            assert_eq!(codes(&catalog, &l), want, "{name}: {} on", p.name);
            let vid = snap.values.iter().find(|v| v.pid == p.pid).unwrap().vid;
            l["props"][at] = json!({"pid": subject, "vids": [other]});
            l["props"].as_array_mut().unwrap().push(json!({"pid": p.pid, "vids": [vid]}));
            assert_eq!(codes(&catalog, &l), ["PROP_DISABLED"], "{name}: {} off", p.name);
            condition += 1;
        }
    }
    assert!(required >= 5 && length >= 1 && condition >= 2, "{required} {length} {condition}");
}

/// The fixture cases' snapshot is this recording's import, unchanged.
#[test]
fn the_fixture_snapshot_is_the_bag_schema_import() {
    let (snap, _) = import(&std::fs::read_to_string(dir().join("product-add-bag.ndjson")).unwrap());
    let fixture = dir().join("../../snapshots/tmall-schema-bag.json");
    if std::env::var_os("SHELFCHECK_WRITE_FIXTURES").is_some() {
        std::fs::write(&fixture, snapshot_bytes(&snap)).unwrap();
    }
    assert_eq!(String::from_utf8(snapshot_bytes(&snap)).unwrap(), std::fs::read_to_string(fixture).unwrap());
}

/// An item schema and a product schema of one category add up: properties of both, and the
/// item fields either requires.
#[test]
fn the_schemas_of_one_category_add_up() {
    let exchange = |name: &str| {
        let line: Value =
            serde_json::from_str(&std::fs::read_to_string(dir().join(format!("{name}.ndjson"))).unwrap()).unwrap();
        let method = line["method"].as_str().unwrap().to_owned();
        shelfcheck_fetch::Exchange::new("tmall", method, [("category_id", "42")], &line["response"].to_string())
    };
    let both = [exchange("item-add-pacifier"), exchange("product-add-jade")];
    let (snap, summary) = shelfcheck_taobao::import_exchanges(&both, &ImportOptions::default()).unwrap();
    assert_eq!(summary.schema.schemas, 2);
    let cat = &snap.categories[0];
    assert_eq!(
        cat.required_fields,
        ["description", "images", "location", "price", "quantity", "stuff_status", "title"]
    );
    assert!(cat.price.is_some());
    // 材质 from the item schema, 种地类型 from the product schema.
    assert!(snap.properties.iter().any(|p| p.pid == 20021) && snap.properties.iter().any(|p| p.pid == 122216385));
}

/// The match schema names the key properties of a product.
#[test]
fn the_match_schema_marks_key_properties() {
    let (snap, _) = import(&std::fs::read_to_string(dir().join("product-match-50011744.ndjson")).unwrap());
    let keys: Vec<(i64, bool)> = snap.properties.iter().map(|p| (p.pid, p.key)).collect();
    assert_eq!(keys, [(20000, true), (13021751, true)]);
    let (snap, _) = import(&std::fs::read_to_string(dir().join("product-add-jade.ndjson")).unwrap());
    assert!(snap.properties.iter().all(|p| !p.key));
}
