//! The on-disk snapshot cache: one file per platform and scope, fresh for a time-to-live.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::atomic::write_atomic;
use crate::locale::Locale;

/// Snapshots change rarely (the platforms advise caching category data for a day or two).
pub const DEFAULT_TTL: Duration = Duration::from_secs(24 * 60 * 60);

#[derive(Debug, Clone)]
pub struct SnapshotCache {
    dir: PathBuf,
    ttl: Duration,
}

/// A cached snapshot and how old it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedSnapshot {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    pub age: Duration,
    pub fresh: bool,
}

/// Why a cached file cannot be used although it is fresh.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Unusable {
    #[error("it is not a snapshot: {detail}")]
    NotSnapshot { line: usize, column: usize, detail: String },
    #[error("{0}")]
    Integrity(shelfcheck_core::CompileError),
}

impl Unusable {
    pub fn message(&self, locale: Locale) -> String {
        match (locale, self) {
            (Locale::En, _) => self.to_string(),
            (Locale::ZhCn, Self::NotSnapshot { line, column, .. }) => {
                format!("它不是可读取的快照 (第 {line} 行第 {column} 列)")
            }
            (Locale::ZhCn, Self::Integrity(e)) => e.message(locale),
        }
    }
}

impl CachedSnapshot {
    /// Whether the file loads: JSON of a snapshot that compiles. Its modification time says
    /// nothing about its content (a disk error, a truncating copy, an edit by hand).
    pub fn verify(&self) -> Result<(), Unusable> {
        let snapshot: shelfcheck_core::Snapshot = serde_json::from_slice(&self.bytes)
            .map_err(|e| Unusable::NotSnapshot { line: e.line(), column: e.column(), detail: e.to_string() })?;
        shelfcheck_core::Catalog::compile(snapshot).map(drop).map_err(Unusable::Integrity)
    }
}

