#![doc = include_str!("../README.md")]

pub mod attribute;
mod client;
mod error;
mod fetch;
mod import;
pub mod item;
pub mod model;
mod official;

pub(crate) use shelfcheck_fetch::lenient;

pub use client::{recommended_config, AlibabaClient, DEFAULT_BASE_URL, ENV_API_TOKEN, INFO_METHOD, PLATFORM};
pub use error::{classify, classify_official, decode, decode_official, AlibabaError};
pub use fetch::{fetch, FetchError, FetchOptions, FetchReport};
pub use import::{
    import_exchanges, import_texts, ImportError, ImportOptions, ImportSummary, ATTRIBUTE_METHOD, OFFICIAL_METHOD,
};
pub use item::{import_item, ItemError, ItemImport, MappingIssue, MappingKind};
pub use official::{
    fetch_leaves, signature, OfficialClient, OfficialCredentials, ENV_ACCESS_TOKEN, ENV_APP_KEY, ENV_APP_SECRET,
    OFFICIAL_BASE_URL,
};
