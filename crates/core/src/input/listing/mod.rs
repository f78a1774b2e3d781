//! The platform-neutral draft listing.
//!
//! Sellers (and their tools) refer to properties and values either by id or by name, and
//! Taobao-native `pid:vid;pid:vid` strings are accepted where Taobao itself uses them. The
//! model keeps what was sent as it was sent (a price stays the text it was typed as), so that
//! the rules can report precisely what is wrong instead of failing the parse.

use crate::model::ids::{self, Id};
use schemars::JsonSchema;
use serde::{de, Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;
use std::fmt;

pub use short_text::ShortText;

#[cfg(test)]
mod inventory;
mod scan;
#[cfg(test)]
mod scan_tests;
pub mod shape;
pub mod short_text;
mod unknown;

pub use unknown::UnknownMember;

/// A draft listing.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self")]
pub struct Listing {
    /// The leaf category the listing is published in.
    #[serde(deserialize_with = "ids::deserialize")]
    pub category_id: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The title as the seller wrote it.
    pub title: Option<String>,
    /// Property values: a list, or a Taobao-native `pid:vid;pid:vid` string.
    #[serde(default)]
    pub props: Props,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// The SKUs: one per combination of sale values, with its price and stock.
    pub skus: Vec<Sku>,
    /// Qualification documents supplied for a sensitive category.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub qualifications: Vec<QualificationDoc>,
    /// The seller's own code for the item (its SKUs have codes of their own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outer_id: Option<String>,
    /// The item price, as a number or as the text typed; with SKUs, between their lowest and
    /// highest price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Scalar>,
    /// The item's total stock; with SKUs, the sum of theirs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Scalar>,
    /// The item description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Main images: addresses or picture-space ids, the first one shown first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<String>,
    /// Where the item ships from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The item's barcode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub barcode: Option<String>,
    /// New or second-hand: `new` or `second`, as Taobao names them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stuff_status: Option<String>,
    /// 1688 prices by quantity ordered, from the smallest order up.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub price_ranges: Vec<PriceRange>,
    /// 1688 minimum order quantity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_order_quantity: Option<Scalar>,
    /// 1688 unit of sale (件, 个, 套).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Members the listing format does not have, by key, in the order sent: not read, and
    /// reported as `FIELD_UNKNOWN` (a misspelt member would otherwise be silently ignored).
    #[serde(skip)]
    pub unknown: Vec<String>,
}

/// Where an item ships from.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self")]
pub struct Location {
    /// Province (浙江).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// City (杭州).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Members the listing format does not have, by key, in the order sent: not read, and
    /// reported as `FIELD_UNKNOWN` (a misspelt member would otherwise be silently ignored).
    #[serde(skip)]
    pub unknown: Vec<String>,
}

/// One 1688 price tier: the unit price from an order quantity up.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self")]
pub struct PriceRange {
    /// The order quantity the tier starts at (起批量).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_quantity: Option<Scalar>,
    /// The tier's unit price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Scalar>,
    /// Members the listing format does not have, by key, in the order sent: not read, and
    /// reported as `FIELD_UNKNOWN` (a misspelt member would otherwise be silently ignored).
    #[serde(skip)]
    pub unknown: Vec<String>,
}

impl Listing {
    /// Parses a listing from JSON text; the same result as `serde_json::from_str`, faster.
    ///
    /// A parser specialised to the listing's shape reads the common case; anything it is not
    /// certain about (including every error) is left to `serde_json`, so results and error
    /// messages are exactly `serde_json`'s.
    ///
    /// ```
    /// use shelfcheck_core::Listing;
    /// let l = Listing::from_json(r#"{"category_id": 50010850, "props": "20000:3233"}"#).unwrap();
    /// assert_eq!(l.category_id, 50010850);
    /// assert!(Listing::from_json(r#"{"props": []}"#).unwrap_err().to_string().contains("category_id"));
    /// ```
    pub fn from_json(text: &str) -> Result<Listing, serde_json::Error> {
        match Listing::from_json_fast(text) {
            Some(listing) => Ok(listing),
            None => serde_json::from_str(text),
        }
    }

    /// The specialised parser alone: `Some` only where its answer is certain (then it is
    /// `serde_json`'s), `None` where `serde_json` must decide. For callers that word errors
    /// with their own `serde_json` pass, so that a bad listing is not parsed twice that way.
    pub fn from_json_fast(text: &str) -> Option<Listing> {
        scan::parse(text)
    }
}

// A listing and each of its parts is a JSON object. The derived readers also take a sequence,
// reading the fields by position (`[50010850, "title"]` would be a listing), which no seller
// means: these wrappers ask for a map only. The derives (with `remote = "Self"`) provide the
// field handling as inherent `serialize` / `deserialize` functions the wrappers call.
macro_rules! object_only {
    ($($t:ident: $what:literal = $object:ident),* $(,)?) => {$(
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> de::Visitor<'de> for V {
                    type Value = $t;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str($what)
                    }
                    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<$t, A::Error> {
                        let mut unknown = Vec::new();
                        let watched = Watch { map, object: &shape::$object, unknown: &mut unknown };
                        let mut value = $t::deserialize(de::value::MapAccessDeserializer::new(watched))?;
                        value.unknown = unknown;
                        Ok(value)
                    }
                }
                d.deserialize_map(V)
            }
        }

        impl Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                $t::serialize(self, s)
            }
        }
    )*};
}

