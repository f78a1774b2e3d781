//! A gateway listing 300,000 leaves under one category. Alone in its test binary, so the
//! process's peak resident memory is this fetch's.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

mod support;

use serde_json::json;
use shelfcheck_taobao::{fetch, FetchError, FetchOptions};
use support::*;
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const LEAVES: i64 = 300_000;

/// Peak resident memory of this process so far, in kB.
fn peak_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[tokio::test]
async fn three_hundred_thousand_leaves_do_not_cost_a_task_each_up_front() {
    let server = MockServer::start().await;
    let leaves: Vec<_> = (1..=LEAVES)
        .map(|cid| json!({"cid": 100_000_000 + cid, "parent_cid": 16, "name": "叶子", "is_parent": false}))
        .collect();
    let top =
        json!({"itemcats_get_response": {"item_cats": {"item_cat": [{"cid": 16, "name": "根", "is_parent": true}]}}});
    let children = json!({"itemcats_get_response": {"item_cats": {"item_cat": leaves}}}).to_string();
    drop(leaves);
    let mock = |param: &str| {
        Mock::given(method("POST")).and(path("/router/rest")).and(body_string_contains(param.to_string()))
    };
    mock("parent_cid=0&")
        .respond_with(ResponseTemplate::new(200).set_body_string(top.to_string()))
        .mount(&server)
        .await;
    mock("parent_cid=16&").respond_with(ResponseTemplate::new(200).set_body_string(children)).mount(&server).await;
    // The first property call is refused for good, so the strict fetch ends there.
    let refused = error_body(27, "Invalid session", "invalid-sessionkey");
    mock("method=taobao.itemprops.get")
        .respond_with(ResponseTemplate::new(200).set_body_string(refused))
        .mount(&server)
        .await;

    let before = peak_kb();
    let h = client(&server.uri());
    let err = fetch(&h.client, &FetchOptions { strict: true, ..FetchOptions::default() }).await.unwrap_err();
    assert!(matches!(err, FetchError::Call(_)), "{err:?}");
    let grown_mb = (peak_kb() - before) / 1024;
    let requests = server.received_requests().await.unwrap().len();
    println!("300,000 leaves: peak resident memory grew {grown_mb} MB; {requests} requests");
    // One task per leaf up front cost about 3.7 KB each (1.1 GB); the 24 MB answer itself,
    // parsed and recorded, takes a small part of the bound.
    assert!(grown_mb < 400, "peak memory grew {grown_mb} MB");
    // The strict fetch stops soon after its first refusal; how many calls were already under
    // way by then depends on scheduling, but never comes near one per leaf.
    assert!(requests < 2_000, "{requests} requests");
}