/// Where a refreshed snapshot came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The cached copy was still within its time-to-live.
    Cache,
    /// Built anew and written to the cache.
    Refreshed,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CacheError<E> {
    #[error("cache `{path}` could not be {action}: {source}")]
    Io { path: PathBuf, action: &'static str, source: std::io::Error },
    /// The refresh failed; the previous snapshot (if any) is still in place.
    #[error("refresh failed, previous snapshot kept{}: {source}", if *.kept_previous { "" } else { " (there was none)" })]
    Refresh { source: E, kept_previous: bool },
}

impl<E: crate::Localized + std::fmt::Display> CacheError<E> {
    pub fn message(&self, locale: Locale) -> String {
        match (locale, self) {
            (Locale::En, _) => self.to_string(),
            (Locale::ZhCn, Self::Io { path, action, source }) => {
                let action = match *action {
                    "read" => "读取",
                    _ => "写入",
                };
                format!("缓存 `{}` 无法{action}:{source}", path.display())
            }
            (Locale::ZhCn, Self::Refresh { source, kept_previous }) => {
                let kept = if *kept_previous { "已保留之前的快照" } else { "此前没有快照" };
                format!("刷新失败,{kept}:{}", source.message(locale))
            }
        }
    }
}

impl SnapshotCache {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into(), ttl: DEFAULT_TTL }
    }

    pub fn with_ttl(mut self, ttl: Duration) -> Self {
        self.ttl = ttl;
        self
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// `<dir>/<key>.snapshot.json`; the key is sanitised so a scope such as `tmall/50010850`
    /// cannot escape the cache directory.
    pub fn path_for(&self, key: &str) -> PathBuf {
        let safe: String = key
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' })
            .collect();
        let safe = safe.trim_start_matches('.');
        self.dir.join(format!("{safe}.snapshot.json"))
    }

    /// The cached snapshot for `key`, if any, with its freshness at `now`.
    pub fn load<E>(&self, key: &str, now: SystemTime) -> Result<Option<CachedSnapshot>, CacheError<E>> {
        let path = self.path_for(key);
        let io = |source| CacheError::Io { path: path.clone(), action: "read", source };
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io(e)),
        };
        let modified = std::fs::metadata(&path).and_then(|m| m.modified()).map_err(io)?;
        // A clock that went backwards makes the file look new; treat it as age zero.
        let age = now.duration_since(modified).unwrap_or(Duration::ZERO);
        Ok(Some(CachedSnapshot { path, bytes, age, fresh: age <= self.ttl }))
    }

    /// Writes a complete snapshot atomically.
    pub fn store<E>(&self, key: &str, bytes: &[u8]) -> Result<PathBuf, CacheError<E>> {
        let path = self.path_for(key);
        write_atomic(&path, bytes).map_err(|source| CacheError::Io {
            path: path.clone(),
            action: "written",
            source,
        })?;
        Ok(path)
    }

    /// Returns the cached snapshot while fresh (unless `force`) and loadable, otherwise runs
    /// `build` and stores its result.
    ///
    /// `build` produces the whole snapshot in memory and only an `Ok` is written, so a refresh
    /// that fails halfway leaves the previous file untouched, byte for byte. A partial result
    /// must therefore be reported by `build` as an error.
    pub async fn get_or_refresh<E, F, Fut>(
        &self,
        key: &str,
        now: SystemTime,
        force: bool,
        build: F,
    ) -> Result<(Vec<u8>, Origin), CacheError<E>>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Vec<u8>, E>>,
    {
        let previous = self.load::<E>(key, now)?;
        if let Some(prev) = &previous {
            if prev.fresh && !force && prev.verify().is_ok() {
                return Ok((prev.bytes.clone(), Origin::Cache));
            }
        }
        match build().await {
            Ok(bytes) => {
                self.store::<E>(key, &bytes)?;
                Ok((bytes, Origin::Refreshed))
            }
            Err(source) => Err(CacheError::Refresh { source, kept_previous: previous.is_some() }),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("boom")]
    struct Boom;

    #[test]
    fn stale_temporaries_are_removed_and_fresh_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let cache = SnapshotCache::new(dir.path());
        let stale = dir.path().join(".shelfcheck-dead.tmp");
        let fresh = dir.path().join(".shelfcheck-live.tmp");
        std::fs::write(&stale, b"half").unwrap();
        std::fs::write(&fresh, b"half").unwrap();
        let f = std::fs::File::options().write(true).open(&stale).unwrap();
        f.set_modified(SystemTime::now() - Duration::from_secs(7200)).unwrap();
        cache.store::<Boom>("taobao", b"v1").unwrap();
        assert!(!stale.exists() && fresh.exists());
    }

    #[test]
    fn keys_cannot_escape_the_directory() {
        let c = SnapshotCache::new("/tmp/x");
        assert_eq!(c.path_for("../../etc/passwd"), PathBuf::from("/tmp/x/_.._etc_passwd.snapshot.json"));
    }

    #[tokio::test]
    async fn fresh_cache_is_served_and_failed_refresh_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let cache = SnapshotCache::new(dir.path()).with_ttl(Duration::from_secs(60));
        let now = SystemTime::now();
        let v1 = shelfcheck_core::demo::SNAPSHOT_JSON.as_bytes().to_vec();
        let v2 = shelfcheck_core::demo::SNAPSHOT_JSON.replace("\"categories\"", "\"categories\" ").into_bytes();
        let first = v1.clone();
        let (b, o) = cache.get_or_refresh::<Boom, _, _>("taobao", now, false, || async { Ok(first) }).await.unwrap();
        assert_eq!((&b, o), (&v1, Origin::Refreshed));
        let (b, o) = cache.get_or_refresh::<Boom, _, _>("taobao", now, false, || async { Ok(v2) }).await.unwrap();
        assert_eq!((&b, o), (&v1, Origin::Cache));
        let later = now + Duration::from_secs(3600);
        let err = cache.get_or_refresh::<Boom, _, _>("taobao", later, false, || async { Err(Boom) }).await.unwrap_err();
        assert!(matches!(err, CacheError::Refresh { kept_previous: true, .. }));
        assert_eq!(std::fs::read(cache.path_for("taobao")).unwrap(), v1);
    }

    #[tokio::test]
    async fn a_fresh_but_corrupt_file_is_rebuilt_not_served() {
        let dir = tempfile::tempdir().unwrap();
        let cache = SnapshotCache::new(dir.path()).with_ttl(Duration::from_secs(3600));
        let now = SystemTime::now();
        let good = shelfcheck_core::demo::SNAPSHOT_JSON.as_bytes().to_vec();
        // Cut short, then whole but naming a parent that does not exist.
        let cut = good[..good.len() / 2].to_vec();
        let mut orphan: serde_json::Value = serde_json::from_slice(&good).unwrap();
        orphan["categories"][0]["parent_id"] = serde_json::json!(987654321);
        let orphan = serde_json::to_vec(&orphan).unwrap();
        for bad in [cut, orphan] {
            std::fs::write(cache.path_for("demo"), &bad).unwrap();
            let loaded = cache.load::<Boom>("demo", now).unwrap().unwrap();
            let why = loaded.verify().unwrap_err();
            assert!(loaded.fresh);
            assert!(why.message(Locale::ZhCn).contains("快照"), "{}", why.message(Locale::ZhCn));
            let fresh = good.clone();
            let (b, o) = cache.get_or_refresh::<Boom, _, _>("demo", now, false, || async { Ok(fresh) }).await.unwrap();
            assert_eq!((b, o), (good.clone(), Origin::Refreshed));
        }
        let (_, o) = cache.get_or_refresh::<Boom, _, _>("demo", now, false, || async { Err(Boom) }).await.unwrap();
        assert_eq!(o, Origin::Cache);
    }
}