object_only! {
    Listing: "a listing object" = LISTING,
    PropInput: "a property object" = PROPERTY,
    Sku: "a SKU object" = SKU,
    SkuPropRef: "a `{pid, vid}` object" = SKU_PAIR,
    QualificationDoc: "a qualification document object" = QUALIFICATION,
    Location: "a location object" = LOCATION,
    PriceRange: "a price range object" = PRICE_RANGE,
}

/// An object's members as serde reads them, noting each key the declaration
/// ([`shape`]) lacks before the derived reader skips it.
struct Watch<'u, A> {
    map: A,
    object: &'static shape::Object,
    unknown: &'u mut Vec<String>,
}

impl<'de, A: de::MapAccess<'de>> de::MapAccess<'de> for Watch<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        let Some(key) = self.map.next_key::<std::borrow::Cow<'de, str>>()? else { return Ok(None) };
        if self.object.member(&key).is_none() {
            self.unknown.push(key.clone().into_owned());
        }
        seed.deserialize(de::value::CowStrDeserializer::<A::Error>::new(key)).map(Some)
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// Property values of a listing.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Props {
    /// A list of properties, each by id or by name.
    List(Vec<PropInput>),
    /// Taobao-native `pid:vid;pid:vid`.
    Native(String),
}

impl Default for Props {
    fn default() -> Self {
        Props::List(Vec::new())
    }
}

// A hand-written visitor instead of `#[serde(untagged)]`: untagged enums report "data did not
// match any variant", which tells a seller nothing; this one reports the real inner error.
impl<'de> Deserialize<'de> for Props {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = Props;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of properties or a `pid:vid;pid:vid` string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Props, E> {
                Ok(Props::Native(v.to_owned()))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Props, A::Error> {
                Vec::<PropInput>::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Props::List)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Props, E> {
                Ok(Props::default())
            }
        }
        d.deserialize_any(V)
    }
}

/// One property of a listing, by id or by name.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self")]
pub struct PropInput {
    #[serde(default, deserialize_with = "ids::deserialize_opt", skip_serializing_if = "Option::is_none")]
    /// Property id.
    pub pid: Option<Id>,
    /// Property name, used when `pid` is absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Chosen value ids; negative ids are the seller's own values.
    #[serde(default, deserialize_with = "ids::deserialize_vec", skip_serializing_if = "Vec::is_empty")]
    pub vids: Vec<Id>,
    /// Chosen values by name or alias.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// Free text, for text properties or the seller's own value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Seller's names for chosen values, keyed by value id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub aliases: BTreeMap<String, String>,
    /// Members the listing format does not have, by key, in the order sent: not read, and
    /// reported as `FIELD_UNKNOWN` (a misspelt member would otherwise be silently ignored).
    #[serde(skip)]
    pub unknown: Vec<String>,
}

/// One SKU: a combination of sale-property values with its price and stock.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self")]
pub struct Sku {
    /// The combination: a list, or a Taobao-native `pid:vid;pid:vid` string.
    #[serde(default)]
    pub props: SkuProps,
    /// Taobao-native `pid:vid;pid:vid`, as `item.add` names it; used when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Price, as a number or as the text typed (`"59.00"`).
    pub price: Option<Scalar>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Stock, as a number or as the text typed.
    pub quantity: Option<Scalar>,
    /// The seller's own SKU code.
    // Held inline when short (almost always): a listing has one per SKU, and allocating each
    // would be a large share of parsing time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub outer_id: Option<ShortText>,
    /// The SKU's barcode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub barcode: Option<String>,
    /// The price shown struck through (WeChat), above the sale price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub market_price: Option<Scalar>,
    /// Members the listing format does not have, by key, in the order sent: not read, and
    /// reported as `FIELD_UNKNOWN` (a misspelt member would otherwise be silently ignored).
    #[serde(skip)]
    pub unknown: Vec<String>,
}

