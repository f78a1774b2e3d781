//! The snapshot derived from real recorded data must be exactly what the Taobao importer makes
//! of the same data, cut down to the picked properties; and the cases built on the cut-down
//! snapshot must give the same reports against the whole recording, or the subset would not
//! stand for the real thing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use shelfcheck_core::{Catalog, Snapshot};
use shelfcheck_taobao::{import_texts, ImportOptions};
use shelfcheck_tests::case::load_cases;
use shelfcheck_tests::fixtures_dir;
use std::collections::HashMap;

const SUBSET: &str = "snapshots/taobao-125060030-cities.json";

/// The whole recording of category 125060030 (`fixtures/taobao-sale-props/`), imported.
fn imported() -> Snapshot {
    let text = std::fs::read_to_string(fixtures_dir().join("taobao-sale-props/125060030.json")).unwrap();
    import_texts(&[text.as_str()], &ImportOptions::default()).unwrap().0
}

fn subset() -> Snapshot {
    serde_json::from_str(&std::fs::read_to_string(fixtures_dir().join(SUBSET)).unwrap()).unwrap()
}

#[test]
fn the_cities_snapshot_is_the_imported_recording_cut_down() {
    let full = imported();
    let sub = subset();
    assert_eq!(sub.platform, full.platform);
    assert_eq!(sub.categories, full.categories);
    let props: HashMap<_, _> = full.properties.iter().map(|p| ((p.category_id, p.pid), p)).collect();
    let values: HashMap<_, _> = full.values.iter().map(|v| ((v.category_id, v.pid, v.vid), v)).collect();
    assert!(sub.properties.len() >= 5 && sub.values.len() >= 10, "the subset is too small to be useful");
    for p in &sub.properties {
        assert_eq!(Some(&p), props.get(&(p.category_id, p.pid)), "property {}", p.pid);
    }
    for v in &sub.values {
        assert_eq!(Some(&v), values.get(&(v.category_id, v.pid, v.vid)), "value {}:{}", v.pid, v.vid);
    }
}

#[test]
fn the_cities_cases_give_the_same_reports_on_the_whole_recording() {
    let full = imported();
    let catalog = Catalog::compile(full).unwrap();
    let (cases, errors) = load_cases(&fixtures_dir());
    assert!(errors.is_empty(), "{errors:?}");
    let mut ran = 0;
    let mut failures = Vec::new();
    for c in cases.iter().filter(|c| c.case.snapshot == SUBSET) {
        ran += 1;
        if let Err(diff) = c.case.run(&catalog).and_then(|r| c.case.check(&r)) {
            failures.push(format!("{}\n{diff}", c.file));
        }
    }
    assert!(ran >= 10, "only {ran} cases use {SUBSET}");
    assert!(failures.is_empty(), "against the whole recording:\n{}", failures.join("\n"));
}

/// `snapshots/taobao-rate-limited.json` is exactly what importing the two genuine rate-limited
/// recordings copied under `recordings/taobao-sale-props/` gives (with the holes accepted):
/// rebuild it with `shelfcheck snapshot import taobao fixtures/recordings/taobao-sale-props/*.json
/// --allow-partial -o fixtures/snapshots/taobao-rate-limited.json`.
#[test]
fn the_rate_limited_snapshot_is_the_imported_recordings() {
    let dir = fixtures_dir().join("recordings/taobao-sale-props");
    let texts: Vec<String> =
        ["125038018.json", "50012027.json"].iter().map(|f| std::fs::read_to_string(dir.join(f)).unwrap()).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let (imported, summary) = import_texts(&refs, &ImportOptions::default()).unwrap();
    assert_eq!(summary.incomplete, vec![50012027, 125038018]);
    let committed: Snapshot = serde_json::from_str(
        &std::fs::read_to_string(fixtures_dir().join("snapshots/taobao-rate-limited.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(committed, imported);
}
