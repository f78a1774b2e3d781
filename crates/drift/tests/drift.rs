//! Drift between a genuine recorded category and edited copies of it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use serde_json::json;
use shelfcheck_core::model::snapshot::{Snapshot, Status};
use shelfcheck_core::{Listing, Locale, ValidateOptions};
use shelfcheck_drift::{diff, drift, Change, Removal};
use shelfcheck_taobao::{import_texts, ImportOptions};

const CID: i64 = 50010399;
const COLOR: i64 = 1627207;
const SIZE: i64 = 20509;

fn real() -> Snapshot {
    let path = format!("{}/../../fixtures/taobao-sale-props/{CID}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    import_texts(&[&text], &ImportOptions::default()).unwrap().0
}

fn first_values(s: &Snapshot, pid: i64, n: usize) -> Vec<i64> {
    s.values.iter().filter(|v| v.pid == pid).map(|v| v.vid).take(n).collect()
}

/// A listing that is valid against the recorded category: two colours × two sizes.
fn listing(s: &Snapshot) -> Listing {
    let colors = first_values(s, COLOR, 2);
    let sizes = first_values(s, SIZE, 2);
    let mut skus = Vec::new();
    for c in &colors {
        for z in &sizes {
            skus.push(
                json!({"props": [{"pid": COLOR, "vid": c}, {"pid": SIZE, "vid": z}], "price": "99.00", "quantity": 5}),
            );
        }
    }
    serde_json::from_value(json!({
        "category_id": CID,
        "title": "无钢圈文胸 舒适",
        "props": [{"pid": COLOR, "vids": colors}, {"pid": SIZE, "vids": sizes}],
        "skus": skus,
    }))
    .unwrap()
}

#[test]
fn identical_snapshots_have_no_drift() {
    let s = real();
    let r = drift(&s, &s, &[("a.json".into(), listing(&s))], &ValidateOptions::default());
    assert!(r.changes.is_empty());
    assert!(r.listings[0].valid_before && !r.any_broken(), "{r:#?}");
}

#[test]
fn each_kind_of_change_is_found_and_breaks_the_right_listing() {
    let old = real();
    let l = listing(&old);
    let used = first_values(&old, COLOR, 1)[0];
    let mut new = old.clone();
    // The used colour disappears, another is renamed, colour becomes required, the category
    // gets frozen and a new top-level parent adopts it.
    new.values.retain(|v| !(v.pid == COLOR && v.vid == used));
    let renamed = new.values.iter_mut().find(|v| v.pid == SIZE).unwrap();
    let (renamed_vid, renamed_from) = (renamed.vid, renamed.name.clone());
    renamed.name = format!("{}(新)", renamed.name);
    new.properties.iter_mut().find(|p| p.pid == COLOR).unwrap().must = true;
    let mut parent = new.categories[0].clone();
    parent.id = 16;
    parent.leaf = false;
    new.categories.push(parent);
    let cat = new.categories.iter_mut().find(|c| c.id == CID).unwrap();
    cat.publish_frozen = true;
    cat.parent_id = Some(16);
    new.seal();

    let changes = diff(&old, &new);
    assert!(changes.contains(&Change::CategoryFrozen { category_id: CID, name: CID.to_string() }));
    assert!(changes.contains(&Change::CategoryMoved {
        category_id: CID,
        name: CID.to_string(),
        from_parent: None,
        to_parent: Some(16)
    }));
    assert!(changes.iter().any(|c| matches!(c, Change::CategoryAdded { category_id: 16, .. })));
    assert!(changes.iter().any(|c| matches!(c, Change::PropertyNewlyRequired { pid: COLOR, .. })));
    assert!(changes.iter().any(|c| matches!(c, Change::ValueRemoved { vid, how: Removal::Gone, .. } if *vid == used)));
    assert!(changes
        .iter()
        .any(|c| matches!(c, Change::ValueRenamed { vid, from, .. } if *vid == renamed_vid && *from == renamed_from)));

    let r = drift(&old, &new, &[("shop/bra.json".into(), l)], &ValidateOptions::default());
    assert!(r.snapshot_errors.is_empty(), "{:?}", r.snapshot_errors);
    assert!(r.any_broken());
    let codes: Vec<&str> = r.listings[0].new_errors.iter().map(|i| i.code.as_str()).collect();
    assert!(codes.contains(&"CATEGORY_PUBLISH_FROZEN"), "{codes:?}");
    assert!(codes.contains(&"PROP_VALUE_UNKNOWN") || codes.contains(&"SKU_VALUE_UNKNOWN"), "{codes:?}");

    let text = r.render_human(Locale::En);
    assert!(text.contains("shop/bra.json") && text.contains("CATEGORY_PUBLISH_FROZEN"), "{text}");
    assert!(r.render_human(Locale::ZhCn).contains("已禁止发布"));
    let js = serde_json::to_value(&r).unwrap();
    assert_eq!(js["changes"][0]["kind"], "category_added");
}

#[test]
fn a_snapshot_that_does_not_compile_is_reported_not_checked() {
    let old = real();
    let mut new = old.clone();
    new.categories[0].name.push('x'); // content no longer matches the sealed hash
    let r = drift(&old, &new, &[("a.json".into(), listing(&old))], &ValidateOptions::default());
    assert_eq!(r.snapshot_errors.len(), 1, "{r:#?}");
    assert!(r.listings.is_empty());
}

#[test]
fn deletion_by_status_and_removal_of_a_property() {
    let old = real();
    let mut new = old.clone();
    new.properties.retain(|p| p.pid != SIZE);
    new.values.retain(|v| v.pid != SIZE);
    new.values.iter_mut().find(|v| v.pid == COLOR).unwrap().status = Status::Deleted;
    let changes = diff(&old, &new);
    assert!(changes.iter().any(|c| matches!(c, Change::PropertyRemoved { pid: SIZE, how: Removal::Gone, .. })));
    // Values of a removed property are covered by the property change.
    assert!(!changes.iter().any(|c| matches!(c, Change::ValueRemoved { pid: SIZE, .. })));
    assert!(changes.iter().any(|c| matches!(c, Change::ValueRemoved { pid: COLOR, how: Removal::Deleted, .. })));

    let mut gone = old.clone();
    gone.categories[0].status = Status::Deleted;
    assert_eq!(
        diff(&old, &gone),
        vec![Change::CategoryRemoved { category_id: CID, name: CID.to_string(), how: Removal::Deleted }]
    );
}
