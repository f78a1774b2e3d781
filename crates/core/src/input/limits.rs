//! Limits on untrusted input, checked before and after parsing.
//!
//! Listings come from sellers and snapshots from the network. Parsing is linear and serde_json
//! refuses nesting deeper than 128 levels on its own, so what remains is size: the byte limit
//! bounds memory and time before anything is allocated, and the count limits bound the work
//! the rules do afterwards. Every limit is configurable; the defaults leave ample room for
//! real listings (a Taobao listing has at most 600 SKUs) while refusing absurd ones.

use crate::input::listing::shape::{
    ListingMember, LocationMember, PriceRangeMember, PropertyMember, QualificationMember, SkuMember, SkuPairMember,
};
use crate::input::listing::{Listing, PropInput, Props, Scalar, Sku, SkuProps};
use crate::model::ids::Id;
use crate::model::snapshot::Snapshot;
use crate::validate::options::Locale;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Configurable limits. See [`InputLimits::default`] for the defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct InputLimits {
    /// Largest listing document, in bytes.
    pub listing_bytes: usize,
    /// Largest snapshot document, in bytes.
    pub snapshot_bytes: usize,
    /// Most properties in one listing.
    pub props: usize,
    /// Most values given for one property.
    pub values_per_prop: usize,
    /// Most SKUs in one listing. Above the platform's SKU limit the engine reports
    /// `SKU_LIMIT_EXCEEDED` without checking each SKU; this bounds the parse itself.
    pub skus: usize,
    /// Longest string anywhere in a listing, in bytes.
    pub string_bytes: usize,
    /// Most qualification documents in one listing.
    pub qualifications: usize,
    /// Most main images in one listing (platforms take 5 to 9; this bounds the parse).
    pub images: usize,
    /// Most 1688 price tiers in one listing (1688 takes 3; this bounds the parse).
    pub price_ranges: usize,
    /// Most categories, properties and values (each) in one snapshot.
    pub snapshot_entries: usize,
}

impl Default for InputLimits {
    fn default() -> Self {
        InputLimits {
            listing_bytes: 16 << 20,
            snapshot_bytes: 1 << 30,
            props: 2_000,
            values_per_prop: 2_000,
            skus: 100_000,
            string_bytes: 64 << 10,
            qualifications: 1_000,
            images: 1_000,
            price_ranges: 1_000,
            snapshot_entries: 20_000_000,
        }
    }
}

/// A limit that input went over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{}", self.message(Locale::En))]
pub struct LimitError {
    /// Which limit (the field name of [`InputLimits`]).
    pub limit: &'static str,
    /// JSON Pointer of the offending part (`""` for the whole document).
    pub pointer: String,
    /// How large the part is (bytes, items or depth, as the limit counts).
    pub found: usize,
    /// The limit.
    pub max: usize,
}

impl LimitError {
    /// The error in the given locale.
    pub fn message(&self, locale: Locale) -> String {
        let at = if self.pointer.is_empty() { String::new() } else { format!(" `{}`", self.pointer) };
        let (what_zh, what_en) = match self.limit {
            "listing_bytes" => ("商品文件大小 (字节)", "listing size in bytes"),
            "snapshot_bytes" => ("快照文件大小 (字节)", "snapshot size in bytes"),
            "props" => ("属性个数", "number of properties"),
            "values_per_prop" => ("属性值个数", "number of values"),
            "skus" => ("SKU 个数", "number of SKUs"),
            "string_bytes" => ("文字长度 (字节)", "string length in bytes"),
            "qualifications" => ("资质文件个数", "number of qualification documents"),
            "images" => ("主图张数", "number of main images"),
            "price_ranges" => ("价格区间个数", "number of price ranges"),
            _ => ("快照条目数", "number of snapshot entries"),
        };
        match locale {
            Locale::ZhCn => format!("输入超出限制{at}: {what_zh} 为 {}, 上限 {}", self.found, self.max),
            Locale::En => format!("input over a limit{at}: {what_en} is {}, the limit is {}", self.found, self.max),
        }
    }
}

