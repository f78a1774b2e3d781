//! `shelfcheck snapshot diff` and `snapshot import` end to end.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

mod common;

use common::{root, run, transcript};

const DEMO: &str = "crates/core/demo/snapshot.json";
const CHANGED: &str = "fixtures/cli/snapshots/demo-changed.json";
const RECORDING: &str = "fixtures/cli/recordings/taobao.ndjson";

#[test]
fn diff_names_changes_and_the_listings_they_break() {
    insta::assert_snapshot!(
        "diff_human",
        transcript(
            &[
                "snapshot",
                "diff",
                DEMO,
                CHANGED,
                "--listings",
                "examples/listings/tshirt-taobao-native.json",
                "examples/listings/legal-advice.json"
            ],
            None
        )
    );
    let (code, out, _) =
        run(&["snapshot", "diff", "--format", "json", DEMO, CHANGED, "--listings", "examples/listings"], None);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["changes"].as_array().unwrap().len(), 2);
    let broken: Vec<&str> = v["listings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| !l["new_errors"].as_array().unwrap().is_empty())
        .map(|l| l["source"].as_str().unwrap())
        .collect();
    assert_eq!(
        broken,
        [
            "examples/listings/tshirt-by-name.json",
            "examples/listings/tshirt-full-matrix.json",
            "examples/listings/tshirt-taobao-native.json"
        ]
    );
}

#[test]
fn diff_exit_codes() {
    // No listing given: nothing can break.
    assert_eq!(run(&["snapshot", "diff", DEMO, CHANGED], None).0, 0);
    // Only unaffected listings.
    assert_eq!(
        run(&["snapshot", "diff", DEMO, CHANGED, "--listings", "examples/listings/legal-advice.json"], None).0,
        0
    );
    // A broken snapshot or an unreadable listing is unusable input.
    assert_eq!(run(&["snapshot", "diff", DEMO, "fixtures/cli/snapshots/broken.json"], None).0, 2);
    assert_eq!(run(&["snapshot", "diff", DEMO, CHANGED, "--listings", "fixtures/cli/nope.json"], None).0, 2);
    assert_eq!(run(&["snapshot", "diff", DEMO, "fixtures/cli/nope.json"], None).0, 2);
}

#[test]
fn import_rebuilds_the_same_snapshot_from_a_recording() {
    let dir = std::env::temp_dir().join(format!("shelfcheck-cli-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let a = dir.join("a.json");
    let b = dir.join("b.json");
    let (code, out, err) = run(&["snapshot", "import", "taobao", RECORDING, "-o", a.to_str().unwrap()], None);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("2 个类目 (1 个叶子), 2 个属性, 3 个属性值"), "{out}");
    // The rate-limited exchange is skipped and said so.
    assert!(err.contains("taobao.itemprops.get(cid=50000999"), "{err}");
    run(&["snapshot", "import", "taobao", RECORDING, "-o", b.to_str().unwrap()], None);
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let (code, out, _) = run(&["snapshot", "check", a.to_str().unwrap()], None);
    assert_eq!(code, 0, "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_strict_import_fails_on_an_unusable_exchange_and_writes_nothing() {
    let out_path = std::env::temp_dir().join(format!("shelfcheck-cli-strict-{}.json", std::process::id()));
    insta::assert_snapshot!(
        "import_strict",
        transcript(
            &["snapshot", "import", "--locale", "en", "taobao", RECORDING, "--strict", "-o", "/dev/null/x.json"],
            None
        )
    );
    let (code, _, _) =
        run(&["snapshot", "import", "taobao", RECORDING, "--strict", "-o", out_path.to_str().unwrap()], None);
    assert_eq!(code, 2);
    assert!(!out_path.exists());
    assert!(root().join(RECORDING).exists());
}

#[test]
fn every_platform_imports() {
    let dir = std::env::temp_dir().join(format!("shelfcheck-cli-platforms-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (platform, file, counts) in [
        ("1688", "fixtures/cli/recordings/1688.ndjson", "3 categories (2 leaves)"),
        ("wechat", "fixtures/cli/recordings/wechat.ndjson", "2 categories (1 leaves)"),
        ("tmall", RECORDING, "2 categories (1 leaves)"),
    ] {
        let out_path = dir.join(format!("{platform}.json"));
        let (code, out, err) =
            run(&["snapshot", "import", "--locale", "en", platform, file, "-o", out_path.to_str().unwrap()], None);
        assert_eq!(code, 0, "{platform}: {out}{err}");
        assert!(out.contains(counts), "{platform}: {out}");
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out_path).unwrap()).unwrap();
        assert_eq!(v["platform"], platform);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
