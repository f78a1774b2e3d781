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
    // The recording ends with a rate-limited answer: partial, so nothing is written unless
    // the caller accepts the hole.
    let (code, out, err) = run(&["snapshot", "import", "taobao", RECORDING, "-o", a.to_str().unwrap()], None);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("导入不完整") && err.contains("--allow-partial"), "{err}");
    assert!(!a.exists());
    let (code, out, err) =
        run(&["snapshot", "import", "taobao", RECORDING, "--allow-partial", "-o", a.to_str().unwrap()], None);
    assert_eq!(code, 0, "{out}{err}");
    // The category of the failed call is there, marked incomplete.
    assert!(out.contains("3 个类目 (2 个叶子), 2 个属性, 3 个属性值"), "{out}");
    assert!(out.contains("标记为不完整的类目 (有调用失败): 50000999"), "{out}");
    // The rate-limited exchange is skipped and said so, with its file.
    assert!(
        err.contains("已跳过 fixtures/cli/recordings/taobao.ndjson 的第 4 条交换 (taobao.itemprops.get(cid=50000999"),
        "{err}"
    );
    run(&["snapshot", "import", "taobao", RECORDING, "--allow-partial", "-o", b.to_str().unwrap()], None);
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
        ("tmall", RECORDING, "3 categories (2 leaves)"),
    ] {
        let out_path = dir.join(format!("{platform}.json"));
        let args = ["snapshot", "import", "--locale", "en", "--allow-partial", platform, file, "-o"];
        let (code, out, err) = run(&[&args[..], &[out_path.to_str().unwrap()]].concat(), None);
        assert_eq!(code, 0, "{platform}: {out}{err}");
        assert!(out.contains(counts), "{platform}: {out}");
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out_path).unwrap()).unwrap();
        assert_eq!(v["platform"], platform);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

const RATE_LIMITED: [&str; 2] =
    ["fixtures/recordings/taobao-sale-props/125038018.json", "fixtures/recordings/taobao-sale-props/50012027.json"];

#[test]
fn a_partial_import_marks_its_categories_and_they_are_reported() {
    let dir = std::env::temp_dir().join(format!("shelfcheck-cli-partial-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out_path = dir.join("partial.json");
    let out = out_path.to_str().unwrap();
    // The previous file stays, byte for byte, when the import is partial.
    std::fs::write(&out_path, b"previous").unwrap();
    let (code, _, err) = run(&["snapshot", "import", "--locale", "en", "taobao", RATE_LIMITED[0], "-o", out], None);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!("skipped exchange 1 of {} (taobao.itempropvalues.get(cid=125038018))", RATE_LIMITED[0]))
    );
    assert!(err.contains("the import is partial") && err.contains("was not written"), "{err}");
    assert_eq!(std::fs::read(&out_path).unwrap(), b"previous");

    let args = ["snapshot", "import", "--locale", "en", "taobao", RATE_LIMITED[0], RATE_LIMITED[1], "--allow-partial"];
    let (code, stdout, err) = run(&[&args[..], &["-o", out]].concat(), None);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("categories marked incomplete (a call failed): 50012027, 125038018"), "{stdout}");
    assert_eq!(
        std::fs::read(&out_path).unwrap(),
        std::fs::read(root().join("fixtures/snapshots/taobao-rate-limited.json")).unwrap()
    );

    // `snapshot check` lists the incomplete categories and the property no listing can have.
    let (code, stdout, _) = run(&["snapshot", "check", "--locale", "en", out], None);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("2 categories have incomplete platform data"), "{stdout}");
    assert!(
        stdout.contains("- category `125038018` (125038018): property `包装方式` (6939376) (incomplete category)"),
        "{stdout}"
    );
    let (_, stdout, _) = run(&["snapshot", "check", "--format", "json", out], None);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["incomplete"], serde_json::json!([50012027, 125038018]));
    assert_eq!(v["unsatisfiable"][0]["pid"], 6939376);
    // A sound, complete snapshot has neither.
    let (code, stdout, _) = run(&["snapshot", "check", "--format", "json", DEMO], None);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!((v["incomplete"].as_array().unwrap().len(), v["unsatisfiable"].as_array().unwrap().len()), (0, 0));

    // A listing there is reported for the hole, not validated from it.
    let listing = r#"{"category_id": 125038018, "title": "礼盒装 测试商品"}"#;
    let (code, stdout, _) = run(&["validate", "--locale", "en", "--snapshot", out, "-"], Some(listing));
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("[CATEGORY_METADATA_INCOMPLETE] the platform data for category `125038018`"), "{stdout}");
    assert!(!stdout.contains("PROP_REQUIRED"), "{stdout}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_import_input_of_neither_format_is_named_by_its_file() {
    let (code, _, err) = run(
        &[
            "snapshot",
            "import",
            "--locale",
            "en",
            "taobao",
            RECORDING,
            "crates/core/demo/snapshot.json",
            "-o",
            "/dev/null/x.json",
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("error: crates/core/demo/snapshot.json: not a recording and not a sale-property file"),
        "{err}"
    );
    assert!(!err.contains("input 1"), "{err}");
}
