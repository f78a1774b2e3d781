//! The `shelfcheck` binary end to end: output snapshots, exit codes, bad input.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

mod common;

use assert_cmd::cargo::cargo_bin_cmd;
use common::{root, run, transcript};

const VALID: &str = "fixtures/cli/listings/valid.json";
const INVALID: &str = "fixtures/cli/listings/invalid.json";
const BATCH: &str = "fixtures/cli/listings/batch.ndjson";
const MALFORMED: &str = "fixtures/cli/malformed/malformed.json";
const BROKEN: &str = "fixtures/cli/snapshots/broken.json";

#[test]
fn human_output_in_chinese() {
    insta::assert_snapshot!("human_zh", transcript(&["validate", VALID, INVALID], None));
}

#[test]
fn human_output_in_english() {
    insta::assert_snapshot!("human_en", transcript(&["validate", "--locale", "en", VALID, INVALID], None));
}

#[test]
fn json_output_is_one_report_per_line() {
    let (code, out, _) = run(&["validate", "--format", "json", VALID, INVALID], None);
    assert_eq!(code, 1);
    let sources: Vec<String> = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["source"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(sources, [VALID, INVALID]);
    insta::assert_snapshot!(
        "json",
        transcript(&["validate", "--format", "json", "--locale", "en", VALID, INVALID], None)
    );
}

#[test]
fn junit_output() {
    insta::assert_snapshot!("junit", transcript(&["validate", "--format", "junit", VALID, INVALID, MALFORMED], None));
}

#[test]
fn exit_0_when_every_listing_is_valid() {
    let (code, out, _) = run(&["validate", VALID], None);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn exit_1_when_a_listing_has_errors() {
    assert_eq!(run(&["validate", VALID, INVALID], None).0, 1);
}

#[test]
fn the_readme_examples_are_valid_and_the_broken_one_is_not() {
    let (code, out, err) = run(&["validate", "examples/listings"], None);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("4 个通过"), "{out}");
    let (code, out, _) = run(&["validate", "--locale", "en", "examples/broken"], None);
    assert_eq!(code, 1, "{out}");
    for c in ["PROP_VALUE_UNKNOWN", "TITLE_TOO_LONG", "SKU_DUPLICATE", "SKU_PRICE_INVALID", "ALIAS_INVALID"] {
        assert!(out.contains(c), "{c} missing from\n{out}");
    }
}

#[test]
fn malformed_json_names_line_column_and_field() {
    let (code, out, err) = run(&["validate", MALFORMED, VALID], None);
    assert_eq!(code, 2);
    assert!(err.contains("fixtures/cli/malformed/malformed.json:6:39"), "{err}");
    assert!(err.contains("/props/1/vids/0"), "{err}");
    // The run goes on with the other files.
    assert!(out.contains(VALID), "{out}");
    insta::assert_snapshot!("malformed_en", transcript(&["validate", "--locale", "en", MALFORMED], None));
}

#[test]
fn stdin_ndjson_is_read_line_by_line() {
    let input = std::fs::read_to_string(root().join(BATCH)).unwrap();
    insta::assert_snapshot!("stdin_json", transcript(&["validate", "--format", "json", "-"], Some(&input)));
    insta::assert_snapshot!("stdin_human", transcript(&["validate", "--locale", "en", "-"], Some(&input)));
}

#[test]
fn ndjson_files_and_folders_in_a_stable_order() {
    let (code, out, _) = run(&["validate", "--format", "json", "fixtures/cli/listings"], None);
    assert_eq!(code, 2);
    let sources: Vec<String> = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["source"].as_str().unwrap().to_owned())
        .collect();
    let expected = [
        "fixtures/cli/listings/batch.ndjson:1",
        "fixtures/cli/listings/batch.ndjson:2",
        "fixtures/cli/listings/batch.ndjson:4",
        "fixtures/cli/listings/batch.ndjson:5",
        "fixtures/cli/listings/invalid.json",
        "fixtures/cli/listings/valid.json",
    ];
    assert_eq!(sources, expected);
}

#[test]
fn an_unreadable_path_is_reported_and_the_rest_still_checked() {
    insta::assert_snapshot!("unreadable", transcript(&["validate", "fixtures/cli/no-such-listing.json", VALID], None));
}

#[test]
fn a_broken_snapshot_lists_every_problem() {
    insta::assert_snapshot!("broken_snapshot_validate", transcript(&["validate", "--snapshot", BROKEN, VALID], None));
    insta::assert_snapshot!(
        "broken_snapshot_check",
        transcript(&["snapshot", "check", "--locale", "en", BROKEN], None)
    );
}

#[test]
fn snapshot_check_of_the_demo() {
    insta::assert_snapshot!("demo_check", transcript(&["snapshot", "check", "crates/core/demo/snapshot.json"], None));
    let (code, out, _) = run(&["snapshot", "check", "--format", "json", "crates/core/demo/snapshot.json"], None);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["leaves"], 4);
    assert_eq!(v["valid"], true);
}

#[test]
fn schema_prints_each_format() {
    for kind in ["snapshot", "listing", "report"] {
        let (code, out, _) = run(&["schema", kind], None);
        assert_eq!(code, 0);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(v.get("properties").is_some(), "{kind}");
    }
    assert_eq!(run(&["schema", "nonsense"], None).0, 2);
}

#[test]
fn skus_matrix_and_its_errors() {
    insta::assert_snapshot!(
        "skus_human",
        transcript(
            &["skus", "--category", "50010850", "--select", "颜色分类:乳白,黑色", "--select", "20509:28383,28384"],
            None
        )
    );
    let (code, out, _) =
        run(&["skus", "--format", "json", "--category", "50010850", "--select", "20509:28383,28384,28385"], None);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["count"], 3);
    assert_eq!(v["combinations"][0]["properties"], "20509:28383");
    insta::assert_snapshot!(
        "skus_errors",
        [
            transcript(&["skus", "--category", "50010850", "--select", "20509:1"], None),
            transcript(&["skus", "--locale", "en", "--category", "50010850", "--select", "20000:3233"], None),
            transcript(&["skus", "--format", "json", "--category", "7", "--select", "1:2"], None),
            transcript(&["skus", "--category", "50010850", "--select", "尺码"], None),
        ]
        .join("\n")
    );
}

#[test]
fn the_locale_comes_from_the_environment_when_not_given() {
    let mut cmd = cargo_bin_cmd!("shelfcheck");
    let out = cmd.current_dir(root()).env("SHELFCHECK_LOCALE", "en").args(["validate", INVALID]).output().unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("1 listing: 0 valid, 1 invalid"));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let (_, plain, _) = run(&["validate", INVALID], None);
    assert!(!plain.contains('\x1b'));
    let (_, coloured, _) = run(&["validate", "--color", "always", INVALID], None);
    assert!(coloured.contains("\x1b[1;31m"));
}
