//! Whole fetches against a local gateway: a small tree whose leaves answer with genuine
//! recorded bodies; the cache keeps the previous snapshot byte for byte when a refresh fails
//! halfway.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

mod support;

use std::time::Duration;

use serde_json::json;
use shelfcheck_core::Catalog;
use shelfcheck_fetch::{CacheError, Origin, ProgressEvent, SnapshotCache, Stage};
use shelfcheck_taobao::{cache_key, fetch, import_exchanges, refresh, snapshot_bytes, FetchError, FetchOptions, Scope};
use support::*;
use wiremock::{MockServer, ResponseTemplate};

const LEAVES: [i64; 2] = [50010399, 162702];

/// The tree: 16 (parent) → the two recorded leaves. Category answers follow the SDK's field
/// names; leaf answers are the genuine recorded bodies.
async fn gateway(failing_leaf: Option<i64>) -> MockServer {
    let server = MockServer::start().await;
    let top = json!({"itemcats_get_response": {"item_cats": {"item_cat": [
        {"cid": 16, "parent_cid": 0, "name": "女装/女士精品", "is_parent": true, "status": "normal", "sort_order": 1,
         "features": {"feature": [{"attr_key": "udsaleprop", "attr_value": "1"}]}}
    ]}, "request_id": "t1"}});
    let children = json!({"itemcats_get_response": {"item_cats": {"item_cat": [
        {"cid": LEAVES[0], "parent_cid": 16, "name": "叶子类目一", "is_parent": false, "status": "normal", "sort_order": 1},
        {"cid": LEAVES[1], "parent_cid": 16, "name": "叶子类目二", "is_parent": false, "status": "normal", "sort_order": 2,
         "features": {"feature": [{"attr_key": "freeze", "attr_value": "0,5"}]}}
    ]}, "request_id": "t2"}});
    call("taobao.itemcats.get", "parent_cid=0&").respond_with(json_reply(top.to_string())).mount(&server).await;
    call("taobao.itemcats.get", "parent_cid=16&").respond_with(json_reply(children.to_string())).mount(&server).await;
    for cid in LEAVES {
        let (props, values) = real_bodies(cid);
        let param = format!("cid={cid}&");
        if failing_leaf == Some(cid) {
            call("taobao.itemprops.get", &param)
                .respond_with(ResponseTemplate::new(500).set_body_string("upstream failure"))
                .mount(&server)
                .await;
        } else {
            call("taobao.itemprops.get", &param).respond_with(json_reply(props)).mount(&server).await;
        }
        call("taobao.itempropvalues.get", &param).respond_with(json_reply(values)).mount(&server).await;
    }
    server
}

#[tokio::test]
async fn a_full_fetch_builds_the_same_snapshot_as_its_recording() {
    let server = gateway(None).await;
    let h = client(&server.uri());
    let report = fetch(&h.client, &FetchOptions::default()).await.unwrap();
    assert!(report.is_complete());
    let snap = &report.snapshot;
    assert_eq!(snap.categories.len(), 3);
    assert!(snap.categories.iter().any(|c| c.id == 162702 && c.publish_frozen));
    assert!(snap.categories.iter().any(|c| c.id == 16 && c.custom_sale_props && !c.leaf));
    assert!(snap.built_at.is_some());
    Catalog::compile(snap.clone()).unwrap();

    // The recording rebuilds it byte for byte, and reading it back from NDJSON changes nothing.
    let mut ndjson = Vec::new();
    shelfcheck_fetch::write_exchanges(&mut ndjson, &h.recorder.exchanges()).unwrap();
    assert_no_secret(std::str::from_utf8(&ndjson).unwrap());
    let exchanges = shelfcheck_fetch::read_exchanges(ndjson.as_slice()).unwrap();
    assert_eq!(exchanges.len(), report.calls);
    let (again, _) = import_exchanges(&exchanges, &report.import_options).unwrap();
    assert_eq!(snapshot_bytes(&again), snapshot_bytes(snap));

    let events = h.events.all();
    assert!(events.contains(&ProgressEvent::StageStarted {
        platform: "taobao".into(),
        stage: Stage::Properties,
        total: Some(2)
    }));
    let advanced =
        events.iter().filter(|e| matches!(e, ProgressEvent::Advanced { stage: Stage::Properties, .. })).count();
    assert_eq!(advanced, 2);
}

