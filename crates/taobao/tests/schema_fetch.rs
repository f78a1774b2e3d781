//! Fetching publish schemas from a local gateway serving the recorded answers: the fetched
//! snapshot is the recording's import, and a cut XML or an error envelope fails its category
//! (skipped and marked incomplete, or the end of a strict fetch).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

mod support;

use std::path::PathBuf;

use serde_json::Value;
use shelfcheck_fetch::Locale;
use shelfcheck_taobao::schema::{fetch_schemas, SchemaFetchOptions, SchemaKind};
use shelfcheck_taobao::{import_texts, snapshot_bytes, Market};
use support::{assert_no_secret, call, client, error_body, json_reply};
use wiremock::MockServer;

const JADE: i64 = 99000002;
const BAG: i64 = 99000003;

/// The recorded answer of a sample, as the gateway sent it.
fn answer(name: &str) -> String {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../../fixtures/recordings/tmall-schema/{name}.ndjson"));
    let line: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    line["response"].to_string()
}

fn options(categories: Vec<i64>, strict: bool) -> SchemaFetchOptions {
    SchemaFetchOptions { kind: SchemaKind::ProductAdd, categories, product_id: None, market: Market::Tmall, strict }
}

async fn gateway(bag: String) -> MockServer {
    let server = MockServer::start().await;
    let method = "tmall.product.add.schema.get";
    call(method, &format!("category_id={JADE}"))
        .respond_with(json_reply(answer("product-add-jade")))
        .mount(&server)
        .await;
    call(method, &format!("category_id={BAG}")).respond_with(json_reply(bag)).mount(&server).await;
    server
}

#[tokio::test]
async fn fetched_schemas_are_recorded_and_rebuild_the_same_snapshot() {
    let server = gateway(answer("product-add-bag")).await;
    let h = client(&server.uri());
    let report = fetch_schemas(&h.client, &options(vec![BAG, JADE], true)).await.unwrap();
    assert!(report.skipped.is_empty());
    assert_eq!(report.calls, 2);
    assert_eq!(report.summary.schema.schemas, 2);
    let ids: Vec<i64> = report.snapshot.categories.iter().map(|c| c.id).collect();
    assert_eq!(ids, [JADE, BAG]);
    // The recording holds the calls with their parameters, and no credential.
    let mut recording = Vec::new();
    shelfcheck_fetch::write_exchanges(&mut recording, &h.recorder.exchanges()).unwrap();
    let recording = String::from_utf8(recording).unwrap();
    assert_no_secret(&recording);
    assert!(recording.contains("\"category_id\":\"99000003\""), "{recording}");
    // Signed like every TOP call; the app secret travels in no request (the session does).
    for request in server.received_requests().await.unwrap() {
        let form = String::from_utf8(request.body.clone()).unwrap();
        assert!(
            form.contains("sign=") && form.contains("sign_method=hmac") && form.contains("app_key=12345678"),
            "{form}"
        );
        assert!(!form.contains(support::APP_SECRET), "{form}");
    }
    let (again, _) = import_texts(&[&recording], &report.import_options).unwrap();
    assert_eq!(snapshot_bytes(&again), snapshot_bytes(&report.snapshot));
}

#[tokio::test]
async fn a_cut_schema_fails_its_category_by_line_and_field() {
    let whole = answer("product-add-bag");
    // Cut the XML inside 质地's options; the envelope stays whole JSON.
    let at = whole.find("牛仔布").unwrap();
    let cut = format!("{}\"}}}}", &whole[..at]);
    let server = gateway(cut).await;
    let h = client(&server.uri());
    let report = fetch_schemas(&h.client, &options(vec![BAG, JADE], false)).await.unwrap();
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(report.skipped[0].category, BAG);
    let message = report.skipped[0].message(Locale::En);
    assert!(message.contains("field `prop_20021`: malformed XML"), "{message}");
    assert!(report.skipped[0].message(Locale::ZhCn).contains("字段 `prop_20021`: XML 格式错误"));
    let bag = report.snapshot.categories.iter().find(|c| c.id == BAG).unwrap();
    assert!(bag.incomplete);
    let strict = fetch_schemas(&h.client, &options(vec![BAG, JADE], true)).await;
    assert!(strict.is_err());
}

#[tokio::test]
async fn an_error_envelope_fails_its_category_only() {
    let server = gateway(error_body(15, "Remote service error", "isv.invalid-parameter")).await;
    let h = client(&server.uri());
    let report = fetch_schemas(&h.client, &options(vec![BAG, JADE], false)).await.unwrap();
    assert_eq!(report.skipped.iter().map(|s| s.category).collect::<Vec<_>>(), [BAG]);
    assert!(report.snapshot.categories.iter().any(|c| c.id == JADE && !c.incomplete));
    assert!(report.snapshot.categories.iter().any(|c| c.id == BAG && c.incomplete));
}
