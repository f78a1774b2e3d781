//! The languages user-facing messages are written in: the core's, so that a caller passes
//! one locale to every crate.

pub use shelfcheck_core::Locale;
