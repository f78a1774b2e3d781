//! `snapshot compile`, binary snapshots in `validate`, and `schema --category`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use assert_cmd::Command;

fn shelfcheck() -> Command {
    let mut c = Command::cargo_bin("shelfcheck").unwrap();
    c.env_remove("SHELFCHECK_LOCALE");
    c
}

/// A fresh folder for one test (no temp-dir crate needed for two files).
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("shelfcheck-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn demo_json(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("demo.json");
    std::fs::write(&path, shelfcheck_core::demo::SNAPSHOT_JSON).unwrap();
    path
}

#[test]
fn a_compiled_snapshot_validates_like_its_json() {
    let dir = scratch("compile");
    let json = demo_json(&dir);
    let bin = dir.join("demo.bin");
    let out =
        shelfcheck().args(["--locale", "en", "snapshot", "compile"]).arg(&json).arg("-o").arg(&bin).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("compiled 6 categories"));
    let listing = r#"{"category_id": 50010850, "title": "纯棉T恤", "props": [{"pid": 20000, "vids": [3233]}]}"#;
    let run = |snapshot: &std::path::Path| {
        let out = shelfcheck()
            .args(["validate", "--format", "json", "--snapshot"])
            .arg(snapshot)
            .arg("-")
            .write_stdin(format!("{listing}\n{listing}\n"))
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };
    let (a, b) = (run(&json), run(&bin));
    assert_eq!(a, b);
    assert_eq!(a.0, Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_corrupt_binary_snapshot_is_unusable_input() {
    let dir = scratch("corrupt");
    let json = demo_json(&dir);
    let bin = dir.join("demo.bin");
    shelfcheck().args(["snapshot", "compile"]).arg(&json).arg("-o").arg(&bin).assert().success();
    let mut bytes = std::fs::read(&bin).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x55;
    std::fs::write(&bin, bytes).unwrap();
    let out = shelfcheck()
        .args(["--locale", "zh-CN", "validate", "--snapshot"])
        .arg(&bin)
        .arg("-")
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("校验和"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn schema_of_a_category() {
    let out = shelfcheck().args(["schema", "--category", "50010850"]).output().unwrap();
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    let out = shelfcheck().args(["--locale", "en", "schema", "--category", "30"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a leaf category"));
    shelfcheck().args(["schema"]).assert().failure();
}