/// SKU combination.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum SkuProps {
    /// A list of property/value pairs, each by id or by name.
    List(Vec<SkuPropRef>),
    /// Taobao-native `pid:vid;pid:vid`.
    Native(String),
}

impl Default for SkuProps {
    fn default() -> Self {
        SkuProps::List(Vec::new())
    }
}

impl<'de> Deserialize<'de> for SkuProps {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = SkuProps;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of `{pid, vid}` or a `pid:vid;pid:vid` string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SkuProps, E> {
                Ok(SkuProps::Native(v.to_owned()))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<SkuProps, A::Error> {
                Vec::<SkuPropRef>::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(SkuProps::List)
            }
            fn visit_unit<E: de::Error>(self) -> Result<SkuProps, E> {
                Ok(SkuProps::default())
            }
        }
        d.deserialize_any(V)
    }
}

/// One property value of a SKU, by id or by name.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self")]
pub struct SkuPropRef {
    #[serde(default, deserialize_with = "ids::deserialize_opt", skip_serializing_if = "Option::is_none")]
    /// Property id.
    pub pid: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Property name, used when `pid` is absent.
    pub name: Option<String>,
    #[serde(default, deserialize_with = "ids::deserialize_opt", skip_serializing_if = "Option::is_none")]
    /// Value id.
    pub vid: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Value name, used when `vid` is absent.
    pub value: Option<String>,
    /// Members the listing format does not have, by key, in the order sent: not read, and
    /// reported as `FIELD_UNKNOWN` (a misspelt member would otherwise be silently ignored).
    #[serde(skip)]
    pub unknown: Vec<String>,
}

/// A qualification document supplied by the seller.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self")]
pub struct QualificationDoc {
    /// Document name, matched against a proof's alternatives.
    pub name: String,
    /// Reference to the uploaded document (a media id, a URL).
    #[serde(default)]
    pub document: String,
    /// Members the listing format does not have, by key, in the order sent: not read, and
    /// reported as `FIELD_UNKNOWN` (a misspelt member would otherwise be silently ignored).
    #[serde(skip)]
    pub unknown: Vec<String>,
}

/// A number or a string, kept as the text that was sent so that the rules can judge it
/// (a price of `59.999` must be reported, not rounded).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Scalar {
    /// A JSON number.
    Number(serde_json::Number),
    // Held inline when short, as a typed price (`"59.00"`) always is.
    /// A JSON string.
    Text(#[schemars(with = "String")] ShortText),
}

impl Scalar {
    /// Whether the value is a whole number of at least zero, without formatting it. A number
    /// is judged by its value (`1e2` and `100.0` are 100, `-0` is 0), a string by its digits;
    /// both stop at 18 digits.
    pub fn is_non_negative_integer(&self) -> bool {
        match self {
            Scalar::Number(n) => match n.as_u64() {
                Some(_) => true,
                None => n.as_f64().is_some_and(|f| f.fract() == 0.0 && (0.0..1e18).contains(&f)),
            },
            Scalar::Text(s) => {
                let b = s.as_bytes();
                !b.is_empty() && b.len() <= 18 && b.iter().all(u8::is_ascii_digit)
            }
        }
    }

    /// The value as text. A number read as a float is written in plain decimal, the shortest
    /// that reads back the same (`1e2` → `100`, `-0` → `-0`, `59.999` → `59.999`), so
    /// it is judged and reported the way a seller writes a price, not as `100.0` or `1e30`.
    pub fn as_text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Scalar::Number(n) => std::borrow::Cow::Owned(match n.as_f64() {
                Some(f) if !n.is_i64() && !n.is_u64() => f.to_string(),
                _ => n.to_string(),
            }),
            Scalar::Text(s) => std::borrow::Cow::Borrowed(s.as_str()),
        }
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or a string")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v.into()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v.into()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                serde_json::Number::from_f64(v).map(Scalar::Number).ok_or_else(|| E::custom("not a finite number"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.into()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A syntax error in a Taobao-native `pid:vid;pid:vid` string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NativeSyntaxError {
    /// Byte offset of the bad pair in the string.
    pub offset: usize,
    /// The bad pair as written.
    pub fragment: String,
}

/// Parses a Taobao-native `pid:vid;pid:vid` string into pairs, in order.
///
/// Empty segments (a trailing `;`) are tolerated because Taobao's own tools emit them; anything
/// else that is not two integers separated by one colon is an error naming its offset.
pub fn parse_native_pairs(s: &str) -> Result<Vec<(Id, Id)>, NativeSyntaxError> {
    let mut out = Vec::new();
    let mut offset = 0;
    for part in s.split(';') {
        let here = offset;
        offset += part.len() + 1;
        if part.trim().is_empty() {
            continue;
        }
        let bad = || NativeSyntaxError { offset: here, fragment: part.to_owned() };
        let (p, v) = part.split_once(':').ok_or_else(bad)?;
        let pid = p.trim().parse::<Id>().map_err(|_| bad())?;
        let vid = v.trim().parse::<Id>().map_err(|_| bad())?;
        out.push((pid, vid));
    }
    Ok(out)
}

