//! Keeping a cached snapshot fresh without ever losing a good one.

use std::path::PathBuf;
use std::time::SystemTime;

use shelfcheck_fetch::{CacheError, Origin, SnapshotCache};

use crate::client::{Market, TaobaoClient};
use crate::fetch::{fetch, FetchError, FetchOptions, FetchReport};
use crate::import::snapshot_bytes;

/// A snapshot served from the cache or freshly fetched.
#[derive(Debug)]
pub struct Refreshed {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    pub origin: Origin,
    /// The fetch, when one ran.
    pub report: Option<FetchReport>,
}

/// The cache key of a fetch: platform and scope.
pub fn cache_key(options: &FetchOptions) -> String {
    let platform = match options.market {
        Market::Taobao => "taobao",
        Market::Tmall => "tmall",
    };
    format!("{platform}-{}", options.scope.key())
}

/// Serves the cached snapshot while it is fresh (unless `force`), otherwise fetches a new one.
///
/// The new snapshot replaces the cached file (atomically) only when the fetch is complete and
/// compiles: a failed fetch, a non-strict one that skipped categories or met a category twice,
/// or one whose answers do not compile, leaves the previous file exactly as it was and the
/// error says what failed. A fresh cached file that does not load is fetched again.
pub async fn refresh(
    client: &TaobaoClient,
    options: &FetchOptions,
    cache: &SnapshotCache,
    force: bool,
) -> Result<Refreshed, CacheError<FetchError>> {
    let key = cache_key(options);
    let previous = cache.load::<FetchError>(&key, SystemTime::now())?;
    if let Some(prev) = &previous {
        // A fresh file is served only when it loads: its age says nothing about its content.
        if prev.fresh && !force && prev.verify().is_ok() {
            return Ok(Refreshed {
                path: prev.path.clone(),
                bytes: prev.bytes.clone(),
                origin: Origin::Cache,
                report: None,
            });
        }
    }
    let kept_previous = previous.is_some();
    let report = match fetch(client, options).await {
        Ok(r) => r,
        Err(source) => return Err(CacheError::Refresh { source, kept_previous }),
    };
    if !report.is_complete() {
        let source = FetchError::Incomplete { skipped: report.skipped, repeats: report.repeats };
        return Err(CacheError::Refresh { source, kept_previous });
    }
    let bytes = snapshot_bytes(&report.snapshot);
    let path = cache.store::<FetchError>(&key, &bytes)?;
    Ok(Refreshed { path, bytes, origin: Origin::Refreshed, report: Some(report) })
}
