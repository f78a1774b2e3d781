#![doc = include_str!("../README.md")]

mod atomic;
mod cache;
mod clock;
mod context;
mod error;
mod import;
pub mod lenient;
mod limiter;
mod locale;
mod progress;
mod record;
mod retry;
mod runtime;
mod secret;
mod transport;

pub use atomic::{remove_stale_temporaries, write_atomic, write_atomic_batch};
pub use cache::{CacheError, CachedSnapshot, Origin, SnapshotCache, DEFAULT_TTL};
pub use clock::{rfc3339_utc, top_timestamp};
pub use context::CallContext;
pub use error::{CallError, FailureKind, Localized, TransportError};
pub use import::{ImportError, ImportOptions, ImportSummary};
pub use limiter::{Permit, RateLimit, RateLimiter};
pub use locale::Locale;
pub use progress::{NoProgress, ProgressEvent, ProgressSink, Stage};
pub use record::{
    compact_json, read_exchange_texts, read_exchanges, write_exchanges, Exchange, Recorder, RecordingError,
};
pub use retry::RetryPolicy;
pub use runtime::block_on;
pub use secret::{is_secret_param, Secret, SECRET_PARAMS};
pub use transport::{endpoint, resolve_base_url, HttpConfig, Reply, SetupError, Transport, Verdict};

/// Re-exported so platform crates and tests build requests with the same `reqwest`.
pub use reqwest;
