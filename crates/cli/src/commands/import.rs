//! `shelfcheck snapshot import`: rebuild a snapshot from recorded exchanges, with no network.
//! The same recordings always give a byte-identical file.

use super::fetch::snapshot_bytes;
use crate::args::{ImportPlatform, SnapshotImportArgs};
use crate::error::InputError;
use crate::terminal::{safe, safe_lines};
use crate::text::{error_prefix, tr};
use crate::{Env, Outcome};
use shelfcheck_core::model::snapshot::Platform;
use shelfcheck_core::{Locale, Snapshot};
use shelfcheck_fetch::{Exchange, Localized};
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
    /// Categories marked incomplete because a call for them failed.
    pub incomplete: Vec<i64>,
    /// A failed call was not made good by a later exchange: some answers are missing.
    pub partial: bool,
    /// Rules the answers state that the snapshot leaves out, one line each, in the user's
    /// language.
    pub left_out: Vec<String>,
    /// Other holes the importer found (child properties never asked for), one line each in
    /// the user's language.
    pub holes: Vec<String>,
    /// What publish-schema answers held and how much of it became checks (Taobao/Tmall).
    pub schema: Option<shelfcheck_taobao::schema::SchemaSummary>,
}

pub struct Imported {
    pub snapshot: Snapshot,
    pub summary: Summary,
}

/// One input file: its name in messages, its text, and where its exchanges start among all.
struct Input<'a> {
    name: String,
    text: &'a str,
}

/// Which input an exchange (by its position among all) came from, and its position there.
struct Origins(Vec<(String, usize)>);

impl Origins {
    fn locate(&self, index: usize) -> (&str, usize) {
        // Starts are increasing: the last input starting at or before `index` holds it.
        let at = self.0.partition_point(|(_, start)| *start <= index).saturating_sub(1);
        match self.0.get(at) {
            Some((name, start)) => (name.as_str(), index - start),
            None => ("", index),
        }
    }
}

