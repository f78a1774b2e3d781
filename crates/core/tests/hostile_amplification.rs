//! One listing inside the byte limit that names one property 2,000 times with 2,000 values
//! each: 4,000,000 values once merged, every one unknown. Alone in its file, so that the
//! process's peak resident set (`VmHWM`, Linux) is this case's.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use shelfcheck_core::input::limits::InputLimits;
use shelfcheck_core::report::IssueKind;
use shelfcheck_core::{Catalog, Listing, Severity, ValidateOptions};

/// Peak resident memory of this process in KiB (Linux only).
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn two_thousand_entries_of_two_thousand_values_for_one_pid_stay_bounded() {
    let vids = vec!["1"; 2_000].join(",");
    let entry = format!("{{\"pid\":1627207,\"vids\":[{vids}]}}");
    let text = format!("{{\"category_id\":50010850,\"props\":[{}]}}", vec![entry.as_str(); 2_000].join(","));
    let limits = InputLimits::default();
    assert_eq!(limits.check_listing_bytes(text.len()), Ok(()));
    let listing = Listing::from_json(&text).unwrap();
    drop(text);

    // Each entry is within the limit; merged, the property is over it.
    let e = limits.check_listing(&listing).unwrap_err();
    assert_eq!((e.limit, e.pointer.as_str(), e.found, e.max), ("values_per_prop", "/props/1", 4_000, 2_000));

    // A caller that skips the limits still gets a report of bounded size.
    let catalog = Catalog::compile(serde_json::from_str(shelfcheck_core::demo::SNAPSHOT_JSON).unwrap()).unwrap();
    let before = peak_kib();
    let report = catalog.validate(&listing, &ValidateOptions::default());
    assert_eq!(report.issues.len(), 1_001);
    let last = report.issues.last().unwrap();
    let IssueKind::IssuesTruncated { omitted, errors, max, .. } = last.kind else { panic!("{last:?}") };
    assert!(omitted >= 4_000_000 - 1_000 && errors == omitted && max == 1_000, "{last:?}");
    assert_eq!(last.severity, Severity::Error);
    assert!(!report.valid);
    let json = serde_json::to_string(&report).unwrap();
    assert!(json.len() < 1 << 20, "{} bytes", json.len());
    if let (Some(b), Some(a)) = (before, peak_kib()) {
        let grew = a.saturating_sub(b);
        eprintln!("validating grew the peak by {} MiB; the report is {} KiB of JSON", grew >> 10, json.len() >> 10);
        // One issue per value held 4,000,000 issues: about 1.9 GB.
        assert!(grew < 64 << 10, "peak grew by {} MiB", grew >> 10);
    }
}
