//! Seller scope (`taobao.itemcats.authorize.get`), id batches, single categories, and the
//! Tmall switch, against a local gateway.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

mod support;

use serde_json::json;
use shelfcheck_core::{Catalog, Listing, ValidateOptions};
use shelfcheck_taobao::{fetch, snapshot_bytes, FetchOptions, Market, Scope, MAX_CIDS_PER_CALL};
use support::*;
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CID: i64 = 50010399;

fn call(api: &str) -> wiremock::MockBuilder {
    Mock::given(method("POST")).and(path("/router/rest")).and(body_string_contains(format!("method={api}&")))
}

fn reply(v: String) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(v, "application/json")
}

#[tokio::test]
async fn tmall_fetch_with_seller_scope() {
    let server = MockServer::start().await;
    let leaf = json!({"itemcats_get_response": {"item_cats": {"item_cat": [
        {"cid": CID, "parent_cid": 0, "name": "文胸", "is_parent": false, "status": "normal"}]}}});
    call("taobao.itemcats.get").respond_with(reply(leaf.to_string())).mount(&server).await;
    let (props, values) = real_bodies(CID);
    call("taobao.itemprops.get")
        .and(body_string_contains("type=2"))
        .respond_with(reply(props))
        .expect(1)
        .mount(&server)
        .await;
    call("taobao.itempropvalues.get").respond_with(reply(values)).mount(&server).await;
    let authorize = json!({"itemcats_authorize_get_response": {"seller_authorize": {
        "brands": {"brand": [{"name": "某品牌", "pid": 20000, "prop_name": "品牌", "vid": 3233}]},
        "item_cats": {"item_cat": [{"cid": 16, "name": "女装/女士精品", "is_parent": true}]}}}});
    call("taobao.itemcats.authorize.get")
        .and(body_string_contains("session="))
        .respond_with(reply(authorize.to_string()))
        .expect(1)
        .mount(&server)
        .await;

    let h = client(&server.uri());
    let options = FetchOptions {
        market: Market::Tmall,
        scope: Scope::Leaves(vec![CID]),
        seller_scope: true,
        strict: true,
        ..FetchOptions::default()
    };
    let report = fetch(&h.client, &options).await.unwrap();
    let snap = &report.snapshot;
    assert_eq!(snap.platform.as_str(), "tmall");
    let seller = snap.seller.as_ref().unwrap();
    assert_eq!(seller.categories.as_deref(), Some(&[16][..]));
    assert_eq!(seller.brands.as_ref().unwrap()[0].vid, 3233);
    assert_no_secret(std::str::from_utf8(&snapshot_bytes(snap)).unwrap());

    // The leaf is outside the authorised subtree: a listing on it is refused.
    let catalog = Catalog::compile(snap.clone()).unwrap();
    let listing: Listing = serde_json::from_value(json!({"category_id": CID, "title": "文胸"})).unwrap();
    let codes: Vec<String> = catalog
        .validate(&listing, &ValidateOptions::default())
        .issues
        .iter()
        .map(|i| serde_json::to_value(i).unwrap()["code"].as_str().unwrap().to_string())
        .collect();
    assert!(codes.contains(&"CATEGORY_NOT_AUTHORIZED".to_string()), "{codes:?}");
    server.verify().await;
}

#[tokio::test]
async fn cids_go_in_batches_of_at_most_1000() {
    let server = MockServer::start().await;
    call("taobao.itemcats.get")
        .respond_with(reply(r#"{"itemcats_get_response":{"request_id":"x"}}"#.to_string()))
        .expect(2)
        .mount(&server)
        .await;
    let h = client(&server.uri());
    let cids: Vec<i64> = (1..=1500).collect();
    assert!(h.client.itemcats_by_cids(&cids).await.unwrap().is_empty());
    let requests = server.received_requests().await.unwrap();
    let counts: Vec<usize> = requests
        .iter()
        .map(|r| {
            let body = String::from_utf8(r.body.clone()).unwrap();
            let cids = body.split('&').find_map(|kv| kv.strip_prefix("cids=")).unwrap().to_string();
            cids.split("%2C").count()
        })
        .collect();
    assert_eq!(counts, vec![MAX_CIDS_PER_CALL, 500]);
    server.verify().await;
}

#[tokio::test]
async fn a_single_category_and_a_missing_one() {
    let server = MockServer::start().await;
    call("taobao.item.cat.get")
        .and(body_string_contains("cid=16&"))
        .respond_with(reply(
            json!({"item_cat_get_response": {"item_cat": {"cid": 16, "parent_cid": 0, "name": "女装/女士精品",
                "is_parent": true, "status": "normal", "sort_order": 1,
                "features": [{"attr_key": "cat_name", "attr_value": "女装"}]}, "request_id": "4e9p"}})
            .to_string(),
        ))
        .mount(&server)
        .await;
    call("taobao.item.cat.get")
        .and(body_string_contains("cid=17&"))
        .respond_with(reply(
            r#"{"error_response":{"code":15,"msg":"Remote service error","sub_code":"isv.invalid-parameter:cid","sub_msg":"cid 参数不合法"}}"#
                .to_string(),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let h = client(&server.uri());
    let cat = h.client.item_cat(16).await.unwrap().unwrap();
    assert_eq!(cat.features[0].attr_value, "女装");
    let err = h.client.item_cat(17).await.unwrap_err();
    assert_eq!(err.attempts, 1, "bad parameters are not retried");
    assert!(err.to_string().contains("isv.invalid-parameter:cid"), "{err}");
    server.verify().await;
}
