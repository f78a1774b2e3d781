#![doc = include_str!("../README.md")]

mod change;
mod compare;
mod impact;
mod render;
mod tighten;

pub use change::{Change, Removal};
pub use compare::diff;
pub use impact::{drift, DriftReport, IssueRef, ListingImpact};
