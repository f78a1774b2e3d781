//! Input that cannot be used, with everything a user needs to find it.

use serde::Serialize;
use shelfcheck_core::Locale;
use std::io;

pub use shelfcheck_core::input::json_error::JsonProblem;

/// An input (a listing file, a line, a snapshot) that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum InputError {
    /// The path cannot be opened or read.
    Unreadable {
        source: String,
        #[serde(skip)]
        io_kind: IoKind,
        /// The operating system's own words.
        reason: String,
    },
    /// The text is not valid UTF-8.
    NotUtf8 { source: String, line: Option<usize> },
    /// The text is not a JSON document of the expected shape.
    Malformed {
        source: String,
        line: usize,
        column: usize,
        /// JSON Pointer of the field being read, when not at the root.
        #[serde(skip_serializing_if = "Option::is_none")]
        pointer: Option<String>,
        category: JsonProblem,
        /// The parser's own words (English).
        reason: String,
    },
    /// A folder holds no `*.json`, `*.ndjson` or `*.jsonl` file.
    NoListings { source: String },
    /// A `*.json` file holds an array: one file is one listing.
    ListInJsonFile { source: String },
    /// The input is over one of the documented input limits.
    OverLimit {
        source: String,
        #[serde(flatten)]
        error: shelfcheck_core::input::limits::LimitError,
    },
    /// A symbolic link whose target does not exist.
    DanglingLink { source: String, target: String },
    /// Standard input or an NDJSON file that holds no listing: a run must not pass having
    /// checked nothing.
    Empty { source: String },
    /// A binary snapshot given to a command that reads the JSON form.
    BinarySnapshot { source: String },
}

/// The few I/O failures worth a translated explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IoKind {
    NotFound,
    PermissionDenied,
    /// A folder where a file was expected.
    Folder,
    #[default]
    Other,
}

impl InputError {
    /// An I/O failure on `source`.
    pub fn io(source: impl Into<String>, e: &io::Error) -> InputError {
        if e.kind() == io::ErrorKind::InvalidData {
            return InputError::NotUtf8 { source: source.into(), line: None };
        }
        let io_kind = match e.kind() {
            io::ErrorKind::NotFound => IoKind::NotFound,
            io::ErrorKind::PermissionDenied => IoKind::PermissionDenied,
            io::ErrorKind::IsADirectory => IoKind::Folder,
            _ => IoKind::Other,
        };
        InputError::Unreadable { source: source.into(), io_kind, reason: e.to_string() }
    }

    /// Where the problem is: a path, `path:line` or `-:line`.
    pub fn source(&self) -> &str {
        match self {
            InputError::Unreadable { source, .. }
            | InputError::NotUtf8 { source, .. }
            | InputError::Malformed { source, .. }
            | InputError::NoListings { source }
            | InputError::ListInJsonFile { source }
            | InputError::OverLimit { source, .. }
            | InputError::DanglingLink { source, .. }
            | InputError::Empty { source }
            | InputError::BinarySnapshot { source } => source,
        }
    }