#[tokio::test]
async fn a_refresh_failing_halfway_keeps_the_previous_snapshot_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let cache = SnapshotCache::new(dir.path()).with_ttl(Duration::from_secs(3600));
    let options = FetchOptions::default();

    let good = gateway(None).await;
    let first = refresh(&client(&good.uri()).client, &options, &cache, false).await.unwrap();
    assert_eq!(first.origin, Origin::Refreshed);
    let path = cache.dir().join(format!("{}.snapshot.json", cache_key(&options)));
    let before = std::fs::read(&path).unwrap();
    assert_eq!(before, first.bytes);

    // Fresh: served from the cache without a single call.
    let silent = MockServer::start().await;
    let cached = refresh(&client(&silent.uri()).client, &options, &cache, false).await.unwrap();
    assert_eq!(cached.origin, Origin::Cache);
    assert!(silent.received_requests().await.unwrap().is_empty());

    // The second leaf fails for good: a non-strict fetch is partial, a strict one fails.
    let broken = gateway(Some(LEAVES[1])).await;
    for strict in [false, true] {
        let opts = FetchOptions { strict, ..FetchOptions::default() };
        let err = refresh(&client(&broken.uri()).client, &opts, &cache, true).await.unwrap_err();
        match &err {
            CacheError::Refresh { source, kept_previous: true } => {
                let text = source.to_string();
                assert!(text.contains("162702"), "{text}");
                if strict {
                    assert!(matches!(source, FetchError::Call(_)), "{source:?}");
                } else {
                    assert!(matches!(source, FetchError::Incomplete { skipped, .. } if skipped.len() == 1));
                }
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(err.message(shelfcheck_fetch::Locale::ZhCn).contains("已保留之前的快照"));
        assert_eq!(std::fs::read(&path).unwrap(), before, "previous snapshot must be intact");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary files left behind");
    }
}

#[tokio::test]
async fn subtree_and_leaf_scopes() {
    let server = gateway(None).await;
    let cat16 = json!({"item_cat_get_response": {"item_cat":
        {"cid": 16, "parent_cid": 0, "name": "女装/女士精品", "is_parent": true, "status": "normal"}}});
    call("taobao.item.cat.get", "cid=16&").respond_with(json_reply(cat16.to_string())).mount(&server).await;
    let leaves = json!({"itemcats_get_response": {"item_cats": {"item_cat": [
        {"cid": LEAVES[0], "parent_cid": 16, "name": "叶子类目一", "is_parent": false, "status": "normal"}]}}});
    call("taobao.itemcats.get", "cids=50010399&").respond_with(json_reply(leaves.to_string())).mount(&server).await;

    let h = client(&server.uri());
    let sub = fetch(&h.client, &FetchOptions { scope: Scope::Subtree(16), ..FetchOptions::default() }).await.unwrap();
    assert_eq!(sub.snapshot.categories.len(), 3);
    Catalog::compile(sub.snapshot).unwrap();

    let only = fetch(&h.client, &FetchOptions { scope: Scope::Leaves(vec![LEAVES[0]]), ..FetchOptions::default() })
        .await
        .unwrap();
    // The leaf's parent was not fetched: it is described as top level so the snapshot compiles.
    assert_eq!(only.snapshot.categories.len(), 1);
    assert_eq!(only.summary.reparented, vec![LEAVES[0]]);
    Catalog::compile(only.snapshot).unwrap();
}
