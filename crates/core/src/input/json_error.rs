//! How a JSON document that cannot be read is worded for a seller, in Simplified Chinese and
//! English: shared by the command line and the npm package, so both say the same.
//!
//! serde_json words a failure in English and appends its position ("expected `,` or `}` at
//! line 3 column 5"). The position is reported apart ([`strip_position`], [`end_position`]);
//! the reason is kept as it is in English and translated in Chinese from the messages that
//! serde_json, serde and this crate's own readers produce ([`messages`]). A reason outside
//! them is left out of the Chinese text rather than shown in English. The tests pin every
//! message relied on to the serde_json in use, so an upgrade that rewords one fails them.

use crate::validate::options::Locale;
use serde::Serialize;

/// What kind of JSON problem stopped the parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JsonProblem {
    /// Not JSON at all (a missing comma, a stray character).
    Syntax,
    /// Valid JSON of the wrong shape (a missing field, a string where an id belongs).
    Data,
    /// The text ends in the middle of a value.
    Eof,
    /// The reader failed.
    Io,
}

impl From<serde_json::error::Category> for JsonProblem {
    fn from(c: serde_json::error::Category) -> Self {
        use serde_json::error::Category as C;
        match c {
            C::Syntax => JsonProblem::Syntax,
            C::Data => JsonProblem::Data,
            C::Eof => JsonProblem::Eof,
            C::Io => JsonProblem::Io,
        }
    }
}

/// serde_json's messages that code elsewhere recognises by their text (serde_json has no other
/// way to tell them apart); `tests::serde_json_still_words_them_so` pins each.
pub mod messages {
    /// The text ends inside an array.
    pub const EOF_LIST: &str = "EOF while parsing a list";
    /// The text ends inside an object.
    pub const EOF_OBJECT: &str = "EOF while parsing an object";
    /// The text ends inside a string.
    pub const EOF_STRING: &str = "EOF while parsing a string";
    /// The text ends where a value belongs.
    pub const EOF_VALUE: &str = "EOF while parsing a value";
    /// A member name without its colon.
    pub const EXPECTED_COLON: &str = "expected `:`";
    /// An array element followed by something else than `,` or `]`.
    pub const EXPECTED_LIST_COMMA_OR_END: &str = "expected `,` or `]`";
    /// An object member followed by something else than `,` or `}`.
    pub const EXPECTED_OBJECT_COMMA_OR_END: &str = "expected `,` or `}`";
    /// A word that is not `true`, `false` or `null`.
    pub const EXPECTED_IDENT: &str = "expected ident";
    /// Something that cannot start a value where one belongs.
    pub const EXPECTED_VALUE: &str = "expected value";
    /// A member name that is not a string.
    pub const KEY_MUST_BE_A_STRING: &str = "key must be a string";
    /// A comma before a closing bracket.
    pub const TRAILING_COMMA: &str = "trailing comma";
    /// Text after the document.
    pub const TRAILING_CHARACTERS: &str = "trailing characters";
    /// A backslash escape that does not exist.
    pub const INVALID_ESCAPE: &str = "invalid escape";
    /// A malformed number.
    pub const INVALID_NUMBER: &str = "invalid number";
    /// A number too large for any number type.
    pub const NUMBER_OUT_OF_RANGE: &str = "number out of range";
    /// A raw control character inside a string.
    pub const CONTROL_CHARACTER: &str = "control character (\\u0000-\\u001F) found while parsing a string";
    /// A `\u` escape of half a surrogate pair.
    pub const LONE_LEADING_SURROGATE: &str = "lone leading surrogate in hex escape";
    /// A `\u` escape cut short.
    pub const UNEXPECTED_END_OF_HEX_ESCAPE: &str = "unexpected end of hex escape";
    /// Arrays and objects nested too deep.
    pub const RECURSION_LIMIT: &str = "recursion limit exceeded";
}

