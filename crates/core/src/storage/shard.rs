//! Per-category shards of a snapshot, so a browser loads only the category being edited.
//!
//! A shard is an ordinary snapshot (same format, compiled and validated the same way) that
//! holds one leaf category with its ancestors (for the path and the seller-scope checks, which
//! look up the tree), that leaf's properties and values, the platform limits and the seller
//! scope. The index lists every leaf with its path, its status and the shard's file name and
//! hash: enough for a category picker without loading any shard.
//!
//! Pure: the caller writes the files.

use crate::model::ids::Id;
use crate::model::snapshot::{Category, Platform, Snapshot, Status};
use rustc_hash::FxHashMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The index format version.
pub const INDEX_FORMAT: u32 = 1;

/// The list of shards of one snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ShardIndex {
    /// Version of the index format ([`INDEX_FORMAT`]).
    pub format: u32,
    /// The platform of the snapshot.
    pub platform: Platform,
    /// Content hash of the whole snapshot the shards were cut from.
    pub snapshot_hash: String,
    /// One entry per leaf category, in snapshot order.
    pub shards: Vec<ShardEntry>,
}

/// One shard in the index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ShardEntry {
    /// The leaf category.
    pub category_id: Id,
    /// Category names from the top level down to the leaf.
    pub path: Vec<String>,
    /// English names where the snapshot has them, else the Chinese ones.
    pub path_en: Vec<String>,
    /// The leaf's status, so a picker can leave out deleted categories (absent in indexes
    /// written before it was added: read as `normal`).
    #[serde(default)]
    pub status: Status,
    /// File name of the shard, relative to the index.
    pub file: String,
    /// Content hash of the shard (what its reports echo).
    pub hash: String,
}

/// One leaf category's shard.
#[derive(Debug, Clone, PartialEq)]
pub struct Shard {
    /// The leaf category.
    pub category_id: Id,
    /// File name of the shard, as the index lists it.
    pub file: String,
    /// The shard: a snapshot of the one category and its ancestors.
    pub snapshot: Snapshot,
}

