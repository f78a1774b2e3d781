//! All 55 genuine recorded categories of `fixtures/taobao-sale-props/` (a copy of
//! `shared/data/taobao-sale-props/`) import into snapshots that compile, re-import byte for
//! byte, and accept a listing holding the full SKU matrix of a few chosen values per sale
//! property (the dependent 省份 → 地市 → 区县 category included).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

mod support;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::json;
use shelfcheck_core::model::snapshot::{InputMode, Snapshot};
use shelfcheck_core::{Catalog, Listing, ValidateOptions};
use shelfcheck_taobao::{import_texts, snapshot_bytes, ImportOptions};
use support::data_dir;

fn real_files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(data_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    files.sort();
    files
}

/// Six recordings caught a genuine call-limit answer for their values call (the capture tool
/// stored the `error_response` beside an empty list): their enum values are unknown.
const VALUES_RATE_LIMITED: [&str; 6] = ["124086006", "125038018", "125076007", "50012027", "50017938", "50020893"];

fn import_one(name: &str, text: &str) -> Snapshot {
    let (snap, summary) = import_texts(&[text], &ImportOptions::default()).unwrap();
    if VALUES_RATE_LIMITED.contains(&name) {
        assert_eq!(summary.ignored.len(), 1, "{name}: {summary:?}");
        assert!(summary.ignored[0].reason.contains("call limit"), "{summary:?}");
        // Strict imports refuse such a recording instead of building a partial snapshot.
        let strict = ImportOptions { strict: true, ..ImportOptions::default() };
        assert!(import_texts(&[text], &strict).is_err());
    } else {
        assert!(summary.ignored.is_empty(), "{name}: {summary:?}");
    }
    assert_eq!(summary.orphan_values, 0);
    snap
}

/// Chooses values the way a seller would: for each applicable sale property a couple of values
/// (one when it is single-valued), preferring values that other properties depend on so the
/// dependent properties join the matrix too. Properties listed with no values take the seller's
/// own values.
fn choose(snap: &Snapshot, cid: i64) -> Vec<(i64, Vec<i64>)> {
    let props: Vec<_> = snap.properties.iter().filter(|p| p.category_id == cid && p.sale).collect();
    let parents: BTreeSet<(i64, i64)> = props.iter().filter_map(|p| p.parent()).collect();
    let mut chosen: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    loop {
        let mut changed = false;
        for p in &props {
            if chosen.contains_key(&p.pid) {
                continue;
            }
            let applies = match p.parent() {
                None => true,
                Some((ppid, pvid)) => chosen.get(&ppid).is_some_and(|v| v.contains(&pvid)),
            };
            if !applies {
                continue;
            }
            let mut vids: Vec<i64> =
                snap.values.iter().filter(|v| v.category_id == cid && v.pid == p.pid).map(|v| v.vid).collect();
            vids.sort_by_key(|v| (!parents.contains(&(p.pid, *v)), *v));
            if vids.is_empty() {
                if p.input == InputMode::Enum {
                    // Enum-only with no known value: nothing valid can be chosen.
                    continue;
                }
                // Free text or enum + input (e.g. 票面票价): the seller's own values, which
                // Taobao numbers with negative ids.
                vids = vec![-1, -2];
            }
            vids.truncate(if p.multi { 2 } else { 1 });
            chosen.insert(p.pid, vids);
            changed = true;
        }
        if !changed {
            break;
        }
    }
    chosen.into_iter().filter(|(_, v)| !v.is_empty()).collect()
}

