#![doc = include_str!("../README.md")]

mod answer;
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
mod queue;
mod record;
mod report;
mod retry;
mod retry_after;
mod runtime;
mod secret;
mod transport;
mod walk;

#[cfg(feature = "test-support")]
pub mod test_support;

pub use answer::{parse_json, shape_text, FromJsonFault, JsonFault};
pub use atomic::{remove_stale_temporaries, write_atomic, write_atomic_batch};
pub use cache::{CacheError, CachedSnapshot, Origin, SnapshotCache, Unusable, DEFAULT_TTL};
pub use clock::{rfc3339_utc, top_timestamp};
pub use context::CallContext;
pub use error::{CallError, FailureKind, Localized, TimeoutLimit, TransportError};
pub use import::{
    empty_snapshot, import_each, mark_incomplete, reparent_orphans, units_longest_first, ImportError, ImportOptions,
    ImportSummary, LeftOut,
};
pub use limiter::{Permit, RateLimit, RateLimiter};
pub use locale::Locale;
pub use progress::{NoProgress, ProgressEvent, ProgressSink, Stage};
pub use queue::for_each_bounded;
pub use record::{
    compact_json, read_exchange_texts, read_exchanges, write_exchanges, Exchange, Recorder, RecordingError,
};
pub use report::{FetchError, FetchReport, Skipped};
pub use retry::RetryPolicy;
pub use runtime::block_on;
pub use secret::{is_secret_param, CredentialError, Redactor, Secret, SecretFileError, SECRET_PARAMS};
pub use transport::{endpoint, resolve_base_url, HttpConfig, Reply, SetupError, Transport, Verdict};
pub use walk::{Repeat, TreeLimit, TreeWalk, MAX_CATEGORIES, MAX_DEPTH};

/// Re-exported so platform crates and tests build requests with the same `reqwest`.
pub use reqwest;
