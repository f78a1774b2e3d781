//! Tolerant field decoders for platform answers, used with `#[serde(deserialize_with)]`.
//!
//! Answers vary between API versions and SDKs (ids as numbers or strings, booleans as `true` or
//! `"true"`, lists double-wrapped, bare or absent). Each decoder is a visitor over the input
//! rather than a detour through `serde_json::Value`: a full category fetch holds millions of
//! such fields, and building a value tree for each would dominate import time.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

struct IdVisitor;

impl<'de> Visitor<'de> for IdVisitor {
    type Value = i64;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an id (a number or a numeric string)")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::custom(format!("id `{v}` is not a 64-bit integer")))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
        Err(E::custom(format!("id `{v}` is not a 64-bit integer")))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<i64, E> {
        let t = s.trim();
        if t.is_empty() {
            return Ok(0);
        }
        t.parse().map_err(|_| E::custom(format!("id `{s}` is not a number")))
    }
    fn visit_unit<E: de::Error>(self) -> Result<i64, E> {
        Ok(0)
    }
    fn visit_none<E: de::Error>(self) -> Result<i64, E> {
        Ok(0)
    }
}

/// A number or a numeric string; `null` and `""` become 0 (TOP's "no parent").
pub fn id<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    d.deserialize_any(IdVisitor)
}

struct FlagVisitor;

impl<'de> Visitor<'de> for FlagVisitor {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a boolean")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
        Ok(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
        Ok(v != 0)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
        Ok(v != 0)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<bool, E> {
        Ok(v != 0.0)
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<bool, E> {
        match s.trim() {
            "true" | "1" => Ok(true),
            "false" | "0" | "" => Ok(false),
            _ => Err(E::custom(format!("expected a boolean, found `{s}`"))),
        }
    }
    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_none<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
}

/// `true`/`false`, `"true"`/`"false"`, `1`/`0`; `null` is false.
pub fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    d.deserialize_any(FlagVisitor)
}

/// Like [`flag`] but keeps "absent" distinct from "false".
pub fn opt_flag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    flag(d).map(Some)
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("text")
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<String, E> {
        Ok(s.to_string())
    }
    fn visit_string<E: de::Error>(self, s: String) -> Result<String, E> {
        Ok(s)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        Ok(String::new())
    }
    fn visit_none<E: de::Error>(self) -> Result<String, E> {
        Ok(String::new())
    }
}

/// A string, or a number or boolean rendered as one; `null` is empty.
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_any(TextVisitor)
}

/// The content of a list wrapper: an array, one bare object, or `null`.
struct Items<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for Items<T> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element()? {
            out.push(item);
        }
        Ok(out)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Vec<T>, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(|one| vec![one])
    }
    fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }
    fn visit_none<E: de::Error>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Items<T> {
    type Value = Vec<T>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
        d.deserialize_any(self)
    }
}

/// The list itself: bare, or wrapped once (`{"item_cat": [...]}`).
struct List<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for List<T> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list, bare or wrapped in an object with one key")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Vec<T>, A::Error> {
        Items(PhantomData).visit_seq(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<T>, A::Error> {
        if map.next_key::<IgnoredAny>()?.is_none() {
            return Ok(Vec::new());
        }
        let items = map.next_value_seed(Items(PhantomData))?;
        if map.next_key::<IgnoredAny>()?.is_some() {
            return Err(de::Error::custom("expected a list wrapper with one key, found several keys"));
        }
        Ok(items)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }
    fn visit_none<E: de::Error>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }
}

/// A list as the platforms send it: `{"item_cat": [...]}` (double-wrapped), a bare array, a
/// single object in the wrapper (an XML-to-JSON artefact), or `null`/absent for an empty list.
pub fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    d.deserialize_any(List(PhantomData))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Row {
        #[serde(deserialize_with = "id")]
        cid: i64,
        #[serde(default, deserialize_with = "flag")]
        is_parent: bool,
        #[serde(default, deserialize_with = "text")]
        name: String,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Body {
        #[serde(default, deserialize_with = "list")]
        rows: Vec<Row>,
    }

    fn rows(json: &str) -> Result<Vec<Row>, serde_json::Error> {
        serde_json::from_str::<Body>(json).map(|b| b.rows)
    }

    #[test]
    fn every_list_shape() {
        let one = Row { cid: 1, is_parent: true, name: "a".into() };
        for json in [
            r#"{"rows":{"row":[{"cid":1,"is_parent":true,"name":"a"}]}}"#,
            r#"{"rows":[{"cid":"1","is_parent":"true","name":"a"}]}"#,
            r#"{"rows":{"row":{"cid":1,"is_parent":1,"name":"a"}}}"#,
        ] {
            assert_eq!(rows(json).unwrap(), vec![Row { name: one.name.clone(), ..one }], "{json}");
        }
        for json in [r#"{}"#, r#"{"rows":null}"#, r#"{"rows":{}}"#, r#"{"rows":{"row":null}}"#] {
            assert!(rows(json).unwrap().is_empty(), "{json}");
        }
        assert!(rows(r#"{"rows":{"a":[],"b":[]}}"#).is_err());
        assert!(rows(r#"{"rows":5}"#).is_err());
    }

    #[test]
    fn scalars() {
        assert_eq!(rows(r#"{"rows":[{"cid":" 7 ","is_parent":null,"name":12}]}"#).unwrap()[0].name, "12");
        assert!(rows(r#"{"rows":[{"cid":"x"}]}"#).unwrap_err().to_string().contains("id `x`"));
        assert!(rows(r#"{"rows":[{"cid":1.5}]}"#).is_err());
        assert!(rows(r#"{"rows":[{"cid":18446744073709551615}]}"#).is_err());
        assert!(rows(r#"{"rows":[{"cid":1,"is_parent":"maybe"}]}"#).is_err());
    }
}
