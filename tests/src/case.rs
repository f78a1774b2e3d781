//! The fixture case format (described in `fixtures/README.md`), its loader and its check.
//!
//! Parsing is strict on purpose: a misspelt key in a case (`"isues"`, an unknown option) would
//! otherwise make the case silently test less than it claims to.

use crate::diff;
use serde::Deserialize;
use serde_json::Value;
use shelfcheck_core::{Catalog, Listing, Report, Snapshot, ValidateOptions};
use std::collections::BTreeMap;
use std::path::{Component, Path};

/// One self-describing case: a snapshot reference, options, a listing and what to expect.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// What the case shows, in one sentence.
    pub description: String,
    /// `"demo"` (the core's embedded demo snapshot) or a path relative to `fixtures/`.
    pub snapshot: String,
    /// [`ValidateOptions`] fields; defaults for anything left out.
    #[serde(default)]
    pub options: Option<Value>,
    /// The listing, as a seller's tool would send it.
    pub listing: Value,
    pub expect: Expect,
}

/// The expected report, reduced to what is stable across runtimes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub valid: bool,
    /// Every issue, in report order.
    pub issues: Vec<ExpectedIssue>,
}

/// One expected issue: its code and JSON Pointer.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedIssue {
    pub code: String,
    pub path: String,
}

/// A case with where it was found.
#[derive(Debug, Clone)]
pub struct LoadedCase {
    /// Path relative to `fixtures/`, with `/` separators (`cases/SKU_DUPLICATE/fails-repeat.json`).
    pub file: String,
    /// The folder directly under `cases/`: an issue code or a topic.
    pub group: String,
    /// The file name without `.json`.
    pub name: String,
    pub case: Case,
}

impl Case {
    /// The options, rejecting keys that [`ValidateOptions`] does not have.
    pub fn options(&self) -> Result<ValidateOptions, String> {
        let Some(raw) = &self.options else { return Ok(ValidateOptions::default()) };
        let known = serde_json::to_value(ValidateOptions::default()).map_err(|e| e.to_string())?;
        if let (Some(given), Some(known)) = (raw.as_object(), known.as_object()) {
            if let Some(k) = given.keys().find(|k| !known.contains_key(*k)) {
                return Err(format!("unknown option `{k}` (known: {:?})", known.keys().collect::<Vec<_>>()));
            }
        }
        serde_json::from_value(raw.clone()).map_err(|e| format!("bad options: {e}"))
    }

    /// Parses the listing.
    pub fn listing(&self) -> Result<Listing, String> {
        serde_json::from_value(self.listing.clone()).map_err(|e| format!("the listing does not parse: {e}"))
    }

    /// Validates the listing and checks that the fast path agrees with the full report.
    pub fn run(&self, catalog: &Catalog) -> Result<Report, String> {
        let listing = self.listing()?;
        let options = self.options()?;
        let report = catalog.validate(&listing, &options);
        let fast = catalog.is_valid_with(&listing, &options);
        if fast != report.valid {
            return Err(format!("is_valid_with says {fast}, validate says valid = {}", report.valid));
        }
        Ok(report)
    }

    /// `Ok` when the report matches the expectation; otherwise a readable diff.
    pub fn check(&self, report: &Report) -> Result<(), String> {
        let expected: Vec<(String, String)> =
            self.expect.issues.iter().map(|i| (i.code.clone(), i.path.clone())).collect();
        let actual: Vec<(String, String)> =
            report.issues.iter().map(|i| (i.code().as_str().to_owned(), i.path.clone())).collect();
        if expected == actual && self.expect.valid == report.valid {
            return Ok(());
        }
        let mut out = String::new();
        if self.expect.valid != report.valid {
            out.push_str(&format!("  valid: expected {}, got {}\n", self.expect.valid, report.valid));
        }
        if expected != actual {
            out.push_str("  issues (- expected only, + reported only):\n");
            out.push_str(&diff::render(&expected, report));
        }
        Err(out)
    }
}

/// Reads every `*.json` under `fixtures/cases/`, in path order. Files that do not parse as a
/// case are returned as errors, all at once.
pub fn load_cases(fixtures: &Path) -> (Vec<LoadedCase>, Vec<String>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    collect(&fixtures.join("cases"), &mut files, &mut errors);
    files.sort();
    let mut cases = Vec::new();
    for path in files {
        let rel = path.strip_prefix(fixtures).unwrap_or(&path);
        let file = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        let parsed = std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|text| serde_json::from_str::<Case>(&text).map_err(|e| e.to_string()));
        match parsed {
            Ok(case) => {
                let group = file.split('/').nth(1).unwrap_or_default().to_owned();
                let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                cases.push(LoadedCase { file, group, name, case });
            }
            Err(e) => errors.push(format!("{file}: {e}")),
        }
    }
    (cases, errors)
}

fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>, errors: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(format!("{}: {e}", dir.display()));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files, errors);
        } else if path.extension().is_some_and(|e| e == "json") {
            files.push(path);
        }
    }
}

/// Compiled snapshots by reference, each compiled once however many cases use it.
#[derive(Debug, Default)]
pub struct Snapshots {
    compiled: BTreeMap<String, Result<Catalog, String>>,
}

impl Snapshots {
    /// The catalog for a case's `snapshot` reference.
    pub fn get(&mut self, fixtures: &Path, reference: &str) -> Result<&Catalog, String> {
        let entry = self.compiled.entry(reference.to_owned()).or_insert_with(|| compile(fixtures, reference));
        entry.as_ref().map_err(Clone::clone)
    }
}

/// Reads and compiles one snapshot reference.
pub fn compile(fixtures: &Path, reference: &str) -> Result<Catalog, String> {
    let text = if reference == "demo" {
        shelfcheck_core::demo::SNAPSHOT_JSON.to_owned()
    } else {
        let rel = Path::new(reference);
        // References stay inside `fixtures/` so that the cases can be copied around as a tree.
        if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
            return Err(format!("snapshot `{reference}` must be a plain path relative to fixtures/"));
        }
        std::fs::read_to_string(fixtures.join(rel)).map_err(|e| format!("snapshot `{reference}`: {e}"))?
    };
    let snapshot: Snapshot = serde_json::from_str(&text).map_err(|e| format!("snapshot `{reference}`: {e}"))?;
    Catalog::compile(snapshot).map_err(|e| format!("snapshot `{reference}` does not compile: {e}"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;
    use serde_json::json;

    fn case(v: Value) -> Result<Case, serde_json::Error> {
        serde_json::from_value(v)
    }

    fn minimal() -> Value {
        json!({"description": "d", "snapshot": "demo", "listing": {"category_id": 1},
               "expect": {"valid": false, "issues": [{"code": "CATEGORY_NOT_FOUND", "path": "/category_id"}]}})
    }

    #[test]
    fn a_minimal_case_runs_and_matches() {
        let c = case(minimal()).unwrap();
        let catalog = compile(Path::new("."), "demo").unwrap();
        assert_eq!(c.check(&c.run(&catalog).unwrap()), Ok(()));
    }

    #[test]
    fn misspelt_keys_are_refused() {
        let mut v = minimal();
        v["expect"]["isues"] = json!([]);
        assert!(case(v).is_err());
        let mut v = minimal();
        v["options"] = json!({"seller_scop": false});
        assert!(case(v).unwrap().options().unwrap_err().contains("seller_scop"));
    }

    #[test]
    fn snapshot_references_stay_inside_the_fixtures() {
        assert!(compile(Path::new("."), "../secrets.json").unwrap_err().contains("relative to fixtures/"));
        assert!(compile(Path::new("."), "/etc/passwd").is_err());
    }
}