/// The pointer is built only when the limit is exceeded: checking a listing within its limits,
/// the common case, must not cost an allocation per SKU.
fn over(limit: &'static str, pointer: impl FnOnce() -> String, found: usize, max: usize) -> Result<(), LimitError> {
    if found > max {
        Err(LimitError { limit, pointer: pointer(), found, max })
    } else {
        Ok(())
    }
}

/// Entries for the same property add up (the engine merges them, as a native string with a
/// repeated pid reads), so the count limited is the merged one: 2,000 entries of 2,000 values
/// for one pid would otherwise make one property of 4,000,000. Entries are grouped by pid, and
/// by name where no pid is given (the catalog, which says what a name means, is not known
/// here). The pointer names the entry that went over.
fn check_merged_values(list: &[PropInput], max: usize) -> Result<(), LimitError> {
    // A listing's values all together are nearly always within the limit: then no group can
    // be over it, and no table is built.
    let total = list.iter().fold(0usize, |t, p| t.saturating_add(p.vids.len() + p.values.len()));
    if total <= max {
        return Ok(());
    }
    let mut by_pid: HashMap<Id, usize> = HashMap::new();
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    for (i, p) in list.iter().enumerate() {
        let n = p.vids.len() + p.values.len();
        let total = match (p.pid, p.name.as_deref()) {
            (Some(pid), _) => by_pid.entry(pid).or_default(),
            (None, Some(name)) => by_name.entry(name).or_default(),
            (None, None) => &mut 0,
        };
        *total = total.saturating_add(n);
        over("values_per_prop", || format!("/props/{i}"), *total, max)?;
    }
    Ok(())
}

impl InputLimits {
    /// Checks `values_per_prop` over all entries for each property together (part of
    /// [`InputLimits::check_listing`]), for readers that check the other limits as they go.
    pub fn check_merged_values(&self, list: &[PropInput]) -> Result<(), LimitError> {
        check_merged_values(list, self.values_per_prop)
    }

    /// Checks a listing document's size before it is parsed.
    pub fn check_listing_bytes(&self, len: usize) -> Result<(), LimitError> {
        over("listing_bytes", String::new, len, self.listing_bytes)
    }

    /// Checks a snapshot document's size before it is parsed.
    pub fn check_snapshot_bytes(&self, len: usize) -> Result<(), LimitError> {
        over("snapshot_bytes", String::new, len, self.snapshot_bytes)
    }

