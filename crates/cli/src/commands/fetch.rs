//! `shelfcheck fetch taobao|tmall`: build a snapshot from the live API through
//! `shelfcheck-taobao`, with progress bars, optional recording and an optional cache.

use super::import::fetch_locale;
use crate::args::{SignMethodArg, TopFetchArgs};
use crate::error::InputError;
use crate::progress::Bars;
use crate::text::error_prefix;
use crate::{Env, Outcome};
use shelfcheck_core::{Locale, Snapshot};
use shelfcheck_fetch::{HttpConfig, Localized, Origin, RateLimit, Recorder, Secret, SnapshotCache, Transport};
use shelfcheck_taobao::{
    fetch, refresh, snapshot_bytes, Credentials, FetchOptions, FetchReport, Market, Scope, SignMethod, TaobaoClient,
    DEFAULT_GATEWAY, PLATFORM,
};
use std::io;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

fn fail(env: &mut Env<'_>, message: &str) -> io::Result<Outcome> {
    writeln!(env.err, "{}{message}", error_prefix(env.locale))?;
    Ok(Outcome::Unusable)
}

fn http_config(args: &TopFetchArgs) -> HttpConfig {
    let mut config = HttpConfig {
        base_url: args.gateway.clone(),
        rate: RateLimit {
            requests_per_second: (args.rps.is_finite() && args.rps > 0.0).then_some(args.rps),
            max_concurrency: args.concurrency.max(1),
        },
        ..HttpConfig::default()
    };
    if let Some(n) = args.attempts {
        config.retry.max_attempts = n.max(1);
    }
    config
}

fn scope(args: &TopFetchArgs) -> Scope {
    match (args.subtree, args.leaves.is_empty()) {
        (Some(cid), _) => Scope::Subtree(cid),
        (None, false) => Scope::Leaves(args.leaves.clone()),
        (None, true) => Scope::All,
    }
}

pub fn taobao(args: &TopFetchArgs, market: Market, env: &mut Env<'_>) -> io::Result<Outcome> {
    let locale = env.locale;
    let recorder = match &args.record {
        None => Arc::new(Recorder::in_memory()),
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => Arc::new(Recorder::with_sink(Box::new(f))),
            Err(e) => return fail(env, &InputError::io(crate::input::display(path), &e).line(locale)),
        },
    };
    let bars = Arc::new(Bars::new(locale, !args.no_progress));
    let transport = match Transport::new(PLATFORM, DEFAULT_GATEWAY, http_config(args)) {
        Ok(t) => t.with_progress(bars.clone()).with_recorder(recorder.clone()),
        Err(e) => return fail(env, &e.message(fetch_locale(locale))),
    };
    let credentials = Credentials {
        app_key: args.app_key.clone(),
        app_secret: Secret::new(args.app_secret.clone()),
        session: args.session.clone().map(Secret::new),
    };
    let sign = match args.sign_method {
        SignMethodArg::Md5 => SignMethod::Md5,
        SignMethodArg::Hmac => SignMethod::Hmac,
        SignMethodArg::HmacSha256 => SignMethod::HmacSha256,
    };
    let client = TaobaoClient::with_transport(transport, credentials).with_sign_method(sign);
    let options = FetchOptions { market, scope: scope(args), seller_scope: args.seller_scope, strict: args.strict };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;

    let outcome = match &args.cache {
        Some(dir) => {
            let Ok(ttl) = Duration::try_from_secs_f64(args.ttl * 3600.0) else {
                let msg = match locale {
                    Locale::ZhCn => format!("缓存有效期 `{}` 无效", args.ttl),
                    Locale::En => format!("cache time-to-live `{}` is not valid", args.ttl),
                };
                return fail(env, &msg);
            };
            let cache = SnapshotCache::new(dir).with_ttl(ttl);
            let result = runtime.block_on(refresh(&client, &options, &cache, args.force));
            bars.finish();
            match result {
                Err(e) => fail(env, &e.message(fetch_locale(locale)))?,
                Ok(r) => {
                    let path = crate::input::display(&r.path);
                    match (r.origin, locale) {
                        (Origin::Cache, Locale::ZhCn) => writeln!(env.out, "使用未过期的缓存快照 {path}")?,
                        (Origin::Cache, Locale::En) => writeln!(env.out, "using the fresh cached snapshot {path}")?,
                        (_, Locale::ZhCn) => writeln!(env.out, "已刷新缓存快照 {path}")?,
                        (_, Locale::En) => writeln!(env.out, "refreshed the cached snapshot {path}")?,
                    }
                    if let Some(report) = &r.report {
                        summary(report, args, env)?;
                    }
                    match &args.output {
                        Some(out) => write_snapshot_bytes(out, &r.bytes, env)?,
                        None => Outcome::Valid,
                    }
                }
            }
        }
        None => {
            let result = runtime.block_on(fetch(&client, &options));
            bars.finish();
            match (result, &args.output) {
                (Err(e), _) => fail(env, &e.message(fetch_locale(locale)))?,
                (Ok(_), None) => Outcome::Unusable, // clap requires --output without --cache
                (Ok(report), Some(_)) if report.snapshot.categories.is_empty() && !report.is_complete() => {
                    // Everything failed: an empty file would only hide that.
                    summary(&report, args, env)?;
                    let msg = match locale {
                        Locale::ZhCn => "没有抓取到任何类目, 未写出快照",
                        Locale::En => "no category could be fetched; no snapshot written",
                    };
                    fail(env, msg)?
                }
                (Ok(report), Some(out)) => {
                    let written = write_snapshot(out, &report.snapshot, env)?;
                    summary(&report, args, env)?;
                    // Written, but some categories are missing: usable, not complete.
                    written.worst(if report.is_complete() { Outcome::Valid } else { Outcome::Invalid })
                }
            }
        }
    };
    if let Some(e) = recorder.take_sink_error() {
        let path = args.record.as_deref().map(crate::input::display).unwrap_or_default();
        let msg = match locale {
            Locale::ZhCn => format!("录制文件 {path} 写入失败, 录制不完整: {e}"),
            Locale::En => format!("the recording {path} could not be written and is incomplete: {e}"),
        };
        return fail(env, &msg);
    }
    Ok(outcome)
}

