//! Shared pieces of the benchmark binaries: the comparison cases (built from the real Taobao
//! sale-property recordings where they are available) and a small timing helper.
//!
//! Binaries: `compare` (shelfcheck against `jsonschema` and, through Node, against `ajv`),
//! `platform` (JSON and binary load of a whole synthetic platform: time and peak memory) and
//! `gen` (writes the synthetic platform and NDJSON listing streams for the batch benchmark).

pub mod cases;
pub mod timing;

use std::path::PathBuf;

/// The repository root (the crate sits in `crates/bench`).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("..")
}

/// Peak resident memory of this process so far (`VmHWM`), in KiB, where `/proc` has it.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
