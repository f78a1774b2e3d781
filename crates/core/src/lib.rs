#![doc = include_str!("../README.md")]
#![warn(missing_docs)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly"))]

pub mod binary;
pub mod catalog;
pub mod check;
pub mod completeness;
mod engine;
pub mod export;
mod field_names;
pub mod form;
pub mod ids;
pub mod json_error;
pub mod limits;
pub mod listing;
pub mod matrix;
mod messages;
pub mod normalize;
pub mod options;
pub mod report;
pub mod rule_model;
mod rules;
pub mod schema;
pub mod shard;
pub mod snapshot;
pub mod suggest;
pub mod synth;
mod synth_platform;
pub mod unsatisfiable;

pub use catalog::{Catalog, CompileError, Problem};
pub use ids::Id;
pub use listing::Listing;
pub use matrix::MatrixError;
pub use messages::message;
pub use options::{Locale, ValidateOptions};
pub use report::{Code, Issue, IssueKind, Report, Severity};
pub use snapshot::{Platform, Snapshot};

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
