//! The official 1688 client against a local server on 127.0.0.1: signed requests, the
//! documentation's attribute example, and faults (5xx, error envelopes, a truncated body).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use std::sync::Arc;

use serde_json::{json, Value};
use shelfcheck_1688::{
    fetch_leaves, signature, AlibabaError, OfficialClient, OfficialCredentials, OFFICIAL_BASE_URL, PLATFORM,
};
use shelfcheck_fetch::test_support::{json_reply, leaks, local_config, recorded};
use shelfcheck_fetch::{FailureKind, Locale, Localized, Recorder, Secret};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const KEY: &str = "8265012";
const SECRET: &str = "PLANTED-APP-SECRET-77c1";
const TOKEN: &str = "PLANTED-ACCESS-TOKEN-0b9e";

/// The documentation's example answer (`fixtures/recordings/1688/`).
fn doc_answer() -> Value {
    let line =
        include_str!("../../../fixtures/recordings/1688/alibaba.category.attribute.get__official-doc-example.ndjson");
    serde_json::from_str::<Value>(line).unwrap()["response"].clone()
}

fn category_answer(cid: i64) -> Value {
    json!({"categoryInfo": [{"categoryID": cid, "name": "连衣裙", "isLeaf": true, "parentIDs": [10166],
        "featureInfos": [{"key": "example_feature", "value": "true"}]}], "success": true})
}

fn client(base: &str) -> (OfficialClient, Arc<Recorder>) {
    let h = recorded(PLATFORM, OFFICIAL_BASE_URL, local_config(base)).unwrap();
    let credentials = OfficialCredentials {
        app_key: Secret::new(KEY),
        app_secret: Secret::new(SECRET),
        access_token: Some(Secret::new(TOKEN)),
    };
    (OfficialClient::with_transport(h.transport, credentials), h.recorder)
}

fn api(name: &str) -> wiremock::MockBuilder {
    Mock::given(method("GET")).and(path(format!("/param2/1/com.alibaba.product/{name}/{KEY}")))
}

/// Mounts `reply` for the first matching call only, ahead of the mocks of lower `priority`
/// (a larger number) that answer the calls after it.
async fn answer_once(server: &MockServer, mock: wiremock::MockBuilder, reply: ResponseTemplate, priority: u8) {
    mock.respond_with(reply).up_to_n_times(1).with_priority(priority).mount(server).await;
}

/// Whether a request carries the signature its path and other parameters give.
fn signed(req: &Request) -> bool {
    let url_path = req.url.path().trim_start_matches('/').to_string();
    let mut params = Vec::new();
    let mut sent = None;
    for (k, v) in req.url.query_pairs() {
        if k == "_aop_signature" {
            sent = Some(v.to_string());
        } else {
            params.push((k.to_string(), v.to_string()));
        }
    }
    sent == Some(signature(&url_path, &params, SECRET))
}

#[tokio::test]
async fn fetches_chosen_leaves_with_signed_requests() {
    let server = MockServer::start().await;
    api("alibaba.category.get")
        .and(query_param("categoryID", "1"))
        .respond_with(json_reply(category_answer(1).to_string()))
        .mount(&server)
        .await;
    // A 502 first, then the answer.
    let bad_gateway = ResponseTemplate::new(502).set_body_string("<html>Bad Gateway</html>");
    answer_once(&server, api("alibaba.category.attribute.get"), bad_gateway, 1).await;
    api("alibaba.category.attribute.get")
        .and(query_param("categoryID", "1"))
        .and(query_param("webSite", "1688"))
        .and(query_param("access_token", TOKEN))
        .respond_with(json_reply(doc_answer().to_string()))
        .mount(&server)
        .await;
    let (c, recorder) = client(&server.uri());
    let report = fetch_leaves(&c, &[1], true).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(signed), "every request carries its signature");
    let s = &report.snapshot;
    assert_eq!((s.categories[0].name.as_str(), s.properties[0].name.as_str()), ("连衣裙", "风格类型"));
    assert_eq!(s.categories[0].features.get("example_feature").map(String::as_str), Some("true"));
    // Neither the secret, the token nor the signature is recorded.
    let lines: Vec<String> = recorder.exchanges_from(0).iter().map(|e| e.to_line()).collect();
    assert_eq!(lines.len(), 3);
    assert!(leaks(&lines, &[SECRET, TOKEN, "_aop_signature"]).is_empty(), "{lines:?}");
    // The recording rebuilds the snapshot.
    let (again, _) = shelfcheck_1688::import_exchanges(&recorder.exchanges_from(0), &report.import_options).unwrap();
    assert_eq!(&again, s);
}

#[tokio::test]
async fn error_envelopes_and_a_truncated_body() {
    let server = MockServer::start().await;
    api("alibaba.category.get").respond_with(json_reply(category_answer(1).to_string())).mount(&server).await;
    let body = doc_answer().to_string();
    // Leaf 1: a body cut short, then data still being prepared (500_2), then the answer.
    let leaf_1 = || api("alibaba.category.attribute.get").and(query_param("categoryID", "1"));
    answer_once(&server, leaf_1(), json_reply(half(&body)), 1).await;
    let preparing = r#"{"success":false,"errorCode":"500_2","errorMsg":"数据准备中,请稍后重试。"}"#;
    answer_once(&server, leaf_1(), json_reply(preparing), 2).await;
    api("alibaba.category.attribute.get")
        .and(query_param("categoryID", "1"))
        .respond_with(json_reply(body.clone()))
        .with_priority(3)
        .mount(&server)
        .await;
    // Leaf 2: the gateway refuses the signature, echoing the secret; not retried.
    let refused = format!(r#"{{"error_code":"gw.SignatureInvalid","error_message":"bad signature for {SECRET}"}}"#);
    api("alibaba.category.attribute.get")
        .and(query_param("categoryID", "2"))
        .respond_with(ResponseTemplate::new(401).set_body_string(refused))
        .mount(&server)
        .await;
    let (c, _) = client(&server.uri());
    let report = fetch_leaves(&c, &[1, 2], false).await.unwrap();
    assert_eq!(report.skipped.len(), 1);
    let skipped = &report.skipped[0];
    assert_eq!((skipped.category, skipped.error.attempts), (2, 1));
    assert!(
        matches!(&skipped.error.kind, FailureKind::Platform(AlibabaError::Gateway { code, .. }) if code == "gw.SignatureInvalid")
    );
    let message = skipped.message(Locale::ZhCn);
    assert!(message.contains("官方网关拒绝了调用") && !message.contains(SECRET), "{message}");
    let s = &report.snapshot;
    let incomplete: Vec<i64> = s.categories.iter().filter(|c| c.incomplete).map(|c| c.id).collect();
    assert_eq!(incomplete, [2]);
    assert_eq!(s.properties.len(), 1);
    let attempts = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.query().unwrap_or("").contains("categoryID=1"))
        .count();
    assert_eq!(attempts, 4, "category, then three attribute attempts");
    assert!(AlibabaError::Preparing { code: "500_2".into(), msg: String::new() }
        .message(Locale::En)
        .contains("preparing"));
}

/// The first half of `text`, cut at a character boundary: a body that ends mid-answer.
fn half(text: &str) -> String {
    let mut cut = text.len() / 2;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text[..cut].to_string()
}
