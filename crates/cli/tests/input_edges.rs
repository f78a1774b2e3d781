//! Input at the edges: empty runs, byte order marks, endless streams, dangling links, `--jobs`
//! out of range, terminal escapes in what is printed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

mod common;

use assert_cmd::cargo::cargo_bin_cmd;
use common::{root, run};
use std::path::Path;

const VALID: &str = "fixtures/cli/listings/valid.json";

fn valid_line() -> String {
    std::fs::read_to_string(root().join(VALID)).unwrap().replace('\n', " ")
}

#[test]
fn out_of_range_job_counts_are_refused_before_anything_runs() {
    for n in ["18446744073709551615", "30000", "257", "many"] {
        let (code, out, err) = run(&["validate", "-j", n, VALID], None);
        assert_eq!(code, 2, "-j {n}: {err}");
        assert!(out.is_empty(), "{out}");
        assert!(err.contains("0 到 256") && err.contains("from 0 to 256"), "{err}");
    }
    assert_eq!(run(&["validate", "-j", "256", VALID], None).0, 0);
}

#[test]
fn runs_that_validate_nothing_are_unusable() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.ndjson");
    std::fs::write(&empty, "\n\n").unwrap();
    let empty = empty.to_str().unwrap();
    for jobs in ["1", "2"] {
        for (args, stdin) in [
            (vec!["validate", "--locale", "en", "-j", jobs, "-"], Some("")),
            (vec!["validate", "--locale", "en", "-j", jobs, "-"], Some("\n  \n")),
            (vec!["validate", "--locale", "en", "-j", jobs, empty], None),
        ] {
            let (code, _, err) = run(&args, stdin);
            assert_eq!(code, 2, "{args:?}: {err}");
            assert!(err.contains("holds no listing"), "{err}");
        }
    }
    let (code, out, _) = run(&["validate", "--format", "json", "-"], Some(""));
    assert_eq!(code, 2);
    let line: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!((line["source"].as_str(), line["error"]["kind"].as_str()), (Some("-"), Some("empty")));
    // A listing among blank lines is a run that checked something.
    assert_eq!(run(&["validate", "-"], Some(&format!("\n{}\n\n", valid_line()))).0, 0);
}

#[cfg(unix)]
#[test]
fn a_closed_standard_input_validates_nothing_and_says_so() {
    let bin = assert_cmd::cargo::cargo_bin!("shelfcheck");
    let out = std::process::Command::new("sh")
        .args(["-c", "exec \"$0\" --locale en validate - <&-"])
        .arg(bin)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds no listing"));
}

#[test]
fn a_byte_order_mark_is_accepted_in_files_lines_and_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let bom = "\u{feff}";
    let file = dir.path().join("bom.json");
    std::fs::write(&file, format!("{bom}{}", valid_line())).unwrap();
    let lines = dir.path().join("bom.ndjson");
    std::fs::write(&lines, format!("{bom}{}\n{}\n", valid_line(), valid_line())).unwrap();
    let snapshot = dir.path().join("bom-snapshot.json");
    std::fs::write(&snapshot, format!("{bom}{}", shelfcheck_core::demo::SNAPSHOT_JSON)).unwrap();
    let (file, lines, snapshot) = (file.to_str().unwrap(), lines.to_str().unwrap(), snapshot.to_str().unwrap());
    for jobs in ["1", "2"] {
        let (code, out, err) = run(
            &["validate", "--snapshot", snapshot, "-j", jobs, file, lines, "-"],
            Some(&format!("{bom}{}\n", valid_line())),
        );
        assert_eq!(code, 0, "{out}{err}");
        assert_eq!(out.matches('✓').count(), 4, "{out}");
    }
    assert_eq!(run(&["snapshot", "check", snapshot], None).0, 0);
    // Only at the start: a mark inside the text is still an error.
    let (code, _, err) =
        run(&["validate", "--locale", "en", "-"], Some(&format!("{}\n{bom}{}\n", valid_line(), valid_line())));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("-:2:"), "{err}");
}

#[cfg(unix)]
#[test]
fn endless_and_unsized_listing_inputs_are_bounded() {
    let (code, _, err) = run(&["validate", "--locale", "en", "/dev/zero"], None);
    assert_eq!(code, 2);
    assert!(err.contains("/dev/zero: input over a limit: listing size in bytes is 16777217"), "{err}");
    // A pipe reports length 0: its listing is still read, within the limit.
    let bin = assert_cmd::cargo::cargo_bin!("shelfcheck");
    let out = std::process::Command::new("bash")
        .current_dir(root())
        .args(["-c", "exec \"$0\" --locale en validate <(cat \"$1\")"])
        .arg(bin)
        .arg(VALID)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_snapshot_over_the_limit_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    // Sparse: a length past 1 GiB without the disk space.
    std::fs::File::create(&path).unwrap().set_len((1 << 30) + 1).unwrap();
    let path = path.to_str().unwrap();
    for args in [
        vec!["--locale", "en", "validate", "--snapshot", path, VALID],
        vec!["--locale", "en", "snapshot", "check", path],
    ] {
        let (code, _, err) = run(&args, None);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains("snapshot size in bytes is 1073741825, the limit is 1073741824"), "{err}");
    }
}

