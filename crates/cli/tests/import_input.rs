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
