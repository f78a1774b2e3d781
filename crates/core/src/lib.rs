#![doc = include_str!("../README.md")]
#![warn(missing_docs)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly"))]

// The pipeline, in the order a listing meets it (the README's module map draws it).
pub mod model;

pub mod catalog;

pub mod input;

pub mod validate;

pub mod report;

// Beside the pipeline: forms, storage formats and test data.
pub mod forms;

pub mod storage;

pub mod synth;

pub use catalog::{Catalog, CompileError, Problem};
pub use forms::matrix::MatrixError;
pub use input::listing::Listing;
pub use model::ids::Id;
pub use model::snapshot::{Platform, Snapshot};
pub use report::messages::message;
pub use report::{Code, Issue, IssueKind, Report, Severity};
pub use validate::options::{Locale, ValidateOptions};

/// The small demo snapshot the CLI uses when none is given (a T-shirt category with brand,
/// material, colour and size; a frozen, a deleted and a qualification-gated category).
pub mod demo {
    /// The demo snapshot as JSON.
    pub const SNAPSHOT_JSON: &str = include_str!("../demo/snapshot.json");
}

/// The workspace README's Rust examples, run as doctests so the README stays true.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;
