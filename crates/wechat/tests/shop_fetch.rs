//! The WeChat shop fetch against a local server on 127.0.0.1 serving the documentation's
//! samples (`fixtures/recordings/wechat-shop/`), with faults: a truncated body, a 5xx, an
//! error envelope.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use serde_json::{json, Value};
use shelfcheck_fetch::test_support::{json_reply, leaks, local_config, recorded};
use shelfcheck_fetch::{FailureKind, Secret};
use shelfcheck_wechat::{
    fetch_shop, import_exchanges, ShopFetchOptions, WechatClient, WechatError, DEFAULT_BASE_URL, PLATFORM,
};
use wiremock::matchers::{body_json, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "PLANTED-SHOP-TOKEN-31d8";

fn sample(line: &str) -> String {
    serde_json::from_str::<Value>(line).unwrap()["response"].to_string()
}

fn all() -> String {
    sample(include_str!("../../../fixtures/recordings/wechat-shop/channels.ec.category.all.ndjson"))
}

fn detail() -> String {
    sample(include_str!("../../../fixtures/recordings/wechat-shop/channels.ec.category.detail__6194.ndjson"))
}

fn detail_of(cat: &str) -> wiremock::MockBuilder {
    Mock::given(method("POST"))
        .and(path("/channels/ec/category/detail"))
        .and(query_param("access_token", TOKEN))
        .and(body_json(json!({"cat_id": cat})))
}

#[tokio::test]
async fn the_tree_then_each_leaf_s_detail_with_faults() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/channels/ec/category/all"))
        .and(query_param("access_token", TOKEN))
        .respond_with(json_reply(all()))
        .mount(&server)
        .await;
    let body = detail();
    detail_of("6194").respond_with(json_reply(half(&body))).up_to_n_times(1).with_priority(1).mount(&server).await;
    detail_of("6194").respond_with(json_reply(body.clone())).with_priority(2).mount(&server).await;
    detail_of("545709").respond_with(ResponseTemplate::new(500).set_body_string("upstream error")).mount(&server).await;
    let echoed = format!(r#"{{"errcode":40001,"errmsg":"invalid credential, access_token is {TOKEN}"}}"#);
    detail_of("1003").respond_with(json_reply(echoed)).mount(&server).await;
    let h = recorded(PLATFORM, DEFAULT_BASE_URL, local_config(&server.uri())).unwrap();
    let client = WechatClient::with_transport(h.transport, Secret::new(TOKEN));
    let options = ShopFetchOptions { leaves: vec![6194, 545709, 1003], strict: false };
    let report = fetch_shop(&client, &options).await.unwrap();
    // Leaves are fetched concurrently: skipped ones are listed as they fail.
    let mut skipped: Vec<(i64, u32)> = report.skipped.iter().map(|s| (s.category, s.error.attempts)).collect();
    skipped.sort_unstable();
    assert_eq!(skipped, [(1003, 1), (545709, 3)], "a refused token is not retried, a 5xx is");
    let refused = report.skipped.iter().find(|s| s.category == 1003).unwrap();
    assert!(matches!(refused.error.kind, FailureKind::Platform(WechatError::Credential { errcode: 40001, .. })));
    let s = &report.snapshot;
    let cat = |id: i64| s.categories.iter().find(|c| c.id == id).unwrap();
    assert!(cat(545709).incomplete && cat(1003).incomplete && !cat(6194).incomplete);
    assert_eq!(s.properties.iter().filter(|p| p.category_id == 6194).count(), 7);
    let exchanges = h.recorder.exchanges_from(0);
    let lines: Vec<String> = exchanges.iter().map(|e| e.to_line()).collect();
    assert!(leaks(&lines, &[TOKEN]).is_empty(), "{lines:?}");
    let (again, _) = import_exchanges(&exchanges, &report.import_options).unwrap();
    let mut expected = s.clone();
    // The fetch marks the skipped leaves itself; the recording's failed calls mark the same.
    expected.seal();
    assert_eq!(again, expected);
    // Strict: the first failing leaf ends the fetch.
    let h = recorded(PLATFORM, DEFAULT_BASE_URL, local_config(&server.uri())).unwrap();
    let client = WechatClient::with_transport(h.transport, Secret::new(TOKEN));
    let strict = ShopFetchOptions { leaves: vec![1003], strict: true };
    assert!(fetch_shop(&client, &strict).await.is_err());
}

/// The first half of `text`, cut at a character boundary: a body that ends mid-answer.
fn half(text: &str) -> String {
    let mut cut = text.len() / 2;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text[..cut].to_string()
}
