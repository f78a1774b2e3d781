//! Shared helpers for the TOP client tests: a local mock gateway and real recorded bodies.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "each test binary uses part of it; tests fail loudly"
)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::value::RawValue;
use shelfcheck_fetch::{HttpConfig, ProgressEvent, ProgressSink, RateLimit, Recorder, RetryPolicy, Secret, Transport};
use shelfcheck_taobao::{Credentials, TaobaoClient, DEFAULT_GATEWAY, PLATFORM};

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

#[derive(Default, Clone)]
pub struct Events(pub Arc<Mutex<Vec<ProgressEvent>>>);

impl ProgressSink for Events {
    fn on_event(&self, event: &ProgressEvent) {
        self.0.lock().unwrap().push(event.clone());
    }
}

impl Events {
    pub fn retries(&self) -> usize {
        self.0.lock().unwrap().iter().filter(|e| matches!(e, ProgressEvent::Retrying { .. })).count()
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
    let recorder = Arc::new(Recorder::in_memory());
    let events = Events::default();
    let transport = Transport::new(PLATFORM, DEFAULT_GATEWAY, config)
        .unwrap()
        .with_recorder(recorder.clone())
        .with_progress(Arc::new(events.clone()));
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
    assert!(!text.contains(APP_SECRET), "app secret leaked: {text}");
    assert!(!text.contains(SESSION), "session leaked: {text}");
}

pub fn error_body(code: i64, msg: &str, sub_code: &str) -> String {
    format!(r#"{{"error_response":{{"code":{code},"msg":"{msg}","sub_code":"{sub_code}","request_id":"test"}}}}"#)
}
