//! `shelfcheck snapshot import`: rebuild a snapshot from recorded exchanges, with no network.
//! The same recordings always give a byte-identical file.

use crate::args::{ImportPlatform, SnapshotImportArgs};
use crate::error::InputError;
use crate::text::{error_prefix, tr};
use crate::{Env, Outcome};
use shelfcheck_core::snapshot::Platform;
use shelfcheck_core::Locale;
use shelfcheck_fetch::Localized;
use shelfcheck_taobao::{import_texts, snapshot_bytes, ImportOptions};
use std::io;

/// The fetch crates' locale for the CLI's.
pub fn fetch_locale(locale: Locale) -> shelfcheck_fetch::Locale {
    match locale {
        Locale::ZhCn => shelfcheck_fetch::Locale::ZhCn,
        Locale::En => shelfcheck_fetch::Locale::En,
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
    let options = ImportOptions {
        platform: Some(match args.platform {
            ImportPlatform::Taobao => Platform::Taobao,
            ImportPlatform::Tmall => Platform::Tmall,
        }),
        built_at: args.built_at.clone(),
        source: args.source.clone(),
        strict: args.strict,
    };
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let (snapshot, summary) = match import_texts(&refs, &options) {
        Ok(r) => r,
        Err(e) => {
            writeln!(env.err, "{}{}", error_prefix(locale), e.message(fetch_locale(locale)))?;
            return Ok(Outcome::Unusable);
        }
    };
    // Refuse to write a snapshot that would not compile: the next `validate` would fail on it.
    if let Err(e) = shelfcheck_core::Catalog::compile(snapshot.clone()) {
        writeln!(env.err, "{}{}", error_prefix(locale), e.message(locale))?;
        return Ok(Outcome::Unusable);
    }
    if let Err(e) = shelfcheck_fetch::write_atomic(&args.output, &snapshot_bytes(&snapshot)) {
        let out = crate::input::display(&args.output);
        writeln!(env.err, "{}{}", error_prefix(locale), InputError::io(out, &e).line(locale))?;
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
    for ig in &summary.ignored {
        let what = tr(locale, "已跳过第", "skipped exchange");
        match locale {
            Locale::ZhCn => writeln!(env.err, "  {what} {} 条交换 ({}): {}", ig.index, ig.call, ig.reason)?,
            Locale::En => writeln!(env.err, "  {what} {} ({}): {}", ig.index, ig.call, ig.reason)?,
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
