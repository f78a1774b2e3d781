#![doc = include_str!("../README.md")]

mod client;
mod envelope;
mod error;
/// Tolerant field decoders shared by every platform crate.
pub(crate) use shelfcheck_fetch::lenient;
pub mod model;
mod sign;
mod xml;
mod xml_pos;

pub use client::{
    CallResult, Credentials, Market, MissingCredential, PropsQuery, TaobaoClient, CAT_FIELDS, DEFAULT_GATEWAY,
    ENV_APP_KEY, ENV_APP_SECRET, ENV_SESSION, MAX_CIDS_PER_CALL, PLATFORM, PROP_FIELDS, VALUE_FIELDS,
};
pub use envelope::{classify, decode, response_key};
pub use error::{ErrorClass, TaobaoError, TopError};
pub use shelfcheck_fetch::{rfc3339_utc, top_timestamp};
pub use sign::{sign, signing_string, SignMethod};
mod children;
mod convert;
mod fetch;
mod import;
mod refresh;
pub mod schema;

pub use children::{path_text, ChildLimits, ChildProblem};
pub use fetch::{fetch, FetchError, FetchOptions, FetchReport, Scope, Skipped};
pub use import::{
    exchanges_of, import_exchanges, import_texts, sale_props_exchanges, snapshot_bytes, ChildHole, Ignored,
    ImportError, ImportOptions, ImportSummary,
};
pub use refresh::{cache_key, refresh, Refreshed};
