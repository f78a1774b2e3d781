//! The per-platform rate limiter holds during a real fetch: concurrency and requests per second
//! bound how fast a tree of leaves is fetched (lower bounds only, so a slow machine cannot make
//! the test flaky).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

mod support;

use std::time::{Duration, Instant};

use serde_json::json;
use shelfcheck_fetch::RateLimit;
use shelfcheck_taobao::{fetch, FetchOptions};
use support::*;
use wiremock::matchers::{body_string_contains, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

const LEAVES: i64 = 6;
const DELAY: Duration = Duration::from_millis(60);

async fn gateway() -> MockServer {
    let server = MockServer::start().await;
    let cats: Vec<_> = (1..=LEAVES)
        .map(|i| json!({"cid": 1000 + i, "parent_cid": 0, "name": format!("叶子{i}"), "is_parent": false}))
        .collect();
    let body = json!({"itemcats_get_response": {"item_cats": {"item_cat": cats}}}).to_string();
    Mock::given(method("POST"))
        .and(body_string_contains("method=taobao.itemcats.get&"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    let (props, values) = real_bodies(50010399);
    for (api, body) in [("taobao.itemprops.get", props), ("taobao.itempropvalues.get", values)] {
        Mock::given(method("POST"))
            .and(body_string_contains(format!("method={api}&")))
            .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json").set_delay(DELAY))
            .mount(&server)
            .await;
    }
    server
}

async fn timed(rate: RateLimit) -> Duration {
    let server = gateway().await;
    let mut cfg = config(&server.uri());
    cfg.rate = rate;
    let h = client_with(cfg);
    let start = Instant::now();
    let report = fetch(&h.client, &FetchOptions::default()).await.unwrap();
    assert_eq!(report.snapshot.categories.len(), LEAVES as usize);
    start.elapsed()
}

#[tokio::test]
async fn concurrency_is_bounded() {
    // 12 delayed calls (properties then values of 6 leaves), two at a time: at least 6 rounds.
    let elapsed = timed(RateLimit { requests_per_second: None, max_concurrency: 2 }).await;
    assert!(elapsed >= DELAY * 6, "{elapsed:?}");
}

#[tokio::test]
async fn requests_per_second_are_bounded() {
    // 13 calls at 40 per second: the last starts at least 12 intervals after the first.
    let elapsed = timed(RateLimit { requests_per_second: Some(40.0), max_concurrency: 64 }).await;
    assert!(elapsed >= Duration::from_millis(12 * 25), "{elapsed:?}");
}
