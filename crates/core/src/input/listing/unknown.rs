//! The members a listing was sent with that its format does not have (see
//! [`super::Listing::unknown`]), each with the JSON Pointer where it was found.

use super::shape::{Object, LISTING, LOCATION, PRICE_RANGE, PROPERTY, QUALIFICATION, SKU, SKU_PAIR};
use super::{Listing, Props, SkuProps};

/// One member the listing format does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownMember<'a> {
    /// JSON Pointer of the member, e.g. `/props/0/vid`.
    pub pointer: String,
    /// The object it was found in.
    pub object: &'static Object,
    /// Its key as sent.
    pub key: &'a str,
}

/// Notes the `keys` of the object at `at` (built only when there are some: a listing nearly
/// never has any, and its SKUs are many).
fn note<'a>(
    out: &mut Vec<UnknownMember<'a>>,
    object: &'static Object,
    at: impl FnOnce() -> String,
    keys: &'a [String],
) {
    if keys.is_empty() {
        return;
    }
    let at = at();
    for key in keys {
        // `~` and `/` escaped, as JSON Pointer asks.
        let pointer = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
        out.push(UnknownMember { pointer, object, key });
    }
}

impl Listing {
    /// Whether some object of the listing has a member the format does not have: what
    /// [`Listing::unknown_members`] lists, asked with one short test per object.
    pub fn has_unknown_members(&self) -> bool {
        let props = match &self.props {
            Props::List(list) => list.iter().any(|p| !p.unknown.is_empty()),
            Props::Native(_) => false,
        };
        let sku = |s: &super::Sku| {
            !s.unknown.is_empty()
                || matches!(&s.props, SkuProps::List(pairs) if pairs.iter().any(|r| !r.unknown.is_empty()))
        };
        !self.unknown.is_empty()
            || props
            || self.skus.iter().any(sku)
            || self.qualifications.iter().any(|q| !q.unknown.is_empty())
            || self.location.as_ref().is_some_and(|l| !l.unknown.is_empty())
            || self.price_ranges.iter().any(|r| !r.unknown.is_empty())
    }

    /// Every member of every object that the listing format does not have, the listing's
    /// own first. Empty, and without allocating, for a listing that has none.
    pub fn unknown_members(&self) -> Vec<UnknownMember<'_>> {
        let mut out = Vec::new();
        if !self.has_unknown_members() {
            return out;
        }
        note(&mut out, &LISTING, String::new, &self.unknown);
        if let Props::List(list) = &self.props {
            for (i, p) in list.iter().enumerate() {
                note(&mut out, &PROPERTY, || format!("/props/{i}"), &p.unknown);
            }
        }
        for (j, s) in self.skus.iter().enumerate() {
            note(&mut out, &SKU, || format!("/skus/{j}"), &s.unknown);
            if let SkuProps::List(pairs) = &s.props {
                for (k, r) in pairs.iter().enumerate() {
                    note(&mut out, &SKU_PAIR, || format!("/skus/{j}/props/{k}"), &r.unknown);
                }
            }
        }
        for (i, q) in self.qualifications.iter().enumerate() {
            note(&mut out, &QUALIFICATION, || format!("/qualifications/{i}"), &q.unknown);
        }
        if let Some(loc) = &self.location {
            note(&mut out, &LOCATION, || "/location".into(), &loc.unknown);
        }
        for (i, r) in self.price_ranges.iter().enumerate() {
            note(&mut out, &PRICE_RANGE, || format!("/price_ranges/{i}"), &r.unknown);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;

    /// A member unknown in every object, as the scanner and as serde read it.
    const EVERYWHERE: &str = r#"{
      "category_id": 1, "titel": "x",
      "props": [{"pid": 1, "vid": 2}, {"pid": 3, "vids": [4], "a/b": null}],
      "skus": [{"props": [{"pid": 1, "vid": 2, "vids": [2]}], "prise": "9.90"}],
      "qualifications": [{"name": "证", "doc": "m:1"}],
      "location": {"state": "浙江", "town": "余杭"},
      "price_ranges": [{"start_quantity": 2, "price": 9, "max": {"deep": [1, {"x": 2}]}}],
      "unknown": 7
    }"#;

    #[test]
    fn every_object_notes_its_unknown_members_alike_on_both_paths() {
        let serde: Listing = serde_json::from_str(EVERYWHERE).unwrap();
        let fast = Listing::from_json_fast(EVERYWHERE).unwrap();
        assert_eq!(fast, serde);
        let value: serde_json::Value = serde_json::from_str(EVERYWHERE).unwrap();
        assert_eq!(serde_json::from_value::<Listing>(value).unwrap(), serde);
        let found: Vec<(String, &str, &str)> =
            serde.unknown_members().into_iter().map(|u| (u.pointer, u.object.name, u.key)).collect();
        let expected = [
            ("/titel", "listing", "titel"),
            ("/unknown", "listing", "unknown"),
            ("/props/0/vid", "property", "vid"),
            ("/props/1/a~1b", "property", "a/b"),
            ("/skus/0/prise", "sku", "prise"),
            ("/skus/0/props/0/vids", "sku_pair", "vids"),
            ("/qualifications/0/doc", "qualification", "doc"),
            ("/location/town", "location", "town"),
            ("/price_ranges/0/max", "price_range", "max"),
        ];
        let expected: Vec<(String, &str, &str)> = expected.iter().map(|(p, o, k)| ((*p).to_owned(), *o, *k)).collect();
        assert_eq!(found, expected);
        // Known members are read as before.
        assert_eq!(serde.title.as_deref(), None);
        assert_eq!(serde.location.unwrap().state.as_deref(), Some("浙江"));
    }

    #[test]
    fn a_listing_of_known_members_has_none() {
        let l = Listing::from_json(r#"{"category_id": 1, "title": "t", "skus": [{"props": "1:2"}]}"#).unwrap();
        assert!(l.unknown_members().is_empty());
        assert!(!l.has_unknown_members());
        assert!(Listing::from_json(EVERYWHERE).unwrap().has_unknown_members());
    }

    #[test]
    fn one_unknown_member_in_any_object_is_seen_by_the_short_test() {
        let one = [
            r#"{"category_id": 1, "titel": "x"}"#,
            r#"{"category_id": 1, "props": [{"pid": 1, "vids": [2]}, {"pid": 1, "vid": 2}]}"#,
            r#"{"category_id": 1, "skus": [{"props": "1:2"}, {"props": "1:3", "prise": 1}]}"#,
            r#"{"category_id": 1, "skus": [{"props": [{"pid": 1, "vid": 2}, {"pid": 1, "vids": [2]}]}]}"#,
            r#"{"category_id": 1, "qualifications": [{"name": "证", "doc": "m:1"}]}"#,
            r#"{"category_id": 1, "location": {"state": "浙江", "town": "余杭"}}"#,
            r#"{"category_id": 1, "price_ranges": [{"start_quantity": 2, "price": 9, "max": 1}]}"#,
        ];
        for json in one {
            let l = Listing::from_json(json).unwrap();
            assert!(l.has_unknown_members(), "{json}");
            assert_eq!(l.unknown_members().len(), 1, "{json}");
        }
    }
}
