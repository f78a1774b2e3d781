//! Shared machinery of the cross-crate end-to-end tests.
//!
//! The fixture cases under `fixtures/cases/` are plain JSON so that other runtimes (the wasm
//! package's JS tests) can run the very same files; this crate holds the native side: the case
//! model, the loader and the comparison. The test targets in `tests/` use it.

pub mod case;
pub mod diff;

use std::path::PathBuf;

pub use case::{Case, Expect, ExpectedIssue, LoadedCase, Snapshots};

/// The repository's `fixtures/` folder.
pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("fixtures")
}
