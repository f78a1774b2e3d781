//! The CLI's own words (headings, summaries, errors) in Simplified Chinese and English.
//! Issue messages come from the core, already localised.

use shelfcheck_core::{Locale, Severity};
use std::io;

/// Picks the text of the locale.
pub fn tr<'a>(locale: Locale, zh: &'a str, en: &'a str) -> &'a str {
    match locale {
        Locale::ZhCn => zh,
        Locale::En => en,
    }
}

/// `error` / `错误`, `warning` / `警告`.
pub fn severity(locale: Locale, s: Severity) -> &'static str {
    match (s, locale) {
        (Severity::Error, Locale::ZhCn) => "错误",
        (Severity::Warning, Locale::ZhCn) => "警告",
        (Severity::Error, Locale::En) => "error",
        (Severity::Warning, Locale::En) => "warning",
    }
}

/// `3 个错误, 1 个警告` / `3 errors, 1 warning`.
pub fn counts(locale: Locale, errors: usize, warnings: usize) -> String {
    match locale {
        Locale::ZhCn => format!("{errors} 个错误, {warnings} 个警告"),
        Locale::En => format!("{errors} {}, {warnings} {}", plural(errors, "error"), plural(warnings, "warning")),
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

/// The totals of a validation run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub listings: usize,
    pub valid: usize,
    pub invalid: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Inputs that could not be used (files, lines, folders).
    pub unusable: usize,
}

impl Summary {
    /// One line: `共 3 个商品: 2 个通过, 1 个未通过 (3 个错误, 1 个警告)`.
    pub fn line(&self, locale: Locale) -> String {
        let Summary { listings, valid, invalid, errors, warnings, unusable } = *self;
        let mut s = match locale {
            Locale::ZhCn => format!(
                "共 {listings} 个商品: {valid} 个通过, {invalid} 个未通过 ({})",
                counts(locale, errors, warnings)
            ),
            Locale::En => format!(
                "{listings} {}: {valid} valid, {invalid} invalid ({})",
                plural(listings, "listing"),
                counts(locale, errors, warnings)
            ),
        };
        if unusable > 0 {
            match locale {
                Locale::ZhCn => s.push_str(&format!("; {unusable} 个输入无法使用")),
                Locale::En => s.push_str(&format!("; {unusable} {} unusable", plural(unusable, "input"))),
            }
        }
        s
    }
}

/// Writing the output itself failed.
pub fn output_failed(locale: Locale, e: &io::Error) -> String {
    match locale {
        Locale::ZhCn => format!("错误: 无法写出结果: {e}"),
        Locale::En => format!("error: cannot write the output: {e}"),
    }
}

/// Writing an output file failed: `无法写入 PATH: reason`, without the `错误: ` prefix. Its
/// own wording: an output is not an input, so "cannot be read" would mislead.
pub fn cannot_write(locale: Locale, path: &str, e: &io::Error) -> String {
    let reason = match e.kind() {
        io::ErrorKind::IsADirectory => tr(locale, "这是一个目录, 不是文件", "it is a folder, not a file").to_owned(),
        io::ErrorKind::NotADirectory => tr(locale, "这不是目录", "it is not a folder").to_owned(),
        io::ErrorKind::PermissionDenied => tr(locale, "没有写入权限", "permission denied").to_owned(),
        io::ErrorKind::NotFound => tr(locale, "所在目录不存在", "its folder does not exist").to_owned(),
        io::ErrorKind::Unsupported => {
            tr(locale, "这不是普通文件、管道或字符设备", "it is not a regular file, a pipe or a character device")
                .to_owned()
        }
        _ => e.to_string(),
    };
    let path = crate::terminal::safe(path);
    match locale {
        Locale::ZhCn => format!("无法写入 {path}: {reason}"),
        Locale::En => format!("cannot write {path}: {reason}"),
    }
}

/// `错误: ` / `error: `, the prefix of every message on standard error.
pub fn error_prefix(locale: Locale) -> &'static str {
    tr(locale, "错误: ", "error: ")
}

/// Up to 20 ids, then how many more.
pub fn ids(list: &[i64]) -> String {
    const SHOWN: usize = 20;
    let mut s: Vec<String> = list.iter().take(SHOWN).map(i64::to_string).collect();
    if list.len() > SHOWN {
        s.push(format!("… (+{})", list.len() - SHOWN));
    }
    s.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_in_both_languages() {
        let s = Summary { listings: 3, valid: 2, invalid: 1, errors: 1, warnings: 2, unusable: 1 };
        assert_eq!(s.line(Locale::ZhCn), "共 3 个商品: 2 个通过, 1 个未通过 (1 个错误, 2 个警告); 1 个输入无法使用");
        assert_eq!(s.line(Locale::En), "3 listings: 2 valid, 1 invalid (1 error, 2 warnings); 1 input unusable");
    }
}
