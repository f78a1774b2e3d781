//! Whole fetches against a hostile local gateway on 127.0.0.1: a category tree with cycles,
//! answers that do not make a compilable snapshot, leaves whose answers fail, a gateway
//! echoing the credentials. Leaf answers are genuine recorded bodies.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

mod support;

use std::time::Duration;

use serde_json::{json, Value};
use shelfcheck_fetch::{CacheError, Locale, Localized, SnapshotCache};
use shelfcheck_taobao::{cache_key, fetch, refresh, FetchError, FetchOptions, FetchReport};
use support::*;
use wiremock::{MockServer, ResponseTemplate};

const LEAF: i64 = 50010399;

fn cat(cid: i64, parent: i64, is_parent: bool) -> Value {
    json!({"cid": cid, "parent_cid": parent, "name": format!("类目{cid}"), "is_parent": is_parent, "status": "normal"})
}

/// Answers `itemcats.get` of each parent with the given children, and the leaf's property and
/// value calls with its genuine recorded bodies.
async fn gateway(tree: &[(i64, Vec<Value>)]) -> MockServer {
    let server = MockServer::start().await;
    for (parent, children) in tree {
        let body = json!({"itemcats_get_response": {"item_cats": {"item_cat": children}}});
        call("taobao.itemcats.get", &format!("parent_cid={parent}&"))
            .respond_with(json_reply(body.to_string()))
            .mount(&server)
            .await;
    }
    let (props, values) = real_bodies(LEAF);
    call("taobao.itemprops.get", &format!("cid={LEAF}&")).respond_with(json_reply(props)).mount(&server).await;
    call("taobao.itempropvalues.get", &format!("cid={LEAF}&")).respond_with(json_reply(values)).mount(&server).await;
    server
}

/// A fetch that must end: a walk that never does fails the test instead of hanging it.
async fn bounded_fetch(server: &MockServer, options: &FetchOptions) -> Result<FetchReport, FetchError> {
    let h = client(&server.uri());
    tokio::time::timeout(Duration::from_secs(20), fetch(&h.client, options)).await.expect("the walk did not end")
}

async fn category_calls(server: &MockServer) -> usize {
    let requests = server.received_requests().await.unwrap();
    requests.iter().filter(|r| String::from_utf8_lossy(&r.body).contains("method=taobao.itemcats.get")).count()
}

#[tokio::test]
async fn a_category_that_is_its_own_ancestor_is_visited_once_and_reported() {
    // 16 → 17 → 18 → 16 (listed again with its own parent, so the snapshot still compiles).
    let server = gateway(&[
        (0, vec![cat(16, 0, true)]),
        (16, vec![cat(17, 16, true)]),
        (17, vec![cat(18, 17, true), cat(LEAF, 17, false)]),
        (18, vec![cat(16, 0, true)]),
    ])
    .await;
    let report = bounded_fetch(&server, &FetchOptions::default()).await.unwrap();
    assert_eq!(category_calls(&server).await, 4, "one itemcats.get per category");
    assert!(!report.is_complete());
    assert_eq!(report.repeats.len(), 1);
    assert_eq!(report.repeats[0].cycle, vec![16, 17, 18, 16]);
    assert!(report.repeats[0]
        .message(Locale::ZhCn)
        .contains("类目树有环: 类目16 (16) → 类目17 (17) → 类目18 (18) → 类目16 (16)"));
    assert_eq!(report.snapshot.categories.len(), 4);

    // Such a tree never refreshes a cache: the error says why.
    let dir = tempfile::tempdir().unwrap();
    let cache = SnapshotCache::new(dir.path());
    let err = refresh(&client(&server.uri()).client, &FetchOptions::default(), &cache, false).await.unwrap_err();
    let en = err.message(Locale::En);
    assert!(
        en.contains("fetch incomplete: 1 category listed more than once (first: the category tree has a cycle"),
        "{en}"
    );
    assert!(err.message(Locale::ZhCn).contains("抓取不完整:1 个类目重复出现"), "{}", err.message(Locale::ZhCn));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[tokio::test]
async fn a_category_listed_twice_as_its_own_child_does_not_double_the_frontier() {
    // Each answer lists 16 twice under itself: before, the frontier doubled at every level.
    let server =
        gateway(&[(0, vec![cat(16, 0, true)]), (16, vec![cat(16, 0, true), cat(16, 0, true), cat(LEAF, 16, false)])])
            .await;
    let report = bounded_fetch(&server, &FetchOptions::default()).await.unwrap();
    assert_eq!(category_calls(&server).await, 2);
    assert_eq!(report.repeats.len(), 2);
    assert!(report.repeats.iter().all(|r| r.cycle == vec![16, 16]));
    let leaf = report.snapshot.categories.iter().find(|c| c.id == LEAF).unwrap();
    assert!(leaf.leaf && !leaf.incomplete);
}

#[tokio::test]
async fn a_cached_snapshot_survives_answers_that_do_not_compile_and_the_problems_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let cache = SnapshotCache::new(dir.path()).with_ttl(Duration::from_secs(3600));
    let options = FetchOptions::default();
    let good = gateway(&[(0, vec![cat(16, 0, true)]), (16, vec![cat(LEAF, 16, false)])]).await;
    refresh(&client(&good.uri()).client, &options, &cache, false).await.unwrap();
    let file = cache.dir().join(format!("{}.snapshot.json", cache_key(&options)));
    let before = std::fs::read(&file).unwrap();

    // Two categories naming each other as parents, and a property depending on a property
    // the category does not have.
    let (props, _) = real_bodies(LEAF);
    let mut props: Value = serde_json::from_str(&props).unwrap();
    props["itemprops_get_response"]["item_props"]["item_prop"][0]["parent_pid"] = json!(99999);
    props["itemprops_get_response"]["item_props"]["item_prop"][0]["parent_vid"] = json!(1);
    let bad = MockServer::start().await;
    let tree = [(0, vec![cat(16, 0, true)]), (16, vec![cat(LEAF, 16, false), cat(20, 21, true), cat(21, 20, true)])];
    for (parent, children) in &tree {
        let body = json!({"itemcats_get_response": {"item_cats": {"item_cat": children}}});
        call("taobao.itemcats.get", &format!("parent_cid={parent}&"))
            .respond_with(json_reply(body.to_string()))
            .mount(&bad)
            .await;
    }
    for parent in [20, 21] {
        let empty = json!({"itemcats_get_response": {}});
        call("taobao.itemcats.get", &format!("parent_cid={parent}&"))
            .respond_with(json_reply(empty.to_string()))
            .mount(&bad)
            .await;
    }
    let (_, values) = real_bodies(LEAF);
    call("taobao.itemprops.get", "cid=").respond_with(json_reply(props.to_string())).mount(&bad).await;
    call("taobao.itempropvalues.get", "cid=").respond_with(json_reply(values)).mount(&bad).await;

    let err = refresh(&client(&bad.uri()).client, &options, &cache, true).await.unwrap_err();
    let CacheError::Refresh { source: FetchError::Integrity(e), kept_previous: true } = &err else { panic!("{err:?}") };
    assert_eq!(e.problems.len(), 2, "{e}");
    let en = err.message(Locale::En);
    assert!(en.contains("20") && en.contains("21") && en.contains("99999"), "{en}");
    assert!(err.message(Locale::ZhCn).contains("完整性问题"), "{}", err.message(Locale::ZhCn));
    assert_eq!(std::fs::read(&file).unwrap(), before, "the previous snapshot must stay byte for byte");
}

