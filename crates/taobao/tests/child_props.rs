//! Child properties fetched through `child_path` from a local gateway on 127.0.0.1 serving the
//! real recorded XML answers of `fixtures/recordings/taobao-child-props/` (TOP v1, 2009, laptop
//! category 1101): the first-level answer holds 品牌 with 36 values marked `is_parent`, and every
//! `child_path` call is answered with the recorded answer listing the series and models under
//! every brand (625 child properties, each stating its parent).
//!
//! The category's `itemcats.get` entry and the empty values answer are written here: no real
//! answer of those calls for 1101 was recorded. Fault answers (a cycle) are written here too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

mod support;

use std::path::PathBuf;

use serde_json::json;
use shelfcheck_core::{Catalog, Listing, Snapshot, ValidateOptions};
use shelfcheck_fetch::{CacheError, FailureKind, Locale, SnapshotCache};
use shelfcheck_taobao::model::ItemPropsBody;
use shelfcheck_taobao::{
    cache_key, decode, fetch, import_texts, refresh, snapshot_bytes, ChildLimits, ChildProblem, FetchOptions,
    FetchReport, ImportOptions, Scope, TaobaoError,
};
use support::*;
use wiremock::{MockServer, ResponseTemplate};

const CID: i64 = 1101;
const BRAND: i64 = 20000;
const ASUS: i64 = 33546;
const THINKPAD: i64 = 21642;
/// 华硕系列配置, under 品牌 = 华硕/ASUS.
const ASUS_SERIES: i64 = 33164;

fn recordings() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/recordings/taobao-child-props")
}

fn recorded(name: &str) -> String {
    std::fs::read_to_string(recordings().join(name)).unwrap()
}

fn brand_values() -> String {
    recorded("taobao.itemprops.get__v1-2009__brand-values-is_parent.xml")
}

fn brand_children() -> String {
    recorded("taobao.itemprops.get__v1-2009__laptop-brand-series-children.xml")
}

fn xml(body: impl Into<String>) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.into(), "text/xml;charset=utf-8")
}

/// `child_path=…&` as the signed form carries it.
fn child_path(path: &str) -> String {
    format!("child_path={}&", path.replace(':', "%3A").replace(';', "%3B"))
}

