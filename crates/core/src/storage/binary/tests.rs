#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use super::*;
use crate::catalog::Catalog;
use crate::synth::{self, CategoryShape};
use crate::ValidateOptions;
use sha2::Digest;

fn demo() -> Catalog {
    Catalog::compile(serde_json::from_str(crate::demo::SNAPSHOT_JSON).unwrap()).unwrap()
}

#[test]
fn a_round_trip_gives_identical_reports() {
    let catalog = Catalog::compile(synth::snapshot(7, &CategoryShape::typical())).unwrap();
    let bytes = encode(&catalog).unwrap();
    assert!(is_binary(&bytes));
    let loaded = decode(bytes).unwrap();
    assert_eq!(loaded.hash(), catalog.hash());
    let listing = synth::listing_for(&catalog, 7, 10).unwrap();
    let mut broken = listing.clone();
    broken.title = Some("恤".repeat(40));
    broken.skus[3].price = None;
    for l in [&listing, &broken] {
        let a = serde_json::to_string(&catalog.validate(l, &ValidateOptions::default())).unwrap();
        let b = serde_json::to_string(&loaded.validate(l, &ValidateOptions::default())).unwrap();
        assert_eq!(a, b);
    }
}

#[test]
fn constraints_category_rules_and_limits_survive_and_check_alike() {
    let text = include_str!("../../../../../fixtures/snapshots/tmall-shirt-constraints.json");
    let catalog = Catalog::compile(serde_json::from_str(text).unwrap()).unwrap();
    let loaded = decode(encode(&catalog).unwrap()).unwrap();
    assert_eq!(loaded.limits(), catalog.limits());
    for (a, b) in catalog.categories().zip(loaded.categories()) {
        assert_eq!(a.category, b.category);
        for (p, q) in a.properties().iter().zip(b.properties()) {
            assert_eq!(p.property, q.property);
            assert_eq!(p.rules.is_some(), q.rules.is_some());
        }
    }
    assert!(catalog.categories().any(|c| c.category.price.is_some()));
    // One listing breaking a constraint of each kind, a condition and the category price.
    let listing: crate::Listing = serde_json::from_value(serde_json::json!({
        "category_id": 50011123, "title": "长袖衬衫",
        "props": [{"pid": 20000, "vids": [3233]}, {"pid": 13021751, "text": "A B"},
                  {"pid": 20021, "vids": [3322, 3323, 3324]}, {"pid": 149422948, "text": "120.55%"},
                  {"pid": 122276315, "text": "2023-02-29"}, {"pid": 1627207, "vids": [28320]}, {"pid": 20509, "vids": [28383]}],
        "skus": [{"props": [{"pid": 1627207, "vid": 28320}, {"pid": 20509, "vid": 28383}], "price": "5", "quantity": 1000000}]
    }))
    .unwrap();
    let a = catalog.validate(&listing, &ValidateOptions::default());
    assert!(a.issues.len() >= 6, "{:?}", a.issues);
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&loaded.validate(&listing, &ValidateOptions::default())).unwrap()
    );
}

#[test]
fn the_demo_snapshot_survives_with_its_scope_and_qualifications() {
    let catalog = demo();
    let loaded = decode(encode(&catalog).unwrap()).unwrap();
    assert_eq!(loaded.categories().count(), catalog.categories().count());
    for (a, b) in catalog.categories().zip(loaded.categories()) {
        assert_eq!(a.category, b.category);
        assert_eq!(a.properties().len(), b.properties().len());
        for (p, q) in a.properties().iter().zip(b.properties()) {
            assert_eq!(p.property, q.property);
            assert_eq!(p.values, q.values);
        }
    }
    assert_eq!(loaded.seller_scope, catalog.seller_scope);
    assert_eq!(loaded.provenance(), catalog.provenance());
}

