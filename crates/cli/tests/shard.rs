//! `shelfcheck snapshot shard`: one file per leaf, an index, and shards that validate the
//! same way as the whole snapshot.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

mod common;

use common::{root, run};
use shelfcheck_core::model::snapshot::Status;
use shelfcheck_core::storage::shard::ShardIndex;
use shelfcheck_core::{Catalog, Listing, Snapshot, ValidateOptions};

#[test]
fn shards_validate_like_the_whole_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let (code, stdout, stderr) =
        run(&["--locale", "en", "snapshot", "shard", "crates/core/demo/snapshot.json", "-o", out], None);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("wrote 4 shards"), "{stdout}");

    let index: ShardIndex = serde_json::from_slice(&std::fs::read(dir.path().join("index.json")).unwrap()).unwrap();
    let whole = Catalog::compile(serde_json::from_str(shelfcheck_core::demo::SNAPSHOT_JSON).unwrap()).unwrap();
    // A listing with many kinds of mistake, so that equal reports mean something.
    let listing: Listing =
        serde_json::from_slice(&std::fs::read(root().join("examples/broken/tshirt-with-mistakes.json")).unwrap())
            .unwrap();
    let entry = index.shards.iter().find(|e| e.category_id == listing.category_id).unwrap();
    assert_eq!(entry.path, vec!["男装", "T恤"]);
    assert_eq!(entry.status, Status::Normal);
    // The picker leaves out deleted leaves; the index says which they are.
    let deleted: Vec<_> = index.shards.iter().filter(|e| e.status == Status::Deleted).map(|e| e.category_id).collect();
    assert_eq!(deleted, vec![50011112]);
    let shard: Snapshot = serde_json::from_slice(&std::fs::read(dir.path().join(&entry.file)).unwrap()).unwrap();
    let shard = Catalog::compile(shard).unwrap();
    assert_eq!(shard.hash(), entry.hash);
    let strip = |mut r: shelfcheck_core::Report| {
        r.snapshot_hash.clear();
        r
    };
    let o = ValidateOptions::default();
    assert_eq!(strip(shard.validate(&listing, &o)), strip(whole.validate(&listing, &o)));
}

#[test]
fn a_broken_snapshot_is_not_sharded() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"format":1,"platform":"taobao","categories":[{"id":1,"parent_id":9,"name":"a","leaf":true}]}"#,
    )
    .unwrap();
    let out = dir.path().join("out");
    let (code, _, stderr) =
        run(&["--locale", "en", "snapshot", "shard", bad.to_str().unwrap(), "-o", out.to_str().unwrap()], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("parent `9`"), "{stderr}");
    assert!(!out.exists());
}
