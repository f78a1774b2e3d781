//! The transport's own rules, against a local server on 127.0.0.1: which HTTP failures are
//! retried, the body size limit, and recording.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use std::sync::Arc;
use std::time::Duration;

use shelfcheck_fetch::{
    CallContext, FailureKind, HttpConfig, RateLimit, Recorder, RetryPolicy, Transport, TransportError, Verdict,
};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn transport(base: &str, max_body_bytes: usize) -> (Transport, Arc<Recorder>) {
    let config = HttpConfig {
        read_timeout: Duration::from_millis(300),
        retry: RetryPolicy::immediate(3),
        rate: RateLimit::unlimited(),
        base_url: Some(base.to_string()),
        max_body_bytes,
        ..HttpConfig::default()
    };
    let recorder = Arc::new(Recorder::in_memory());
    (Transport::new("test", "https://unused.invalid/", config).unwrap().with_recorder(recorder.clone()), recorder)
}

/// A platform that understands nothing: every reply is judged by its status.
async fn get(t: &Transport) -> Result<String, shelfcheck_fetch::CallError<String>> {
    let ctx = CallContext::new("test", "ping", [("q", "1"), ("access_token", "SECRET-TOKEN")]);
    t.call(
        &ctx,
        |c, url| c.get(url.clone()).query(&[("access_token", "SECRET-TOKEN")]),
        |r| if r.is_success() { Verdict::Done(r.body.clone()) } else { Verdict::<String, String>::HttpStatus },
    )
    .await
}

#[tokio::test]
async fn retries_429_and_5xx_but_not_404() {
    for (status, attempts) in [(429, 3), (503, 3), (404, 1), (400, 1)] {
        let server = MockServer::start().await;
        Mock::given(method("GET")).respond_with(ResponseTemplate::new(status)).mount(&server).await;
        let (t, recorder) = transport(&server.uri(), 1024);
        let err = get(&t).await.unwrap_err();
        assert_eq!(err.attempts, attempts, "status {status}");
        assert!(matches!(err.kind, FailureKind::Transport(TransportError::Status { status: s, .. }) if s == status));
        assert_eq!(recorder.exchanges().len(), attempts as usize);
        assert!(!err.to_string().contains("SECRET-TOKEN"));
        assert!(recorder.exchanges().iter().all(|e| !e.to_line().contains("SECRET-TOKEN")));
    }
}

#[tokio::test]
async fn oversized_bodies_are_refused_without_retry() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("x".repeat(4096)))
        .mount(&server)
        .await;
    let (t, _) = transport(&server.uri(), 1024);
    let err = get(&t).await.unwrap_err();
    assert_eq!(err.attempts, 1);
    assert!(err.to_string().contains("larger than 1024 bytes"), "{err}");
}

#[tokio::test]
async fn a_refused_connection_is_retried_then_reported() {
    // Bind then drop a listener: the port is closed, so connecting fails at once.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let (t, _) = transport(&format!("http://127.0.0.1:{port}/"), 1024);
    let err = get(&t).await.unwrap_err();
    assert_eq!(err.attempts, 3);
    assert!(matches!(err.kind, FailureKind::Transport(TransportError::Connect { .. })), "{err:?}");
    assert!(!format!("{err:?}").contains("SECRET-TOKEN"));
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "http://127.0.0.1:9/steal"))
        .mount(&server)
        .await;
    let (t, _) = transport(&server.uri(), 1024);
    let err = get(&t).await.unwrap_err();
    assert_eq!(err.attempts, 1);
    assert!(matches!(err.kind, FailureKind::Transport(TransportError::Status { status: 302, .. })), "{err:?}");
}
