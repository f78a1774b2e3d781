//! Shared helpers for the TOP client tests: a local mock gateway and real recorded bodies.
#![allow(
    dead_code,
    unused_imports,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "each test binary uses part of it; tests fail loudly"
)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde_json::value::RawValue;
pub use shelfcheck_fetch::test_support::{cut_body_server, json_reply, Events};
use shelfcheck_fetch::test_support::{leaks, recorded, Recorded};
use shelfcheck_fetch::{HttpConfig, RateLimit, Recorder, RetryPolicy, Secret};
use shelfcheck_taobao::{Credentials, TaobaoClient, DEFAULT_GATEWAY, PLATFORM};
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::Mock;

/// Planted credentials: tests grep every output for them.
pub const APP_SECRET: &str = "PLANTED-APP-SECRET-7f3a";
pub const SESSION: &str = "PLANTED-SESSION-91bd";

pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/taobao-sale-props")
}

/// The two genuine bodies of one recorded category: (`itemprops.get`, `itempropvalues.get`).
pub fn real_bodies(cid: i64) -> (String, String) {
    let text = std::fs::read_to_string(data_dir().join(format!("{cid}.json"))).unwrap();
    let doc: BTreeMap<String, &RawValue> = serde_json::from_str(&text).unwrap();
    (doc["props"].get().to_string(), doc["propvalues"].get().to_string())
}

pub fn config(base: &str) -> HttpConfig {
    HttpConfig {
        connect_timeout: Duration::from_millis(500),
        read_timeout: Duration::from_millis(200),
        total_timeout: Duration::from_secs(5),
        retry: RetryPolicy::immediate(4),
        rate: RateLimit::unlimited(),
        base_url: Some(format!("{base}/router/rest")),
        ..HttpConfig::default()
    }
}

pub struct Harness {
    pub client: TaobaoClient,
    pub recorder: Arc<Recorder>,
    pub events: Events,
}

pub fn client(base: &str) -> Harness {
    client_with(config(base))
}

pub fn client_with(config: HttpConfig) -> Harness {
    let Recorded { transport, recorder, events } = recorded(PLATFORM, DEFAULT_GATEWAY, config).unwrap();
    let client = TaobaoClient::with_transport(
        transport,
        Credentials {
            app_key: "12345678".into(),
            app_secret: Secret::new(APP_SECRET),
            session: Some(Secret::new(SESSION)),
        },
    );
    Harness { client, recorder, events }
}

/// Fails the test if a planted credential appears in `text`.
pub fn assert_no_secret(text: &str) {
    assert_eq!(leaks([text], &[APP_SECRET, SESSION]), Vec::<&str>::new(), "a planted credential leaked");
}

/// A signed call of `api` whose form carries `param`.
pub fn call(api: &str, param: &str) -> wiremock::MockBuilder {
    Mock::given(method("POST"))
        .and(path("/router/rest"))
        .and(body_string_contains(format!("method={api}")))
        .and(body_string_contains(param.to_string()))
}

pub fn error_body(code: i64, msg: &str, sub_code: &str) -> String {
    format!(r#"{{"error_response":{{"code":{code},"msg":"{msg}","sub_code":"{sub_code}","request_id":"test"}}}}"#)
}