/// Groups native pairs into property inputs, one per pid in first-seen order, so that
/// `20509:28383;20509:28384` reads as one multi-value property.
pub fn group_native(pairs: &[(Id, Id)]) -> Vec<PropInput> {
    let mut out: Vec<PropInput> = Vec::new();
    for &(pid, vid) in pairs {
        match out.iter_mut().find(|p| p.pid == Some(pid)) {
            Some(p) => p.vids.push(vid),
            None => out.push(PropInput { pid: Some(pid), vids: vec![vid], ..PropInput::default() }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;

    const EXAMPLE: &str = r#"{
      "category_id": 50010850,
      "title": "纯棉短袖T恤 男款 夏季",
      "props": [
        {"pid": 20000, "vids": [3233]},
        {"pid": 13021751, "text": "A-1024"},
        {"pid": 1627207, "vids": [28321, 28320], "aliases": {"28321": "米白"}},
        {"pid": 20509, "vids": [28383, 28384]},
        {"name": "材质", "values": ["棉"]}
      ],
      "skus": [
        {"props": [{"pid": 1627207, "vid": 28321}, {"pid": 20509, "vid": 28383}],
         "price": "59.00", "quantity": 100, "outer_id": "TS-W-M"}
      ],
      "qualifications": [{"name": "《律师执业资格证》", "document": "media:abc123"}]
    }"#;

    #[test]
    fn the_documented_shape_is_accepted() {
        let l: Listing = serde_json::from_str(EXAMPLE).unwrap();
        assert_eq!(l.category_id, 50010850);
        let Props::List(props) = &l.props else { panic!("list expected") };
        assert_eq!(props.len(), 5);
        assert_eq!(props[2].aliases.get("28321").map(String::as_str), Some("米白"));
        assert_eq!(props[4].values, vec!["棉"]);
        assert_eq!(l.skus[0].price.as_ref().unwrap().as_text(), "59.00");
        assert_eq!(l.qualifications[0].document, "media:abc123");
    }

    #[test]
    fn native_strings_are_accepted() {
        let l: Listing = serde_json::from_str(
            r#"{"category_id":"1","props":"20000:3233;20509:28383;20509:28384",
                "skus":[{"properties":"20509:28383","price":12.5,"quantity":"3"}]}"#,
        )
        .unwrap();
        let Props::Native(s) = &l.props else { panic!("native expected") };
        let grouped = group_native(&parse_native_pairs(s).unwrap());
        assert_eq!(grouped.len(), 2);
        assert_eq!(grouped[1].vids, vec![28383, 28384]);
        assert_eq!(l.skus[0].properties.as_deref(), Some("20509:28383"));
    }

    #[test]
    fn native_syntax_errors_name_the_offset() {
        let e = parse_native_pairs("20000:3233;20509-28383;").unwrap_err();
        assert_eq!(e.offset, 11);
        assert_eq!(e.fragment, "20509-28383");
        assert!(parse_native_pairs("1:2;;3:4;").is_ok());
        assert!(parse_native_pairs("1:x").is_err());
    }

    #[test]
    fn a_listing_and_its_parts_are_objects_not_arrays() {
        for text in [
            r#"[50010850, "t"]"#,
            r#"{"category_id":1,"props":[[20000, null, [3233]]]}"#,
            r#"{"category_id":1,"skus":[[[], null, "9.90"]]}"#,
            r#"{"category_id":1,"skus":[{"props":[[1627207, null, 28321]]}]}"#,
            r#"{"category_id":1,"qualifications":[["证", "media:1"]]}"#,
        ] {
            let err = serde_json::from_str::<Listing>(text).unwrap_err().to_string();
            assert!(err.contains("invalid type: sequence") && err.contains("object"), "{text}: {err}");
            assert_eq!(Listing::from_json(text).unwrap_err().to_string(), err);
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            assert!(serde_json::from_value::<Listing>(value).is_err(), "{text}");
        }
        let l = Listing::from_json(EXAMPLE).unwrap();
        assert_eq!(serde_json::from_str::<Listing>(&serde_json::to_string(&l).unwrap()).unwrap(), l);
    }

    #[test]
    fn wrong_inner_types_report_the_real_error() {
        let err =
            serde_json::from_str::<Listing>(r#"{"category_id":1,"props":[{"pid":true}]}"#).unwrap_err().to_string();
        assert!(err.contains("id"), "{err}");
    }
}
