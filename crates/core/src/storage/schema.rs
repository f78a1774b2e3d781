//! JSON Schemas of the file formats, generated from the Rust types.
//!
//! The committed copies under `crates/core/schemas/` are compared with these by a test, so
//! they cannot go stale.

use crate::{Listing, Report, Snapshot};
use schemars::schema_for;

/// The formats that have a schema: `(file name, schema)`.
pub fn all() -> Vec<(&'static str, serde_json::Value)> {
    vec![
        ("snapshot.schema.json", serde_json::to_value(schema_for!(Snapshot)).unwrap_or_default()),
        ("listing.schema.json", serde_json::to_value(schema_for!(Listing)).unwrap_or_default()),
        ("report.schema.json", serde_json::to_value(schema_for!(Report)).unwrap_or_default()),
    ]
}

/// One schema by format name (`snapshot`, `listing`, `report`).
pub fn by_name(name: &str) -> Option<serde_json::Value> {
    let file = format!("{name}.schema.json");
    all().into_iter().find(|(f, _)| *f == file).map(|(_, s)| s)
}
