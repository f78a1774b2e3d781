//! Tolerant field decoders for platform answers, used with `#[serde(deserialize_with)]`.
//!
//! Answers vary between API versions and SDKs (ids as numbers or
//! strings, booleans as `true` or `"true"`, lists double-wrapped, bare or absent).

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A number or a numeric string; `null` becomes 0 (TOP's "no parent").
pub fn id<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    match Value::deserialize(d)? {
        Value::Number(n) => n.as_i64().ok_or_else(|| D::Error::custom(format!("id `{n}` is not a 64-bit integer"))),
        Value::String(s) if s.trim().is_empty() => Ok(0),
        Value::String(s) => s.trim().parse().map_err(|_| D::Error::custom(format!("id `{s}` is not a number"))),
        Value::Null => Ok(0),
        other => Err(D::Error::custom(format!("expected an id, found {other}"))),
    }
}

/// `true`/`false`, `"true"`/`"false"`, `1`/`0`; `null` is false.
pub fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    match Value::deserialize(d)? {
        Value::Bool(b) => Ok(b),
        Value::Number(n) => Ok(n.as_i64().unwrap_or(0) != 0),
        Value::String(s) => match s.trim() {
            "true" | "1" => Ok(true),
            "false" | "0" | "" => Ok(false),
            _ => Err(D::Error::custom(format!("expected a boolean, found `{s}`"))),
        },
        Value::Null => Ok(false),
        other => Err(D::Error::custom(format!("expected a boolean, found {other}"))),
    }
}

/// Like [`flag`] but keeps "absent" distinct from "false".
pub fn opt_flag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    flag(d).map(Some)
}

/// A list as TOP sends it: `{"item_cat": [...]}` (double-wrapped), a bare array, a single
/// object in the wrapper (XML-to-JSON artefact), or `null`/absent for an empty list.
pub fn list<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Vec<T>, D::Error> {
    let v = Value::deserialize(d)?;
    let inner = match v {
        Value::Null => return Ok(Vec::new()),
        Value::Array(_) => v,
        Value::Object(map) => {
            let mut values = map.into_iter().map(|(_, v)| v);
            match (values.next(), values.next()) {
                (None, _) => return Ok(Vec::new()),
                (Some(one), None) => one,
                _ => return Err(D::Error::custom("expected a list wrapper with one key, found several keys")),
            }
        }
        other => return Err(D::Error::custom(format!("expected a list, found {other}"))),
    };
    match inner {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => items.into_iter().map(|i| serde_json::from_value(i).map_err(D::Error::custom)).collect(),
        single @ Value::Object(_) => serde_json::from_value(single).map(|one| vec![one]).map_err(D::Error::custom),
        other => Err(D::Error::custom(format!("expected a list, found {other}"))),
    }
}

/// A string or a number rendered as a string; `null` is empty.
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match Value::deserialize(d)? {
        Value::String(s) => Ok(s),
        Value::Null => Ok(String::new()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        other => Err(D::Error::custom(format!("expected text, found {other}"))),
    }
}
