//! Input: the seller's draft listing and what bounds and reads untrusted text.
//!
//! A [`Listing`](listing::Listing) keeps what was sent as it was sent; [`limits`] refuses input
//! too large to check before the work starts; [`json_error`] words a document that cannot be
//! read; [`number`] reads numbers written as text; [`normalize`] and [`suggest`] match the
//! names sellers type against the snapshot's.
//! The listing is handed to [`crate::validate`] together with a compiled catalog.

pub mod json_error;
pub mod limits;
pub mod listing;
mod lowercase;
pub mod normalize;
pub mod number;
pub mod suggest;
