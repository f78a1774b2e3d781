//! `shelfcheck fetch <platform>`: build a snapshot from a platform's live API, with progress
//! bars, an optional recording and an optional cache. The platform crates do the fetching;
//! this module does what is common to all of them (output, cache, summary, exit code).

mod options;
mod platforms;

pub use platforms::{alibaba, taobao, wechat};

use crate::args::CommonFetchArgs;
use crate::error::InputError;
use crate::progress::Bars;
use crate::terminal::{safe, safe_lines};
use crate::text::error_prefix;
use crate::{Env, Outcome};
use shelfcheck_core::{Locale, Snapshot};
use shelfcheck_fetch::{HttpConfig, Localized, RateLimit, Recorder, SnapshotCache, Transport};
use std::io;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// A finished fetch, whatever the platform.
pub struct Fetched {
    pub snapshot: Snapshot,
    pub calls: usize,
    /// What was left out, already in the user's language.
    pub skipped: Vec<String>,
    /// The header the snapshot was imported with, to rebuild it from the recording.
    pub built_at: Option<String>,
    pub source: Option<String>,
}

/// What one fetch needs before it starts: where calls are recorded and progress is drawn.
pub struct Session {
    pub recorder: Arc<Recorder>,
    pub bars: Arc<Bars>,
    pub runtime: tokio::runtime::Runtime,
}

/// An error message already in the user's language (the cache reports errors through
/// `Localized`).
#[derive(Debug)]
struct Said(String);

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Localized for Said {
    fn message(&self, _locale: shelfcheck_fetch::Locale) -> String {
        self.0.clone()
    }
}

/// Prints an error and gives exit 2. The message may quote the gateway's own text (`sub_msg`,
/// `errmsg`, a proxy's page), so it is made safe for the terminal; its own line breaks stay.
pub(crate) fn fail(env: &mut Env<'_>, message: &str) -> io::Result<Outcome> {
    writeln!(env.err, "{}{}", error_prefix(env.locale), safe_lines(message))?;
    Ok(Outcome::Unusable)
}

/// Opens the recording and the progress bars, and starts the runtime.
pub fn session(common: &CommonFetchArgs, locale: Locale) -> Result<Session, String> {
    let recorder = match &common.record {
        None => Arc::new(Recorder::in_memory()),
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => Arc::new(Recorder::with_sink(Box::new(f))),
            Err(e) => return Err(InputError::io(crate::input::display(path), &e).line(locale)),
        },
    };
    let bars = Arc::new(Bars::new(locale, !common.no_progress));
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
    Ok(Session { recorder, bars, runtime })
}

/// The platform's transport with the command line's limits, this session's recorder and bars.
pub fn transport(
    platform: &str,
    default_url: &str,
    base: HttpConfig,
    common: &CommonFetchArgs,
    session: &Session,
    locale: Locale,
) -> Result<Transport, String> {
    let mut config = HttpConfig {
        base_url: common.gateway.clone(),
        rate: RateLimit {
            // `options::check` has refused anything outside 0 or its range.
            requests_per_second: (common.rps > 0.0).then_some(common.rps),
            max_concurrency: common.concurrency,
        },
        ..base
    };
    if let Some(n) = common.attempts {
        config.retry.max_attempts = n;
    }
    Transport::new(platform, default_url, config)
        .map(|t| t.with_progress(session.bars.clone()).with_recorder(session.recorder.clone()))
        .map_err(|e| e.message(locale))
}

