//! Storage formats: how snapshots and catalogs are written and read besides JSON.
//!
//! The compact [`binary`] form stores a compiled catalog so a whole platform loads in
//! milliseconds; [`shard`] splits a snapshot into one small snapshot per leaf category for
//! browsers; [`schema`] generates the JSON Schemas of the snapshot, listing and report files.
//! Each reads back into the same [`Catalog`](crate::Catalog) or
//! [`Snapshot`](crate::Snapshot) that the pipeline works on.

pub mod binary;
pub mod schema;
pub mod shard;
