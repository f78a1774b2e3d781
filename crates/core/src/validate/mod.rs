//! Validation: one listing checked against a compiled [`Catalog`](crate::Catalog).
//!
//! The engine resolves the listing's names and ids against the catalog, then runs the rules,
//! one module each, in a fixed order; [`options`] selects the locale and the severities.
//! Every finding goes into a [`Report`](crate::Report) ([`crate::report`]), the only thing
//! this stage hands on.

pub(crate) mod engine;
pub mod options;
pub(crate) mod rules;
