//! The snapshot side of the publish rules: typed constraints on a property's values, conditions
//! ("required when", "disabled when"), and what a category demands of the item as a whole.
//!
//! The shapes follow what the platforms publish as data (Tmall's schema rules with their
//! and/or depend groups, 1688 and WeChat typed attributes) so that importers can fill them
//! without loss; everything is optional, and a property without constraints costs nothing.

use crate::model::ids::{self, Id};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How a length is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LengthUnit {
    /// Unicode characters.
    #[default]
    Characters,
    /// Bytes as Taobao counts them: one for ASCII, two for any other character.
    Bytes,
}

impl LengthUnit {
    /// The length of `s` in this unit.
    pub fn measure(self, s: &str) -> usize {
        match self {
            LengthUnit::Characters => crate::input::normalize::char_count(s),
            LengthUnit::Bytes => crate::input::normalize::platform_bytes(s),
        }
    }
}

/// What kind of value a property takes (Tmall `valueTypeRule`, WeChat `type_v2`, 1688 `inputType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ValueType {
    /// Any text.
    Text,
    /// A whole number, optionally signed.
    Integer,
    /// A decimal number, optionally signed.
    Decimal,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// An `http://` or `https://` address.
    Url,
}

/// A numeric bound.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Bound {
    /// The bound. Written as an integer when it is one, as JavaScript writes it, so that
    /// reports read the same from the CLI and the npm package.
    #[serde(serialize_with = "plain_number")]
    pub value: f64,
    /// The bound itself is not allowed (`<` rather than `<=`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub exclusive: bool,
}

fn plain_number<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    // Integers up to 2^53 are exact in an f64 and print the same either way.
    if v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

impl Bound {
    /// Whether `x` is on the allowed side of this bound taken as a minimum.
    pub fn admits_above(&self, x: f64) -> bool {
        if self.exclusive {
            x > self.value
        } else {
            x >= self.value
        }
    }

    /// Whether `x` is on the allowed side of this bound taken as a maximum.
    pub fn admits_below(&self, x: f64) -> bool {
        if self.exclusive {
            x < self.value
        } else {
            x <= self.value
        }
    }
}

/// A pattern a value must match, or must not match (Tmall `regexRule`, `exProperty="not include"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Pattern {
    /// The regular expression (Rust `regex` syntax, no look-around or back-references, so
    /// matching is linear in the value).
    pub regex: String,
    /// `true`: the value must match; `false`: it must not.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub must_match: bool,
    /// What the pattern asks for, in words, for messages and forms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// Typed constraints on a property's values. Length, numeric, type and pattern constraints
/// apply to the values a seller types (free text, custom values); the value count applies to
/// every value chosen.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Constraints {
    /// What kind of value the property takes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_type: Option<ValueType>,
    /// Shortest typed value, in `length_unit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u32>,
    /// Longest typed value, in `length_unit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// How `min_length` and `max_length` count.
    #[serde(default, skip_serializing_if = "is_default")]
    pub length_unit: LengthUnit,
    /// Smallest number allowed (numeric values).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Bound>,
    /// Largest number allowed (numeric values).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Bound>,
    /// Most decimal places (numeric values).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_decimals: Option<u32>,
    /// Fewest values when the property is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_values: Option<u32>,
    /// Most values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_values: Option<u32>,
    /// Patterns typed values must (or must not) match.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patterns: Vec<Pattern>,
    /// Units a typed number may carry (`cm`, `克`); empty: no unit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<String>,
    /// Whether sellers may give values of their own; absent: as the property's input mode says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_values: Option<bool>,
    /// The property is required while this holds (on top of `must`, which always holds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_when: Option<Condition>,
    /// The property must stay empty while this holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled_when: Option<Condition>,
    /// A hint for sellers (Tmall `tipRule`), shown by forms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// A boolean expression over the listing (Tmall `depend-group` / `depend-express`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// Every part holds.
    All(Vec<Condition>),
    /// At least one part holds.
    Any(Vec<Condition>),
    /// The part does not hold.
    Not(Box<Condition>),
    /// One comparison.
    Test(Test),
}

/// One comparison: a property's chosen values, or an item field, against operands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Test {
    /// The property compared (its chosen values); exactly one of `pid` and `field`.
    #[serde(default, deserialize_with = "ids::deserialize_opt", skip_serializing_if = "Option::is_none")]
    pub pid: Option<Id>,
    /// The item field compared, by name (`title`, `price`, `quantity`, `description`...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The comparison.
    pub op: Op,
    /// Operands: value ids or texts for a property (a number as text for `<` and friends);
    /// none for `is_null`, one for most, any number for `in`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<Operand>,
}

/// An operand: a value id, or text (a value name, typed text, a number).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Operand {
    /// A value id.
    Vid(Id),
    /// A value name, a text or a number written as text.
    Text(String),
}

