#![allow(clippy::panic, reason = "tests fail loudly")]

use super::*;
use crate::{Listing, Snapshot};

/// serde_json's message for `text`, without its position.
fn reason_of<T: serde::de::DeserializeOwned>(text: &str) -> String {
    let Err(e) = serde_json::from_str::<T>(text) else { panic!("{text:?} parses") };
    strip_position(&e.to_string()).to_owned()
}

#[test]
fn serde_json_still_words_them_so() {
    use serde_json::Value;
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let cases: &[(&str, &str)] = &[
        (messages::EOF_LIST, "[1"),
        (messages::EOF_OBJECT, "{\"a\": 1"),
        (messages::EOF_STRING, "\"abc"),
        (messages::EOF_VALUE, "{\"a\":"),
        (messages::EXPECTED_COLON, "{\"a\" 1}"),
        (messages::EXPECTED_LIST_COMMA_OR_END, "[1 2]"),
        (messages::EXPECTED_OBJECT_COMMA_OR_END, "{\"a\": 1 \"b\": 2}"),
        (messages::EXPECTED_IDENT, "[trux]"),
        (messages::EXPECTED_VALUE, "[x]"),
        (messages::KEY_MUST_BE_A_STRING, "{1: 2}"),
        (messages::TRAILING_COMMA, "[1,]"),
        (messages::TRAILING_CHARACTERS, "1 x"),
        (messages::INVALID_ESCAPE, "\"\\q\""),
        (messages::INVALID_NUMBER, "[-]"),
        (messages::NUMBER_OUT_OF_RANGE, "1e999"),
        (messages::CONTROL_CHARACTER, "\"a\u{1}b\""),
        (messages::RECURSION_LIMIT, deep.as_str()),
    ];
    for (message, text) in cases {
        assert_eq!(reason_of::<Value>(text), *message, "{text:?}");
    }
    // Only a string target decodes escapes strictly.
    assert_eq!(reason_of::<String>("\"\\uD800x\""), messages::UNEXPECTED_END_OF_HEX_ESCAPE);
    assert_eq!(reason_of::<String>("\"\\uD800\\u0041\""), messages::LONE_LEADING_SURROGATE);
    // serde's wordings that `reason_zh` takes apart.
    assert_eq!(reason_of::<Listing>("{\"title\": \"x\"}"), "missing field `category_id`");
    assert_eq!(
        reason_of::<Listing>("{\"category_id\": true}"),
        "invalid type: boolean `true`, expected an integer id or a string holding one"
    );
    assert_eq!(reason_of::<Listing>("{\"category_id\": \"x1\"}"), "id `x1` is not an integer");
    assert_eq!(
        reason_of::<Listing>("{\"category_id\": 1, \"skus\": [{\"quantity\": 1e400}]}"),
        messages::NUMBER_OUT_OF_RANGE
    );
    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "snake_case")]
    enum Level {
        Warning,
        Error,
    }
    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Strict {
        #[expect(dead_code, reason = "only read")]
        level: Level,
    }
    assert_eq!(reason_of::<Strict>(r#"{"lvl": 1}"#), "unknown field `lvl`, expected `level`");
    assert_eq!(reason_of::<Strict>(r#"{"level": "red"}"#), "unknown variant `red`, expected `warning` or `error`");
    assert_eq!(reason_of::<Strict>(r#"{"level": "warning", "level": "error"}"#), "duplicate field `level`");
    assert_eq!(reason_of::<Vec<u8>>("[-1]"), "invalid value: integer `-1`, expected u8");
    assert_eq!(reason_of::<(u8, u8)>("[1]"), "invalid length 1, expected a tuple of size 2");
}

#[test]
fn positions_are_taken_off_and_an_early_end_is_placed_after_the_text() {
    assert_eq!(strip_position("expected value at line 3 column 7"), "expected value");
    assert_eq!(strip_position("missing field `a`"), "missing field `a`");
    assert_eq!(end_position("{\n  \"a\": 1,\n  \"b\"  \n\n"), (3, 6));
    assert_eq!(end_position(""), (1, 1));
}

#[test]
fn english_names_the_problem_the_field_and_the_parsers_reason() {
    let m = describe(JsonProblem::Data, Some("/props/0/pid"), "invalid type: boolean `true`, expected i64", Locale::En);
    assert_eq!(m, "unexpected content at `/props/0/pid`: invalid type: boolean `true`, expected i64");
    assert_eq!(describe(JsonProblem::Syntax, None, "trailing comma", Locale::En), "invalid JSON: trailing comma");
}

#[test]
fn chinese_translates_the_reason_and_keeps_names_and_values_quoted() {
    let m =
        describe(JsonProblem::Data, Some("/props/0/pid"), "invalid type: boolean `true`, expected i64", Locale::ZhCn);
    assert_eq!(m, "内容不符合格式 (位于 `/props/0/pid`): 类型不符: 应为整数, 实际为布尔值 `true`");
    let m = describe(JsonProblem::Eof, None, messages::EOF_OBJECT, Locale::ZhCn);
    assert_eq!(m, "JSON 意外结束: 对象没有结束");
    let m = describe(JsonProblem::Data, None, "unknown variant `red`, expected `warning` or `error`", Locale::ZhCn);
    assert_eq!(m, "内容不符合格式: 未知的取值 `red`, 可选: `warning`, `error`");
    // A message nobody has translated is left out rather than shown in English.
    assert_eq!(describe(JsonProblem::Syntax, None, "something new", Locale::ZhCn), "JSON 语法错误");
}

/// A listing that uses every member, for the corpus of malformed texts below.
const LISTING: &str = r#"{
  "category_id": 50010850,
  "title": "纯棉短袖T恤",
  "props": [
    {"pid": 20000, "vids": [3233]},
    {"pid": 13021751, "text": "A-1024"},
    {"pid": 1627207, "vids": [28321], "aliases": {"28321": "米白"}},
    {"name": "材质", "values": ["棉"]}
  ],
  "skus": [
    {"props": [{"pid": 1627207, "vid": 28321}, {"name": "尺码", "value": "M"}], "price": "59.00", "quantity": 100, "outer_id": "TS"},
    {"properties": "1627207:28320;20509:28383", "price": 59, "quantity": 1}
  ],
  "qualifications": [{"name": "营业执照", "document": "media:1"}]
}"#;

/// Every prefix and single-character deletion of `text`, and each of its scalars (and each
/// opening bracket) replaced by values of every other JSON type.
fn malformed(text: &str) -> Vec<String> {
    let cuts: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
    let mut out: Vec<String> = cuts.iter().map(|&i| text[..i].to_owned()).collect();
    out.extend(cuts.windows(2).map(|w| format!("{}{}", &text[..w[0]], &text[w[1]..])));
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let end = match bytes[i] {
            b'"' => {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                j + 1
            }
            b'-' | b'0'..=b'9' => i + bytes[i..].iter().take_while(|b| b"-+.eE0123456789".contains(b)).count(),
            _ => i + 1,
        };
        if end > i + 1 || matches!(bytes[i], b'{' | b'[') {
            for r in ["true", "\"x\"", "1.5", "[]", "{}", "-1", "null", "{\"zz\": 1}", "\"1:x\"", "1e999"] {
                out.push(format!("{}{r}{}", &text[..i], &text[end.min(text.len())..]));
            }
        }
        i = end.max(i + 1);
    }
    out
}

/// Reasons serde_json gives for the malformed listings and snapshots.
fn corpus() -> Vec<(JsonProblem, String)> {
    let mut out = Vec::new();
    let mut add =
        |e: serde_json::Error| out.push((JsonProblem::from(e.classify()), strip_position(&e.to_string()).to_owned()));
    for text in malformed(LISTING) {
        if let Err(e) = serde_json::from_str::<Listing>(&text) {
            add(e);
        }
        if let Err(e) = Listing::from_json(&text) {
            add(e);
        }
    }
    for text in malformed(crate::demo::SNAPSHOT_JSON).into_iter().step_by(7) {
        if let Err(e) = serde_json::from_str::<Snapshot>(&text) {
            add(e);
        }
    }
    out
}

#[test]
fn every_reason_reading_a_listing_or_a_snapshot_gives_is_translated_and_no_english_is_left() {
    // Words a seller meets in Chinese text as they are.
    const KEPT: &[&str] = &["JSON", "Unicode", "true", "false", "null", "pid", "vid", "u"];
    let corpus = corpus();
    assert!(corpus.len() > 2000, "only {} malformed texts", corpus.len());
    for (problem, reason) in &corpus {
        assert!(reason_zh(reason).is_some(), "no Chinese for {reason:?}");
        let zh = describe(*problem, Some("/props/0"), reason, Locale::ZhCn);
        // What is quoted is the seller's own text or a member name: it stays as written.
        let mut bare = String::new();
        for (i, part) in zh.split('`').enumerate() {
            if i % 2 == 0 {
                bare.push_str(&part.split('"').step_by(2).collect::<String>());
            }
        }
        for word in bare.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()) {
            assert!(KEPT.contains(&word), "English {word:?} in {zh:?} (from {reason:?})");
        }
    }
}