#[test]
fn header_problems_are_named() {
    let bytes = encode(&demo()).unwrap();
    assert_eq!(decode(b"{\"format\":1}".to_vec()).unwrap_err(), BinaryError::NotBinary);
    let mut v = bytes.clone();
    v[8] = 9;
    assert_eq!(decode(v).unwrap_err(), BinaryError::UnsupportedVersion { found: 9, supported: BINARY_VERSION });
    assert!(matches!(decode(bytes[..bytes.len() - 1].to_vec()), Err(BinaryError::Truncated { .. })));
    assert!(matches!(decode(bytes[..10].to_vec()), Err(BinaryError::Truncated { .. })));
    let mut v = bytes.clone();
    let last = v.len() - 1;
    v[last] ^= 1;
    assert_eq!(decode(v).unwrap_err(), BinaryError::ChecksumMismatch);
    let e = BinaryError::ChecksumMismatch;
    assert!(e.message(crate::Locale::ZhCn).contains("校验和"));
    assert!(e.message(crate::Locale::En).contains("checksum"));
}

/// Every single-byte corruption and every truncation is an error, never a panic; with the
/// checksum recomputed (a forged file), decoding and validating still never panic.
#[test]
fn corrupt_bytes_never_panic() {
    let catalog = Catalog::compile(synth::snapshot(
        7,
        &CategoryShape { properties: 4, sale_values: vec![2, 2], values_per_property: 3 },
    ))
    .unwrap();
    let listing = synth::listing_for(&catalog, 7, 2).unwrap();
    let bytes = encode(&catalog).unwrap();
    for cut in 0..bytes.len() {
        assert!(decode(bytes[..cut].to_vec()).is_err());
    }
    for i in 0..bytes.len() {
        for flip in [0x01u8, 0x80, 0xff] {
            let mut v = bytes.clone();
            v[i] ^= flip;
            assert!(decode(v.clone()).is_err(), "byte {i}");
            // Forge: fix the checksum so the damage reaches the decoder.
            if i >= HEADER_LEN {
                let digest = sha2::Sha256::digest(&v[HEADER_LEN..]);
                v[20..HEADER_LEN].copy_from_slice(&digest);
                if let Ok(c) = decode(v) {
                    let _ = c.validate(&listing, &ValidateOptions::default());
                }
            }
        }
    }
}

/// The binary form of `catalog` with category `cid`'s body replaced by `body`, and the
/// checksum recomputed: a forged file that passes every check before the body is decoded.
fn forge(catalog: &Catalog, cid: crate::model::ids::Id, body: &[u8]) -> Vec<u8> {
    let bytes = encode(catalog).unwrap();
    let payload = &bytes[HEADER_LEN..];
    let dir_len = u64::from_le_bytes(payload[..8].try_into().unwrap()) as usize;
    let mut dir: model::Directory = postcard::from_bytes(&payload[8..8 + dir_len]).unwrap();
    let old_bodies = &payload[8 + dir_len..];
    let mut bodies = Vec::new();
    for c in &mut dir.categories {
        let start = bodies.len() as u64;
        if c.id == cid {
            bodies.extend_from_slice(body);
        } else {
            bodies.extend_from_slice(&old_bodies[c.offset as usize..(c.offset + c.len) as usize]);
        }
        (c.offset, c.len) = (start, bodies.len() as u64 - start);
    }
    let dir = postcard::to_allocvec(&dir).unwrap();
    let mut out = bytes[..HEADER_LEN].to_vec();
    out.extend_from_slice(&(dir.len() as u64).to_le_bytes());
    out.extend_from_slice(&dir);
    out.extend_from_slice(&bodies);
    let payload_len = (out.len() - HEADER_LEN) as u64;
    out[12..20].copy_from_slice(&payload_len.to_le_bytes());
    let digest = sha2::Sha256::digest(&out[HEADER_LEN..]);
    out[20..HEADER_LEN].copy_from_slice(&digest);
    out
}

const TSHIRT: crate::model::ids::Id = 50010850;

fn tshirt_listing() -> crate::Listing {
    serde_json::from_value(crate::validate::rules::testkit::tshirt()).unwrap()
}

