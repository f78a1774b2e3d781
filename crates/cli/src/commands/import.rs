//! `shelfcheck snapshot import`: rebuild a snapshot from recorded exchanges, with no network.
//! The same recordings always give a byte-identical file.

use super::fetch::snapshot_bytes;
use crate::args::{ImportPlatform, SnapshotImportArgs};
use crate::error::InputError;
use crate::text::{error_prefix, tr};
use crate::{Env, Outcome};
use shelfcheck_core::snapshot::Platform;
use shelfcheck_core::{Locale, Snapshot};
use shelfcheck_fetch::Localized;
use std::io;

/// What every platform's importer reports, in one shape.
#[derive(Debug, Default)]
pub struct Summary {
    pub used: usize,
    /// (position, call, reason) of exchanges that contributed nothing.
    pub ignored: Vec<(usize, String, String)>,
    pub synthesised: Vec<i64>,
    pub reparented: Vec<i64>,
    pub orphan_values: usize,
}

pub struct Imported {
    pub snapshot: Snapshot,
    pub summary: Summary,
}

/// Runs the platform's importer over the input texts.
fn import(args: &SnapshotImportArgs, texts: &[&str], fl: shelfcheck_fetch::Locale) -> Result<Imported, String> {
    let (built_at, source, strict) = (args.built_at.clone(), args.source.clone(), args.strict);
    match args.platform {
        ImportPlatform::Taobao | ImportPlatform::Tmall => {
            let platform = if args.platform == ImportPlatform::Tmall { Platform::Tmall } else { Platform::Taobao };
            let options = shelfcheck_taobao::ImportOptions { platform: Some(platform), built_at, source, strict };
            let (snapshot, s) = shelfcheck_taobao::import_texts(texts, &options).map_err(|e| e.message(fl))?;
            let ignored = s.ignored.into_iter().map(|i| (i.index, i.call, i.reason)).collect();
            let summary = Summary {
                used: s.used,
                ignored,
                synthesised: s.synthesised,
                reparented: s.reparented,
                orphan_values: s.orphan_values,
            };
            Ok(Imported { snapshot, summary })
        }
        ImportPlatform::Alibaba1688 => {
            let options = shelfcheck_1688::ImportOptions { built_at, source, strict };
            let (snapshot, s) = shelfcheck_1688::import_texts(texts, &options).map_err(|e| e.message(fl))?;
            let summary = Summary { used: s.used, ignored: s.ignored, reparented: s.reparented, ..Summary::default() };
            Ok(Imported { snapshot, summary })
        }
        ImportPlatform::Wechat => {
            let options = shelfcheck_wechat::ImportOptions { built_at, source, strict };
            let (snapshot, s) = shelfcheck_wechat::import_texts(texts, &options).map_err(|e| e.message(fl))?;
            let summary = Summary { used: s.used, ignored: s.ignored, reparented: s.reparented, ..Summary::default() };
            Ok(Imported { snapshot, summary })
        }
    }
}

pub fn run(args: &SnapshotImportArgs, env: &mut Env<'_>) -> io::Result<Outcome> {
    let locale = env.locale;
    let mut texts = Vec::with_capacity(args.files.len());
    for path in &args.files {
        let source = crate::input::display(path);
        let text = std::fs::read(path)
            .map_err(|e| InputError::io(source.clone(), &e))
            .and_then(|b| String::from_utf8(b).map_err(|_| InputError::NotUtf8 { source: source.clone(), line: None }));
        match text {
            Ok(t) => texts.push(t),
            Err(e) => {
                writeln!(env.err, "{}{}", error_prefix(locale), e.line(locale))?;
                return Ok(Outcome::Unusable);
            }
        }
    }
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let imported = match import(args, &refs, locale) {
        Ok(r) => r,
        Err(message) => {
            writeln!(env.err, "{}{message}", error_prefix(locale))?;
            return Ok(Outcome::Unusable);
        }
    };
    let (snapshot, summary) = (imported.snapshot, imported.summary);
    // Refuse to write a snapshot that would not compile: the next `validate` would fail on it.
    if let Err(e) = shelfcheck_core::Catalog::compile(snapshot.clone()) {
        writeln!(env.err, "{}{}", error_prefix(locale), e.message(locale))?;
        return Ok(Outcome::Unusable);
    }
    if let Err(e) = shelfcheck_fetch::write_atomic(&args.output, &snapshot_bytes(&snapshot)) {
        let out = crate::input::display(&args.output);
        writeln!(env.err, "{}{}", error_prefix(locale), crate::text::cannot_write(locale, &out, &e))?;
        return Ok(Outcome::Unusable);
    }
    let leaves = snapshot.categories.iter().filter(|c| c.leaf).count();
    let hash = snapshot.hash.clone().unwrap_or_default();
    let out = crate::input::display(&args.output);
    match locale {
        Locale::ZhCn => writeln!(
            env.out,
            "已写入 {out}: {} 个类目 ({leaves} 个叶子), {} 个属性, {} 个属性值; 使用 {} 条交换\n  哈希 {hash}",
            snapshot.categories.len(),
            snapshot.properties.len(),
            snapshot.values.len(),
            summary.used,
        )?,
        Locale::En => writeln!(
            env.out,
            "wrote {out}: {} categories ({leaves} leaves), {} properties, {} values; {} exchanges used\n  hash {hash}",
            snapshot.categories.len(),
            snapshot.properties.len(),
            snapshot.values.len(),
            summary.used,
        )?,
    }
    if !summary.synthesised.is_empty() {
        let what = tr(
            locale,
            "仅由属性得知、作为顶级叶子类目的类目",
            "categories known only from their properties, made top-level leaves",
        );
        writeln!(env.out, "  {what}: {}", ids(&summary.synthesised))?;
    }
    if !summary.reparented.is_empty() {
        let what =
            tr(locale, "父类目未录制、改为顶级的类目", "categories whose parent was not recorded, made top level");
        writeln!(env.out, "  {what}: {}", ids(&summary.reparented))?;
    }
    if summary.orphan_values > 0 {
        let what = tr(locale, "因属性未录制而丢弃的属性值", "values dropped because their property was not recorded");
        writeln!(env.out, "  {what}: {}", summary.orphan_values)?;
    }
    for (index, call, reason) in &summary.ignored {
        match locale {
            Locale::ZhCn => writeln!(env.err, "  已跳过第 {index} 条交换 ({call}): {reason}")?,
            Locale::En => writeln!(env.err, "  skipped exchange {index} ({call}): {reason}")?,
        }
    }
    Ok(Outcome::Valid)
}

fn ids(list: &[i64]) -> String {
    const SHOWN: usize = 20;
    let mut s: Vec<String> = list.iter().take(SHOWN).map(i64::to_string).collect();
    if list.len() > SHOWN {
        s.push(format!("… (+{})", list.len() - SHOWN));
    }
    s.join(", ")
}
