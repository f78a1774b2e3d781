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
