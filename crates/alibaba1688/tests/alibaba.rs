//! The 1688 category client against a local server on 127.0.0.1 serving seed `000_...`'s
//! example, and the OneBound importer on seed `004_...`'s sample answer.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};
use shelfcheck_1688::{
    fetch, import_exchanges, import_item, AlibabaClient, AlibabaError, FetchOptions, ImportOptions, ItemError,
    MappingKind, DEFAULT_BASE_URL, OFFICIAL_METHOD, PLATFORM,
};
use shelfcheck_core::model::snapshot::Snapshot;
use shelfcheck_core::{Catalog, ValidateOptions};
use shelfcheck_fetch::test_support::{json_reply, local_config, recorded};
use shelfcheck_fetch::{Exchange, FailureKind, Recorder, Secret};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "PLANTED-API-TOKEN-a41f";

fn seed(name: &str) -> String {
    let dir = format!("{}/../../fixtures/seeds", env!("CARGO_MANIFEST_DIR"));
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(name))
        .unwrap();
    std::fs::read_to_string(file).unwrap()
}

/// Seed `000_...`'s 200 example, rebuilt from its rendered fields.
fn children_jewelry() -> Value {
    let child = |id: &str, name: &str, en: &str| json!({"id": id, "name": name, "name_en": en, "level": 2, "has_children": false});
    json!({"code": 200, "msg": "success", "data": {
        "id": "201149004", "name": "儿童饰品", "name_en": "Children's Jewelry", "level": 1,
        "children": [
            child("201545016", "儿童脚饰", "Children's Anklets / Foot Jewelry"),
            child("201151506", "儿童手饰", "Children's Bracelets / Rings"),
            child("201151804", "儿童耳饰", "Children's Earrings"),
            child("201230202", "儿童发饰", "Children's Hair Accessories"),
            child("201148002", "儿童项饰", "Children's Necklaces"),
            child("201229606", "其他儿童饰品及配件", "Other Children's Jewelry & Accessories")],
        "parent_id": "54", "has_children": true,
        "path": [{"id": "54", "name": "服饰配件、饰品", "name_en": "Apparel Accessories & Jewelry"},
                 {"id": "201149004", "name": "儿童饰品", "name_en": "Children's Jewelry"}]}})
}

fn client(base: &str) -> (AlibabaClient, Arc<Recorder>) {
    let h = recorded(PLATFORM, DEFAULT_BASE_URL, local_config(base)).unwrap();
    (AlibabaClient::with_transport(h.transport, Secret::new(TOKEN)), h.recorder)
}

fn info() -> wiremock::MockBuilder {
    Mock::given(method("GET")).and(path("/1688/category/info")).and(query_param("apiToken", TOKEN))
}

fn reply(v: Value) -> ResponseTemplate {
    json_reply(v.to_string())
}

#[tokio::test]
async fn walks_the_tree_from_the_first_level() {
    let server = MockServer::start().await;
    let top = json!({"code": 200, "msg": "success", "data": [
        {"id": "54", "name": "服饰配件、饰品", "name_en": "Apparel Accessories & Jewelry", "level": 1, "has_children": true}]});
    info().and(query_param_is_missing("cat_id")).respond_with(reply(top)).mount(&server).await;
    let cat54 = json!({"code": 200, "msg": "success", "data": {
        "id": "54", "name": "服饰配件、饰品", "level": 1, "parent_id": "0", "has_children": true,
        "children": [{"id": "201149004", "name": "儿童饰品", "level": 2, "has_children": true}],
        "path": [{"id": "54", "name": "服饰配件、饰品"}]}});
    // The concurrency limit answers first (as HTTP 503 with its code), then the data.
    info()
        .and(query_param("cat_id", "54"))
        .respond_with(ResponseTemplate::new(503).set_body_string(
            r#"{"code":503,"msg":"API request concurrency limit exceeded, please reduce concurrency."}"#,
        ))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    info().and(query_param("cat_id", "54")).respond_with(reply(cat54)).with_priority(2).mount(&server).await;
    info().and(query_param("cat_id", "201149004")).respond_with(reply(children_jewelry())).mount(&server).await;

    let (c, recorder) = client(&server.uri());
    let report = fetch(&c, &FetchOptions::default()).await.unwrap();
    assert!(report.skipped.is_empty());
    let snap = &report.snapshot;
    assert_eq!(snap.categories.len(), 8);
    let jewelry = snap.categories.iter().find(|c| c.id == 201149004).unwrap();
    assert_eq!((jewelry.parent_id, jewelry.leaf), (Some(54), false));
    assert_eq!(snap.categories.iter().filter(|c| c.leaf).count(), 6);
    assert_eq!(jewelry.name_en.as_deref(), Some("Children's Jewelry"));
    Catalog::compile(snap.clone()).unwrap();

    let lines: Vec<String> = recorder.exchanges().iter().map(Exchange::to_line).collect();
    assert!(lines.iter().all(|l| !l.contains(TOKEN)));
    let (again, _) = import_exchanges(&recorder.exchanges(), &report.import_options).unwrap();
    assert_eq!(serde_json::to_string(&again).unwrap(), serde_json::to_string(snap).unwrap());
}

