//! The field inventory: a listing with every member of every object, against the declaration
//! ([`super::shape`]).
//!
//! Built field by field, with no `..Default::default()`, so a new struct field is a compile
//! error here until it is given a value. The tests then hold every reader and writer to the
//! declaration with it: serde writes exactly the declared keys in the declared order, the
//! scanner reads what serde reads, and the limits walk refuses an over-long value in every
//! string member and an over-long list in every counted one. The example is also written to
//! `fixtures/inventory/every-member.json` (checked to be current), which the packed reader's
//! tests and the npm package's writer tests read.

use super::{
    Listing, Location, PriceRange, PropInput, Props, QualificationDoc, Scalar, ShortText, Sku, SkuPropRef, SkuProps,
};
use std::collections::BTreeMap;

/// A listing in which every member of every object holds a value, and each list or map holds
/// two elements; its second SKU and second listing's `props` use the Taobao-native string form,
/// and the second listing has a long title.
pub fn every_member() -> [Listing; 2] {
    let pair = |pid, vid| SkuPropRef { pid: Some(pid), name: None, vid: Some(vid), value: None, unknown: vec![] };
    let skus = vec![
        Sku {
            props: SkuProps::List(vec![
                pair(1627207, 28321),
                SkuPropRef {
                    pid: Some(20509),
                    name: Some("尺码".into()),
                    vid: Some(28383),
                    value: Some("M".into()),
                    unknown: vec![],
                },
            ]),
            properties: Some("1627207:28321;20509:28383".into()),
            price: Some(Scalar::Text(ShortText::new("59.00"))),
            quantity: Some(Scalar::Number(100.into())),
            outer_id: Some(ShortText::new("TS-W-M")),
            barcode: Some("6901234567892".into()),
            market_price: Some(Scalar::Text(ShortText::new("79.00"))),
            unknown: vec![],
        },
        Sku {
            props: SkuProps::Native("1627207:28320;20509:28384".into()),
            properties: Some("1627207:28320;20509:28384".into()),
            price: Some(Scalar::Number(60.into())),
            quantity: Some(Scalar::Text(ShortText::new("7"))),
            outer_id: Some(ShortText::new("TS-B-L")),
            barcode: Some("6901234567908".into()),
            market_price: Some(Scalar::Number(80.into())),
            unknown: vec![],
        },
    ];
    let listed = Listing {
        category_id: 50010850,
        title: Some("纯棉短袖T恤 男款 夏季".into()),
        props: Props::List(vec![
            PropInput {
                pid: Some(1627207),
                name: Some("颜色分类".into()),
                vids: vec![28321, 28322],
                values: vec!["米白".into(), "雾霾蓝".into()],
                text: Some("A-1024".into()),
                // Keys JavaScript enumerates in the same order as the map holds them (integers
                // of one length), so that the JS walk's output is comparable slot for slot.
                aliases: BTreeMap::from([("28321".into(), "奶白".into()), ("28322".into(), "雾蓝".into())]),
                unknown: vec![],
            },
            PropInput {
                pid: None,
                name: Some("材质".into()),
                vids: vec![],
                values: vec!["棉".into()],
                text: None,
                aliases: BTreeMap::new(),
                unknown: vec![],
            },
        ]),
        skus,
        qualifications: vec![
            QualificationDoc {
                name: "《律师执业资格证》".into(), document: "media:abc123".into(), unknown: vec![]
            },
            QualificationDoc {
                name: "检测报告".into(), document: "https://example.com/r.pdf".into(), unknown: vec![]
            },
        ],
        outer_id: Some("TS-2026-SUMMER".into()),
        price: Some(Scalar::Text(ShortText::new("59.00"))),
        quantity: Some(Scalar::Number(107.into())),
        description: Some("<p>纯棉面料, 透气舒适</p>".into()),
        images: vec!["https://img.example.com/a.jpg".into(), "i1/123/O1CN01abc.jpg".into()],
        location: Some(Location { state: Some("浙江".into()), city: Some("杭州".into()), unknown: vec![] }),
        barcode: Some("6901234567885".into()),
        stuff_status: Some("new".into()),
        price_ranges: vec![
            PriceRange {
                start_quantity: Some(Scalar::Number(2.into())),
                price: Some(Scalar::Text("59.00".into())),
                unknown: vec![],
            },
            PriceRange {
                start_quantity: Some(Scalar::Text("100".into())),
                price: Some(Scalar::Number(55.into())),
                unknown: vec![],
            },
        ],
        min_order_quantity: Some(Scalar::Number(2.into())),
        unit: Some("件".into()),
        // Not a member: what a listing was sent with that the format does not have.
        unknown: vec![],
    };
    // A long title too, which the npm package's walk copies another way than short strings.
    let native = Listing {
        props: Props::Native("20000:3233;20509:28383;20509:28384".into()),
        title: Some("纯棉短袖T恤 男款 夏季 😀 ".repeat(8)),
        ..listed.clone()
    };
    [listed, native]
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic, reason = "tests fail loudly")]
    use super::super::shape::{Kind, Object, LISTING, OBJECTS};
    use super::*;
    use crate::input::limits::{InputLimits, LimitError};
    use serde_json::Value;
    use std::collections::BTreeSet;
    use std::path::PathBuf;

    /// Collects the keys serde writes for each object of `obj`'s kind in `value` and within it,
    /// by the object's name.
    fn keys(obj: &Object, value: &Value, seen: &mut BTreeMap<&'static str, BTreeSet<String>>) {
        let map = value.as_object().unwrap_or_else(|| panic!("{} is not an object: {value}", obj.name));
        seen.entry(obj.name).or_default().extend(map.keys().cloned());
        for m in obj.members {
            match (m.kind.object(), map.get(m.name)) {
                (Some(inner), Some(Value::Array(items))) => items.iter().for_each(|item| keys(inner, item, seen)),
                (Some(inner), Some(item @ Value::Object(_))) => keys(inner, item, seen),
                _ => {}
            }
        }
    }

    #[test]
    fn serde_writes_exactly_the_declared_members_of_every_object() {
        let mut seen = BTreeMap::new();
        for l in every_member() {
            keys(&LISTING, &serde_json::to_value(&l).unwrap(), &mut seen);
        }
        // Every declared object appeared, and between them its instances have every member.
        assert_eq!(seen.len(), OBJECTS.len(), "{seen:?}");
        for obj in OBJECTS {
            let declared: BTreeSet<String> = obj.members.iter().map(|m| m.name.to_owned()).collect();
            assert_eq!(seen[obj.name], declared, "{}: serde and the declaration differ", obj.name);
        }
    }

    #[test]
    fn the_scanner_reads_what_serde_reads() {
        for l in every_member() {
            let text = serde_json::to_string(&l).unwrap();
            assert_eq!(serde_json::from_str::<Listing>(&text).unwrap(), l);
            assert_eq!(Listing::from_json_fast(&text).as_ref(), Some(&l), "{text}");
            let pretty = serde_json::to_string_pretty(&l).unwrap();
            assert_eq!(Listing::from_json_fast(&pretty).as_ref(), Some(&l));
        }
    }

    /// A place in the example where a limit can be tested: a JSON Pointer to a value and what
    /// to do there.
    enum Probe {
        /// Put an over-long string here.
        Text(String),
        /// Put an over-long string as a key of this map.
        Key(String),
        /// Make this list longer than the limit named.
        Count(String, &'static str),
    }

    /// Every string member and counted list of the example, found through the declaration.
    fn probes(obj: &Object, value: &Value, at: &str, out: &mut Vec<Probe>) {
        for m in obj.members {
            let here = format!("{at}/{}", m.name);
            let v = &value[m.name];
            if v.is_null() {
                continue;
            }
            if let Some(limit) = m.count {
                if v.is_array() || v.is_object() {
                    out.push(Probe::Count(here.clone(), limit));
                }
            }
            match m.kind {
                Kind::Id | Kind::OptId | Kind::Ids => {}
                Kind::Text | Kind::OptText | Kind::DefaultText | Kind::Scalar => out.push(Probe::Text(here)),
                Kind::Texts => out.push(Probe::Text(format!("{here}/0"))),
                Kind::TextMap => {
                    let key = v.as_object().and_then(|o| o.keys().next()).unwrap();
                    out.push(Probe::Text(format!("{here}/{key}")));
                    out.push(Probe::Key(here));
                }
                Kind::Object(inner) => probes(inner, v, &here, out),
                Kind::Objects(inner) | Kind::ObjectsOrNative(inner) => match v {
                    Value::Array(items) => {
                        for (i, item) in items.iter().enumerate() {
                            probes(inner, item, &format!("{here}/{i}"), out);
                        }
                    }
                    _ => out.push(Probe::Text(here)),
                },
            }
        }
    }

    fn check(value: &Value, limits: &InputLimits) -> Result<(), LimitError> {
        limits.check_listing(&serde_json::from_value::<Listing>(value.clone()).unwrap())
    }

    #[test]
    fn the_limits_refuse_an_over_long_value_in_every_string_member_and_list() {
        let limits = InputLimits {
            string_bytes: 400,
            values_per_prop: 4,
            props: 4,
            skus: 4,
            qualifications: 4,
            images: 4,
            price_ranges: 4,
            ..Default::default()
        };
        let long = "长".repeat(150);
        let mut tested = BTreeMap::<String, usize>::new();
        for l in every_member() {
            let value = serde_json::to_value(&l).unwrap();
            assert_eq!(check(&value, &limits), Ok(()));
            let mut found = Vec::new();
            probes(&LISTING, &value, "", &mut found);
            for probe in found {
                let mut bad = value.clone();
                let (at, limit) = match &probe {
                    Probe::Text(at) => {
                        *bad.pointer_mut(at).unwrap() = Value::String(long.clone());
                        (at, "string_bytes")
                    }
                    Probe::Key(at) => {
                        bad.pointer_mut(at).unwrap().as_object_mut().unwrap().insert(long.clone(), "x".into());
                        (at, "string_bytes")
                    }
                    Probe::Count(at, limit) => {
                        let v = bad.pointer_mut(at).unwrap();
                        match v {
                            Value::Array(items) => {
                                let first = items[0].clone();
                                items.resize(5, first);
                            }
                            Value::Object(map) => (0..5).for_each(|i| drop(map.insert(format!("{i}"), "x".into()))),
                            _ => unreachable!(),
                        }
                        (at, *limit)
                    }
                };
                let Err(e) = check(&bad, &limits) else { panic!("{at}: an over-long value is accepted") };
                assert_eq!(e.limit, limit, "{at}: {e}");
                assert!(at.starts_with(&e.pointer), "{at}: the error names {}", e.pointer);
                // The member's path without indices.
                let member: String = at.split('/').filter(|s| s.parse::<i64>().is_err()).collect::<Vec<_>>().join("/");
                *tested.entry(format!("{member} {limit}")).or_default() += 1;
            }
        }
        // Every string member of every object was tried.
        let names: Vec<&str> = tested.keys().map(String::as_str).collect();
        for expected in [
            "/title string_bytes",
            "/outer_id string_bytes",
            "/props string_bytes",
            "/props props",
            "/props/name string_bytes",
            "/props/values string_bytes",
            "/props/values values_per_prop",
            "/props/vids values_per_prop",
            "/props/text string_bytes",
            "/props/aliases string_bytes",
            "/props/aliases values_per_prop",
            "/skus skus",
            "/skus/props string_bytes",
            "/skus/props props",
            "/skus/props/name string_bytes",
            "/skus/props/value string_bytes",
            "/skus/properties string_bytes",
            "/skus/price string_bytes",
            "/skus/quantity string_bytes",
            "/skus/outer_id string_bytes",
            "/qualifications qualifications",
            "/qualifications/name string_bytes",
            "/qualifications/document string_bytes",
            "/price string_bytes",
            "/quantity string_bytes",
            "/description string_bytes",
            "/images images",
            "/images string_bytes",
            "/location/state string_bytes",
            "/location/city string_bytes",
            "/barcode string_bytes",
            "/stuff_status string_bytes",
            "/price_ranges price_ranges",
            "/price_ranges/start_quantity string_bytes",
            "/price_ranges/price string_bytes",
            "/min_order_quantity string_bytes",
            "/unit string_bytes",
            "/skus/barcode string_bytes",
            "/skus/market_price string_bytes",
        ] {
            assert!(names.contains(&expected), "{expected} untested: {names:?}");
        }
    }

    #[test]
    fn the_committed_inventory_fixture_is_current() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/inventory/every-member.json");
        let fresh = serde_json::to_string_pretty(&every_member()).unwrap() + "\n";
        if std::env::var_os("SHELFCHECK_UPDATE_FIXTURES").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &fresh).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "{} is stale: run SHELFCHECK_UPDATE_FIXTURES=1 cargo test -p shelfcheck-core inventory",
            path.display()
        );
    }
}
