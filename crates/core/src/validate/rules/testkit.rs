//! Shared test helpers: the demo catalog and a compact way to look at reports.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use crate::{Catalog, Listing, Report, Snapshot, ValidateOptions};
use serde_json::Value;

pub fn demo_snapshot() -> Snapshot {
    serde_json::from_str(crate::demo::SNAPSHOT_JSON).unwrap()
}

pub fn demo() -> Catalog {
    Catalog::compile(demo_snapshot()).unwrap()
}

/// A valid T-shirt listing for the demo catalog: two colours × two sizes, all four SKUs.
pub fn tshirt() -> Value {
    serde_json::json!({
        "category_id": 50010850,
        "title": "纯棉短袖T恤 男款 夏季",
        "props": [
            {"pid": 20000, "vids": [3233]},
            {"pid": 13021751, "text": "A-1024"},
            {"name": "材质", "values": ["棉"]},
            {"pid": 1627207, "vids": [28321, 28320], "aliases": {"28321": "米白"}},
            {"pid": 20509, "vids": [28383, 28384]}
        ],
        "skus": [
            {"props": [{"pid": 1627207, "vid": 28321}, {"pid": 20509, "vid": 28383}], "price": "59.00", "quantity": 100},
            {"props": [{"pid": 1627207, "vid": 28321}, {"pid": 20509, "vid": 28384}], "price": "59.00", "quantity": 100},
            {"props": [{"pid": 1627207, "vid": 28320}, {"pid": 20509, "vid": 28383}], "price": "59.00", "quantity": 0},
            {"props": [{"pid": 1627207, "vid": 28320}, {"pid": 20509, "vid": 28384}], "price": 59, "quantity": 5}
        ]
    })
}

pub fn run(catalog: &Catalog, listing: Value, options: &ValidateOptions) -> Report {
    let listing: Listing = serde_json::from_value(listing).unwrap();
    catalog.validate(&listing, options)
}

/// `(code, path)` of every issue, validating against the demo catalog with default options.
pub fn issues(listing: Value) -> Vec<(String, String)> {
    pairs(&run(&demo(), listing, &ValidateOptions::default()))
}

pub fn pairs(report: &Report) -> Vec<(String, String)> {
    report.issues.iter().map(|i| (i.code().as_str().to_owned(), i.path.clone())).collect()
}

/// Issues carrying `code`, as paths.
pub fn paths_of(listing: Value, code: &str) -> Vec<String> {
    issues(listing).into_iter().filter(|(c, _)| c == code).map(|(_, p)| p).collect()
}

/// Edits a JSON value in place at a JSON Pointer.
pub fn set(v: &mut Value, pointer: &str, new: Value) {
    *v.pointer_mut(pointer).expect("pointer exists") = new;
}

/// One listing of the project's fixture cases (`fixtures/cases/`) or examples
/// (`examples/listings/`, `examples/broken/`), with what it is validated against.
pub struct Fixture {
    /// Path relative to the repository root.
    pub file: String,
    /// Key into the catalogs [`fixtures`] returns.
    pub snapshot: String,
    pub options: ValidateOptions,
    pub listing: Listing,
}

/// Every fixture listing, and the catalogs they name (`demo` or a path under `fixtures/`).
pub fn fixtures() -> (std::collections::BTreeMap<String, Catalog>, Vec<Fixture>) {
    use std::path::{Path, PathBuf};
    fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                json_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let read = |path: &Path| -> Value { serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap() };
    let mut catalogs = std::collections::BTreeMap::new();
    catalogs.insert("demo".to_owned(), demo());
    let mut out = Vec::new();
    let mut files = Vec::new();
    json_files(&root.join("fixtures/cases"), &mut files);
    for path in files {
        let case = read(&path);
        let snapshot = case["snapshot"].as_str().unwrap().to_owned();
        if !catalogs.contains_key(&snapshot) {
            let compiled =
                Catalog::compile(serde_json::from_value(read(&root.join("fixtures").join(&snapshot))).unwrap());
            catalogs.insert(snapshot.clone(), compiled.unwrap());
        }
        let options = case.get("options").cloned().map(|o| serde_json::from_value(o).unwrap()).unwrap_or_default();
        let listing = serde_json::from_value(case["listing"].clone()).unwrap();
        let file = path.strip_prefix(&root).unwrap().display().to_string();
        out.push(Fixture { file, snapshot, options, listing });
    }
    let mut files = Vec::new();
    json_files(&root.join("examples/listings"), &mut files);
    json_files(&root.join("examples/broken"), &mut files);
    for path in files {
        let listing = serde_json::from_value(read(&path)).unwrap();
        let file = path.strip_prefix(&root).unwrap().display().to_string();
        out.push(Fixture { file, snapshot: "demo".to_owned(), options: ValidateOptions::default(), listing });
    }
    (catalogs, out)
}
