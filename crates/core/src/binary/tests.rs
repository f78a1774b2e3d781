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
    assert_eq!(decode(v).unwrap_err(), BinaryError::UnsupportedVersion { found: 9, supported: 1 });
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
