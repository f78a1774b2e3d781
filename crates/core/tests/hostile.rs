//! Hostile input: each case answers quickly with the right error and bounded memory.
//! Timing is not asserted here (benchmarks own speed); memory is read from the kernel
//! (`VmHWM`, the peak resident set) where the platform offers it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use serde_json::json;
use shelfcheck_core::input::limits::InputLimits;
use shelfcheck_core::{Catalog, Listing, Problem, Snapshot, ValidateOptions};

fn demo() -> Catalog {
    Catalog::compile(serde_json::from_str(shelfcheck_core::demo::SNAPSHOT_JSON).unwrap()).unwrap()
}

/// Peak resident memory of this process in KiB (Linux only).
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn ten_thousand_deep_nesting_never_reaches_the_stack() {
    let nest = |n: usize| format!("{}1{}", "[".repeat(n), "]".repeat(n));
    // Skipped without recursion when it sits in a field the format does not have...
    let ignored: Listing = serde_json::from_str(&format!("{{\"category_id\":1,\"extra\":{}}}", nest(10_000))).unwrap();
    assert_eq!(ignored.category_id, 1);
    // ...refused at the first element where a typed field expects something else...
    assert!(serde_json::from_str::<Listing>(&format!("{{\"category_id\":1,\"props\":{}}}", nest(10_000))).is_err());
    let snap = format!("{{\"format\":1,\"platform\":\"taobao\",\"categories\":{}}}", nest(10_000));
    assert!(serde_json::from_str::<Snapshot>(&snap).is_err());
    // ...and refused by the parser's depth limit where untyped JSON is read (response bodies).
    let err = serde_json::from_str::<serde_json::Value>(&nest(10_000)).unwrap_err();
    assert!(err.to_string().contains("recursion limit"), "{err}");
}

#[test]
fn a_50_mb_listing_is_refused_before_parsing() {
    let limits = InputLimits::default();
    let big = 50usize << 20;
    let e = limits.check_listing_bytes(big).unwrap_err();
    assert_eq!((e.limit, e.found), ("listing_bytes", big));
}

#[test]
fn a_million_skus_cost_no_validation_work_past_the_limit() {
    // One million SKUs is ~40 MB of JSON: the byte limit refuses it before parsing. Raised
    // limits still leave validation bounded: past the platform limit no SKU is examined.
    let sku = json!({"props": "1627207:28321;20509:28383", "price": "1.00", "quantity": 1});
    let text = serde_json::to_string(&json!({"category_id": 50010850, "skus": vec![sku; 1_000_000]})).unwrap();
    assert!(InputLimits::default().check_listing_bytes(text.len()).is_err());
    let before = peak_kib();
    let listing: Listing = serde_json::from_str(&text).unwrap();
    assert!(InputLimits::default().check_listing(&listing).is_err());
    let report = demo().validate(&listing, &ValidateOptions::default());
    assert!(report.issues.iter().any(|i| i.code().as_str() == "SKU_LIMIT_EXCEEDED"));
    assert!(report.issues.len() < 10, "per-SKU issues were produced: {}", report.issues.len());
    if let (Some(b), Some(a)) = (before, peak_kib()) {
        // The parsed listing itself is the only large allocation (~100 bytes per SKU).
        assert!(a.saturating_sub(b) < 600 * 1024, "peak grew by {} KiB", a - b);
    }
}

#[test]
fn a_name_of_one_million_characters_is_over_the_string_limit() {
    let listing: Listing =
        serde_json::from_value(json!({"category_id": 50010850, "props": [{"name": "色".repeat(1_000_000)}]})).unwrap();
    let e = InputLimits::default().check_listing(&listing).unwrap_err();
    assert_eq!((e.limit, e.pointer.as_str()), ("string_bytes", "/props/0"));
    // Even unchecked, the engine answers: an unknown name with no suggestion work blow-up.
    let report = demo().validate(&listing, &ValidateOptions::default());
    assert!(report.issues.iter().any(|i| i.code().as_str() == "PROP_UNKNOWN"));
}

#[test]
fn ids_at_the_edges_of_i64() {
    let text = format!("{{\"category_id\":{},\"props\":\"{}:{};1:{}\"}}", i64::MAX, i64::MIN, i64::MAX, i64::MIN);
    let listing: Listing = serde_json::from_str(&text).unwrap();
    let report = demo().validate(&listing, &ValidateOptions::default());
    assert_eq!(report.issues[0].code().as_str(), "CATEGORY_NOT_FOUND");
    assert!(serde_json::from_str::<Listing>(r#"{"category_id":9223372036854775808}"#).is_err());
    assert!(serde_json::from_str::<Listing>(r#"{"category_id":"-9223372036854775809"}"#).is_err());
    let snap: Snapshot = serde_json::from_value(json!({"format": 1, "platform": "taobao", "categories": [
        {"id": i64::MIN, "name": "a", "leaf": false}, {"id": i64::MAX, "parent_id": i64::MIN, "name": "b", "leaf": true}],
        "properties": [{"category_id": i64::MAX, "pid": i64::MIN, "name": "p", "sale": true}],
        "values": [{"category_id": i64::MAX, "pid": i64::MIN, "vid": i64::MAX, "name": "v"}]}))
    .unwrap();
    let c = Catalog::compile(snap).unwrap();
    let m = c.sku_matrix(i64::MAX, &[(i64::MIN, vec![i64::MAX])]).unwrap();
    assert_eq!(m.len(), 1);
}

#[test]
fn invalid_utf8_is_an_error_not_a_panic() {
    let bytes = b"{\"category_id\":1,\"title\":\"\xff\xfe\"}";
    assert!(serde_json::from_slice::<Listing>(bytes).is_err());
}

#[test]
fn a_category_cycle_and_a_long_dependency_chain_compile_to_errors() {
    let snap: Snapshot = serde_json::from_value(json!({"format": 1, "platform": "taobao", "categories": [
        {"id": 1, "parent_id": 2, "name": "a", "leaf": false}, {"id": 2, "parent_id": 1, "name": "b", "leaf": false}]}))
    .unwrap();
    let problems = Catalog::compile(snap).unwrap_err().problems;
    assert!(matches!(&problems[0], Problem::CategoryCycle { ids } if ids.len() == 2));

    // A 100,000-long chain without a cycle compiles, and validating against it is bounded.
    let n = 100_000i64;
    let props: Vec<_> = (1..=n)
        .map(|i| {
            json!({"category_id": 1, "pid": i, "name": format!("p{i}"), "must": true,
                        "parent_pid": if i == 1 { 0 } else { i - 1 }, "parent_vid": 1})
        })
        .collect();
    let values: Vec<_> = (1..=n).map(|i| json!({"category_id": 1, "pid": i, "vid": 1, "name": "v"})).collect();
    let snap: Snapshot = serde_json::from_value(json!({"format": 1, "platform": "taobao",
        "categories": [{"id": 1, "name": "a", "leaf": true}], "properties": props, "values": values}))
    .unwrap();
    let catalog = Catalog::compile(snap).unwrap();
    let listing: Listing = serde_json::from_value(json!({"category_id": 1, "title": "t"})).unwrap();
    let report = catalog.validate(&listing, &ValidateOptions::default());
    // Only the head of the chain applies: its dependants' parent value is not chosen.
    assert_eq!(report.issues.len(), 1);
    assert_eq!(report.issues[0].code().as_str(), "PROP_REQUIRED");
}