fn write_snapshot(out: &Path, snapshot: &Snapshot, env: &mut Env<'_>) -> io::Result<Outcome> {
    write_snapshot_bytes(out, &snapshot_bytes(snapshot), env)
}

fn write_snapshot_bytes(out: &Path, bytes: &[u8], env: &mut Env<'_>) -> io::Result<Outcome> {
    match shelfcheck_fetch::write_atomic(out, bytes) {
        Ok(()) => {
            let path = crate::input::display(out);
            match env.locale {
                Locale::ZhCn => writeln!(env.out, "已写入 {path}")?,
                Locale::En => writeln!(env.out, "wrote {path}")?,
            }
            Ok(Outcome::Valid)
        }
        Err(e) => fail(env, &InputError::io(crate::input::display(out), &e).line(env.locale)),
    }
}

/// Counts, skipped categories, and how to rebuild the same file from the recording.
fn summary(report: &FetchReport, args: &TopFetchArgs, env: &mut Env<'_>) -> io::Result<()> {
    let s = &report.snapshot;
    let leaves = s.categories.iter().filter(|c| c.leaf).count();
    let hash = s.hash.clone().unwrap_or_default();
    let (c, p, v, calls) = (s.categories.len(), s.properties.len(), s.values.len(), report.calls);
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
    if !report.skipped.is_empty() {
        let n = report.skipped.len();
        match env.locale {
            Locale::ZhCn => writeln!(env.err, "抓取不完整, 跳过了 {n} 个类目:")?,
            Locale::En => writeln!(env.err, "the fetch is incomplete, {n} categor(ies) skipped:")?,
        }
        for sk in &report.skipped {
            writeln!(env.err, "  - {}", sk.message(fetch_locale(env.locale)))?;
        }
    }
    if let Some(rec) = &args.record {
        let platform = if report.snapshot.platform == shelfcheck_core::Platform::Tmall { "tmall" } else { "taobao" };
        let o = &report.import_options;
        let mut cmd = format!("shelfcheck snapshot import {platform} {}", crate::input::display(rec));
        if let Some(b) = &o.built_at {
            cmd.push_str(&format!(" --built-at '{b}'"));
        }
        if let Some(src) = &o.source {
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
