//! Snapshots written while the per-alias limit counted characters (`alias_max_chars` in every
//! snapshot's `limits`) still load: the key reads as `alias_max_bytes` of twice the number,
//! and a content hash sealed over that form still holds.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use sha2::{Digest, Sha256};
use shelfcheck_core::catalog::Problem;
use shelfcheck_core::{Catalog, Snapshot};
use std::path::PathBuf;

fn sha256(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!("sha256:{}", digest.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

/// A snapshot in its canonical form of that time (compact, members in the types' order,
/// `alias_max_chars` after `max_skus`), sealed with the hash of that text.
fn sealed_then(alias_max_chars: u32) -> String {
    let canonical = format!(
        concat!(
            r#"{{"format":1,"platform":"taobao","limits":{{"title_max_chars":60,"title_max_bytes":60,"max_skus":600,"#,
            r#""alias_max_chars":{},"text_max_chars":60,"forbidden_alias_words":["其他","其它","其她"]}},"#,
            r#""categories":[{{"id":1,"name":"T恤","leaf":true,"status":"normal","sort_order":0}}],"#,
            r#""properties":[],"values":[]}}"#
        ),
        alias_max_chars
    );
    let hash = sha256(&canonical);
    canonical.replacen(r#""platform":"taobao","#, &format!(r#""platform":"taobao","hash":"{hash}","#), 1)
}

#[test]
fn a_sealed_snapshot_of_the_character_limit_loads_with_its_hash() {
    for (chars, bytes) in [(30, 60), (4, 8)] {
        let text = sealed_then(chars);
        let snapshot: Snapshot = serde_json::from_str(&text).unwrap();
        assert_eq!(snapshot.limits.alias_max_bytes, bytes);
        let declared = snapshot.hash.clone().unwrap();
        assert_ne!(snapshot.content_hash(), declared, "the content hash is of the current form");
        let catalog = Catalog::compile(snapshot).unwrap();
        assert_eq!(catalog.limits().alias_max_bytes, bytes);
        // The current form leaves the limit out at its default, and gives it in bytes.
        let written = serde_json::to_string(&serde_json::from_str::<Snapshot>(&text).unwrap()).unwrap();
        assert!(!written.contains("alias_max_chars"), "{written}");
        assert_eq!(written.contains(r#""alias_max_bytes":8"#), bytes == 8, "{written}");
    }
}

#[test]
fn a_changed_snapshot_of_that_time_is_still_caught() {
    let text = sealed_then(30).replace(r#""name":"T恤""#, r#""name":"T恤男""#);
    let problems = Catalog::compile(serde_json::from_str(&text).unwrap()).unwrap_err().problems;
    assert!(matches!(problems.as_slice(), [Problem::HashMismatch { .. }]), "{problems:?}");
}

#[test]
fn the_importers_snapshot_of_that_time_loads() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/legacy/1688-attributes-alias-max-chars.json");
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(r#""alias_max_chars": 30"#) && text.contains(r#""hash": "sha256:"#));
    let catalog = Catalog::compile(serde_json::from_str(&text).unwrap()).unwrap();
    assert_eq!(catalog.limits().alias_max_bytes, 60);
}

#[test]
fn the_older_key_and_the_current_one_together_are_refused_by_name() {
    let text = r#"{"format":1,"platform":"taobao","categories":[],
        "limits":{"alias_max_chars":30,"alias_max_bytes":60}}"#;
    let e = serde_json::from_str::<Snapshot>(text).unwrap_err().to_string();
    assert!(e.contains("`alias_max_chars` and `alias_max_bytes` are both given"), "{e}");
    let text = r#"{"format":1,"platform":"taobao","categories":[],"limits":{"alias_max_chars":"thirty"}}"#;
    assert!(serde_json::from_str::<Snapshot>(text).unwrap_err().to_string().contains("invalid type"));
}
