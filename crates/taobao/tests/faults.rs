//! The TOP client against a local gateway on 127.0.0.1 that misbehaves in the ways the real one
//! does. Bodies are genuine recorded answers from `fixtures/taobao-sale-props/`.
//!
//! `wiremock` serves the scripted answers: it is maintained, async (it shares the tokio runtime
//! with the client), binds to 127.0.0.1 on a random port, and supports delayed answers, answer
//! budgets (`up_to_n_times`) and call-count expectations, which is everything these scenarios
//! need. The one scenario it cannot stage, a connection cut in the middle of a body, uses a
//! tiny raw TCP server.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

mod support;

use std::time::Duration;

use shelfcheck_fetch::{FailureKind, Locale, TransportError};
use shelfcheck_taobao::{PropsQuery, TaobaoError};
use support::*;
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CID: i64 = 50010399;

fn props_call() -> wiremock::MockBuilder {
    Mock::given(method("POST")).and(path("/router/rest")).and(body_string_contains("method=taobao.itemprops.get"))
}

fn ok_props() -> ResponseTemplate {
    let (props, _) = real_bodies(CID);
    ResponseTemplate::new(200).set_body_raw(props, "application/json")
}

#[tokio::test]
async fn a_timeout_is_retried() {
    let server = MockServer::start().await;
    props_call()
        .respond_with(ok_props().set_delay(Duration::from_millis(600)))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    props_call().respond_with(ok_props()).with_priority(2).mount(&server).await;
    let h = client(&server.uri());
    let props = h.client.itemprops(CID, &PropsQuery::default()).await.unwrap();
    assert_eq!(props.len(), 2);
    assert!(props.iter().all(|p| p.cid == CID), "cid comes from the request");
    assert_eq!(h.events.retries(), 1);
}

#[tokio::test]
async fn a_persistent_timeout_names_the_call() {
    let server = MockServer::start().await;
    props_call().respond_with(ok_props().set_delay(Duration::from_millis(600))).mount(&server).await;
    let mut cfg = config(&server.uri());
    cfg.retry = shelfcheck_fetch::RetryPolicy::immediate(2);
    let h = client_with(cfg);
    let err = h.client.itemprops(CID, &PropsQuery::default()).await.unwrap_err();
    assert_eq!(err.attempts, 2);
    assert!(matches!(err.kind, FailureKind::Transport(TransportError::Timeout { .. })));
    let en = err.to_string();
    assert!(en.contains("taobao.itemprops.get") && en.contains("cid=50010399"), "{en}");
    assert!(err.message(Locale::ZhCn).contains("超时"));
    assert_no_secret(&en);
    assert_no_secret(&format!("{err:?}"));
}