/// serde_json's messages without a variable part, with their Chinese wording.
const FIXED_ZH: &[(&str, &str)] = &[
    (messages::EOF_LIST, "数组没有结束"),
    (messages::EOF_OBJECT, "对象没有结束"),
    (messages::EOF_STRING, "字符串没有结束"),
    (messages::EOF_VALUE, "此处缺少值"),
    (messages::EXPECTED_COLON, "成员名之后缺少冒号 `:`"),
    (messages::EXPECTED_LIST_COMMA_OR_END, "此处应为逗号 `,` 或 `]`"),
    (messages::EXPECTED_OBJECT_COMMA_OR_END, "此处应为逗号 `,` 或 `}`"),
    (messages::EXPECTED_IDENT, "无法识别的词 (只能是 true、false 或 null)"),
    (messages::EXPECTED_VALUE, "此处应为一个值"),
    (messages::KEY_MUST_BE_A_STRING, "成员名必须是字符串"),
    (messages::TRAILING_COMMA, "多余的逗号"),
    (messages::TRAILING_CHARACTERS, "文档结束后还有多余的字符"),
    (messages::INVALID_ESCAPE, "无效的转义字符"),
    (messages::INVALID_NUMBER, "无效的数字"),
    (messages::NUMBER_OUT_OF_RANGE, "数字超出范围"),
    (messages::CONTROL_CHARACTER, "字符串中含有控制字符"),
    (messages::LONE_LEADING_SURROGATE, "转义中只有代理对的前半"),
    (messages::UNEXPECTED_END_OF_HEX_ESCAPE, "\\u 转义不完整"),
    (messages::RECURSION_LIMIT, "嵌套层数过多"),
    ("not a finite number", "不是有限的数字"),
];

/// What a Deserialize implementation says it expected, in Chinese.
const EXPECTED_ZH: &[(&str, &str)] = &[
    ("a string", "字符串"),
    ("a boolean", "布尔值 (true 或 false)"),
    ("a sequence", "数组"),
    ("a map", "对象"),
    ("a number or a string", "数字或字符串"),
    ("an integer id or a string holding one", "整数编号 (或写成字符串的编号)"),
    ("an integer id, a string holding one, or null", "整数编号、写成字符串的编号或 null"),
    ("a list of ids", "编号数组"),
    ("a list of properties or a `pid:vid;pid:vid` string", "属性数组或 `pid:vid;pid:vid` 字符串"),
    ("a list of `{pid, vid}` or a `pid:vid;pid:vid` string", "`{pid, vid}` 数组或 `pid:vid;pid:vid` 字符串"),
];

/// The message without serde_json's " at line L column C".
pub fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains(" column ") => &message[..i],
        _ => message,
    }
}

/// Line and column (1-based, in bytes like serde_json's) just past the end of `text`: where
/// the missing rest of a document that ends early belongs (serde_json places it at column 0).
pub fn end_position(text: &str) -> (usize, usize) {
    let trimmed = text.trim_end();
    let line = 1 + trimmed.bytes().filter(|&b| b == b'\n').count();
    let last = trimmed.rsplit('\n').next().unwrap_or("");
    (line, last.len() + 1)
}

/// The message for a seller: what went wrong, where (`pointer`, the JSON Pointer of the field
/// being read), and why (`reason`: serde_json's message without its position).
pub fn describe(problem: JsonProblem, pointer: Option<&str>, reason: &str, locale: Locale) -> String {
    match locale {
        Locale::ZhCn => {
            let what = match problem {
                JsonProblem::Syntax => "JSON 语法错误",
                JsonProblem::Data => "内容不符合格式",
                JsonProblem::Eof => "JSON 意外结束",
                JsonProblem::Io => "读取失败",
            };
            let at = pointer.map(|p| format!(" (位于 `{p}`)")).unwrap_or_default();
            match reason_zh(reason) {
                Some(why) => format!("{what}{at}: {why}"),
                None => format!("{what}{at}"),
            }
        }
        Locale::En => {
            let what = match problem {
                JsonProblem::Syntax => "invalid JSON",
                JsonProblem::Data => "unexpected content",
                JsonProblem::Eof => "JSON ends unexpectedly",
                JsonProblem::Io => "read failure",
            };
            match pointer {
                Some(p) => format!("{what} at `{p}`: {reason}"),
                None => format!("{what}: {reason}"),
            }
        }
    }
}

