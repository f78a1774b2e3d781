//! A writer killed at an arbitrary moment never leaves a torn snapshot: the file is always one
//! complete version. The test re-runs its own binary as the writer and kills it mid-loop.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use shelfcheck_fetch::write_atomic;

const CHILD_ENV: &str = "SHELFCHECK_KILL_TEST_TARGET";

/// Two complete versions, large enough that a write takes a while.
fn version(tag: u8) -> Vec<u8> {
    let mut v = vec![tag; 4 * 1024 * 1024];
    v.extend_from_slice(b"\nEND\n");
    v
}

fn writer_loop(target: &Path) -> ! {
    let (a, b) = (version(b'a'), version(b'b'));
    loop {
        write_atomic(target, &a).unwrap();
        write_atomic(target, &b).unwrap();
    }
}

#[test]
fn a_writer_killed_mid_write_leaves_a_complete_file() {
    if let Some(target) = std::env::var_os(CHILD_ENV) {
        writer_loop(Path::new(&target));
    }
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("taobao-all.snapshot.json");
    write_atomic(&target, &version(b'a')).unwrap();
    let exe = std::env::current_exe().unwrap();
    for delay_ms in [5u64, 23, 61, 97, 150] {
        let mut child = Command::new(&exe)
            .args(["--exact", "a_writer_killed_mid_write_leaves_a_complete_file", "--test-threads=1"])
            .env(CHILD_ENV, &target)
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().unwrap();
        child.wait().unwrap();
        let got = std::fs::read(&target).unwrap();
        assert!(got == version(b'a') || got == version(b'b'), "torn file after {delay_ms} ms ({} bytes)", got.len());
    }
    // Killed writers may leave their temporary files behind; they never replace the target.
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".tmp"))
        .count();
    eprintln!("{leftovers} temporary file(s) left by killed writers");
    assert!(leftovers <= 5);
}
