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

/// 2^53: every integer below it in magnitude is exactly one `f64`.
const EXACT_FLOAT: f64 = 9_007_199_254_740_992.0;

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
        // `1.0e3` style ids appear when a producer round-trips through floats. A number read
        // as a float (a fraction, an exponent, or an integer past 64 bits) is exact only below
        // 2^53: past it the id read may not be the id written, so it is refused rather than
        // rounded (or clamped to the range of `i64`). Its text is gone by now; the value is
        // shown in scientific form so that it does not pass for the digits the seller wrote.
        if v.is_finite() && v.abs() >= EXACT_FLOAT {
            Err(E::custom(format!(
                "id `{}` cannot be read exactly: written with a fraction, an exponent or more than \
                 19 digits, an id is exact only up to {EXACT_FLOAT}; write it as a whole number or a string",
                scientific(v)
            )))
        } else if v.fract() == 0.0 {
            Ok(v as Id)
        } else {
            Err(E::custom(format!("id `{v}` is not an integer")))
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Id, E> {
        from_text(v).ok_or_else(|| E::custom(format!("id `{v}` is not an integer")))
    }
}

/// A whole `f64` as `{:e}` writes it (`1.5e20`), from its plain decimal form: `Display`
/// writes the shortest digits that read back as `v`, then zeros up to the decimal point, and
/// those digits are the ones `{:e}` writes. Done here because `{:e}` would add its own
/// formatting code to the browser module for this one message.
fn scientific(v: f64) -> String {
    let plain = v.to_string();
    let (sign, digits) = plain.strip_prefix('-').map_or(("", plain.as_str()), |d| ("-", d));
    let Some((first, rest)) = digits.split_at_checked(1) else { return plain };
    let rest = rest.trim_end_matches('0');
    let point = if rest.is_empty() { "" } else { "." };
    format!("{sign}{first}{point}{rest}e{}", digits.len() - 1)
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

    #[test]
    fn large_ids_are_written_as_lower_exp_writes_them() {
        let mut checked = 0;
        for bits in (0x4340_0000_0000_0000u64..0x7ff0_0000_0000_0000).step_by(0x0000_7919_0000_1234) {
            let v = f64::from_bits(bits);
            assert_eq!(scientific(v), format!("{v:e}"), "{bits:x}");
            assert_eq!(scientific(-v), format!("{:e}", -v), "{bits:x}");
            checked += 1;
        }
        for v in [EXACT_FLOAT, 1e16, 1e20, 1.5e20, 123456789012345680000.0, f64::MAX] {
            assert_eq!(scientific(v), format!("{v:e}"));
        }
        assert!(checked > 1000);
    }

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
    fn ids_read_as_floats_are_exact_or_refused() {
        let id = |t: &str| serde_json::from_str::<W>(&format!(r#"{{"id":{t}}}"#)).map(|w| w.id);
        assert_eq!(id("1.0e3").unwrap(), 1000);
        assert_eq!(id("-9007199254740991.0").unwrap(), -9_007_199_254_740_991);
        // 2^53 + 1 reads as 2^53: refused, not rounded.
        for t in ["9007199254740993.0", "9007199254740992.0", "1e19", "-9223372036854775809", "-1e300"] {
            let e = id(t).unwrap_err().to_string();
            assert!(e.contains("cannot be read exactly"), "{t}: {e}");
        }
        let e = id("123456789012345678901234567890").unwrap_err().to_string();
        assert!(e.contains("`1.2345678901234568e29` cannot be read exactly"), "{e}");
        assert!(!e.contains("123456789012345680000"), "{e}");
        assert!(id("1.5").unwrap_err().to_string().contains("`1.5` is not an integer"));
        assert!(id("18446744073709551615").unwrap_err().to_string().contains("`18446744073709551615` is out of range"));
    }

    #[test]
    fn empty_string_parent_is_absent() {
        let w: W = serde_json::from_str(r#"{"id":-3,"parent":""}"#).unwrap();
        assert_eq!((w.id, w.parent), (-3, None));
    }
}