    /// A short machine-readable name of the kind.
    pub fn kind(&self) -> &'static str {
        match self {
            InputError::Unreadable { .. } => "unreadable",
            InputError::NotUtf8 { .. } => "not_utf8",
            InputError::Malformed { .. } => "malformed",
            InputError::NoListings { .. } => "no_listings",
            InputError::ListInJsonFile { .. } => "list_in_json_file",
            InputError::OverLimit { .. } => "over_limit",
            InputError::DanglingLink { .. } => "dangling_link",
            InputError::Empty { .. } => "empty",
            InputError::BinarySnapshot { .. } => "binary_snapshot",
        }
    }

    /// The location prefix compilers use (`file:line:column`), so editors can jump to it.
    pub fn location(&self) -> String {
        match self {
            // An NDJSON source already ends in its line; the column is enough to add.
            InputError::Malformed { source, line, column, .. } if source_has_line(source) => {
                format!("{source}:{column}")
            }
            InputError::Malformed { source, line, column, .. } => format!("{source}:{line}:{column}"),
            InputError::NotUtf8 { source, line: Some(l) } if !source_has_line(source) => format!("{source}:{l}"),
            other => other.source().to_owned(),
        }
    }

    /// The problem in the given locale, without the location.
    pub fn message(&self, locale: Locale) -> String {
        let zh = locale == Locale::ZhCn;
        match self {
            InputError::Unreadable { io_kind: IoKind::NotFound, .. } => {
                if zh {
                    "文件或目录不存在".into()
                } else {
                    "no such file or directory".into()
                }
            }
            InputError::Unreadable { io_kind: IoKind::PermissionDenied, .. } => {
                if zh {
                    "没有读取权限".into()
                } else {
                    "permission denied".into()
                }
            }
            InputError::Unreadable { io_kind: IoKind::Folder, .. } => {
                if zh {
                    "这是一个目录, 不是文件".into()
                } else {
                    "this is a folder, not a file".into()
                }
            }
            InputError::Unreadable { reason, .. } => {
                if zh {
                    format!("无法读取: {reason}")
                } else {
                    format!("cannot be read: {reason}")
                }
            }
            InputError::NotUtf8 { .. } => {
                if zh {
                    "不是有效的 UTF-8 文本".into()
                } else {
                    "not valid UTF-8 text".into()
                }
            }
            InputError::Malformed { pointer, category, reason, .. } => {
                shelfcheck_core::input::json_error::describe(*category, pointer.as_deref(), reason, locale)
            }
            InputError::ListInJsonFile { .. } => {
                if zh {
                    "文件是一个 JSON 数组: 每个 *.json 文件只放一个商品, 多个商品请用 *.ndjson (每行一个)".into()
                } else {
                    "the file is a JSON array: a *.json file holds one listing; put several in a *.ndjson file, one per line"
                        .into()
                }
            }
            InputError::OverLimit { error, .. } => error.message(locale),
            InputError::NoListings { .. } => {
                if zh {
                    "目录中没有 *.json、*.ndjson 或 *.jsonl 文件".into()
                } else {
                    "the folder holds no *.json, *.ndjson or *.jsonl file".into()
                }
            }
            InputError::DanglingLink { target, .. } => {
                if zh {
                    format!("符号链接指向的文件不存在: {target}")
                } else {
                    format!("a symbolic link to a file that does not exist: {target}")
                }
            }
            InputError::Empty { .. } => {
                if zh {
                    "没有任何商品 (输入为空或只有空行), 没有校验任何内容".into()
                } else {
                    "holds no listing (empty or blank lines only): nothing was validated".into()
                }
            }
            InputError::BinarySnapshot { .. } => {
                if zh {
                    "这是二进制快照; 该命令只读取 JSON 快照, 请使用编译它的 JSON 文件".into()
                } else {
                    "this is a binary snapshot; this command reads JSON snapshots: use the JSON file it was compiled from"
                        .into()
                }
            }
        }
    }

    /// `location: message`, as printed on standard error.
    pub fn line(&self, locale: Locale) -> String {
        format!("{}: {}", self.location(), self.message(locale))
    }
}

/// Whether a source already names a line (`path:12`, `-:3`).
fn source_has_line(source: &str) -> bool {
    source.rsplit_once(':').is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_read_like_compiler_output() {
        let e = InputError::Malformed {
            source: "a.json".into(),
            line: 3,
            column: 7,
            pointer: Some("/props/0".into()),
            category: JsonProblem::Data,
            reason: "r".into(),
        };
        assert_eq!(e.location(), "a.json:3:7");
        assert_eq!(e.message(Locale::En), "unexpected content at `/props/0`: r");
        let e = InputError::Malformed {
            source: "-:12".into(),
            line: 12,
            column: 7,
            pointer: None,
            category: JsonProblem::Syntax,
            reason: "trailing comma".into(),
        };
        assert_eq!(e.location(), "-:12:7");
        assert_eq!(e.message(Locale::ZhCn), "JSON 语法错误: 多余的逗号");
    }

    #[test]
    fn io_errors_are_translated() {
        let e = InputError::io("x", &io::Error::from(io::ErrorKind::NotFound));
        assert_eq!(e.line(Locale::ZhCn), "x: 文件或目录不存在");
        assert_eq!(e.kind(), "unreadable");
    }
}
