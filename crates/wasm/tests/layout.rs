//! The committed packed layout (`pkg/js/layout.json`) must match the listing's declaration.
//! Regenerate it with `SHELFCHECK_UPDATE_SCHEMAS=1 cargo test -p shelfcheck-wasm --test layout`.

#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

use std::path::PathBuf;

#[test]
fn committed_packed_layout_is_current() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../pkg/js/layout.json");
    let fresh = serde_json::to_string_pretty(&shelfcheck_wasm::layout::describe()).unwrap() + "\n";
    if std::env::var_os("SHELFCHECK_UPDATE_SCHEMAS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "pkg/js/layout.json is stale: run SHELFCHECK_UPDATE_SCHEMAS=1 cargo test -p shelfcheck-wasm --test layout"
    );
}

#[test]
fn committed_packed_glue_is_current() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../pkg/js/packed.js");
    let fresh = shelfcheck_wasm::glue::packed_js(&shelfcheck_wasm::layout::describe()).unwrap();
    if std::env::var_os("SHELFCHECK_UPDATE_SCHEMAS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "pkg/js/packed.js is stale: run SHELFCHECK_UPDATE_SCHEMAS=1 cargo test -p shelfcheck-wasm --test layout"
    );
}

#[test]
fn a_kind_the_generator_does_not_know_is_an_error() {
    let mut layout = shelfcheck_wasm::layout::describe();
    layout["objects"]["listing"].as_array_mut().unwrap().push(serde_json::json!(
        {"name": "images", "json": "image_list", "packed": ["NONE", "LIST"], "elements": "text"}
    ));
    let e = shelfcheck_wasm::glue::packed_js(&layout).unwrap_err();
    assert!(e.contains("image_list"), "{e}");
}
