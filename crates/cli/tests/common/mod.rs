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

/// Runs `fetch PLATFORM` against a Taobao/Tmall gateway at `gateway` with a test app key and
/// `secret`, no session and no rate limit, then `args`. A walk that never ends fails the test
/// instead of hanging it.
pub fn fetch_top(platform: &str, gateway: &str, secret: &str, args: &[&str]) -> (i32, String, String) {
    let mut cmd = cargo_bin_cmd!("shelfcheck");
    cmd.current_dir(root())
        .env("SHELFCHECK_TAOBAO_APP_KEY", "12345678")
        .env("SHELFCHECK_TAOBAO_APP_SECRET", secret)
        .env_remove("SHELFCHECK_TAOBAO_SESSION")
        .env_remove("SHELFCHECK_LOCALE")
        .args(["fetch", platform, "--gateway", gateway, "--rps", "0", "--attempts", "2"])
        .args(args)
        .timeout(std::time::Duration::from_secs(60));
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