    /// Checks a parsed listing's counts and string lengths.
    ///
    /// Member by member as [`crate::input::listing::shape`] declares them: a member added there is
    /// not checked until it is handled here (each `match` is exhaustive).
    pub fn check_listing(&self, l: &Listing) -> Result<(), LimitError> {
        let s = |p: &dyn Fn() -> String, v: &str| over("string_bytes", p, v.len(), self.string_bytes);
        let opt = |name: &'static str, v: &Option<String>| v.iter().try_for_each(|t| s(&|| format!("/{name}"), t));
        let scalar = |name: &'static str, v: &Option<Scalar>| self.check_scalar(&|| format!("/{name}"), v);
        for &member in ListingMember::ALL {
            match member {
                // An id is a number by the time it is parsed.
                ListingMember::CategoryId => {}
                ListingMember::Title => opt("title", &l.title)?,
                ListingMember::OuterId => opt("outer_id", &l.outer_id)?,
                ListingMember::Price => scalar("price", &l.price)?,
                ListingMember::Quantity => scalar("quantity", &l.quantity)?,
                ListingMember::Description => opt("description", &l.description)?,
                ListingMember::Images => {
                    over("images", || "/images".into(), l.images.len(), self.images)?;
                    for (i, v) in l.images.iter().enumerate() {
                        s(&|| format!("/images/{i}"), v)?;
                    }
                }
                ListingMember::Location => {
                    if let Some(loc) = &l.location {
                        for &member in LocationMember::ALL {
                            match member {
                                LocationMember::State => opt("location/state", &loc.state)?,
                                LocationMember::City => opt("location/city", &loc.city)?,
                            }
                        }
                    }
                }
                ListingMember::Barcode => opt("barcode", &l.barcode)?,
                ListingMember::StuffStatus => opt("stuff_status", &l.stuff_status)?,
                ListingMember::PriceRanges => {
                    over("price_ranges", || "/price_ranges".into(), l.price_ranges.len(), self.price_ranges)?;
                    for (i, r) in l.price_ranges.iter().enumerate() {
                        let at = || format!("/price_ranges/{i}");
                        for &member in PriceRangeMember::ALL {
                            match member {
                                PriceRangeMember::StartQuantity => self.check_scalar(&at, &r.start_quantity)?,
                                PriceRangeMember::Price => self.check_scalar(&at, &r.price)?,
                            }
                        }
                    }
                }
                ListingMember::MinOrderQuantity => scalar("min_order_quantity", &l.min_order_quantity)?,
                ListingMember::Unit => opt("unit", &l.unit)?,
                ListingMember::Props => match &l.props {
                    Props::Native(text) => s(&|| "/props".into(), text)?,
                    Props::List(list) => {
                        over("props", || "/props".into(), list.len(), self.props)?;
                        self.check_merged_values(list)?;
                        for (i, p) in list.iter().enumerate() {
                            self.check_prop(i, p)?;
                        }
                    }
                },
                ListingMember::Skus => {
                    over("skus", || "/skus".into(), l.skus.len(), self.skus)?;
                    for (j, sku) in l.skus.iter().enumerate() {
                        self.check_sku(j, sku)?;
                    }
                }
                ListingMember::Qualifications => {
                    let at = || "/qualifications".into();
                    over("qualifications", at, l.qualifications.len(), self.qualifications)?;
                    for q in &l.qualifications {
                        for &member in QualificationMember::ALL {
                            match member {
                                QualificationMember::Name => s(&at, &q.name)?,
                                QualificationMember::Document => s(&at, &q.document)?,
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// A number or typed text: a number's text is a few dozen bytes at most, only typed text
    /// can be long.
    fn check_scalar(&self, at: &dyn Fn() -> String, v: &Option<Scalar>) -> Result<(), LimitError> {
        match v {
            Some(Scalar::Text(t)) => over("string_bytes", at, t.len(), self.string_bytes),
            _ => Ok(()),
        }
    }

    /// The limits on the listing's property `i` (its values together are checked apart).
    fn check_prop(&self, i: usize, p: &PropInput) -> Result<(), LimitError> {
        let s = |p: &dyn Fn() -> String, v: &str| over("string_bytes", p, v.len(), self.string_bytes);
        let at = || format!("/props/{i}");
        for &member in PropertyMember::ALL {
            match member {
                PropertyMember::Pid | PropertyMember::Vids => {}
                PropertyMember::Name => p.name.iter().try_for_each(|v| s(&at, v))?,
                PropertyMember::Values => p.values.iter().try_for_each(|v| s(&at, v))?,
                PropertyMember::Text => p.text.iter().try_for_each(|v| s(&at, v))?,
                PropertyMember::Aliases => {
                    let aliases = || format!("/props/{i}/aliases");
                    over("values_per_prop", aliases, p.aliases.len(), self.values_per_prop)?;
                    for (k, v) in &p.aliases {
                        s(&aliases, k)?;
                        s(&aliases, v)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// The limits on SKU `j`.
    fn check_sku(&self, j: usize, sku: &Sku) -> Result<(), LimitError> {
        let s = |p: &dyn Fn() -> String, v: &str| over("string_bytes", p, v.len(), self.string_bytes);
        let at = || format!("/skus/{j}");
        let scalar = |v: &Option<Scalar>| self.check_scalar(&at, v);
        for &member in SkuMember::ALL {
            match member {
                SkuMember::Props => match &sku.props {
                    SkuProps::Native(text) => s(&at, text)?,
                    SkuProps::List(list) => {
                        over("props", || format!("/skus/{j}/props"), list.len(), self.props)?;
                        for r in list {
                            for &member in SkuPairMember::ALL {
                                match member {
                                    SkuPairMember::Pid | SkuPairMember::Vid => {}
                                    SkuPairMember::Name => r.name.iter().try_for_each(|v| s(&at, v))?,
                                    SkuPairMember::Value => r.value.iter().try_for_each(|v| s(&at, v))?,
                                }
                            }
                        }
                    }
                },
                SkuMember::Properties => sku.properties.iter().try_for_each(|v| s(&at, v))?,
                SkuMember::Price => scalar(&sku.price)?,
                SkuMember::Quantity => scalar(&sku.quantity)?,
                SkuMember::OuterId => sku.outer_id.iter().try_for_each(|v| s(&at, v))?,
                SkuMember::Barcode => sku.barcode.iter().try_for_each(|v| s(&at, v))?,
                SkuMember::MarketPrice => scalar(&sku.market_price)?,
            }
        }
        Ok(())
    }

    /// Checks a parsed snapshot's entry counts.
    pub fn check_snapshot(&self, snap: &Snapshot) -> Result<(), LimitError> {
        over("snapshot_entries", || "/categories".into(), snap.categories.len(), self.snapshot_entries)?;
        over("snapshot_entries", || "/properties".into(), snap.properties.len(), self.snapshot_entries)?;
        over("snapshot_entries", || "/values".into(), snap.values.len(), self.snapshot_entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn listing(v: serde_json::Value) -> Listing {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn each_limit_names_where_it_was_exceeded() {
        let limits = InputLimits { props: 2, values_per_prop: 2, skus: 1, string_bytes: 10, ..Default::default() };
        let e = limits.check_listing(&listing(json!({"category_id": 1, "props": [{}, {}, {}]}))).unwrap_err();
        assert_eq!((e.limit, e.pointer.as_str(), e.found, e.max), ("props", "/props", 3, 2));
        let e = limits.check_listing(&listing(json!({"category_id": 1, "props": [{"vids": [1, 2, 3]}]}))).unwrap_err();
        assert_eq!((e.limit, e.pointer.as_str()), ("values_per_prop", "/props/0"));
        let e = limits.check_listing(&listing(json!({"category_id": 1, "skus": [{}, {}]}))).unwrap_err();
        assert_eq!(e.limit, "skus");
        let e = limits.check_listing(&listing(json!({"category_id": 1, "title": "x".repeat(11)}))).unwrap_err();
        assert_eq!((e.limit, e.pointer.as_str()), ("string_bytes", "/title"));
        assert!(e.message(Locale::ZhCn).contains("上限 10"));
        assert!(e.message(Locale::En).contains("the limit is 10"));
    }

    #[test]
    fn entries_for_one_property_are_limited_together() {
        let limits = InputLimits { values_per_prop: 4, ..Default::default() };
        let l = listing(json!({"category_id": 1, "props": [
            {"pid": 7, "vids": [1, 2]}, {"pid": 8, "vids": [1, 2, 3]}, {"pid": 7, "vids": [3], "values": ["a"]},
            {"name": "颜色", "values": ["a", "b", "c"]}, {"name": "尺码", "values": ["a"]}]}));
        assert_eq!(limits.check_listing(&l), Ok(()));
        let l = listing(json!({"category_id": 1, "props": [
            {"pid": 7, "vids": [1, 2]}, {"pid": 8, "vids": [1]}, {"pid": 7, "vids": [3, 4, 5]}]}));
        let e = limits.check_listing(&l).unwrap_err();
        assert_eq!((e.limit, e.pointer.as_str(), e.found, e.max), ("values_per_prop", "/props/2", 5, 4));
        let l = listing(json!({"category_id": 1, "props": [
            {"name": "颜色", "values": ["a", "b", "c"]}, {"name": "颜色", "values": ["d", "e"]}]}));
        assert_eq!(limits.check_listing(&l).unwrap_err().pointer, "/props/1");
    }

    #[test]
    fn a_real_listing_is_well_within_the_defaults() {
        let l = listing(json!({"category_id": 1, "title": "纯棉T恤", "props": [{"pid": 1, "vids": [1, 2]}],
            "skus": [{"props": "1:1", "price": "9.90", "quantity": 1}]}));
        assert_eq!(InputLimits::default().check_listing(&l), Ok(()));
        assert!(InputLimits::default().check_listing_bytes(50 << 20).is_err());
    }
}