/// Cuts `snapshot` into one sealed shard per leaf category and an index of them.
///
/// Linear in the size of the snapshot plus, per leaf, the depth of its path.
pub fn shard(snapshot: &Snapshot) -> (ShardIndex, Vec<Shard>) {
    let by_id: FxHashMap<Id, &Category> = snapshot.categories.iter().map(|c| (c.id, c)).collect();
    let mut props: FxHashMap<Id, Vec<usize>> = FxHashMap::default();
    for (i, p) in snapshot.properties.iter().enumerate() {
        props.entry(p.category_id).or_default().push(i);
    }
    let mut values: FxHashMap<Id, Vec<usize>> = FxHashMap::default();
    for (i, v) in snapshot.values.iter().enumerate() {
        values.entry(v.category_id).or_default().push(i);
    }

    let mut shards = Vec::new();
    let mut entries = Vec::new();
    for leaf in snapshot.categories.iter().filter(|c| c.leaf) {
        // Ancestors first; the walk is bounded by the number of categories, so a cyclic
        // (invalid) snapshot cannot loop.
        let mut chain = vec![leaf];
        let mut cur = leaf.parent_id.filter(|&p| p != 0);
        while let Some(id) = cur {
            let Some(c) = by_id.get(&id) else { break };
            if chain.len() > snapshot.categories.len() || chain.iter().any(|x| x.id == c.id) {
                break;
            }
            chain.push(c);
            cur = c.parent_id.filter(|&p| p != 0);
        }
        chain.reverse();

        let take = |idx: Option<&Vec<usize>>| idx.map(Vec::as_slice).unwrap_or(&[]).to_vec();
        let mut part = Snapshot {
            format: snapshot.format,
            platform: snapshot.platform,
            built_at: snapshot.built_at.clone(),
            source: snapshot.source.clone(),
            hash: None,
            limits: snapshot.limits.clone(),
            categories: chain.iter().map(|c| (*c).clone()).collect(),
            properties: take(props.get(&leaf.id))
                .into_iter()
                .filter_map(|i| snapshot.properties.get(i).cloned())
                .collect(),
            values: take(values.get(&leaf.id)).into_iter().filter_map(|i| snapshot.values.get(i).cloned()).collect(),
            seller: snapshot.seller.clone(),
        };
        part.seal();
        let file = format!("{}.json", leaf.id);
        entries.push(ShardEntry {
            category_id: leaf.id,
            path: chain.iter().map(|c| c.name.clone()).collect(),
            path_en: chain.iter().map(|c| c.name_en.clone().unwrap_or_else(|| c.name.clone())).collect(),
            status: leaf.status,
            file: file.clone(),
            hash: part.hash.clone().unwrap_or_default(),
        });
        shards.push(Shard { category_id: leaf.id, file, snapshot: part });
    }
    let index = ShardIndex {
        format: INDEX_FORMAT,
        platform: snapshot.platform,
        snapshot_hash: snapshot.content_hash(),
        shards: entries,
    };
    (index, shards)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;
    use crate::{Catalog, Listing, ValidateOptions};

    fn snapshot() -> Snapshot {
        serde_json::from_str(
            r#"{"format":1,"platform":"taobao","categories":[
                {"id":1,"name":"服装","name_en":"Clothing","leaf":false},
                {"id":2,"parent_id":1,"name":"T恤","leaf":true},
                {"id":3,"parent_id":1,"name":"衬衫","leaf":true,"status":"deleted"}],
              "properties":[
                {"category_id":2,"pid":20000,"name":"品牌","must":true},
                {"category_id":3,"pid":20000,"name":"品牌"},
                {"category_id":3,"pid":1627207,"name":"颜色分类","sale":true,"multi":true}],
              "values":[
                {"category_id":2,"pid":20000,"vid":1,"name":"优衣库"},
                {"category_id":3,"pid":20000,"vid":1,"name":"优衣库"},
                {"category_id":3,"pid":1627207,"vid":28320,"name":"白色"}]}"#,
        )
        .unwrap()
    }

    #[test]
    fn one_shard_per_leaf_with_its_path_and_metadata_only() {
        let (index, shards) = shard(&snapshot());
        assert_eq!(index.shards.len(), 2);
        assert_eq!(index.shards[0].path, vec!["服装", "T恤"]);
        assert_eq!(index.shards[0].path_en, vec!["Clothing", "T恤"]);
        assert_eq!(index.shards[0].status, Status::Normal);
        assert_eq!(index.shards[1].status, Status::Deleted);
        assert_eq!(index.shards[1].file, "3.json");
        let s = &shards[1].snapshot;
        assert_eq!(s.categories.iter().map(|c| c.id).collect::<Vec<_>>(), vec![1, 3]);
        assert_eq!(s.properties.len(), 2);
        assert_eq!(s.values.len(), 2);
        assert!(s.properties.iter().all(|p| p.category_id == 3));
        assert_eq!(s.hash.as_deref(), Some(index.shards[1].hash.as_str()));
    }

    #[test]
    fn a_shard_keeps_child_templates_and_features() {
        let mut whole = snapshot();
        whole.properties[0].child_template = Some("系列;型号".into());
        whole.properties[0].features.insert("k".into(), "v".into());
        whole.values[0].features.insert("vk".into(), "vv".into());
        let (_, shards) = shard(&whole);
        let s = &shards[0].snapshot;
        assert_eq!(s.properties[0].child_template.as_deref(), Some("系列;型号"));
        assert_eq!(s.properties[0].features["k"], "v");
        assert_eq!(s.values[0].features["vk"], "vv");
        // What a shard is written as reads back the same.
        let back: Snapshot = serde_json::from_str(&serde_json::to_string(s).unwrap()).unwrap();
        assert_eq!(&back, s);
    }

    #[test]
    fn an_index_without_statuses_reads_them_as_normal() {
        let index: ShardIndex = serde_json::from_str(
            r#"{"format":1,"platform":"taobao","snapshot_hash":"sha256:00","shards":[
                {"category_id":2,"path":["服装","T恤"],"path_en":["Clothing","T恤"],"file":"2.json","hash":"sha256:01"}]}"#,
        )
        .unwrap();
        assert_eq!(index.shards[0].status, Status::Normal);
    }

    #[test]
    fn a_shard_validates_like_the_whole_snapshot() {
        let whole = Catalog::compile(snapshot()).unwrap();
        let (_, shards) = shard(&snapshot());
        let part = Catalog::compile(shards[0].snapshot.clone()).unwrap();
        let listing: Listing = serde_json::from_str(r#"{"category_id":2,"title":"T恤","props":[]}"#).unwrap();
        let opts = ValidateOptions::default();
        let (a, b) = (whole.validate(&listing, &opts), part.validate(&listing, &opts));
        assert_eq!(a.issues, b.issues);
        assert_eq!(a.valid, b.valid);
        assert_ne!(a.snapshot_hash, b.snapshot_hash);
    }
}