/// `reason` in Chinese; `None` when it is not one of the known messages.
fn reason_zh(reason: &str) -> Option<String> {
    if let Some(&(_, zh)) = FIXED_ZH.iter().find(|(en, _)| *en == reason) {
        return Some(zh.to_owned());
    }
    if let Some(rest) = reason.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ")?;
        return Some(mismatch("类型不符", found, expected));
    }
    if let Some(rest) = reason.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ")?;
        return Some(mismatch("取值无效", found, expected));
    }
    if let Some(rest) = reason.strip_prefix("invalid length ") {
        let (length, _) = rest.split_once(", expected ")?;
        return Some(format!("长度无效 ({length})"));
    }
    if let Some(rest) = reason.strip_prefix("unknown variant ") {
        return Some(unknown("未知的取值", rest));
    }
    if let Some(rest) = reason.strip_prefix("unknown field ") {
        return Some(unknown("未知的字段", rest));
    }
    if let Some(name) = reason.strip_prefix("missing field ") {
        return Some(format!("缺少字段 {name}"));
    }
    if let Some(name) = reason.strip_prefix("duplicate field ") {
        return Some(format!("字段 {name} 重复"));
    }
    if let Some(id) = reason.strip_prefix("id ").and_then(|r| r.strip_suffix(" is not an integer")) {
        return Some(format!("编号 {id} 不是整数"));
    }
    if let Some(id) = reason.strip_prefix("id ").and_then(|r| r.strip_suffix(" is out of range")) {
        return Some(format!("编号 {id} 超出范围"));
    }
    None
}

/// "类型不符: 应为字符串, 实际为整数 `5`", leaving out a side with no Chinese wording.
fn mismatch(what: &str, found: &str, expected: &str) -> String {
    let expected = expected_zh(expected).map(|e| format!("应为{e}"));
    let found = found_zh(found).map(|f| format!("实际为{f}"));
    let parts: Vec<String> = expected.into_iter().chain(found).collect();
    if parts.is_empty() {
        what.to_owned()
    } else {
        format!("{what}: {}", parts.join(", "))
    }
}

/// What a Deserialize implementation expected, in Chinese: the listed wordings, serde's own
/// number types and `struct Name`.
fn expected_zh(expected: &str) -> Option<String> {
    if let Some(&(_, zh)) = EXPECTED_ZH.iter().find(|(en, _)| *en == expected) {
        return Some(zh.to_owned());
    }
    match expected {
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => Some("整数".to_owned()),
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => Some("非负整数".to_owned()),
        "f32" | "f64" => Some("数字".to_owned()),
        _ if expected.starts_with("struct ") => Some("对象".to_owned()),
        _ if expected.starts_with("enum ") => Some("取值之一".to_owned()),
        _ => None,
    }
}

/// serde's description of the value found (`serde::de::Unexpected`), in Chinese.
fn found_zh(found: &str) -> Option<String> {
    let kinds: &[(&str, &str)] = &[
        ("boolean ", "布尔值 "),
        ("integer ", "整数 "),
        ("floating point ", "小数 "),
        ("character ", "字符 "),
        ("string ", "字符串 "),
    ];
    for (en, zh) in kinds {
        if let Some(value) = found.strip_prefix(en) {
            return Some(format!("{zh}{value}"));
        }
    }
    let whole: &[(&str, &str)] =
        &[("null", "null"), ("unit value", "空值"), ("sequence", "数组"), ("map", "对象"), ("byte array", "字节数组")];
    whole.iter().find(|(en, _)| *en == found).map(|(_, zh)| (*zh).to_owned())
}

/// "未知的字段 `x`, 可选: `a`, `b`" from serde's "`x`, expected one of `a`, `b`".
fn unknown(what: &str, rest: &str) -> String {
    let (name, choices) = rest.split_once(", ").unwrap_or((rest, ""));
    let listed = ticked(choices);
    if listed.is_empty() {
        format!("{what} {name}")
    } else {
        format!("{what} {name}, 可选: {}", listed.join(", "))
    }
}

/// Every `` `quoted` `` part of `s`, with its backticks.
fn ticked(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(start) = rest.find('`') {
        let Some(len) = rest[start + 1..].find('`') else { break };
        out.push(&rest[start..start + len + 2]);
        rest = &rest[start + len + 2..];
    }
    out
}

#[cfg(test)]
mod tests;