#[tokio::test]
async fn a_500_then_success() {
    let server = MockServer::start().await;
    props_call()
        .respond_with(ResponseTemplate::new(500).set_body_string("<html>oops</html>"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    props_call().respond_with(ok_props()).with_priority(2).mount(&server).await;
    let h = client(&server.uri());
    let props = h.client.itemprops(CID, &PropsQuery::default()).await.unwrap();
    assert_eq!(props.len(), 2);
    // Both exchanges are recorded: the failure is part of the debugging log.
    let ex = h.recorder.exchanges();
    assert_eq!(ex.len(), 2);
    assert_eq!(ex[0].json_body(), None);
    assert!(ex[1].json_body().is_some());
}

#[tokio::test]
async fn a_truncated_json_body_is_retried_then_reported() {
    let (props, _) = real_bodies(CID);
    let cut = props[..props.len() / 2].to_string();
    let server = MockServer::start().await;
    props_call()
        .respond_with(ResponseTemplate::new(200).set_body_raw(cut.clone(), "application/json"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    props_call().respond_with(ok_props()).with_priority(2).mount(&server).await;
    let h = client(&server.uri());
    assert_eq!(h.client.itemprops(CID, &PropsQuery::default()).await.unwrap().len(), 2);

    // Always truncated: the final error says so and names the call.
    let server = MockServer::start().await;
    props_call().respond_with(ResponseTemplate::new(200).set_body_raw(cut, "application/json")).mount(&server).await;
    let h = client(&server.uri());
    let err = h.client.itemprops(CID, &PropsQuery::default()).await.unwrap_err();
    assert_eq!(err.attempts, 4);
    assert!(matches!(err.kind, FailureKind::Platform(TaobaoError::Truncated { .. })));
    assert!(err.to_string().contains("truncated"), "{err}");
    assert!(err.message(Locale::ZhCn).contains("截断"));
}

#[tokio::test]
async fn a_connection_cut_mid_body_is_retried() {
    let (props, _) = real_bodies(CID);
    let (addr, server) = cut_body_server(props.into_bytes(), 2).unwrap();
    let h = client(&format!("http://{addr}"));
    let props = h.client.itemprops(CID, &PropsQuery::default()).await.unwrap();
    assert_eq!(props.len(), 2);
    assert_eq!(h.events.retries(), 1);
    server.join().unwrap();
}

/// The genuine call-limit answer captured in `124086006.json`.
fn real_rate_limit_body() -> String {
    let text = std::fs::read_to_string(data_dir().join("124086006.json")).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    serde_json::json!({"error_response": doc["propvalues"]["error_response"]}).to_string()
}

#[tokio::test]
async fn a_rate_limit_error_then_success() {
    let server = MockServer::start().await;
    props_call()
        .respond_with(ResponseTemplate::new(200).set_body_string(real_rate_limit_body()))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&server)
        .await;
    props_call().respond_with(ok_props()).with_priority(2).mount(&server).await;
    let h = client(&server.uri());
    let props = h.client.itemprops(CID, &PropsQuery::default()).await.unwrap();
    assert_eq!(props.len(), 2);
    assert_eq!(h.events.retries(), 2);
}

#[tokio::test]
async fn a_credential_error_is_not_retried() {
    let server = MockServer::start().await;
    props_call()
        .respond_with(ResponseTemplate::new(200).set_body_string(error_body(
            27,
            "Invalid session",
            "invalid-sessionkey",
        )))
        .expect(1)
        .mount(&server)
        .await;
    let h = client(&server.uri());
    let err = h.client.itemprops(CID, &PropsQuery::default()).await.unwrap_err();
    assert_eq!(err.attempts, 1);
    assert!(matches!(err.kind, FailureKind::Platform(TaobaoError::Credential(_))));
    assert_eq!(h.events.retries(), 0);
    for text in [err.to_string(), format!("{err:?}"), err.message(Locale::ZhCn)] {
        assert_no_secret(&text);
    }
    server.verify().await;
}

#[tokio::test]
async fn requests_are_signed_and_recordings_hold_no_secrets() {
    let server = MockServer::start().await;
    props_call()
        .and(body_string_contains("sign_method=hmac"))
        .and(body_string_contains("sign="))
        .and(body_string_contains("type=2"))
        .respond_with(ok_props())
        .expect(1)
        .mount(&server)
        .await;
    let h = client(&server.uri());
    let q = PropsQuery { market: Some(shelfcheck_taobao::Market::Tmall), ..PropsQuery::default() };
    h.client.itemprops(CID, &q).await.unwrap();
    let mut ndjson = Vec::new();
    shelfcheck_fetch::write_exchanges(&mut ndjson, &h.recorder.exchanges()).unwrap();
    let text = String::from_utf8(ndjson).unwrap();
    assert_no_secret(&text);
    for key in ["\"sign\"", "\"session\"", "\"app_key\"", "\"timestamp\""] {
        assert!(!text.contains(key), "{key} recorded");
    }
    assert!(text.contains("\"type\":\"2\"") && text.contains("\"cid\":\"50010399\""));
    server.verify().await;
}

#[tokio::test]
async fn plain_http_is_refused_without_an_explicit_base_url() {
    let err = shelfcheck_fetch::resolve_base_url(None, "http://eco.example/router/rest");
    assert!(err.is_err());
}
