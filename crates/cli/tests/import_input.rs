//! `snapshot import`'s own input: recording files are read within a bound, and text the
//! recorded gateway sent back cannot drive the terminal.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

mod common;

use common::{root, run};

/// A recording over the snapshot size limit (1 GiB) is refused by name before it is read,
/// instead of being read whole.
#[test]
fn a_recording_over_the_size_limit_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("huge.ndjson");
    // Sparse: no disk space is used, and the length is what the limit sees.
    std::fs::File::create(&big).unwrap().set_len((1 << 30) + 1).unwrap();
    let out = dir.path().join("snap.json");
    let (code, _, err) = run(
        &["snapshot", "import", "--locale", "en", "wechat", big.to_str().unwrap(), "-o", out.to_str().unwrap()],
        None,
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("huge.ndjson") && err.contains("over a limit"), "{err}");
    assert!(err.contains("the limit is 1073741824"), "{err}");
    assert!(!out.exists());
}

/// An `errmsg` holding escape sequences and a line break is shown escaped, in the skipped
/// lines and in a strict import's error, in both languages.
#[test]
fn recorded_gateway_text_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(root().join("fixtures/cli/recordings/wechat.ndjson")).unwrap();
    let hostile = r#"{"platform":"wechat","method":"getcategory","params":{},"response":{"errcode":40001,"errmsg":"bad token\u001b]0;pwned\u0007\u001b[2J\n\u001b[32m✓ forged"}}"#;
    let rec = dir.path().join("rec.ndjson");
    std::fs::write(&rec, format!("{}\n{hostile}\n", good.trim_end())).unwrap();
    let out = dir.path().join("snap.json");
    for locale in ["en", "zh-CN"] {
        for strict in [false, true] {
            let mut args = vec!["snapshot", "import", "--locale", locale, "wechat", rec.to_str().unwrap()];
            args.extend(["-o", out.to_str().unwrap()]);
            if strict {
                args.push("--strict");
            }
            let (code, _, err) = run(&args, None);
            assert_eq!(code, if strict { 2 } else { 1 }, "{locale} {strict}: {err}");
            assert!(err.contains("bad token\\u{1b}]0;pwned\\u{7}"), "{err}");
            assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
            assert!(!err.lines().any(|l| l.starts_with("✓ forged")), "{err}");
        }
    }
}

/// A recording of the real first-level answer of the laptop category alone (36 brands marked
/// `is_parent`, no `child_path` call): the import says which values' children are missing and
/// writes nothing unless the holes are accepted.
#[test]
fn missing_child_properties_are_named_and_make_the_import_partial() {
    let dir = tempfile::tempdir().unwrap();
    let xml = std::fs::read_to_string(
        root().join("fixtures/recordings/taobao-child-props/taobao.itemprops.get__v1-2009__brand-values-is_parent.xml"),
    )
    .unwrap();
    let line = serde_json::json!({"platform": "taobao", "method": "taobao.itemprops.get",
        "params": {"cid": "1101"}, "response": xml});
    let rec = dir.path().join("first-level.ndjson");
    std::fs::write(&rec, format!("{line}\n")).unwrap();
    let out = dir.path().join("snap.json");
    let (rec, out_s) = (rec.to_str().unwrap(), out.to_str().unwrap());
    let (code, _, err) = run(&["snapshot", "import", "--locale", "en", "taobao", rec, "-o", out_s], None);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("category 1101: the child properties of 品牌 (20000) = 华硕/ASUS (33546) were not fetched"),
        "{err}"
    );
    assert_eq!(err.matches("were not fetched").count(), 36, "{err}");
    assert!(err.contains("the import is partial: some categories lack platform data (see above)"), "{err}");
    assert!(!out.exists());
    let (code, _, err) = run(&["snapshot", "import", "--locale", "zh-CN", "taobao", rec, "-o", out_s], None);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("类目 1101: 未获取 品牌 (20000) = 华硕/ASUS (33546) 的子属性"), "{err}");
    assert!(err.contains("导入不完整: 部分类目缺少平台数据"), "{err}");
    let (code, stdout, err) =
        run(&["snapshot", "import", "--locale", "en", "taobao", rec, "--allow-partial", "-o", out_s], None);
    assert_eq!(code, 0, "{err}");
    assert!(
        stdout.contains("categories marked incomplete (a call failed or child properties are missing): 1101"),
        "{stdout}"
    );
    let snap: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(snap["categories"][0]["incomplete"], true);
}