/// Runs `fetch` and writes its snapshot to `--output` or through the `--cache`.
///
/// Exit codes: 0 complete; 1 written but categories were skipped (listed); 2 nothing usable
/// (a failed fetch, an empty one, a partial refresh of the cache, which keeps the previous file).
pub fn finish(
    common: &CommonFetchArgs,
    platform: &str,
    cache_key: &str,
    session: &Session,
    env: &mut Env<'_>,
    fetch: impl FnOnce() -> Result<Fetched, String>,
) -> io::Result<Outcome> {
    let locale = env.locale;
    let outcome = match &common.cache {
        Some(dir) => through_cache(common, dir, cache_key, platform, session, env, fetch)?,
        None => {
            let result = fetch();
            session.bars.finish();
            match (result, &common.output) {
                (Err(e), _) => fail(env, &e)?,
                (Ok(_), None) => Outcome::Unusable, // clap requires --output without --cache
                (Ok(f), Some(_)) if f.snapshot.categories.is_empty() && !f.skipped.is_empty() => {
                    summary(&f, common, platform, false, env)?;
                    let msg = match locale {
                        Locale::ZhCn => "没有抓取到任何类目, 未写出快照",
                        Locale::En => "no category could be fetched; no snapshot written",
                    };
                    fail(env, msg)?
                }
                (Ok(f), Some(out)) => {
                    let written = write_file(out, &snapshot_bytes(&f.snapshot), env)?;
                    summary(&f, common, platform, written == Outcome::Valid, env)?;
                    written.worst(if f.skipped.is_empty() { Outcome::Valid } else { Outcome::Invalid })
                }
            }
        }
    };
    if let Some(e) = session.recorder.take_sink_error() {
        let path = common.record.as_deref().map(crate::input::display).unwrap_or_default();
        let msg = match locale {
            Locale::ZhCn => format!("录制文件 {path} 写入失败, 录制不完整: {e}"),
            Locale::En => format!("the recording {path} could not be written and is incomplete: {e}"),
        };
        return fail(env, &msg);
    }
    Ok(outcome)
}

fn through_cache(
    common: &CommonFetchArgs,
    dir: &Path,
    key: &str,
    platform: &str,
    session: &Session,
    env: &mut Env<'_>,
    fetch: impl FnOnce() -> Result<Fetched, String>,
) -> io::Result<Outcome> {
    let locale = env.locale;
    // `options::check` keeps the hours within ten years, so this always converts.
    let ttl = Duration::try_from_secs_f64(common.ttl * 3600.0).unwrap_or(Duration::ZERO);
    let cache = SnapshotCache::new(dir).with_ttl(ttl);
    let previous = match cache.load::<Said>(key, SystemTime::now()) {
        Ok(p) => p,
        Err(e) => return fail(env, &e.message(locale)),
    };
    if let Some(prev) = previous.as_ref().filter(|p| p.fresh && !common.force) {
        let path = safe(&crate::input::display(&prev.path)).into_owned();
        // Its modification time says nothing about its content: it is used only if it loads.
        match prev.verify() {
            Ok(()) => {
                session.bars.finish();
                match locale {
                    Locale::ZhCn => writeln!(env.out, "使用未过期的缓存快照 {path}")?,
                    Locale::En => writeln!(env.out, "using the fresh cached snapshot {path}")?,
                }
                return match &common.output {
                    Some(out) => write_file(out, &prev.bytes, env),
                    None => Ok(Outcome::Valid),
                };
            }
            Err(e) => match locale {
                Locale::ZhCn => writeln!(env.err, "缓存快照 {path} 无法使用, 重新抓取: {}", e.message(locale))?,
                Locale::En => writeln!(
                    env.err,
                    "the cached snapshot {path} cannot be used; fetching it again: {}",
                    e.message(locale)
                )?,
            },
        }
    }
    let result = fetch();
    session.bars.finish();
    let kept = match (previous.is_some(), locale) {
        (true, Locale::ZhCn) => "已保留之前的快照",
        (false, Locale::ZhCn) => "此前没有快照",
        (true, Locale::En) => "the previous snapshot is kept",
        (false, Locale::En) => "there was no previous snapshot",
    };
    let fetched = match result {
        Ok(f) if f.skipped.is_empty() => f,
        Ok(f) => {
            summary(&f, common, platform, false, env)?;
            let msg = match locale {
                Locale::ZhCn => format!("刷新不完整, {kept}"),
                Locale::En => format!("the refresh is incomplete; {kept}"),
            };
            return fail(env, &msg);
        }
        Err(e) => {
            let msg = match locale {
                Locale::ZhCn => format!("刷新失败, {kept}: {e}"),
                Locale::En => format!("the refresh failed; {kept}: {e}"),
            };
            return fail(env, &msg);
        }
    };
    let bytes = snapshot_bytes(&fetched.snapshot);
    let path = match cache.store::<Said>(key, &bytes) {
        Ok(p) => p,
        Err(e) => return fail(env, &e.message(locale)),
    };
    let shown = safe(&crate::input::display(&path)).into_owned();
    match locale {
        Locale::ZhCn => writeln!(env.out, "已刷新缓存快照 {shown}")?,
        Locale::En => writeln!(env.out, "refreshed the cached snapshot {shown}")?,
    }
    summary(&fetched, common, platform, true, env)?;
    match &common.output {
        Some(out) => write_file(out, &bytes, env),
        None => Ok(Outcome::Valid),
    }
}

