#![doc = include_str!("../README.md")]

mod client;
mod error;
mod fetch;
mod import;
pub mod model;
pub mod shop;

pub(crate) use shelfcheck_fetch::lenient;

pub use client::{WechatClient, ACCOUNT_METHOD, ALL_METHOD, DEFAULT_BASE_URL, ENV_ACCESS_TOKEN, PLATFORM};
pub use error::{classify, decode, WechatError};
pub use fetch::{fetch, fetch_shop, FetchError, FetchOptions, FetchReport, ShopFetchOptions};
pub use import::{import_exchanges, import_texts, ImportError, ImportOptions, ImportSummary};
pub use shop::{name_id, BRAND_PROPERTY, SHOP_ALL_METHOD, SHOP_CAT_METHOD, SHOP_DETAIL_METHOD};