/// The forged catalog's answers: a body that fails never reads as a category with no
/// properties (a listing missing every required property would then pass).
fn assert_refused(forged: Vec<u8>, expect: &dyn Fn(&BinaryError) -> bool) {
    let catalog = decode(forged).unwrap();
    let mut listing = tshirt_listing();
    listing.props = crate::input::listing::Props::List(Vec::new());
    listing.skus.clear();
    let report = catalog.validate(&listing, &ValidateOptions::default());
    assert!(!report.valid, "{report:?} {:?}", catalog.check_category(TSHIRT));
    let codes: Vec<&str> = report.issues.iter().map(|i| i.code().as_str()).collect();
    assert_eq!(codes, vec!["CATEGORY_METADATA_INCOMPLETE"]);
    let lenient = ValidateOptions { incomplete_metadata: crate::Severity::Warning, ..Default::default() };
    assert!(!catalog.validate(&listing, &lenient).valid);
    assert!(!catalog.is_valid(&listing));
    let e = catalog.check_category(TSHIRT).unwrap_err();
    assert!(expect(&e), "{e:?}");
    assert_eq!(catalog.verify().unwrap_err(), e);
    assert_eq!(encode(&catalog).unwrap_err(), e);
    for locale in [crate::Locale::ZhCn, crate::Locale::En] {
        let m = e.message(locale);
        assert!(!m.contains("Serde") && !m.contains("Deserialization"), "{m}");
    }
    // The other categories are still usable.
    assert!(catalog.check_category(50011111).is_ok());
}

#[test]
fn a_body_that_does_not_decode_is_an_error_not_an_empty_category() {
    let catalog = demo();
    let is_body = |e: &BinaryError| matches!(e, BinaryError::Corrupt { part: Part::Body { category_id: TSHIRT, .. } });
    assert_refused(forge(&catalog, TSHIRT, &[0xff, 0xff, 0xff]), &is_body);
    // A body that decodes with bytes left over is not the body that was written either.
    let mut body = postcard::to_allocvec(&model::BinBody { props: Vec::new() }).unwrap();
    body.push(0);
    assert_refused(forge(&catalog, TSHIRT, &body), &is_body);
    let e = BinaryError::Corrupt { part: Part::Body { category_id: TSHIRT, name: "T恤".into() } };
    assert_eq!(e.message(crate::Locale::ZhCn), "二进制快照已损坏: 类目 `T恤` (50010850) 的属性数据无法解码");
    assert_eq!(
        e.to_string(),
        "binary snapshot is corrupt: the properties of category `T恤` (50010850) cannot be decoded"
    );
}

#[test]
fn a_body_failing_the_integrity_checks_is_an_error() {
    let catalog = demo();
    let cat = catalog.category(TSHIRT).unwrap();
    let props: Vec<_> = cat.props.iter().map(|p| model::BinProperty::from_property(&p.property, &p.values)).collect();
    fn integrity(problem: fn(&crate::catalog::Problem) -> bool) -> impl Fn(&BinaryError) -> bool {
        move |e| matches!(e, BinaryError::Integrity(c) if c.problems.iter().any(problem))
    }
    // The same property twice.
    let mut twice = props.clone();
    twice.push(model::BinProperty::from_property(&cat.props[0].property, &[]));
    let body = postcard::to_allocvec(&model::BinBody { props: twice }).unwrap();
    let dup = integrity(|p| matches!(p, crate::catalog::Problem::DuplicateProperty { .. }));
    assert_refused(forge(&catalog, TSHIRT, &body), &dup);
    // A value twice.
    let mut dup_value = props.clone();
    let first = dup_value.iter_mut().find(|p| !p.values.is_empty()).unwrap();
    let v = first.values[0].clone();
    first.values.push(v);
    let body = postcard::to_allocvec(&model::BinBody { props: dup_value }).unwrap();
    assert_refused(
        forge(&catalog, TSHIRT, &body),
        &integrity(|p| matches!(p, crate::catalog::Problem::DuplicateValue { .. })),
    );
    // A dependency on a property that is not there.
    let mut orphan = props;
    orphan[0].parent_pid = Some(999_999);
    orphan[0].parent_vid = Some(1);
    let body = postcard::to_allocvec(&model::BinBody { props: orphan }).unwrap();
    assert_refused(
        forge(&catalog, TSHIRT, &body),
        &integrity(|p| matches!(p, crate::catalog::Problem::DependencyOnUnknownProperty { .. })),
    );
}

