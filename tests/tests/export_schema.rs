//! The exported JSON Schema against the engine, on every fixture case: for listings in the id
//! form the schema describes, a listing the schema rejects is one the engine rejects, and a
//! listing the engine accepts is one the schema accepts (it checks less, never differently).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use serde_json::Value;
use shelfcheck_core::forms::export::json_schema;
use shelfcheck_tests::case::load_cases;
use shelfcheck_tests::{fixtures_dir, Snapshots};

/// Whether a listing uses only what the schema describes: `pid`s (no names) and list forms (no
/// native strings). The seller scope needs no special case: it only makes the engine stricter.
fn id_form(listing: &Value) -> bool {
    let props_ok = match listing.get("props") {
        None => true,
        Some(Value::Array(props)) => props.iter().all(|p| p.get("pid").is_some() && p.get("name").is_none()),
        Some(_) => false,
    };
    let skus_ok = listing.get("skus").and_then(Value::as_array).is_none_or(|skus| {
        skus.iter().all(|s| {
            s.get("properties").is_none()
                && s.get("props").and_then(Value::as_array).is_some_and(|pairs| {
                    pairs.iter().all(|p| p.get("pid").is_some() && p.get("vid").is_some() && p.get("name").is_none())
                })
        })
    });
    props_ok && skus_ok
}

#[test]
fn the_schema_never_contradicts_the_engine_on_id_form_cases() {
    let dir = fixtures_dir();
    let (cases, errors) = load_cases(&dir);
    assert!(errors.is_empty(), "{errors:?}");
    let mut snapshots = Snapshots::default();
    let mut compared = 0;
    let mut failures = Vec::new();
    for c in &cases {
        let Ok(catalog) = snapshots.get(&dir, &c.case.snapshot) else { continue };
        let listing = &c.case.listing;
        if !id_form(listing) {
            continue;
        }
        let Some(cid) = listing.get("category_id").and_then(Value::as_i64) else { continue };
        let Ok(schema) = json_schema(catalog, cid) else { continue };
        let validator = jsonschema::draft202012::new(&schema).unwrap();
        let engine = c.case.run(catalog).unwrap().valid;
        let by_schema = validator.is_valid(listing);
        compared += 1;
        if by_schema && !engine {
            // The engine finds more: fine.
            continue;
        }
        if by_schema != engine {
            let errors: Vec<String> =
                validator.iter_errors(listing).map(|e| format!("{} at {}", e, e.instance_path())).take(3).collect();
            failures.push(format!("{}: engine valid = {engine}, schema valid = {by_schema}: {errors:?}", c.file));
        }
    }
    assert!(compared > 20, "only {compared} cases compared");
    assert!(failures.is_empty(), "{} of {compared} cases disagree:\n{}", failures.len(), failures.join("\n"));
}