/// The snapshot file bytes, as every platform crate writes them.
pub fn snapshot_bytes(snapshot: &Snapshot) -> Vec<u8> {
    shelfcheck_taobao::snapshot_bytes(snapshot)
}

fn write_file(out: &Path, bytes: &[u8], env: &mut Env<'_>) -> io::Result<Outcome> {
    match shelfcheck_fetch::write_atomic(out, bytes) {
        Ok(()) => {
            let path = safe(&crate::input::display(out)).into_owned();
            match env.locale {
                Locale::ZhCn => writeln!(env.out, "已写入 {path}")?,
                Locale::En => writeln!(env.out, "wrote {path}")?,
            }
            Ok(Outcome::Valid)
        }
        Err(e) => fail(env, &crate::text::cannot_write(env.locale, &crate::input::display(out), &e)),
    }
}

/// Counts, what was skipped, and, when a snapshot was `written`, how to rebuild the same file
/// from the recording.
fn summary(f: &Fetched, common: &CommonFetchArgs, platform: &str, written: bool, env: &mut Env<'_>) -> io::Result<()> {
    let s = &f.snapshot;
    let leaves = s.categories.iter().filter(|c| c.leaf).count();
    let hash = s.hash.clone().unwrap_or_default();
    let (c, p, v, calls) = (s.categories.len(), s.properties.len(), s.values.len(), f.calls);
    match env.locale {
        Locale::ZhCn => writeln!(
            env.out,
            "  {c} 个类目 ({leaves} 个叶子), {p} 个属性, {v} 个属性值; {calls} 次调用\n  哈希 {hash}"
        )?,
        Locale::En => writeln!(
            env.out,
            "  {c} categories ({leaves} leaves), {p} properties, {v} values; {calls} calls\n  hash {hash}"
        )?,
    }
    if !f.skipped.is_empty() {
        let n = f.skipped.len();
        match env.locale {
            Locale::ZhCn => writeln!(env.err, "抓取不完整, 跳过了 {n} 项:")?,
            Locale::En => writeln!(env.err, "the fetch is incomplete, {n} item(s) skipped:")?,
        }
        // Each line quotes the gateway's answer and the names it gave the categories.
        for line in &f.skipped {
            writeln!(env.err, "  - {}", safe(line))?;
        }
    }
    if let Some(rec) = common.record.as_ref().filter(|_| written) {
        let mut cmd = format!("shelfcheck snapshot import {platform} {}", safe(&crate::input::display(rec)));
        if let Some(b) = &f.built_at {
            cmd.push_str(&format!(" --built-at '{b}'"));
        }
        if let Some(src) = &f.source {
            cmd.push_str(&format!(" --source '{src}'"));
        }
        cmd.push_str(" -o SNAPSHOT.json");
        let lead = match env.locale {
            Locale::ZhCn => "离线重建同一快照",
            Locale::En => "to rebuild the same snapshot offline",
        };
        writeln!(env.out, "  {lead}: {cmd}")?;
    }
    Ok(())
}