// Read as `#[serde(untagged)]` would read it: an integer that fits an id is a `Vid`, a string
// is a `Text` (a numeric string too), anything else is refused with the untagged form's
// message, once the whole value is read (so the error names the same place). Written by hand
// because the untagged form buffers every value in serde's `Content` first, whose code is
// 2 KB of the browser module for this one type.
impl<'de> Deserialize<'de> for Operand {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{Error, IgnoredAny, MapAccess, SeqAccess, Visitor};
        /// The value read; `None` for one that is neither (refused after the read).
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Option<Operand>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a value id or a text")
            }
            fn visit_i64<E: Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Some(Operand::Vid(v)))
            }
            fn visit_u64<E: Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Id::try_from(v).ok().map(Operand::Vid))
            }
            fn visit_f64<E: Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_bool<E: Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Some(Operand::Text(v.to_owned())))
            }
            fn visit_string<E: Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Some(Operand::Text(v)))
            }
            fn visit_bytes<E: Error>(self, v: &[u8]) -> Result<Self::Value, E> {
                Ok(std::str::from_utf8(v).ok().map(|t| Operand::Text(t.to_owned())))
            }
            fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                IgnoredAny::deserialize(d).map(|_| None)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(None)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(None)
            }
        }
        d.deserialize_any(V)?.ok_or_else(|| D::Error::custom("data did not match any variant of untagged enum Operand"))
    }
}

/// Comparison operators, as the Tmall schema names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Op {
    /// The subject has exactly the operand as its value.
    #[serde(rename = "==")]
    Eq,
    /// The subject is given and its value is not the operand.
    #[serde(rename = "!=")]
    Ne,
    /// One of the subject's values is the operand (a text field: contains it).
    #[serde(rename = "contains")]
    Contains,
    /// None of the subject's values is the operand.
    #[serde(rename = "not_contains")]
    NotContains,
    /// The subject has no value.
    #[serde(rename = "is_null")]
    IsNull,
    /// One of the subject's values is one of the operands.
    #[serde(rename = "in")]
    In,
    /// The subject's number is below the operand.
    #[serde(rename = "<")]
    Lt,
    /// The subject's number is above the operand.
    #[serde(rename = ">")]
    Gt,
    /// The subject's number is at most the operand.
    #[serde(rename = "<=")]
    Le,
    /// The subject's number is at least the operand.
    #[serde(rename = ">=")]
    Ge,
}

impl Op {
    /// The operator as written in snapshots.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Eq => "==",
            Op::Ne => "!=",
            Op::Contains => "contains",
            Op::NotContains => "not_contains",
            Op::IsNull => "is_null",
            Op::In => "in",
            Op::Lt => "<",
            Op::Gt => ">",
            Op::Le => "<=",
            Op::Ge => ">=",
        }
    }
}

/// Price bounds of a category (Taobao `IC_CHECKSTEP_PRICE_ERROR`, WeChat `floor_price`).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PriceBounds {
    /// Lowest price, in yuan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Bound>,
    /// Highest price, in yuan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Bound>,
}

/// The item fields conditions and `required_fields` may name: the listing's own members but
/// its category, properties, SKUs and documents, as [`crate::input::listing::shape`] declares them.
pub const ITEM_FIELDS: [&str; crate::input::listing::shape::ITEM_FIELD_COUNT] =
    crate::input::listing::shape::item_fields();

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_true(b: &bool) -> bool {
    *b
}

fn yes() -> bool {
    true
}

fn is_default<T: Default + PartialEq>(t: &T) -> bool {
    *t == T::default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The derived untagged form that [`Operand`]'s reader stands in for.
    #[derive(Debug, Deserialize)]
    #[serde(untagged)]
    enum Operand {
        Vid(Id),
        Text(String),
    }

    #[derive(Debug, Deserialize)]
    struct Ours {
        #[allow(dead_code, reason = "read for its errors")]
        values: Vec<super::Operand>,
    }

    #[derive(Debug, Deserialize)]
    struct Derived {
        #[allow(dead_code, reason = "read for its errors")]
        values: Vec<Operand>,
    }

    #[test]
    fn operands_read_as_the_untagged_form_reads_them() {
        for values in [
            "[1, -2, 0, 9223372036854775807, \"abc\", \"100\", \"\", \"\\u00e9\"]",
            "[9223372036854775808]",
            "[18446744073709551615]",
            "[-9223372036854775808]",
            "[1.5]",
            "[1e3]",
            "[true]",
            "[null]",
            "[[1, 2]]",
            "[{\"a\": [1]}]",
            "[1,\n  [\"x\",\n 2]  , 3]",
            "[1, {}]",
            "[\"a\", ]",
        ] {
            let text = format!("{{\"values\": {values}}}");
            let ours = serde_json::from_str::<Ours>(&text).map_err(|e| e.to_string());
            let derived = serde_json::from_str::<Derived>(&text).map_err(|e| e.to_string());
            match (&ours, &derived) {
                (Ok(o), Ok(d)) => {
                    let d: Vec<super::Operand> = d
                        .values
                        .iter()
                        .map(|v| match v {
                            Operand::Vid(id) => super::Operand::Vid(*id),
                            Operand::Text(t) => super::Operand::Text(t.clone()),
                        })
                        .collect();
                    assert_eq!(o.values, d, "{values}");
                }
                _ => assert_eq!(ours.map(|_| ()), derived.map(|_| ()), "{values}"),
            }
        }
    }
}
