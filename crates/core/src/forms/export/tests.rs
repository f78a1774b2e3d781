#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use super::*;
use crate::input::listing::{Listing, Props, Scalar};
use crate::synth::{self, CategoryShape};
use crate::ValidateOptions;

const CID: i64 = 50010850;

fn typical() -> (Catalog, Listing, jsonschema::Validator) {
    let catalog = Catalog::compile(synth::snapshot(CID, &CategoryShape::typical())).unwrap();
    let listing = synth::listing_for(&catalog, CID, 10).unwrap();
    let schema = json_schema(&catalog, CID).unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    (catalog, listing, validator)
}

/// Both sides' verdicts on a listing.
fn verdicts(catalog: &Catalog, validator: &jsonschema::Validator, listing: &Listing) -> (bool, bool) {
    let engine = catalog.validate(listing, &ValidateOptions::default()).valid;
    let schema = validator.is_valid(&serde_json::to_value(listing).unwrap());
    (engine, schema)
}

fn props(l: &mut Listing) -> &mut Vec<crate::input::listing::PropInput> {
    match &mut l.props {
        Props::List(p) => p,
        Props::Native(_) => panic!("list expected"),
    }
}

#[test]
fn a_valid_listing_is_valid_for_both() {
    let (catalog, listing, validator) = typical();
    assert_eq!(verdicts(&catalog, &validator, &listing), (true, true));
}

#[test]
fn every_expressible_mutation_is_rejected_by_both() {
    let (catalog, base, validator) = typical();
    type Mutation = fn(&mut Listing);
    let mutations: &[(&str, Mutation)] = &[
        ("unknown vid", |l| props(l)[3].vids[0] = 1),
        ("unknown pid", |l| props(l)[3].pid = Some(42)),
        ("required property removed", |l| {
            let i = props(l).iter().position(|p| p.pid == Some(100_000)).unwrap();
            props(l).remove(i);
        }),
        ("two values on a single-value property", |l| {
            let p = props(l).iter_mut().find(|p| p.pid == Some(100_000)).unwrap();
            let v = p.vids[0];
            p.vids.push(v + 1);
        }),
        ("text on an enum property", |l| props(l)[3].text = Some("x".into())),
        ("title missing", |l| l.title = None),
        ("title blank", |l| l.title = Some("   ".into())),
        ("title too long", |l| l.title = Some("a".repeat(61))),
        ("bad price", |l| l.skus[5].price = Some(Scalar::Text("59.999".into()))),
        ("zero price", |l| l.skus[5].price = Some(Scalar::Text("0.00".into()))),
        ("negative quantity", |l| l.skus[5].quantity = Some(Scalar::Number((-1).into()))),
        ("price missing", |l| l.skus[5].price = None),
        ("identical SKUs", |l| {
            let s = l.skus[0].clone();
            l.skus[1] = s;
        }),
        ("too many SKUs", |l| {
            let s = l.skus.clone();
            l.skus = s.iter().cycle().take(601).cloned().collect();
        }),
        ("no SKUs", |l| l.skus.clear()),
        ("wrong category", |l| l.category_id += 1),
        ("alias on a property without aliases", |l| {
            let p = props(l).iter_mut().find(|p| p.pid == Some(100_000)).unwrap();
            let v = p.vids[0];
            p.aliases.insert(v.to_string(), "好".into());
        }),
        ("SKU on a non-sale property", |l| {
            if let crate::input::listing::SkuProps::List(pairs) = &mut l.skus[0].props {
                pairs[0].pid = Some(100_000);
            }
        }),
        ("SKU lacks a required sale property", |l| {
            if let crate::input::listing::SkuProps::List(pairs) = &mut l.skus[0].props {
                pairs.pop();
            }
        }),
    ];
    for (what, mutate) in mutations {
        let mut l = base.clone();
        mutate(&mut l);
        assert_eq!(verdicts(&catalog, &validator, &l), (false, false), "{what}");
    }
}

