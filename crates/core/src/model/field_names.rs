//! The member names a derived `Deserialize` reads, taken from the derive itself.
//!
//! A derived reader hands its struct's member names to `Deserializer::deserialize_struct`;
//! this deserializer only records them. A hand-kept list of the same names (for an
//! unknown-key check) would have to be remembered each time a member is added; this one
//! cannot fall behind the declaration.

use serde::de::{self, Visitor};

/// How the recording deserializer stops (it never produces a value): with the names a
/// derived struct reader declared, or none.
#[derive(Debug)]
pub(crate) struct Recorded(&'static [&'static str]);

impl std::fmt::Display for Recorded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("member names recorded")
    }
}

impl std::error::Error for Recorded {}

impl de::Error for Recorded {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Recorded(&[])
    }
}

pub(crate) struct Names;

impl<'de> de::Deserializer<'de> for Names {
    type Error = Recorded;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Recorded> {
        Err(Recorded(fields))
    }

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Recorded> {
        Err(Recorded(&[]))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// The member names `read` (a derived reader) declares, in declaration order; empty for a
/// reader that is not a derived struct reader.
pub(crate) fn of<T>(read: impl FnOnce(Names) -> Result<T, Recorded>) -> &'static [&'static str] {
    match read(Names) {
        Err(Recorded(fields)) => fields,
        Ok(_) => &[],
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[allow(dead_code, reason = "only the reader's member names are read")]
    struct Two {
        first: u32,
        #[serde(rename = "second_name")]
        second: String,
    }

    #[test]
    fn names_come_from_the_derive_in_declaration_order() {
        assert_eq!(super::of(Two::deserialize), ["first", "second_name"]);
        assert!(super::of(u32::deserialize).is_empty());
    }
}
