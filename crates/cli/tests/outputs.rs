//! What `-o` may name (links, pipes, folders, sockets), temporary files left by killed
//! writers, and shard folders written twice.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

mod common;

use common::run;
use shelfcheck_core::storage::shard::ShardIndex;
use std::path::Path;
use std::time::{Duration, SystemTime};

const DEMO: &str = "crates/core/demo/snapshot.json";

fn compile_to(out: &Path) -> (i32, String, String) {
    run(&["--locale", "en", "snapshot", "compile", DEMO, "-o", out.to_str().unwrap()], None)
}

#[cfg(unix)]
#[test]
fn output_through_a_link_writes_its_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.bin");
    std::fs::write(&real, b"old").unwrap();
    let link = dir.path().join("link.bin");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let (code, _, err) = compile_to(&link);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(shelfcheck_core::storage::binary::is_binary(&std::fs::read(&real).unwrap()));
}

#[cfg(unix)]
#[test]
fn output_to_a_pipe_is_written_through() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let (code, _, err) = compile_to(&fifo);
    assert_eq!(code, 0, "{err}");
    // Checked before joining: had the pipe been renamed over, the reader would wait forever.
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    let bytes = reader.join().unwrap();
    assert!(shelfcheck_core::storage::binary::decode(bytes).is_ok());
}

#[cfg(unix)]
#[test]
fn output_to_standard_output_reaches_it() {
    let (code, out, err) = run(&["--locale", "en", "snapshot", "shard", DEMO, "-o", "/dev/stdout"], None);
    // A folder of shards cannot go to a stream: refused, named as what it is.
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("cannot write /dev/stdout: it is not a folder"), "{err}");
    let bin = assert_cmd::cargo::cargo_bin!("shelfcheck");
    let output = std::process::Command::new(bin)
        .current_dir(common::root())
        .args(["snapshot", "compile", DEMO, "-o", "/dev/stdout"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(shelfcheck_core::storage::binary::is_binary(&output.stdout));
}

#[test]
fn output_onto_a_folder_is_refused_as_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = compile_to(dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("cannot write") && err.contains("it is a folder, not a file"), "{err}");
    assert!(!err.contains("cannot be read"), "{err}");
    assert!(dir.path().is_dir());
    let (_, _, err) = run(&["snapshot", "compile", DEMO, "-o", dir.path().to_str().unwrap()], None);
    assert!(err.contains("无法写入") && err.contains("这是一个目录"), "{err}");
    // The recording holds one rate-limited exchange: --allow-partial lets the import reach its output.
    let recording = "fixtures/cli/recordings/taobao.ndjson";
    let out = dir.path().to_str().unwrap();
    let (code, _, err) =
        run(&["--locale", "en", "snapshot", "import", "taobao", recording, "--allow-partial", "-o", out], None);
    assert_eq!(code, 2);
    assert!(err.contains("cannot write") && err.contains("it is a folder, not a file"), "{err}");
}

#[cfg(unix)]
#[test]
fn output_onto_a_socket_is_refused_untouched() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("sock");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let (code, _, err) = compile_to(&socket);
    assert_eq!(code, 2);
    assert!(err.contains("it is not a regular file, a pipe or a character device"), "{err}");
    assert!(std::fs::symlink_metadata(&socket).unwrap().file_type().is_socket());
}

#[test]
fn temporary_files_left_by_a_killed_writer_are_swept() {
    let dir = tempfile::tempdir().unwrap();
    let hour_ago = SystemTime::now() - Duration::from_secs(3700);
    let stale = dir.path().join(".shelfcheck-AbC123.tmp");
    let live = dir.path().join(".shelfcheck-XyZ789.tmp");
    let unrelated = dir.path().join(".other.tmp");
    for p in [&stale, &live, &unrelated] {
        std::fs::write(p, vec![0u8; 1 << 20]).unwrap();
    }
    for p in [&stale, &unrelated] {
        std::fs::File::options().write(true).open(p).unwrap().set_modified(hour_ago).unwrap();
    }
    let (code, _, err) = compile_to(&dir.path().join("demo.bin"));
    assert_eq!(code, 0, "{err}");
    assert!(!stale.exists(), "a stale temporary file of ours is removed");
    assert!(live.exists(), "one that may belong to a running writer is kept");
    assert!(unrelated.exists(), "files of other names are never touched");

    // Shards sweep their folder too.
    let shards = dir.path().join("shards");
    std::fs::create_dir(&shards).unwrap();
    let stale = shards.join(".shelfcheck-shard.tmp");
    std::fs::write(&stale, b"half").unwrap();
    std::fs::File::options().write(true).open(&stale).unwrap().set_modified(hour_ago).unwrap();
    assert_eq!(run(&["snapshot", "shard", DEMO, "-o", shards.to_str().unwrap()], None).0, 0);
    assert!(!stale.exists());
}

#[test]
fn sharding_into_a_used_folder_leaves_no_stale_shard() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shards");
    let out_s = out.to_str().unwrap();
    assert_eq!(run(&["snapshot", "shard", DEMO, "-o", out_s], None).0, 0);
    std::fs::write(out.join("README.txt"), b"kept").unwrap();

    // The same snapshot without leaf 50011111.
    let mut snapshot: serde_json::Value = serde_json::from_str(shelfcheck_core::demo::SNAPSHOT_JSON).unwrap();
    let gone = 50011111;
    snapshot["categories"].as_array_mut().unwrap().retain(|c| c["id"] != gone);
    for list in ["properties", "values"] {
        snapshot[list].as_array_mut().unwrap().retain(|x| x["category_id"] != gone);
    }
    if let Some(o) = snapshot.as_object_mut() {
        o.remove("hash");
    }
    let smaller = dir.path().join("smaller.json");
    std::fs::write(&smaller, snapshot.to_string()).unwrap();
    assert!(out.join(format!("{gone}.json")).exists());

    let (code, stdout, err) =
        run(&["--locale", "en", "snapshot", "shard", smaller.to_str().unwrap(), "-o", out_s], None);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("removed 1 shard(s) of the previous run"), "{stdout}");
    let index: ShardIndex = serde_json::from_slice(&std::fs::read(out.join("index.json")).unwrap()).unwrap();
    let mut listed: Vec<String> = index.shards.iter().map(|e| e.file.clone()).collect();
    listed.extend(["index.json".to_owned(), "README.txt".to_owned()]);
    listed.sort();
    let mut present: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    present.sort();
    assert_eq!(present, listed);
}