#[test]
fn a_folder_given_as_a_file_is_named_as_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_str().unwrap();
    let (code, _, err) = run(&["--locale", "en", "validate", "--snapshot", path, VALID], None);
    assert_eq!(code, 2);
    assert!(err.contains("this is a folder, not a file"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_dangling_listing_link_in_a_folder_is_unusable() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join(VALID), dir.path().join("a.json")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("gone.json"), dir.path().join("b.json")).unwrap();
    // Not a listing name: still ignored, as any other file would be.
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("c.txt")).unwrap();
    let (code, out, err) = run(&["--locale", "en", "validate", dir.path().to_str().unwrap()], None);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("b.json: a symbolic link to a file that does not exist:"), "{err}");
    assert!(err.contains("gone.json"), "{err}");
    assert!(!err.contains("c.txt"), "{err}");
    assert!(out.contains("1 listing: 1 valid, 0 invalid") && out.contains("; 1 input unusable"), "{out}");
}

/// No byte of a terminal control sequence may reach the output from the input's text.
fn assert_no_controls(text: &str) {
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
}

#[test]
fn escape_sequences_in_listings_and_file_names_are_shown_not_sent() {
    let dir = tempfile::tempdir().unwrap();
    let name = dir.path().join("a\u{1b}[2Jb.json");
    let forged = "\u{1b}]0;pwned\u{7}\r\u{1b}[32m✓ fine.json\n共 1 个商品";
    let listing = serde_json::json!({
        "category_id": 50010850,
        "title": "纯棉短袖T恤",
        "props": [{"name": forged, "values": ["x"]}],
    });
    std::fs::write(&name, listing.to_string()).unwrap();
    let bad = dir.path().join("c\u{1b}[31m.json");
    std::fs::write(&bad, "{").unwrap();
    let args = ["--color", "never", "validate", name.to_str().unwrap(), bad.to_str().unwrap()];
    let (code, out, err) = run(&args, None);
    assert_eq!(code, 2);
    assert_no_controls(&out);
    assert_no_controls(&err);
    assert!(out.contains("a\\u{1b}[2Jb.json"), "{out}");
    assert!(out.contains("\\u{1b}]0;pwned\\u{7}\\r\\u{1b}[32m✓ fine.json\\n共 1 个商品"), "{out}");
    assert!(err.contains("c\\u{1b}[31m.json"), "{err}");
}

#[test]
fn escape_sequences_in_snapshots_are_shown_not_sent() {
    let dir = tempfile::tempdir().unwrap();
    let mut snapshot: serde_json::Value = serde_json::from_str(shelfcheck_core::demo::SNAPSHOT_JSON).unwrap();
    for c in snapshot["categories"].as_array_mut().unwrap() {
        c["name"] = format!("{}\u{1b}[2J", c["name"].as_str().unwrap()).into();
    }
    for v in snapshot["values"].as_array_mut().unwrap() {
        v["name"] = format!("{}\u{9b}31m", v["name"].as_str().unwrap()).into();
    }
    snapshot["built_at"] = "2026\u{1b}]0;x\u{7}".into();
    let path = dir.path().join("s.json");
    std::fs::write(&path, snapshot.to_string()).unwrap();
    let path = path.to_str().unwrap();
    for args in [
        vec!["skus", "--snapshot", path, "--category", "50010850", "--select", "1627207:28321,28320"],
        vec!["snapshot", "check", path],
        vec!["validate", "--snapshot", path, "examples/broken"],
        vec!["snapshot", "diff", "crates/core/demo/snapshot.json", path, "--listings", "examples/listings"],
    ] {
        let (_, out, err) = run(&args, None);
        assert_no_controls(&out);
        assert_no_controls(&err);
        assert!(out.contains("\\u{1b}") || out.contains("\\u{9b}"), "{args:?}: {out}");
    }
}

