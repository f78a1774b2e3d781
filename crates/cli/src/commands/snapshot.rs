//! `shelfcheck snapshot check`: parse and compile a snapshot, show what it holds and every
//! integrity problem, then the categories marked incomplete and those no listing can satisfy
//! (exit 1 when there are any of the latter: every listing there would be refused).

use super::{read_snapshot, SnapshotError};
use crate::args::{SimpleFormat, SnapshotCheckArgs};
use crate::style::{paint, Style};
use crate::terminal::safe;
use crate::text::tr;
use crate::{Env, Outcome};
use serde::Serialize;
use shelfcheck_core::catalog::check::{self, SnapshotCheck};
use shelfcheck_core::Locale;
use std::io;

/// What `snapshot check --format json` prints: the file name, then the core's check.
#[derive(Debug, Serialize)]
pub struct CheckReport {
    pub file: String,
    #[serde(flatten)]
    pub check: SnapshotCheck,
}

pub fn check(args: &SnapshotCheckArgs, env: &mut Env<'_>) -> io::Result<Outcome> {
    let snapshot = match read_snapshot(Some(&args.file)) {
        Ok(s) => s,
        Err(e) => {
            SnapshotError::Input(e).write(env)?;
            return Ok(Outcome::Unusable);
        }
    };
    let report = CheckReport { file: crate::input::display(&args.file), check: check::check(snapshot, env.locale) };
    match args.format {
        SimpleFormat::Json => {
            serde_json::to_writer_pretty(&mut *env.out, &report).map_err(io::Error::from)?;
            writeln!(env.out)?;
        }
        SimpleFormat::Human => write_human(&report, env)?,
    }
    Ok(if !report.check.valid {
        Outcome::Unusable
    } else if !report.check.unsatisfiable.is_empty() {
        Outcome::Invalid
    } else {
        Outcome::Valid
    })
}

fn write_human(report: &CheckReport, env: &mut Env<'_>) -> io::Result<()> {
    let l = env.locale;
    let c = env.color;
    let out = &mut *env.out;
    writeln!(out, "{}", paint(c, Style::Bold, &safe(&report.file)))?;
    let r = &report.check;
    let rows: [(&str, String); 6] = [
        (tr(l, "平台", "platform"), format!("{} ({} {})", r.platform, tr(l, "格式", "format"), r.format)),
        (tr(l, "类目", "categories"), format!("{} ({} {})", r.categories, tr(l, "叶子", "leaves"), r.leaves)),
        (tr(l, "属性", "properties"), r.properties.to_string()),
        (tr(l, "属性值", "values"), r.values.to_string()),
        (tr(l, "哈希", "hash"), r.hash.clone()),
        (tr(l, "生成于", "built at"), r.built_at.clone().unwrap_or_else(|| "-".into())),
    ];
    for (label, value) in rows {
        writeln!(out, "  {}{}", pad(label, l), safe(&value))?;
    }
    if let Some(declared) = &r.declared_hash {
        if *declared != r.hash {
            writeln!(out, "  {}{}", pad(tr(l, "声明的哈希", "declared hash"), l), safe(declared))?;
        }
    }
    if !r.incomplete.is_empty() {
        let head = match l {
            Locale::ZhCn => format!("! {} 个类目的平台数据不完整 (获取时有请求失败), 其商品将被报告:", r.incomplete.len()),
            Locale::En => format!(
                "! {} categories have incomplete platform data (requests failed when fetched); their listings will be reported:",
                r.incomplete.len()
            ),
        };
        writeln!(out, "{}", paint(c, Style::Yellow, &head))?;
        writeln!(out, "  {}", crate::text::ids(&r.incomplete))?;
    }
    if !r.unsatisfiable.is_empty() {
        let head = match l {
            Locale::ZhCn => {
                format!("✗ {} 个必填属性没有可选的值, 所在类目的商品都无法通过校验:", r.unsatisfiable.len())
            }
            Locale::En => format!(
                "✗ {} required properties have no value to choose, so no listing in their categories can pass:",
                r.unsatisfiable.len()
            ),
        };
        writeln!(out, "{}", paint(c, Style::Red, &head))?;
        for u in &r.unsatisfiable {
            let note = if u.incomplete { tr(l, " (类目数据不完整)", " (incomplete category)") } else { "" };
            match l {
                Locale::ZhCn => writeln!(
                    out,
                    "  - 类目 `{}` ({}): 属性 `{}` ({}){note}",
                    safe(&u.category),
                    u.category_id,
                    safe(&u.prop),
                    u.pid
                )?,
                Locale::En => writeln!(
                    out,
                    "  - category `{}` ({}): property `{}` ({}){note}",
                    safe(&u.category),
                    u.category_id,
                    safe(&u.prop),
                    u.pid
                )?,
            }
        }
    }
    if r.valid {
        writeln!(out, "{}", paint(c, Style::Green, tr(l, "✓ 快照完整, 可以使用", "✓ the snapshot is sound")))?;
    } else {
        let head = match l {
            Locale::ZhCn => format!("✗ 快照有 {} 处完整性问题:", r.problems.len()),
            Locale::En => format!("✗ the snapshot has {} integrity problem(s):", r.problems.len()),
        };
        writeln!(out, "{}", paint(c, Style::Red, &head))?;
        for p in &r.problems {
            writeln!(out, "  - {}", safe(&p.message))?;
        }
    }
    Ok(())
}

/// Pads a label to a column; CJK characters count double, as terminals draw them.
fn pad(label: &str, locale: Locale) -> String {
    let width: usize = label.chars().map(|ch| if ch.is_ascii() { 1 } else { 2 }).sum();
    let column: usize = match locale {
        Locale::ZhCn => 12,
        Locale::En => 15,
    };
    format!("{label}{}", " ".repeat(column.saturating_sub(width)))
}
