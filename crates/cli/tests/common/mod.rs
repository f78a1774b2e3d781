//! Helpers shared by the CLI test files.

#![allow(dead_code, reason = "each test binary uses part of it")]

use assert_cmd::cargo::cargo_bin_cmd;
use std::path::PathBuf;

/// The workspace root: sources in the output read `fixtures/cli/...` whatever the test's cwd.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs the binary from the workspace root with a clean environment for the settings it reads.
pub fn run(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut cmd = cargo_bin_cmd!("shelfcheck");
    cmd.current_dir(root()).env_remove("SHELFCHECK_LOCALE").env_remove("NO_COLOR").args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    let out = cmd.output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// Exit code and both streams, as one snapshot. Snapshot hashes are redacted: they change
/// whenever the demo snapshot gains a value, which says nothing about the CLI.
pub fn transcript(args: &[&str], stdin: Option<&str>) -> String {
    let (code, out, err) = run(args, stdin);
    redact_hashes(&format!("$ shelfcheck {}\nexit: {code}\n--- stdout\n{out}--- stderr\n{err}", args.join(" ")))
}

pub fn redact_hashes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("sha256:") {
        out.push_str(&rest[..i + 7]);
        rest = &rest[i + 7..];
        let hex = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
        if hex == 64 {
            out.push_str("[hash]");
            rest = &rest[hex..];
        }
    }
    out.push_str(rest);
    out
}