#[test]
fn the_schema_is_deterministic_and_names_its_snapshot() {
    let (catalog, _, _) = typical();
    let a = json_schema(&catalog, CID).unwrap();
    assert_eq!(a, json_schema(&catalog, CID).unwrap());
    assert_eq!(a["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert!(a["$comment"].as_str().unwrap().contains(catalog.hash()));
    assert_eq!(a["properties"]["title"]["maxLength"], 60);
}

#[test]
fn non_leaf_and_unknown_categories_are_refused() {
    let json = crate::demo::SNAPSHOT_JSON;
    let catalog = Catalog::compile(serde_json::from_str(json).unwrap()).unwrap();
    assert_eq!(json_schema(&catalog, 30), Err(ExportError::CategoryNotLeaf { id: 30 }));
    let e = json_schema(&catalog, 1).unwrap_err();
    assert_eq!(e, ExportError::CategoryNotFound { id: 1 });
    assert!(e.message(Locale::ZhCn).contains("没有类目"));
    assert!(e.message(Locale::En).contains("not in the snapshot"));
}

#[test]
fn regex_syntax_in_forbidden_words_is_escaped() {
    assert_eq!(props::regex_escape("a.b(c)"), r"a\.b\(c\)");
}

#[test]
fn price_pattern_matches_the_rule() {
    let re = jsonschema::draft202012::new(&json!({"type": "string", "pattern": skus::PRICE_PATTERN})).unwrap();
    for s in ["59", "59.0", "59.00", "0.01", "0.10", "100000", "00.5", "01.00", "", "0", "0.00", "-1", "59.999", "5e3"]
        .into_iter()
        .chain([" 59", "59.", ".5", "¥59", "0.0"])
    {
        assert_eq!(
            re.is_valid(&json!(s)),
            crate::validate::rules::sku_price::price_cents(s.as_bytes()).is_some(),
            "{s:?}"
        );
    }
}

#[test]
fn constraints_become_keywords_and_the_rest_is_listed() {
    let text = include_str!("../../../../../fixtures/snapshots/tmall-shirt-constraints.json");
    let catalog = Catalog::compile(serde_json::from_str(text).unwrap()).unwrap();
    let schema = json_schema(&catalog, 50011123).unwrap();
    let defs = &schema["$defs"];
    let article = &defs["prop_13021751"]["properties"]["text"];
    assert_eq!(article["maxLength"], 10);
    assert!(article.get("minLength").is_none(), "a minimum in bytes says nothing of characters");
    assert_eq!(article["allOf"][0]["pattern"], "^[A-Za-z0-9-]+$");
    assert_eq!(article["not"]["anyOf"][0]["pattern"], "其[他它她]");
    assert_eq!(defs["prop_20021"]["properties"]["vids"]["maxItems"], 2);
    assert_eq!(
        defs["prop_149422948"]["x-shelfcheck-unchecked"],
        json!(["value_type", "min", "max", "max_decimals", "units", "required_when"])
    );
    let validator = jsonschema::validator_for(&schema).unwrap();
    let listing = |article: &str| {
        json!({"category_id": 50011123, "title": "纯棉长袖衬衫", "props": [
            {"pid": 20000, "vids": [3233]}, {"pid": 13021751, "text": article}, {"pid": 20021, "vids": [3322]},
            {"pid": 149422948, "text": "95%"}, {"pid": 1627207, "vids": [28320]}, {"pid": 20509, "vids": [28383]}],
            "skus": [{"props": [{"pid": 1627207, "vid": 28320}, {"pid": 20509, "vid": 28383}], "price": "199.00", "quantity": 10}]})
    };
    assert!(validator.is_valid(&listing("AB-12")));
    assert!(!validator.is_valid(&listing("AB 12")));
    assert!(!validator.is_valid(&listing("ABCDEFGHIJK")));
}

#[test]
fn forbidden_alias_words_bind_where_aliases_are_filtered() {
    let mut snapshot = synth::snapshot(CID, &CategoryShape::typical());
    let forbidden = |l: &mut Listing| {
        let p = props(l).iter_mut().find(|p| p.vids.len() > 1).unwrap();
        let v = p.vids[0];
        p.aliases.insert(v.to_string(), "其他颜色".into());
    };
    for filter in [false, true] {
        snapshot.limits.filter_alias_words = filter;
        let catalog = Catalog::compile(snapshot.clone()).unwrap();
        let validator = jsonschema::draft202012::new(&json_schema(&catalog, CID).unwrap()).unwrap();
        let mut listing = synth::listing_for(&catalog, CID, 10).unwrap();
        forbidden(&mut listing);
        assert_eq!(verdicts(&catalog, &validator, &listing), (!filter, !filter), "filter {filter}");
    }
}

#[test]
fn item_fields_are_described_and_required_ones_required() {
    let mut snapshot = synth::snapshot(CID, &CategoryShape::typical());
    snapshot.limits.required_fields = vec!["location".into()];
    for c in snapshot.categories.iter_mut().filter(|c| c.id == CID) {
        c.required_fields = vec!["description".into(), "images".into()];
    }
    let catalog = Catalog::compile(snapshot).unwrap();
    let schema = json_schema(&catalog, CID).unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let mut listing = synth::listing_for(&catalog, CID, 10).unwrap();
    // Without them: both reject, for the same reason.
    assert_eq!(verdicts(&catalog, &validator, &listing), (false, false));
    listing.description = Some("纯棉".into());
    listing.images = vec!["https://img.example.com/a.jpg".into()];
    listing.location = Some(crate::input::listing::Location { state: Some("浙江".into()), ..Default::default() });
    assert_eq!(verdicts(&catalog, &validator, &listing), (false, false), "the city is required too");
    listing.location.as_mut().unwrap().city = Some("杭州".into());
    assert_eq!(verdicts(&catalog, &validator, &listing), (true, true));
    // The forms of item values.
    type Mutation = fn(&mut Listing);
    let mutations: &[(&str, Mutation)] = &[
        ("blank description", |l| l.description = Some(" ".into())),
        ("no images", |l| l.images.clear()),
        ("item price of three decimals", |l| l.price = Some(Scalar::Text("1.999".into()))),
        ("negative item quantity", |l| l.quantity = Some(Scalar::Number((-1).into()))),
        ("item quantity over the maximum", |l| l.quantity = Some(Scalar::Number(900_000_001.into()))),
        ("unknown stuff status", |l| l.stuff_status = Some("used".into())),
    ];
    for (what, mutate) in mutations {
        let mut bad = listing.clone();
        mutate(&mut bad);
        assert_eq!(verdicts(&catalog, &validator, &bad), (false, false), "{what}");
    }
}