#[test]
fn a_forged_directory_says_which_part_failed_without_postcard_words() {
    let bytes = encode(&demo()).unwrap();
    let mut v = bytes.clone();
    // The directory's first bytes: the platform tag, then the hash's length.
    for b in &mut v[HEADER_LEN + 8..HEADER_LEN + 12] {
        *b = 0xff;
    }
    let digest = sha2::Sha256::digest(&v[HEADER_LEN..]);
    v[20..HEADER_LEN].copy_from_slice(&digest);
    let e = decode(v).unwrap_err();
    assert_eq!(e, BinaryError::Corrupt { part: Part::Directory });
    assert_eq!(e.message(crate::Locale::ZhCn), "二进制快照已损坏: 类目目录无法解码");
}

#[test]
fn incomplete_categories_survive_the_binary_form() {
    let mut snap: crate::Snapshot = serde_json::from_str(crate::demo::SNAPSHOT_JSON).unwrap();
    snap.categories.iter_mut().filter(|c| c.id == TSHIRT).for_each(|c| c.incomplete = true);
    let loaded = decode(encode(&Catalog::compile(snap).unwrap()).unwrap()).unwrap();
    assert!(loaded.category(TSHIRT).unwrap().category.incomplete);
    assert!(!loaded.category(50011111).unwrap().category.incomplete);
    let report = loaded.validate(&tshirt_listing(), &ValidateOptions::default());
    assert_eq!(report.issues[0].code().as_str(), "CATEGORY_METADATA_INCOMPLETE");
}

#[test]
fn a_binary_snapshot_with_the_older_alias_limit_loads() {
    // A file written while the limit counted characters holds `"alias_max_chars":4` in its
    // directory's limits; the same length as `"alias_max_bytes":8`, so the bytes swap in place.
    let mut snapshot: crate::Snapshot = serde_json::from_str(crate::demo::SNAPSHOT_JSON).unwrap();
    snapshot.limits.alias_max_bytes = 8;
    let mut v = encode(&Catalog::compile(snapshot).unwrap()).unwrap();
    let (now, then) = (br#""alias_max_bytes":8"#, br#""alias_max_chars":4"#);
    let at = v.windows(now.len()).position(|w| w == now).unwrap();
    v[at..at + then.len()].copy_from_slice(then);
    let digest = sha2::Sha256::digest(&v[HEADER_LEN..]);
    v[20..52].copy_from_slice(&digest);
    let loaded = decode(v).unwrap();
    assert_eq!(loaded.limits().alias_max_bytes, 8);
    let mut l = tshirt_listing();
    if let crate::input::listing::Props::List(props) = &mut l.props {
        props[3].aliases.insert("28321".into(), "米白色调A".into());
    }
    let report = loaded.validate(&l, &ValidateOptions::default());
    assert_eq!(report.issues.iter().map(|i| i.code().as_str()).collect::<Vec<_>>(), ["ALIAS_INVALID"]);
}

/// The demo snapshot with a `child_template` and features on the brand and features on one
/// of its values.
fn demo_with_metadata() -> crate::Snapshot {
    let mut s: serde_json::Value = serde_json::from_str(crate::demo::SNAPSHOT_JSON).unwrap();
    let brand = s["properties"].as_array_mut().unwrap().iter_mut().find(|p| p["pid"] == 20000).unwrap();
    brand["child_template"] = "系列;型号".into();
    brand["features"] = serde_json::json!({"b": "2", "a": "1"});
    let value = s["values"].as_array_mut().unwrap().iter_mut().find(|v| v["pid"] == 20000).unwrap();
    value["features"] = serde_json::json!({"k": "v"});
    serde_json::from_value(s).unwrap()
}

#[test]
fn child_templates_and_features_survive_the_binary_form() {
    let catalog = Catalog::compile(demo_with_metadata()).unwrap();
    let loaded = decode(encode(&catalog).unwrap()).unwrap();
    assert_eq!(loaded.hash(), catalog.hash());
    let brand = |c: &Catalog| {
        let cat = c.categories().find(|c| c.category.id == 50010850).unwrap();
        let p = cat.properties().iter().find(|p| p.property.pid == 20000).unwrap();
        (p.property.clone(), p.values.clone())
    };
    let (property, values) = brand(&loaded);
    assert_eq!((property.clone(), values.clone()), brand(&catalog));
    assert_eq!(property.child_template.as_deref(), Some("系列;型号"));
    assert_eq!(property.features.keys().collect::<Vec<_>>(), ["a", "b"]);
    assert!(values.iter().any(|v| v.features.get("k").map(String::as_str) == Some("v")));
}
