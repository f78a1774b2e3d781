//! Forms: what a category asks of a listing, for the tools that build one.
//!
//! Beside the pipeline, read off the same compiled [`Catalog`](crate::Catalog): the
//! [`form`] descriptor a page draws, the SKU [`matrix`] of the chosen sale values, the
//! [`completeness`] of a draft (missing exactly when validation says so), and the category's
//! listings as a JSON Schema ([`export`]) for teams that validate or render with one.

pub mod completeness;
pub mod export;
pub mod form;
pub mod matrix;