/// Reads every input's exchanges, naming the file when one cannot be read.
fn exchanges(
    platform: ImportPlatform,
    inputs: &[Input<'_>],
    fl: shelfcheck_fetch::Locale,
) -> Result<(Vec<Exchange>, Origins), String> {
    let mut all = Vec::new();
    let mut origins = Vec::with_capacity(inputs.len());
    for input in inputs {
        origins.push((input.name.clone(), all.len()));
        let read = match platform {
            ImportPlatform::Taobao | ImportPlatform::Tmall => {
                shelfcheck_taobao::exchanges_of(&input.name, input.text).map_err(|e| e.message(fl))
            }
            // A recording error gives a line but not the file.
            _ => shelfcheck_fetch::read_exchanges(input.text.as_bytes())
                .map_err(|e| format!("{}: {}", input.name, e.message(fl))),
        };
        all.extend(read?);
    }
    Ok((all, Origins(origins)))
}

/// Runs the platform's importer over the exchanges.
fn import(args: &SnapshotImportArgs, exchanges: &[Exchange], fl: shelfcheck_fetch::Locale) -> Result<Imported, String> {
    let (built_at, source, strict) = (args.built_at.clone(), args.source.clone(), args.strict);
    match args.platform {
        ImportPlatform::Taobao | ImportPlatform::Tmall => {
            let platform = if args.platform == ImportPlatform::Tmall { Platform::Tmall } else { Platform::Taobao };
            let options = shelfcheck_taobao::ImportOptions { platform: Some(platform), built_at, source, strict };
            let (snapshot, s) = shelfcheck_taobao::import_exchanges(exchanges, &options).map_err(|e| e.message(fl))?;
            let partial = s.is_partial();
            let holes = s.child_holes(fl);
            let ignored = s.ignored.into_iter().map(|i| (i.index, i.call, i.reason)).collect();
            let summary = Summary {
                used: s.used,
                ignored,
                synthesised: s.synthesised,
                reparented: s.reparented,
                orphan_values: s.orphan_values,
                incomplete: s.incomplete,
                partial,
                left_out: Vec::new(),
                holes,
                schema: (s.schema.schemas > 0).then_some(s.schema),
            };
            Ok(Imported { snapshot, summary })
        }
        // These importers do not tell a failed call from one they do not read: any exchange
        // left out may be a missing answer.
        ImportPlatform::Alibaba1688 => {
            let options = shelfcheck_1688::ImportOptions { built_at, source, strict };
            let (snapshot, s) = shelfcheck_1688::import_exchanges(exchanges, &options).map_err(|e| e.message(fl))?;
            Ok(Imported { snapshot, summary: shared_summary(s, fl) })
        }
        ImportPlatform::Wechat => {
            let options = shelfcheck_wechat::ImportOptions { built_at, source, strict };
            let (snapshot, s) = shelfcheck_wechat::import_exchanges(exchanges, &options).map_err(|e| e.message(fl))?;
            Ok(Imported { snapshot, summary: shared_summary(s, fl) })
        }
    }
}

/// The summary of an importer that uses the shared one (1688, WeChat). Those importers do not
/// tell a failed call from one they do not read: any exchange left out may be a missing answer.
fn shared_summary(s: shelfcheck_fetch::ImportSummary, fl: shelfcheck_fetch::Locale) -> Summary {
    Summary {
        used: s.used,
        partial: !s.ignored.is_empty(),
        ignored: s.ignored,
        synthesised: s.synthesised,
        reparented: s.reparented,
        orphan_values: 0,
        incomplete: s.incomplete,
        left_out: s.left_out.iter().map(|l| l.message(fl)).collect(),
        holes: Vec::new(),
        schema: None,
    }
}

pub fn run(args: &SnapshotImportArgs, env: &mut Env<'_>) -> io::Result<Outcome> {
    let locale = env.locale;
    let mut texts = Vec::with_capacity(args.files.len());
    for path in &args.files {
        let source = crate::input::display(path);
        // A recording is held to the snapshot file limit (1 GiB): it may name a pipe or a
        // device, whose length is not known before reading.
        let max = shelfcheck_core::input::limits::InputLimits::default().snapshot_bytes;
        let text = crate::read::read_input(path, &source, "snapshot_bytes", max).and_then(|b| {
            crate::read::into_text(b).map_err(|_| InputError::NotUtf8 { source: source.clone(), line: None })
        });
        match text {
            Ok(t) => texts.push((source, t)),
            Err(e) => {
                writeln!(env.err, "{}{}", error_prefix(locale), e.line(locale))?;
                return Ok(Outcome::Unusable);
            }
        }
    }
    let inputs: Vec<Input<'_>> = texts.iter().map(|(name, text)| Input { name: name.clone(), text }).collect();
    let imported = exchanges(args.platform, &inputs, locale).and_then(|(all, origins)| {
        let imported = import(args, &all, locale)?;
        Ok((imported, origins))
    });
    let (imported, origins) = match imported {
        Ok(r) => r,
        // The importer's errors quote the recorded answers.
        Err(message) => {
            writeln!(env.err, "{}{}", error_prefix(locale), safe_lines(&message))?;
            return Ok(Outcome::Unusable);
        }
    };
    let (snapshot, summary) = (imported.snapshot, imported.summary);
    // Refuse to write a snapshot that would not compile: the next `validate` would fail on it.
    if let Err(e) = shelfcheck_core::Catalog::compile(snapshot.clone()) {
        writeln!(env.err, "{}{}", error_prefix(locale), e.message(locale))?;
        return Ok(Outcome::Unusable);
    }
    // Missing answers leave holes; the previous file stays unless the caller accepts them.
    if summary.partial && !args.allow_partial {
        write_skipped(&summary, &origins, env)?;
        let out = crate::input::display(&args.output);
        let n = summary.ignored.len();
        let message = match (locale, n) {
            (Locale::ZhCn, 0) => format!(
                "导入不完整: 部分类目缺少平台数据 (见上); 未写入 {out}。\n  重新录制缺少的调用, 或用 --allow-partial 写入 (相关类目标记为不完整, 校验时会报告)"
            ),
            (Locale::En, 0) => format!(
                "the import is partial: some categories lack platform data (see above); {out} was not written.\n  Record the missing calls, or pass --allow-partial to write it (those categories are marked incomplete and reported when validating)"
            ),
            (Locale::ZhCn, _) => format!(
                "导入不完整: {n} 条交换未能使用, 部分类目缺少平台数据; 未写入 {out}。\n  重新录制失败的调用, 或用 --allow-partial 写入 (相关类目标记为不完整, 校验时会报告)"
            ),
            (Locale::En, _) => format!(
                "the import is partial: {n} exchange(s) could not be used, so some categories lack platform data; {out} was not written.\n  Record the failed calls again, or pass --allow-partial to write it (those categories are marked incomplete and reported when validating)"
            ),
        };
        writeln!(env.err, "{}{message}", error_prefix(locale))?;
        return Ok(Outcome::Invalid);
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
        writeln!(env.out, "  {what}: {}", crate::text::ids(&summary.synthesised))?;
    }
    if !summary.reparented.is_empty() {
        let what =
            tr(locale, "父类目未录制、改为顶级的类目", "categories whose parent was not recorded, made top level");
        writeln!(env.out, "  {what}: {}", crate::text::ids(&summary.reparented))?;
    }
    if summary.orphan_values > 0 {
        let what = tr(locale, "因属性未录制而丢弃的属性值", "values dropped because their property was not recorded");
        writeln!(env.out, "  {what}: {}", summary.orphan_values)?;
    }
    if !summary.incomplete.is_empty() {
        let what = if summary.holes.is_empty() {
            tr(locale, "标记为不完整的类目 (有调用失败)", "categories marked incomplete (a call failed)")
        } else {
            tr(
                locale,
                "标记为不完整的类目 (有调用失败或缺少子属性)",
                "categories marked incomplete (a call failed or child properties are missing)",
            )
        };
        writeln!(env.out, "  {what}: {}", crate::text::ids(&summary.incomplete))?;
    }
    if !summary.left_out.is_empty() {
        let what = tr(
            locale,
            "未导入的规则 (所涉属性或属性值不在应答中)",
            "rules left out (they name what the answers do not describe)",
        );
        writeln!(env.out, "  {what}: {}", summary.left_out.len())?;
        for line in &summary.left_out {
            writeln!(env.out, "    {}", safe(line))?;
        }
    }
    if let Some(s) = &summary.schema {
        writeln!(env.out, "  {}", schema_line(s, locale))?;
    }
    write_skipped(&summary, &origins, env)?;
    Ok(Outcome::Valid)
}

/// How many publish-schema rules became checks, and where the others went.
fn schema_line(s: &shelfcheck_taobao::schema::SchemaSummary, locale: Locale) -> String {
    let (n, rules, checked, hints, dev, held) = (s.schemas, s.rules, s.checked, s.hints, s.dev_notes, s.not_held);
    let (unknown, types) = (s.unknown_rules, s.unknown_field_types);
    match locale {
        Locale::ZhCn => format!(
            "发布规则 {n} 份: 共 {rules} 条规则, {checked} 条可离线校验, {hints} 条作为提示保留 (平台端规则、图片尺寸、说明等), {dev} 条开发者说明, {held} 条属于快照未收录的字段; 其中未知规则 {unknown} 条, 未知字段类型 {types} 个"
        ),
        Locale::En => format!(
            "publish schemas: {n}; {rules} rules: {checked} checked offline, {hints} kept as hints (server-side rules, image sizes, tips...), {dev} developer notes, {held} on fields a snapshot does not hold; {unknown} unknown rule names, {types} unknown field types"
        ),
    }
}

/// One line per exchange left out, naming its file and its place there (0-based), then one per
/// other hole.
fn write_skipped(summary: &Summary, origins: &Origins, env: &mut Env<'_>) -> io::Result<()> {
    for hole in &summary.holes {
        // Names come from the recorded answers.
        writeln!(env.err, "  {}", safe(hole))?;
    }
    for (index, call, reason) in &summary.ignored {
        let (file, at) = origins.locate(*index);
        // The reason quotes the recorded answer; call and file come from the recording too.
        let (file, call, reason) = (safe(file), safe(call), safe(reason));
        match env.locale {
            Locale::ZhCn => writeln!(env.err, "  已跳过 {file} 的第 {at} 条交换 ({call}): {reason}")?,
            Locale::En => writeln!(env.err, "  skipped exchange {at} of {file} ({call}): {reason}")?,
        }
    }
    Ok(())
}