#[test]
fn skus_takes_a_value_of_the_sellers_own_by_its_name() {
    // 雾霾蓝 is not a listed colour: T恤 takes custom sale values, so it is one, named by its text.
    let (code, out, err) = run(
        &[
            "skus",
            "--format",
            "json",
            "--category",
            "50010850",
            "--select",
            "颜色分类:白色,雾霾蓝,雾霾蓝",
            "--select",
            "尺码:M",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["count"], 2, "{out}");
    assert_eq!(v["combinations"][1]["names"], serde_json::json!(["颜色分类:雾霾蓝", "尺码:M"]));
    assert_eq!(v["combinations"][1]["properties"], "1627207:-1;20509:28383");
    let (code, out, _) = run(&["skus", "--category", "50010850", "--select", "颜色分类:雾霾蓝"], None);
    assert_eq!(code, 0);
    assert!(out.contains("1. 颜色分类:雾霾蓝  1627207:-1"), "{out}");
    // An own value given by id has no name to show; one where the category takes none is refused.
    let (code, _, err) = run(&["skus", "--locale", "en", "--category", "50010850", "--select", "1627207:-1"], None);
    assert_eq!(code, 2);
    assert!(err.contains("a value of your own for sale property `Colour` has no name"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let mut snapshot: serde_json::Value = serde_json::from_str(shelfcheck_core::demo::SNAPSHOT_JSON).unwrap();
    for c in snapshot["categories"].as_array_mut().unwrap() {
        c["custom_sale_props"] = false.into();
    }
    let path = dir.path().join("closed.json");
    std::fs::write(&path, snapshot.to_string()).unwrap();
    let path = path.to_str().unwrap();
    let (code, _, err) = run(&["skus", "--snapshot", path, "--category", "50010850", "--select", "尺码:加大码"], None);
    assert_eq!(code, 2);
    assert!(err.contains("销售属性 `尺码` 没有名为 `加大码` 的值"), "{err}");
}

#[test]
fn skus_lists_each_chosen_value_once() {
    let (code, out, _) =
        run(&["skus", "--format", "json", "--category", "50010850", "--select", "1627207:28321,28321,乳白色"], None);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["count"], 1, "{out}");
    let (code, out, _) = run(
        &[
            "skus",
            "--format",
            "json",
            "--category",
            "50010850",
            "--select",
            "1627207:28321",
            "--select",
            "颜色分类:28321,28320",
        ],
        None,
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["count"], 2, "{out}");
}

#[test]
fn skus_of_a_category_that_is_not_a_leaf_says_so() {
    for select in ["1:1", "1627207:28321", "颜色分类:白色"] {
        let (code, _, err) = run(&["--locale", "en", "skus", "--category", "30", "--select", select], None);
        assert_eq!(code, 2);
        assert!(err.contains("category `男装` (30) is not a leaf category"), "{err}");
        assert!(!err.contains("property"), "{err}");
        let (_, _, err) = run(&["skus", "--category", "30", "--select", select], None);
        assert!(err.contains("类目 `男装` (30) 不是叶子类目"), "{err}");
    }
}

fn compile_demo(dir: &Path) -> String {
    let bin = dir.join("demo.bin");
    let (code, _, err) =
        run(&["snapshot", "compile", "crates/core/demo/snapshot.json", "-o", bin.to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    bin.to_str().unwrap().to_owned()
}

#[test]
fn json_only_commands_say_a_binary_snapshot_is_not_json() {
    let dir = tempfile::tempdir().unwrap();
    let bin = compile_demo(dir.path());
    let out = dir.path().join("shards");
    let json = "crates/core/demo/snapshot.json";
    for args in [
        vec!["--locale", "en", "snapshot", "check", &bin],
        vec!["--locale", "en", "snapshot", "diff", json, &bin],
        vec!["--locale", "en", "snapshot", "shard", &bin, "-o", out.to_str().unwrap()],
    ] {
        let (code, _, err) = run(&args, None);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains("this is a binary snapshot; this command reads JSON snapshots"), "{err}");
        assert!(!err.contains("UTF-8"), "{err}");
    }
    let (_, _, err) = run(&["snapshot", "check", &bin], None);
    assert!(err.contains("这是二进制快照"), "{err}");
}

#[test]
fn standard_input_is_read_once_per_run() {
    let mut cmd = cargo_bin_cmd!("shelfcheck");
    cmd.current_dir(root()).args(["validate", "-", "-"]).write_stdin(format!("{}\n", valid_line()));
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[cfg(unix)]
#[test]
fn credential_files_that_never_end_or_are_folders_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("snapshot.json");
    for (file, says) in [("/dev/zero", "larger than 64 KiB"), (dir.path().to_str().unwrap(), "folder")] {
        let mut cmd = cargo_bin_cmd!("shelfcheck");
        for var in ["APP_KEY", "APP_SECRET", "SESSION"] {
            cmd.env_remove(format!("SHELFCHECK_TAOBAO_{var}")).env_remove(format!("SHELFCHECK_TAOBAO_{var}_FILE"));
        }
        cmd.env("SHELFCHECK_TAOBAO_APP_KEY_FILE", file)
            .env("SHELFCHECK_TAOBAO_APP_SECRET", "s")
            .timeout(std::time::Duration::from_secs(60))
            .args(["--locale", "en", "fetch", "taobao", "--no-progress", "-o", out.to_str().unwrap()]);
        let output = cmd.output().unwrap();
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{file}: {err}");
        assert!(err.contains("SHELFCHECK_TAOBAO_APP_KEY_FILE") && err.contains(says), "{err}");
        assert!(!out.exists());
    }
}
