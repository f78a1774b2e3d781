//! The committed JSON Schemas must match the Rust types. Regenerate them with
//! `SHELFCHECK_UPDATE_SCHEMAS=1 cargo test -p shelfcheck-core --test schemas`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use std::path::PathBuf;

#[test]
fn committed_schemas_are_current() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schemas");
    let update = std::env::var_os("SHELFCHECK_UPDATE_SCHEMAS").is_some();
    let mut stale = Vec::new();
    for (file, schema) in shelfcheck_core::storage::schema::all() {
        let fresh = serde_json::to_string_pretty(&schema).unwrap() + "\n";
        let path = dir.join(file);
        if update {
            std::fs::write(&path, &fresh).unwrap();
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != fresh {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "stale schemas {stale:?}: run SHELFCHECK_UPDATE_SCHEMAS=1 cargo test -p shelfcheck-core --test schemas"
    );
}

#[test]
fn the_demo_snapshot_and_example_listing_fit_their_schemas() {
    // The schemas describe what the parser accepts: spot-check the required top-level keys.
    let snap = shelfcheck_core::storage::schema::by_name("snapshot").unwrap();
    let mut required: Vec<&str> = snap["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    required.sort_unstable();
    assert_eq!(required, vec!["categories", "format", "platform"]);
    let listing = shelfcheck_core::storage::schema::by_name("listing").unwrap();
    assert_eq!(listing["required"], serde_json::json!(["category_id"]));
    let report = shelfcheck_core::storage::schema::by_name("report").unwrap();
    assert!(report.to_string().contains("SKU_COMBINATION_MISSING"));
}

#[test]
fn the_readme_documents_every_code() {
    let readme = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../README.md")).unwrap();
    let missing: Vec<&str> = shelfcheck_core::Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !readme.contains(&format!("| `{c}` |")))
        .collect();
    assert!(missing.is_empty(), "README lacks {missing:?}");
}
