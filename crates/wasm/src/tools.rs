//! What the package's `shelfcheck` command (pkg/bin/) needs besides a `Catalog`: checking a
//! snapshot, cutting it into shards, and loading a binary snapshot. Only the Node build has
//! them (feature `node-tools`): the browser module has a download budget, and this is
//! command-line work. The answers are what the CLI computes for the same input, from the same
//! core functions; the command only adds the file names and writes the files.

use crate::api::{parse, to_json, ApiError, ErrorCode, Input};
use shelfcheck_core::catalog::check::SnapshotCheck;
use shelfcheck_core::{Catalog, Locale, Snapshot};

/// What `snapshot check --format json` prints, without the file name (the caller's): the
/// core's check, as the CLI computes it; an error only when the text is not a snapshot at all.
pub fn check(snapshot_json: &str, locale: Locale) -> Result<SnapshotCheck, ApiError> {
    let snapshot: Snapshot = parse(Input::Snapshot, snapshot_json)?;
    Ok(shelfcheck_core::catalog::check::check(snapshot, locale))
}

/// The files `snapshot shard` writes: the index (pretty JSON, as the CLI writes it) and one
/// `(file name, compact JSON)` per leaf category. A snapshot that does not compile is refused
/// with every problem named, as broken shards would follow from it.
pub fn shard(snapshot_json: &str) -> Result<(String, Vec<(String, String)>), ApiError> {
    let snapshot: Snapshot = parse(Input::Snapshot, snapshot_json)?;
    Catalog::compile(snapshot.clone())
        .map_err(|e| ApiError::new(ErrorCode::SnapshotBroken, e.message(Locale::ZhCn), e.message(Locale::En)))?;
    let (index, shards) = shelfcheck_core::storage::shard::shard(&snapshot);
    let internal = |e: serde_json::Error| ApiError::internal(&e);
    let index = serde_json::to_string_pretty(&index).map_err(internal)?;
    let files = shards
        .into_iter()
        .map(|s| Ok((s.file, serde_json::to_string(&s.snapshot).map_err(internal)?)))
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok((index, files))
}

/// [`check`] as JSON text (ASCII, see [`crate::api::AsciiJson`]).
pub fn check_json(snapshot_json: &str, locale: Locale) -> Result<String, ApiError> {
    to_json(&check(snapshot_json, locale)?)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]
    use super::*;

    #[test]
    fn check_counts_the_demo_and_names_every_problem_of_a_broken_one() {
        let demo = check(shelfcheck_core::demo::SNAPSHOT_JSON, Locale::En).unwrap();
        assert!(demo.valid);
        assert!(demo.leaves > 0 && demo.categories >= demo.leaves);
        assert!(demo.hash.starts_with("sha256:"));
        let mut broken: serde_json::Value = serde_json::from_str(shelfcheck_core::demo::SNAPSHOT_JSON).unwrap();
        broken["categories"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({"id": 7, "parent_id": 999, "name": "孤儿", "leaf": true}));
        let r = check(&broken.to_string(), Locale::En).unwrap();
        assert!(!r.valid);
        assert_eq!(r.problems.len(), 1);
        assert!(r.problems[0].message.contains("999"), "{}", r.problems[0].message);
        let json: serde_json::Value =
            serde_json::from_str(&check_json(&broken.to_string(), Locale::En).unwrap()).unwrap();
        assert_eq!(json["problems"][0]["kind"], "missing_parent");
        assert_eq!(check("{", Locale::En).unwrap_err().code, "SNAPSHOT_INVALID");
    }

    #[test]
    fn check_json_lists_incomplete_and_unsatisfiable_categories_as_the_cli_does() {
        let text = include_str!("../../../fixtures/snapshots/taobao-rate-limited.json");
        let json: serde_json::Value = serde_json::from_str(&check_json(text, Locale::ZhCn).unwrap()).unwrap();
        assert_eq!(json["incomplete"], serde_json::json!([50012027, 125038018]));
        assert_eq!(
            json["unsatisfiable"],
            serde_json::json!([{"category_id": 125038018, "category": "125038018", "pid": 6939376, "prop": "包装方式", "incomplete": true}])
        );
    }

    #[test]
    fn shards_are_the_cores_one_per_leaf_and_a_broken_snapshot_gives_none() {
        let (index, files) = shard(shelfcheck_core::demo::SNAPSHOT_JSON).unwrap();
        let index: shelfcheck_core::storage::shard::ShardIndex = serde_json::from_str(&index).unwrap();
        assert_eq!(index.shards.len(), files.len());
        for (entry, (file, text)) in index.shards.iter().zip(&files) {
            assert_eq!(&entry.file, file);
            let api = crate::api::Api::new(text).unwrap();
            assert_eq!(api.hash(), entry.hash);
        }
        let mut broken: serde_json::Value = serde_json::from_str(shelfcheck_core::demo::SNAPSHOT_JSON).unwrap();
        broken["categories"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({"id": 7, "parent_id": 999, "name": "孤儿", "leaf": true}));
        assert_eq!(shard(&broken.to_string()).unwrap_err().code, "SNAPSHOT_BROKEN");
    }
}