#[tokio::test]
async fn subscription_errors_are_not_retried_and_timeouts_are() {
    let server = MockServer::start().await;
    info()
        .and(query_param("cat_id", "1"))
        .respond_with(reply(json!({"code": 439, "msg": "Subscription expired or insufficient balance."})))
        .expect(1)
        .mount(&server)
        .await;
    info()
        .and(query_param("cat_id", "2"))
        .respond_with(
            ResponseTemplate::new(499).set_body_string("Please try again or set your request timeout to 60 seconds."),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    info()
        .and(query_param("cat_id", "2"))
        .respond_with(reply(children_jewelry()))
        .with_priority(2)
        .mount(&server)
        .await;
    let (c, _) = client(&server.uri());
    let err = c.category_info(Some(1)).await.unwrap_err();
    assert_eq!(err.attempts, 1);
    assert!(matches!(err.kind, FailureKind::Platform(AlibabaError::Subscription { .. })));
    assert!(!format!("{err} {err:?}").contains(TOKEN));
    assert!(c.category_info(Some(2)).await.is_ok());
    server.verify().await;
}

#[test]
fn the_official_category_shape_imports_too() {
    let body = json!({"categoryInfo": [
        {"categoryID": 7, "name": "服装", "isLeaf": false, "parentIDs": [0], "childIDs": [8],
         "featureInfos": [{"key": "isSupportMix", "value": "true", "status": 1, "hierarchy": true}]},
        {"categoryID": 8, "name": "T恤", "isLeaf": true, "parentIDs": [7], "childIDs": []}]});
    let ex = Exchange::new(PLATFORM, OFFICIAL_METHOD, [("categoryID", "0")], &body.to_string());
    let (snap, _) = import_exchanges(&[ex], &ImportOptions::default()).unwrap();
    assert_eq!(snap.categories[1].parent_id, Some(7));
    assert!(snap.categories[1].leaf);
    assert_eq!(snap.categories[0].features.get("isSupportMix").map(String::as_str), Some("true"));
}

/// Seed `004_...`: the sample answer and the error example, as printed.
fn onebound() -> (String, String) {
    let t = seed("004_");
    let a = t.find("响应示例").unwrap() + "响应示例".len();
    let b = t.find("异常示例").unwrap();
    let c = t.find("相关资料").unwrap();
    (t[a..b].trim().to_string(), t[b + "异常示例".len()..c].trim().to_string())
}

#[test]
fn the_onebound_sample_is_fully_accounted_for() {
    let (sample, error) = onebound();
    let imported = import_item(&sample, None).unwrap();
    assert!(imported.issues.is_empty(), "{:#?}", imported.issues);
    let l = serde_json::to_value(&imported.listing).unwrap();
    assert_eq!(l["category_id"], 50903);
    assert_eq!(imported.item_id.as_deref(), Some("610947572360"));
    assert_eq!(imported.sku_ids, vec!["4309097072612", "4302217872901"]);
    assert_eq!(l["props"].as_array().unwrap().len(), 23);
    assert_eq!(
        l["skus"][0]["props"],
        json!([{"name": "机身内存", "value": "64GB"}, {"name": "颜色", "value": "瓷白色"}])
    );
    assert_eq!(l["props"][5]["values"], json!(["移动4G(TD-LTE)", "联通/电信4G(FDD-LTE)"]));

    let err = import_item(&error, None).unwrap_err();
    assert!(matches!(&err, ItemError::Provider { error_code, .. } if error_code == "2000"));
}

#[test]
fn with_a_snapshot_names_become_ids_and_unknown_names_are_reported() {
    let (sample, _) = onebound();
    let snapshot: Snapshot = serde_json::from_value(json!({
        "format": 1, "platform": "1688",
        "categories": [{"id": 50903, "name": "手机", "leaf": true}],
        "properties": [
            {"category_id": 50903, "pid": 1, "name": "机身内存", "sale": true, "multi": true},
            {"category_id": 50903, "pid": 2, "name": "颜色", "sale": true, "multi": true, "input": "enum_or_text", "allow_alias": true},
            {"category_id": 50903, "pid": 3, "name": "品牌", "key": true, "input": "enum_or_text"},
            {"category_id": 50903, "pid": 4, "name": "电池容量", "input": "text"}],
        "values": [
            {"category_id": 50903, "pid": 1, "vid": 11, "name": "64GB"},
            {"category_id": 50903, "pid": 2, "vid": 21, "name": "铁灰色"},
            {"category_id": 50903, "pid": 2, "vid": 22, "name": "瓷白色"},
            {"category_id": 50903, "pid": 3, "vid": 31, "name": "多亲"}]}))
    .unwrap();
    let imported = import_item(&sample, Some(&snapshot)).unwrap();
    let l = serde_json::to_value(&imported.listing).unwrap();
    assert_eq!(l["props"][0], json!({"pid": 3, "vids": [31]}));
    assert_eq!(l["props"][7], json!({"pid": 4, "text": "2100"}));
    assert_eq!(l["skus"][1]["props"], json!([{"pid": 1, "vid": 11}, {"pid": 2, "vid": 21}]));
    let unknown: Vec<&str> = imported
        .issues
        .iter()
        .filter_map(|i| match &i.kind {
            MappingKind::PropertyNotFound { name } => Some(name.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(unknown.len(), 23 - 4, "{unknown:?}");
    assert!(unknown.contains(&"型号"));
    assert_eq!(imported.issues[0].path, "/item/props/1");
    assert!(imported.issues[0].message(shelfcheck_fetch::Locale::ZhCn).contains("型号"));

    // The validator sees the same names and reports them with its own codes.
    let catalog = Catalog::compile(snapshot).unwrap();
    let report = catalog.validate(&imported.listing, &ValidateOptions::default());
    let codes: Vec<String> =
        report.issues.iter().map(|i| serde_json::to_value(i).unwrap()["code"].as_str().unwrap().to_string()).collect();
    // The 40-character title fits the snapshot's (default, Taobao) title limit of 60 bytes:
    // there is no separate 30-character limit.
    assert_eq!(codes.iter().filter(|c| *c == "PROP_UNKNOWN").count(), 19, "{codes:?}");
    assert!(codes.iter().all(|c| c == "PROP_UNKNOWN"), "{codes:?}");
}

fn node(id: i64, has_children: bool) -> Value {
    json!({"id": id.to_string(), "name": format!("类目{id}"), "level": 2, "has_children": has_children})
}

fn one(id: i64, parent: i64, children: Vec<Value>) -> Value {
    json!({"code": 200, "msg": "success", "data": {"id": id.to_string(), "name": format!("类目{id}"), "level": 1,
        "parent_id": parent.to_string(), "has_children": true, "children": children,
        "path": [{"id": id.to_string(), "name": format!("类目{id}")}]}})
}

#[tokio::test]
async fn a_tree_with_a_cycle_is_walked_once_and_the_cycle_reported() {
    let server = MockServer::start().await;
    let top = json!({"code": 200, "msg": "success", "data": [node(54, true)]});
    info().and(query_param_is_missing("cat_id")).respond_with(reply(top)).mount(&server).await;
    info().and(query_param("cat_id", "54")).respond_with(reply(one(54, 0, vec![node(55, true)]))).mount(&server).await;
    // 55 lists its own parent as a child, twice.
    let back = one(55, 54, vec![node(54, true), node(54, true), node(56, false)]);
    info().and(query_param("cat_id", "55")).respond_with(reply(back)).mount(&server).await;
    let (c, _) = client(&server.uri());
    let report = tokio::time::timeout(Duration::from_secs(20), fetch(&c, &FetchOptions::default()))
        .await
        .expect("the walk did not end")
        .unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 3, "one call per category");
    assert_eq!(report.repeats.len(), 2);
    assert_eq!(report.repeats[0].cycle, vec![54, 55, 54]);
    assert!(report.repeats[0]
        .message(shelfcheck_fetch::Locale::En)
        .contains("cycle: 类目54 (54) → 类目55 (55) → 类目54 (54)"));
    assert_eq!(report.snapshot.categories.len(), 3);
}

#[tokio::test]
async fn a_category_whose_children_failed_is_marked_incomplete() {
    let server = MockServer::start().await;
    let top = json!({"code": 200, "msg": "success", "data": [node(54, true)]});
    info().and(query_param_is_missing("cat_id")).respond_with(reply(top)).mount(&server).await;
    info().and(query_param("cat_id", "54")).respond_with(reply(one(54, 0, vec![node(55, true)]))).mount(&server).await;
    let refused = json!({"code": 439, "msg": "Subscription expired or insufficient balance."});
    info().and(query_param("cat_id", "55")).respond_with(reply(refused)).mount(&server).await;
    let (c, _) = client(&server.uri());
    let report = fetch(&c, &FetchOptions::default()).await.unwrap();
    assert_eq!(report.skipped.len(), 1);
    let marked: Vec<i64> = report.snapshot.categories.iter().filter(|c| c.incomplete).map(|c| c.id).collect();
    assert_eq!(marked, vec![55]);
}

#[tokio::test]
async fn a_token_echoed_by_the_gateway_is_masked() {
    let server = MockServer::start().await;
    let echo = json!({"code": 422, "msg": format!("apiToken {TOKEN} is not valid")});
    info().respond_with(reply(echo)).mount(&server).await;
    let (c, recorder) = client(&server.uri());
    let err = fetch(&c, &FetchOptions { strict: true, ..FetchOptions::default() }).await.unwrap_err();
    let mut texts = vec![err.to_string(), format!("{err:?}")];
    texts.extend(recorder.exchanges().iter().map(Exchange::to_line));
    assert!(texts.iter().all(|t| !t.contains(TOKEN)), "{texts:?}");
    assert!(texts[0].contains("apiToken *** is not valid"), "{}", texts[0]);
}