#[test]
fn all_55_real_categories_import_compile_and_validate() {
    let files = real_files();
    assert_eq!(files.len(), 55);
    let mut dependent_seen = false;
    let mut total_props = 0;
    for (name, text) in &files {
        let cid: i64 = name.parse().unwrap();
        let snap = import_one(name, text);
        assert_eq!(snap.categories.len(), 1, "{name}");
        assert!(snap.categories[0].leaf && snap.categories[0].parent_id.is_none());
        total_props += snap.properties.len();

        // Reproducible: the same input gives the same bytes.
        assert_eq!(snapshot_bytes(&snap), snapshot_bytes(&import_one(name, text)), "{name}");

        let catalog = Catalog::compile(snap.clone())
            .unwrap_or_else(|e| panic!("{name}: {}", e.message(shelfcheck_core::Locale::En)));
        let selection = choose(&snap, cid);
        let matrix = catalog.sku_matrix(cid, &selection).unwrap();
        if snap.properties.iter().any(|p| p.parent().is_some()) {
            dependent_seen = true;
            assert!(matrix.iter().any(|c| c.len() >= 3), "{name}: dependent properties should join the matrix");
        }
        let listing: Listing = serde_json::from_value(json!({
            "category_id": cid,
            "title": "测试商品 全规格",
            "props": selection.iter().map(|(pid, vids)| json!({"pid": pid, "vids": vids})).collect::<Vec<_>>(),
            "skus": matrix.iter().enumerate().map(|(i, combo)| json!({
                "props": combo.iter().map(|p| json!({"pid": p.pid, "vid": p.vid})).collect::<Vec<_>>(),
                "price": "59.00",
                "quantity": 10,
                "outer_id": format!("SKU-{i}"),
            })).collect::<Vec<_>>(),
        }))
        .unwrap();
        // A category whose values call met the call limit is marked incomplete: by default its
        // listings are not judged from the hole.
        let report = catalog.validate(&listing, &ValidateOptions::default());
        let codes: Vec<&str> = report.issues.iter().map(|i| i.code().as_str()).collect();
        if VALUES_RATE_LIMITED.contains(&name.as_str()) {
            assert!(snap.categories[0].incomplete, "{name}");
            assert_eq!(codes, vec!["CATEGORY_METADATA_INCOMPLETE"], "{name}");
        } else {
            assert!(!snap.categories[0].incomplete && !codes.contains(&"CATEGORY_METADATA_INCOMPLETE"), "{name}");
        }
        // Accepting the holes, the rules run on what is there.
        let lenient = ValidateOptions { incomplete_metadata: shelfcheck_core::Severity::Warning, ..Default::default() };
        let report = catalog.validate(&listing, &lenient);
        // Only a required enum-only property whose values were never received may be missing.
        let unknowable: BTreeSet<i64> = snap
            .properties
            .iter()
            .filter(|p| p.must && p.input == InputMode::Enum)
            .filter(|p| !snap.values.iter().any(|v| v.pid == p.pid))
            .map(|p| p.pid)
            .collect();
        let unexpected: Vec<_> = report
            .issues
            .iter()
            .filter(|i| i.severity == shelfcheck_core::Severity::Error)
            .map(|i| serde_json::to_value(i).unwrap())
            .filter(|i| {
                let pid = i["params"]["pid"].as_i64();
                let code = i["code"].as_str().unwrap_or("");
                !(pid.is_some_and(|p| unknowable.contains(&p))
                    && ["PROP_REQUIRED", "SKU_PROP_MISSING", "SKU_REQUIRED"].contains(&code))
            })
            .collect();
        assert!(unexpected.is_empty(), "{name}: {}", serde_json::to_string_pretty(&unexpected).unwrap());
        if !unknowable.is_empty() {
            assert!(VALUES_RATE_LIMITED.contains(&name.as_str()), "{name}");
        }
    }
    assert!(dependent_seen, "125060030 (省份/地市/区县) must be covered");
    assert_eq!(total_props, 535);
}

#[test]
fn all_files_at_once_make_one_snapshot() {
    let files = real_files();
    let texts: Vec<&str> = files.iter().map(|(_, t)| t.as_str()).collect();
    let (snap, summary) = import_texts(&texts, &ImportOptions::default()).unwrap();
    assert_eq!(snap.categories.len(), 55);
    assert_eq!(summary.synthesised.len(), 55);
    assert_eq!(snap.values.len(), 6862);
    assert_eq!(summary.ignored.len(), VALUES_RATE_LIMITED.len());
    Catalog::compile(snap).unwrap();
}
