//! Validation options on the command line: severity of missing combinations, seller scope,
//! parallel NDJSON.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

mod common;

use common::run;

const VALID: &str = "fixtures/cli/listings/valid.json";
const OUTSIDE: &str = "fixtures/cli/scope/outside-scope.json";
const TMALL: &str = "fixtures/snapshots/tmall-apparel.json";

#[test]
fn missing_combinations_can_be_errors() {
    assert_eq!(run(&["validate", VALID], None).0, 0);
    let (code, out, _) = run(&["validate", "--missing-combinations", "error", VALID], None);
    assert_eq!(code, 1);
    assert!(out.contains("错误 /skus [SKU_COMBINATION_MISSING]"), "{out}");
}

#[test]
fn the_seller_scope_can_be_switched_off() {
    let (code, out, _) = run(&["validate", "--snapshot", TMALL, OUTSIDE], None);
    assert_eq!(code, 1);
    assert!(out.contains("CATEGORY_NOT_AUTHORIZED"), "{out}");
    assert_eq!(run(&["validate", "--snapshot", TMALL, "--no-seller-scope", OUTSIDE], None).0, 0);
}

#[test]
fn incomplete_categories_can_be_accepted_as_warnings() {
    let case = "fixtures/cases/CATEGORY_METADATA_INCOMPLETE/fails-accepted-as-a-warning.json";
    let text = std::fs::read_to_string(common::root().join(case)).unwrap();
    let case: serde_json::Value = serde_json::from_str(&text).unwrap();
    let listing = case["listing"].to_string() + "\n";
    let snapshot = "fixtures/snapshots/taobao-rate-limited.json";
    let (code, out, _) = run(&["validate", "--snapshot", snapshot, "-"], Some(&listing));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("CATEGORY_METADATA_INCOMPLETE"), "{out}");
    let (code, out, _) =
        run(&["validate", "--snapshot", snapshot, "--incomplete-metadata", "warning", "-"], Some(&listing));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("警告 /category_id [CATEGORY_METADATA_INCOMPLETE]"), "{out}");
}

#[test]
fn the_issue_cap_can_be_set_and_is_range_checked() {
    let listing = "{\"category_id\": 50010850, \"props\": [{\"pid\": 1, \"vids\": [1, 2, 3, 4, 5, 6]}]}\n";
    let (code, out, _) = run(&["validate", "--format", "json", "--max-issues", "2", "-"], Some(listing));
    assert_eq!(code, 1, "{out}");
    let report: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    let issues = report["report"]["issues"].as_array().or(report["issues"].as_array()).unwrap();
    assert_eq!(issues.len(), 3, "{out}");
    assert_eq!(issues[2]["code"], "ISSUES_TRUNCATED", "{out}");
    assert_eq!(run(&["validate", "--max-issues", "0", "-"], Some(listing)).0, 2);
}

#[test]
fn jobs_do_not_change_the_output() {
    let mut input = String::new();
    for i in 0..3000 {
        input.push_str(match i % 5 {
            0 => "{\"category_id\": 50023000, \"title\": \"法律咨询\", \"props\": \"1000:1\"}\n",
            1 => "{\"category_id\": 50010850, \"title\": \"T恤\"}\n",
            2 => "not json\n",
            3 => "\n",
            _ => "{\"category_id\": 1}\n",
        });
    }
    let one = run(&["validate", "--format", "json", "-j", "1", "-"], Some(&input));
    let two = run(&["validate", "--format", "json", "-j", "2", "-"], Some(&input));
    let four = run(&["validate", "--format", "json", "-j", "4", "-"], Some(&input));
    assert_eq!(one.0, 2);
    assert_eq!(one.1.lines().count(), 2400);
    assert_eq!(one, two);
    assert_eq!(one, four);
}