/// A gateway with the category entry, the real first-level answer and an empty values answer;
/// the child calls are left to each test.
async fn gateway() -> MockServer {
    let server = MockServer::start().await;
    let cat = json!({"itemcats_get_response": {"item_cats": {"item_cat": [
        {"cid": CID, "parent_cid": 0, "name": "笔记本电脑", "is_parent": false, "status": "normal"}]}}});
    call("taobao.itemcats.get", "cids=1101&").respond_with(json_reply(cat.to_string())).mount(&server).await;
    call("taobao.itemprops.get", "cid=1101&").respond_with(xml(brand_values())).with_priority(5).mount(&server).await;
    call("taobao.itempropvalues.get", "cid=1101&")
        .respond_with(json_reply(r#"{"itempropvalues_get_response":{}}"#))
        .with_priority(5)
        .mount(&server)
        .await;
    server
}

/// [`gateway`] answering every child call with the real recorded children of the laptop brands.
async fn laptop_gateway() -> MockServer {
    let server = gateway().await;
    call("taobao.itemprops.get", "child_path=")
        .respond_with(xml(brand_children()))
        .with_priority(1)
        .mount(&server)
        .await;
    server
}

async fn run(
    server: &MockServer,
    children: ChildLimits,
) -> (Result<FetchReport, shelfcheck_taobao::FetchError>, String) {
    let h = client(&server.uri());
    let options = FetchOptions { scope: Scope::Leaves(vec![CID]), children, ..FetchOptions::default() };
    let report = fetch(&h.client, &options).await;
    let mut ndjson = Vec::new();
    shelfcheck_fetch::write_exchanges(&mut ndjson, &h.recorder.exchanges()).unwrap();
    (report, String::from_utf8(ndjson).unwrap())
}

/// The distinct `child_path` values the gateway was asked for (a retried call counts once).
async fn child_calls(server: &MockServer) -> Vec<String> {
    let requests = server.received_requests().await.unwrap();
    let mut paths: Vec<String> = requests
        .iter()
        .map(|r| String::from_utf8_lossy(&r.body).into_owned())
        .filter_map(|b| b.split('&').find(|kv| kv.starts_with("child_path=")).map(|kv| format!("{kv}&")))
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

fn validate(snapshot: &Snapshot, listing: serde_json::Value) -> Vec<(String, String)> {
    let catalog = Catalog::compile(snapshot.clone()).unwrap();
    let listing: Listing = serde_json::from_value(listing).unwrap();
    let report = catalog.validate(&listing, &ValidateOptions::default());
    report.issues.iter().map(|i| (i.code().as_str().to_owned(), i.path.clone())).collect()
}

fn listing(brand: i64) -> serde_json::Value {
    json!({"category_id": CID, "title": "华硕 A8 笔记本电脑",
           "props": [{"pid": BRAND, "vids": [brand]}, {"pid": ASUS_SERIES, "text": "A8系列"}]})
}

/// The snapshot every fetch of the happy path gives: `fixtures/snapshots/taobao-1101-child-props.json`.
fn committed() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/snapshots/taobao-1101-child-props.json")
}

#[tokio::test]
async fn children_of_every_parent_value_are_fetched_and_used() {
    let server = laptop_gateway().await;
    let (report, recording) = run(&server, ChildLimits::default()).await;
    let report = report.unwrap();
    assert!(report.is_complete(), "{:?}", report.problems(Locale::En));

    // One call per value marked `is_parent` (36 of the 37 brands), each once, one level deep:
    // the children's answer carries no values.
    let calls = child_calls(&server).await;
    assert_eq!(calls.len(), 36);
    assert!(calls.contains(&child_path("20000:33546")));
    assert!(!calls.contains(&child_path("20000:25667692")), "超越 has no children");
    let requests = server.received_requests().await.unwrap();
    let bodies = requests.iter().map(|r| String::from_utf8_lossy(&r.body).into_owned());
    assert!(
        bodies.filter(|b| b.contains("child_path=")).all(|b| b.contains("prop_values")),
        "child calls ask for values"
    );

    let snap = &report.snapshot;
    assert!(!snap.categories[0].incomplete);
    assert_eq!(snap.properties.len(), 626);
    assert_eq!(snap.values.len(), 37);
    let series = snap.properties.iter().find(|p| p.pid == ASUS_SERIES).unwrap();
    assert_eq!((series.name.as_str(), series.parent()), ("华硕系列配置", Some((BRAND, ASUS))));
    let model = snap.properties.iter().find(|p| p.pid == 33165).unwrap();
    assert_eq!(model.parent(), Some((ASUS_SERIES, 114523)), "a second level keeps its stated parent");
    let brand = snap.properties.iter().find(|p| p.pid == BRAND).unwrap();
    assert_eq!(brand.parent(), None);
    // The answers do not say how 品牌 takes values; it has values, so values or text.
    assert_eq!(brand.input, shelfcheck_core::model::snapshot::InputMode::EnumOrText);

    // A listing with a series under its brand is valid; under another brand, the dependency
    // fires. Without the child calls the series was unknown (PROP_UNKNOWN).
    assert_eq!(validate(snap, listing(ASUS)), vec![]);
    assert_eq!(validate(snap, listing(THINKPAD)), vec![("PROP_DEPENDENCY_UNMET".to_owned(), "/props/1".to_owned())]);

    // The recording rebuilds the same snapshot offline, byte for byte, every time.
    let again = import_texts(&[recording.as_str()], &report.import_options).unwrap();
    assert_eq!(snapshot_bytes(&again.0), snapshot_bytes(snap));
    assert!(!again.1.is_partial(), "{:?}", again.1);
    let plain = import_texts(&[recording.as_str()], &ImportOptions::default()).unwrap().0;
    assert_eq!(
        snapshot_bytes(&plain),
        snapshot_bytes(&import_texts(&[&recording], &ImportOptions::default()).unwrap().0)
    );

    // The fixture cases run against this snapshot (imported with no header).
    let bytes = snapshot_bytes(&plain);
    if std::env::var_os("SHELFCHECK_WRITE_FIXTURES").is_some() {
        std::fs::write(committed(), &bytes).unwrap();
    }
    let on_disk = std::fs::read(committed()).unwrap();
    assert!(
        on_disk == bytes,
        "{} is not the imported recording: rebuild it with SHELFCHECK_WRITE_FIXTURES=1 cargo test -p shelfcheck-taobao --test child_props",
        committed().display()
    );
}

#[tokio::test]
async fn the_first_level_alone_leaves_the_category_incomplete_and_names_the_values() {
    // A recording of the first-level calls only (as fetches made before child properties).
    let server = laptop_gateway().await;
    let (_, recording) = run(&server, ChildLimits::default()).await;
    let first_level: Vec<&str> = recording.lines().filter(|l| !l.contains("\"child_path\"")).collect();
    let (snap, summary) = import_texts(&[first_level.join("\n").as_str()], &ImportOptions::default()).unwrap();
    assert!(summary.is_partial());
    assert_eq!(summary.unfetched_children.len(), 36);
    assert_eq!(summary.incomplete, vec![CID]);
    assert!(snap.categories[0].incomplete);
    let lines = summary.child_holes(Locale::ZhCn);
    assert!(lines.contains(&"类目 1101: 未获取 品牌 (20000) = 华硕/ASUS (33546) 的子属性".to_owned()), "{lines:?}");
    let en = summary.child_holes(Locale::En);
    assert!(en.contains(
        &"category 1101: the child properties of 品牌 (20000) = 华硕/ASUS (33546) were not fetched".to_owned()
    ));
    // Listings are not judged from the hole.
    let codes = validate(&snap, listing(ASUS));
    assert_eq!(codes[0].0, "CATEGORY_METADATA_INCOMPLETE");
}

#[tokio::test]
async fn a_budget_stops_the_walk_names_what_is_left_and_marks_the_category() {
    let server = laptop_gateway().await;
    let (report, recording) = run(&server, ChildLimits { max_depth: 8, max_requests: 10 }).await;
    let report = report.unwrap();
    assert_eq!(child_calls(&server).await.len(), 10);
    assert!(!report.is_complete());
    assert_eq!(report.skipped.len(), 1);
    let problem = &report.skipped[0];
    assert_eq!(problem.category, CID);
    assert_eq!(problem.error.attempts, 0);
    assert!(matches!(
        &problem.error.kind,
        FailureKind::Platform(TaobaoError::Children(ChildProblem::Budget { limit: 10, left: 26, .. }))
    ));
    let en = report.problems(Locale::En)[0].clone();
    assert!(en.contains("child-property budget of 10 calls ran out") && en.contains("26 value(s)"), "{en}");
    assert!(en.contains("not made") && !en.contains("attempt"), "{en}");
    let zh = report.problems(Locale::ZhCn)[0].clone();
    assert!(zh.contains("子属性调用次数已达上限 10 次") && zh.contains("未调用"), "{zh}");
    assert!(report.snapshot.categories[0].incomplete);
    // Offline, the recording says the same: 26 values whose children were never asked for.
    let (snap, summary) = import_texts(&[recording.as_str()], &report.import_options).unwrap();
    assert_eq!(summary.unfetched_children.len(), 26);
    assert_eq!(snapshot_bytes(&snap), snapshot_bytes(&report.snapshot));
}

#[tokio::test]
async fn a_cycle_in_child_paths_is_named_left_out_and_ends() {
    let server = gateway().await;
    // 华硕 → 华硕系列配置 = A系列 → 品牌 again, hung under A系列: a loop the platform should
    // never send.
    let series = json!({"itemprops_get_response": {"item_props": {"item_prop": [{"pid": ASUS_SERIES,
        "name": "华硕系列配置", "parent_pid": BRAND, "parent_vid": ASUS, "is_enum_prop": true,
        "prop_values": {"prop_value": [{"vid": 114523, "name": "A系列", "is_parent": true}]}}]}}});
    let looped = json!({"itemprops_get_response": {"item_props": {"item_prop": [{"pid": BRAND, "name": "品牌",
        "parent_pid": ASUS_SERIES, "parent_vid": 114523, "is_enum_prop": true,
        "prop_values": {"prop_value": [{"vid": ASUS, "name": "华硕/ASUS", "is_parent": true},
                                       {"vid": 99, "name": "新品牌", "is_parent": true}]}}]}}});
    call("taobao.itemprops.get", &child_path("20000:33546"))
        .respond_with(json_reply(series.to_string()))
        .with_priority(1)
        .mount(&server)
        .await;
    call("taobao.itemprops.get", &child_path("20000:33546;33164:114523"))
        .respond_with(json_reply(looped.to_string()))
        .with_priority(1)
        .mount(&server)
        .await;
    call("taobao.itemprops.get", "child_path=")
        .respond_with(json_reply(r#"{"itemprops_get_response":{}}"#))
        .with_priority(2)
        .mount(&server)
        .await;
    let (report, recording) =
        tokio::time::timeout(std::time::Duration::from_secs(20), run(&server, ChildLimits::default())).await.unwrap();
    let report = report.unwrap();
    // 36 brands and A系列; the looped 品牌's values are not followed.
    assert_eq!(child_calls(&server).await.len(), 37);
    let cycle = "品牌 (20000) = 华硕/ASUS (33546) → 华硕系列配置 (33164) = A系列 (114523) → 品牌 (20000)";
    let en = report.problems(Locale::En);
    assert_eq!(en.len(), 1, "{en:?}");
    assert!(en[0].contains(cycle) && en[0].contains("left out"), "{en:?}");
    assert!(report.problems(Locale::ZhCn)[0].contains("已舍弃"));
    let snap = &report.snapshot;
    assert!(snap.categories[0].incomplete);
    assert_eq!(snap.properties.iter().find(|p| p.pid == BRAND).unwrap().parent(), None, "品牌 stays first level");
    assert!(!snap.values.iter().any(|v| v.vid == 99), "the looped answer's values are left out");
    let (again, summary) = import_texts(&[recording.as_str()], &report.import_options).unwrap();
    assert_eq!(summary.child_cycles.len(), 1);
    assert_eq!(summary.child_cycles[0].what, cycle);
    assert_eq!(snapshot_bytes(&again), snapshot_bytes(snap));
}

#[tokio::test]
async fn the_recorded_error_envelope_fails_the_category_without_retrying() {
    let server = MockServer::start().await;
    let cat = json!({"itemcats_get_response": {"item_cats": {"item_cat": [{"cid": CID, "name": "笔记本电脑"}]}}});
    call("taobao.itemcats.get", "cids=1101&").respond_with(json_reply(cat.to_string())).mount(&server).await;
    call("taobao.itemprops.get", "cid=1101&").respond_with(xml(brand_values())).mount(&server).await;
    call("taobao.itempropvalues.get", "cid=1101&")
        .respond_with(xml(recorded("taobao.itempropvalues.get__error-40-missing-parameter__1101.xml")))
        .expect(1)
        .mount(&server)
        .await;
    let (report, recording) = run(&server, ChildLimits::default()).await;
    let report = report.unwrap();
    assert_eq!(report.skipped.len(), 1);
    let FailureKind::Platform(TaobaoError::Api(top)) = &report.skipped[0].error.kind else {
        panic!("{:?}", report.skipped[0].error)
    };
    assert_eq!((top.code, top.msg.as_str()), (40, "Missing required arguments:missing parameter "));
    assert!(report.snapshot.categories[0].incomplete);
    assert!(child_calls(&server).await.is_empty(), "no child call after the category failed");
    let (snap, summary) = import_texts(&[recording.as_str()], &report.import_options).unwrap();
    assert!(summary.ignored[0].reason.contains("code 40"), "{:?}", summary.ignored);
    assert_eq!(snapshot_bytes(&snap), snapshot_bytes(&report.snapshot));
    server.verify().await;
}

#[tokio::test]
async fn a_truncated_child_answer_is_retried_then_fails_the_category() {
    let server = gateway().await;
    let body = brand_children();
    let cut = body[..body.char_indices().nth(body.chars().count() / 2).unwrap().0].to_owned();
    call("taobao.itemprops.get", "child_path=").respond_with(xml(cut)).with_priority(1).mount(&server).await;
    let (report, _) = run(&server, ChildLimits::default()).await;
    let report = report.unwrap();
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(report.skipped[0].error.attempts, 4, "a cut body is retried");
    assert!(matches!(report.skipped[0].error.kind, FailureKind::Platform(TaobaoError::Truncated { .. })));
    assert!(report.snapshot.categories[0].incomplete);
    assert!(report.skipped[0].error.message(Locale::ZhCn).contains("截断"));
}

#[test]
fn every_cut_of_a_real_xml_answer_is_truncated_or_whole() {
    for (body, step) in [(brand_values(), 1), (brand_children(), 211)] {
        let whole: ItemPropsBody = decode("taobao.itemprops.get", &body).unwrap();
        let ends: Vec<usize> = body.char_indices().map(|(i, _)| i).step_by(step).skip(1).collect();
        for end in ends {
            match decode::<ItemPropsBody>("taobao.itemprops.get", &body[..end]) {
                Err(TaobaoError::Truncated { .. }) => {}
                // Cut in the comment after the root: the answer itself is whole.
                Ok(b) if b == whole => assert!(body[..end].contains("</rsp>")),
                other => panic!("cut at {end}: {other:?}"),
            }
        }
    }
}

#[tokio::test]
async fn a_refresh_that_ran_out_of_child_calls_keeps_the_cached_snapshot() {
    let server = laptop_gateway().await;
    let dir = tempfile::tempdir().unwrap();
    let cache = SnapshotCache::new(dir.path()).with_ttl(std::time::Duration::from_secs(3600));
    let whole = FetchOptions { scope: Scope::Leaves(vec![CID]), ..FetchOptions::default() };
    refresh(&client(&server.uri()).client, &whole, &cache, false).await.unwrap();
    let file = cache.dir().join(format!("{}.snapshot.json", cache_key(&whole)));
    let before = std::fs::read(&file).unwrap();

    let short = FetchOptions { children: ChildLimits { max_depth: 8, max_requests: 3 }, ..whole };
    let err = refresh(&client(&server.uri()).client, &short, &cache, true).await.unwrap_err();
    let CacheError::Refresh { source: shelfcheck_taobao::FetchError::Incomplete { skipped, .. }, kept_previous: true } =
        &err
    else {
        panic!("{err:?}")
    };
    assert!(matches!(
        &skipped[0].error.kind,
        FailureKind::Platform(TaobaoError::Children(ChildProblem::Budget { limit: 3, left: 33, .. }))
    ));
    assert_eq!(std::fs::read(&file).unwrap(), before, "the previous snapshot stays byte for byte");
}