#[tokio::test]
async fn a_leaf_whose_answers_failed_is_marked_incomplete() {
    for failing in ["taobao.itemprops.get", "taobao.itempropvalues.get"] {
        let server = MockServer::start().await;
        let body =
            |children: Vec<Value>| json!({"itemcats_get_response": {"item_cats": {"item_cat": children}}}).to_string();
        call("taobao.itemcats.get", "parent_cid=0&")
            .respond_with(json_reply(body(vec![cat(16, 0, true)])))
            .mount(&server)
            .await;
        call("taobao.itemcats.get", "parent_cid=16&")
            .respond_with(json_reply(body(vec![cat(LEAF, 16, false), cat(162702, 16, false)])))
            .mount(&server)
            .await;
        for cid in [LEAF, 162702] {
            let (props, values) = real_bodies(cid);
            let fail = |api: &str| cid == LEAF && api == failing;
            for (api, ok) in [("taobao.itemprops.get", props), ("taobao.itempropvalues.get", values)] {
                let reply = if fail(api) { ResponseTemplate::new(500) } else { json_reply(ok) };
                call(api, &format!("cid={cid}&")).respond_with(reply).mount(&server).await;
            }
        }
        let report = bounded_fetch(&server, &FetchOptions::default()).await.unwrap();
        assert_eq!(report.skipped.len(), 1, "{failing}");
        let marked: Vec<i64> = report.snapshot.categories.iter().filter(|c| c.incomplete).map(|c| c.id).collect();
        assert_eq!(marked, vec![LEAF], "{failing}");
        // The mark is part of the content: the hash covers it.
        assert_eq!(report.snapshot.hash.as_deref(), Some(report.snapshot.content_hash().as_str()));
    }
}

#[tokio::test]
async fn credentials_echoed_by_the_gateway_are_masked() {
    let server = MockServer::start().await;
    let echo = json!({"error_response": {"code": 27, "msg": "Invalid session",
        "sub_code": "invalid-sessionkey", "sub_msg": format!("session {SESSION} is not valid for app secret {APP_SECRET}")}});
    call("taobao.itemcats.get", "parent_cid=0&").respond_with(json_reply(echo.to_string())).mount(&server).await;
    let h = client(&server.uri());
    let err = fetch(&h.client, &FetchOptions { strict: true, ..FetchOptions::default() }).await.unwrap_err();
    let mut texts = vec![err.to_string(), format!("{err:?}"), err.message(Locale::ZhCn), err.message(Locale::En)];
    let mut ndjson = Vec::new();
    shelfcheck_fetch::write_exchanges(&mut ndjson, &h.recorder.exchanges()).unwrap();
    texts.push(String::from_utf8(ndjson).unwrap());
    for text in &texts {
        assert_no_secret(text);
    }
    assert!(texts[0].contains("session *** is not valid for app secret ***"), "{}", texts[0]);
}

#[tokio::test]
async fn a_fresh_cached_file_that_does_not_load_is_fetched_again() {
    let dir = tempfile::tempdir().unwrap();
    let cache = SnapshotCache::new(dir.path()).with_ttl(Duration::from_secs(3600));
    let options = FetchOptions::default();
    let server = gateway(&[(0, vec![cat(16, 0, true)]), (16, vec![cat(LEAF, 16, false)])]).await;
    let first = refresh(&client(&server.uri()).client, &options, &cache, false).await.unwrap();
    std::fs::write(&first.path, &first.bytes[..first.bytes.len() / 2]).unwrap();
    let again = refresh(&client(&server.uri()).client, &options, &cache, false).await.unwrap();
    assert_eq!(again.origin, shelfcheck_fetch::Origin::Refreshed);
    assert_eq!(std::fs::read(&first.path).unwrap(), again.bytes);
}
