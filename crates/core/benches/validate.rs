//! Compile and validate, measured separately.
//!
//! Targets (one core): a typical listing (30 properties, 60 SKUs) in ≤ 10 µs parsed and
//! ≤ 40 µs including JSON parsing; cost linear in properties + SKUs; 100,000 SKUs answered
//! with `SKU_LIMIT_EXCEEDED` well under a second.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use shelfcheck_core::synth::{self, CategoryShape};
use shelfcheck_core::{Catalog, Listing, ValidateOptions};
use std::hint::black_box;

const CID: i64 = 50010850;

fn typical() -> (Catalog, Listing) {
    let catalog = Catalog::compile(synth::snapshot(CID, &CategoryShape::typical())).unwrap();
    let listing = synth::listing_for(&catalog, CID, 10).unwrap();
    assert!(catalog.validate(&listing, &ValidateOptions::default()).issues.is_empty());
    (catalog, listing)
}

/// The typical listing with item fields (price, quantity, description, main images, location,
/// condition, outer id) in a category that requires four of them, has price bounds, and
/// puts a value-count and a length constraint on every property.
fn typical_with_item_fields() -> (Catalog, Listing) {
    use shelfcheck_core::input::listing::{Location, Scalar};
    use shelfcheck_core::model::rule_model::{Bound, Constraints, PriceBounds};
    let mut snap = synth::snapshot(CID, &CategoryShape::typical());
    for c in &mut snap.categories {
        c.required_fields = ["description", "images", "price", "quantity"].map(String::from).to_vec();
        c.price = Some(PriceBounds {
            min: Some(Bound { value: 1.0, exclusive: false }),
            max: Some(Bound { value: 5000.0, exclusive: false }),
        });
    }
    for p in &mut snap.properties {
        let constraints = Constraints { max_values: Some(30), max_length: Some(60), ..Constraints::default() };
        p.constraints = Some(Box::new(constraints));
    }
    let catalog = Catalog::compile(snap).unwrap();
    let mut listing = synth::listing_for(&catalog, CID, 10).unwrap();
    let total: u64 = listing
        .skus
        .iter()
        .map(|s| match &s.quantity {
            Some(Scalar::Number(n)) => n.as_u64().unwrap(),
            _ => 0,
        })
        .sum();
    listing.price = Some(Scalar::Text("30.90".into()));
    listing.quantity = Some(Scalar::Number(total.into()));
    listing.description = Some("<p>夏季新款纯棉短袖T恤, 面料柔软透气</p>".into());
    listing.images = vec![
        "https://img.alicdn.com/imgextra/i1/main-1.jpg".into(),
        "https://img.alicdn.com/imgextra/i1/main-2.jpg".into(),
    ];
    listing.location =
        Some(Location { state: Some("浙江".into()), city: Some("杭州".into()), ..Location::default() });
    listing.stuff_status = Some("new".into());
    listing.outer_id = Some("TEE-2024-001".into());
    let report = catalog.validate(&listing, &ValidateOptions::default());
    assert!(report.issues.is_empty(), "{:?}", report.issues);
    (catalog, listing)
}

fn compile(c: &mut Criterion) {
    let snap = synth::snapshot(CID, &CategoryShape::typical());
    c.bench_function("compile/typical_category", |b| b.iter(|| Catalog::compile(black_box(snap.clone())).unwrap()));
    let json = shelfcheck_core::demo::SNAPSHOT_JSON;
    c.bench_function("compile/demo_from_json", |b| {
        b.iter(|| Catalog::compile(serde_json::from_str(black_box(json)).unwrap()).unwrap())
    });
}

fn validate(c: &mut Criterion) {
    let (catalog, listing) = typical();
    let json = serde_json::to_string(&listing).unwrap();
    let opts = ValidateOptions::default();
    c.bench_function("validate/typical_parsed", |b| b.iter(|| catalog.validate(black_box(&listing), &opts)));
    let (fields_catalog, fields_listing) = typical_with_item_fields();
    c.bench_function("validate/typical_item_fields_parsed", |b| {
        b.iter(|| fields_catalog.validate(black_box(&fields_listing), &opts))
    });
    c.bench_function("validate/typical_is_valid", |b| b.iter(|| catalog.is_valid(black_box(&listing))));
    c.bench_function("validate/typical_with_parse", |b| {
        b.iter(|| {
            let l = Listing::from_json(black_box(&json)).unwrap();
            catalog.validate(&l, &opts)
        })
    });
    // What parsing costs through plain serde_json, the reference `from_json` is checked against.
    c.bench_function("parse/typical_serde_json", |b| {
        b.iter(|| serde_json::from_str::<Listing>(black_box(&json)).unwrap())
    });
    c.bench_function("parse/typical_from_json", |b| b.iter(|| Listing::from_json(black_box(&json)).unwrap()));
}

/// Linear scaling: SKUs 60 → 600 (colour values × sizes), properties fixed.
fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("validate/skus");
    for colours in [6usize, 24, 60] {
        let shape = CategoryShape { properties: 30, sale_values: vec![colours, 10], values_per_property: 20 };
        let catalog = Catalog::compile(synth::snapshot(CID, &shape)).unwrap();
        let listing = synth::listing_for(&catalog, CID, colours.max(10)).unwrap();
        let n = listing.skus.len();
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &listing, |b, l| {
            b.iter(|| catalog.validate(black_box(l), &ValidateOptions::default()))
        });
    }
    group.finish();
}

fn limit(c: &mut Criterion) {
    let (catalog, listing) = typical();
    let mut huge = listing.clone();
    huge.skus = listing.skus.iter().cycle().take(100_000).cloned().collect();
    let json = serde_json::to_string(&huge).unwrap();
    let mut group = c.benchmark_group("validate/100k_skus");
    group.sample_size(10);
    group.bench_function("with_parse", |b| {
        b.iter(|| {
            let l = Listing::from_json(black_box(&json)).unwrap();
            let r = catalog.validate(&l, &ValidateOptions::default());
            assert_eq!(r.issues[0].code().as_str(), "SKU_LIMIT_EXCEEDED");
            r
        })
    });
    group.finish();
}

criterion_group!(benches, compile, validate, scaling, limit);
criterion_main!(benches);
