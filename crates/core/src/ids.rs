//! Platform ids.
//!
//! Taobao and WeChat send ids as JSON numbers, 1688 sends them as numeric strings. Snapshot
//! files always hold integers, but every input path accepts both so that a recorded 1688
//! response can be fed straight in.

use serde::{de, Deserializer};
use std::fmt;

/// An id as the platforms use them: a signed 64-bit integer.
///
/// Signed because Taobao marks seller-defined properties and values with negative ids.
pub type Id = i64;

/// An id spread over 64 bits by a multiplicative (Fibonacci) hash, for the open-addressing
/// tables that look ids up ([`crate::catalog::IdMap`], the engine's SKU lookup): ids often
/// share their low bits, so those tables take the high bits of this.
#[inline]
pub(crate) fn spread(id: Id) -> u64 {
    (id as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// An id written as text (`" 12 "`), as every input path reads one: `None` when it is not an
/// integer.
pub fn from_text(v: &str) -> Option<Id> {
    v.trim().parse().ok()
}

/// An optional id written as text: a blank string is absent (`Some(None)`); `None` when it
/// is not an integer.
pub fn opt_from_text(v: &str) -> Option<Option<Id>> {
    if v.trim().is_empty() {
        Some(None)
    } else {
        from_text(v).map(Some)
    }
}

struct IdVisitor;

impl de::Visitor<'_> for IdVisitor {
    type Value = Id;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an integer id or a string holding one")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Id, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Id, E> {
        Id::try_from(v).map_err(|_| E::custom(format!("id `{v}` is out of range")))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Id, E> {
        // `1.0e3` style ids appear when a producer round-trips through floats; accept only
        // exact integers so a fractional id is never silently truncated.
        if v.fract() == 0.0 && v >= i64::MIN as f64 && v < i64::MAX as f64 {
            Ok(v as Id)
        } else {
            Err(E::custom(format!("id `{v}` is not an integer")))
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Id, E> {
        from_text(v).ok_or_else(|| E::custom(format!("id `{v}` is not an integer")))
    }
}

/// Deserialises an [`Id`] from a number or a numeric string.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Id, D::Error> {
    d.deserialize_any(IdVisitor)
}

/// Deserialises an optional [`Id`]; `null` and `""` both mean "absent".
pub fn deserialize_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Id>, D::Error> {
    struct OptVisitor;
    impl<'de> de::Visitor<'de> for OptVisitor {
        type Value = Option<Id>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an integer id, a string holding one, or null")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            deserialize(d).map(Some)
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            IdVisitor.visit_i64(v).map(Some)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            IdVisitor.visit_u64(v).map(Some)
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            IdVisitor.visit_f64(v).map(Some)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            match opt_from_text(v) {
                Some(id) => Ok(id),
                None => IdVisitor.visit_str(v).map(Some),
            }
        }
    }
    d.deserialize_any(OptVisitor)
}

/// Deserialises a list of [`Id`]s, each a number or a numeric string.
pub fn deserialize_vec<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Id>, D::Error> {
    struct VecVisitor;
    impl<'de> de::Visitor<'de> for VecVisitor {
        type Value = Vec<Id>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of ids")
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            while let Some(IdOf(id)) = seq.next_element()? {
                out.push(id);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(VecVisitor)
}

/// Newtype so that sequences and map keys can reuse the lenient visitor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdOf(pub Id);

impl<'de> serde::Deserialize<'de> for IdOf {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize(d).map(IdOf)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;

    #[derive(serde::Deserialize)]
    struct W {
        #[serde(deserialize_with = "deserialize")]
        id: Id,
        #[serde(default, deserialize_with = "deserialize_opt")]
        parent: Option<Id>,
        #[serde(default, deserialize_with = "deserialize_vec")]
        list: Vec<Id>,
    }

    #[test]
    fn numbers_and_numeric_strings_are_both_ids() {
        let w: W = serde_json::from_str(r#"{"id":"1031910","parent":7,"list":[1,"2"]}"#).unwrap();
        assert_eq!((w.id, w.parent, w.list), (1031910, Some(7), vec![1, 2]));
    }

    #[test]
    fn fractional_and_overflowing_ids_are_rejected() {
        assert!(serde_json::from_str::<W>(r#"{"id":1.5}"#).is_err());
        assert!(serde_json::from_str::<W>(r#"{"id":18446744073709551615}"#).is_err());
        assert!(serde_json::from_str::<W>(r#"{"id":"12a"}"#).is_err());
    }

    #[test]
    fn empty_string_parent_is_absent() {
        let w: W = serde_json::from_str(r#"{"id":-3,"parent":""}"#).unwrap();
        assert_eq!((w.id, w.parent), (-3, None));
    }
}
