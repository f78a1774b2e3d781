//! The transport's own rules, against a local server on 127.0.0.1: which HTTP failures are
//! retried and how long it waits (`Retry-After`), the body size limit, which timeout fired,
//! recording, and secrets the gateway echoes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use std::sync::Arc;
use std::time::Duration;

use std::io::{Read, Write};

use shelfcheck_fetch::{
    CallContext, FailureKind, HttpConfig, ProgressEvent, RateLimit, Recorder, RetryPolicy, TimeoutLimit, Transport,
    TransportError, Verdict,
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

/// A transport whose retries wait as long as they are told to (up to `max_delay`), reporting
/// every planned wait.
fn patient(base: &str, max_delay: Duration) -> (Transport, Arc<std::sync::Mutex<Vec<Duration>>>) {
    let config = HttpConfig {
        retry: RetryPolicy { max_attempts: 3, base_delay: Duration::from_millis(1), max_delay, jitter: 0.0 },
        rate: RateLimit::unlimited(),
        base_url: Some(base.to_string()),
        ..HttpConfig::default()
    };
    let waits = Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = waits.clone();
    let sink = move |e: &ProgressEvent| {
        if let ProgressEvent::Retrying { delay, .. } = e {
            seen.lock().unwrap().push(*delay);
        }
    };
    (Transport::new("test", "https://unused.invalid/", config).unwrap().with_progress(Arc::new(sink)), waits)
}

#[tokio::test]
async fn retry_after_in_seconds_and_as_a_date_is_waited_for() {
    for status in [429, 503] {
        let header = match status {
            429 => "1".to_string(),
            _ => httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(2)),
        };
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(status).insert_header("retry-after", header.as_str()))
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_string("ok")).mount(&server).await;
        let (t, waits) = patient(&server.uri(), Duration::from_secs(10));
        let started = std::time::Instant::now();
        assert_eq!(get(&t).await.unwrap(), "ok");
        let waits = waits.lock().unwrap().clone();
        // An HTTP-date has whole seconds: two seconds ahead is at least one from now.
        assert_eq!(waits.len(), 1, "{status}");
        assert!(waits[0] >= Duration::from_secs(1), "{status} {header}: waited {waits:?}");
        assert!(started.elapsed() >= Duration::from_secs(1));
    }
}

#[tokio::test]
async fn retry_after_is_capped_by_the_maximum_delay() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "86400"))
        .mount(&server)
        .await;
    let (t, waits) = patient(&server.uri(), Duration::from_millis(30));
    let err = get(&t).await.unwrap_err();
    assert_eq!(err.attempts, 3);
    assert_eq!(*waits.lock().unwrap(), vec![Duration::from_millis(30); 2]);
}

#[tokio::test]
async fn a_secret_echoed_by_the_gateway_is_masked_in_messages_and_recordings() {
    let server = MockServer::start().await;
    // A proxy's error page quoting the request, the token percent-encoded and as sent.
    let page = "<html>502 upstream error for /ping?access_token=SECRET-TOKEN (SECRET-TOKEN)</html>";
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(502).set_body_string(page)).mount(&server).await;
    let (t, recorder) = transport(&server.uri(), 4096);
    let t = t.with_secrets([&shelfcheck_fetch::Secret::new("SECRET-TOKEN")]);
    let err = get(&t).await.unwrap_err();
    let FailureKind::Transport(TransportError::Status { body_start, .. }) = &err.kind else { panic!("{err:?}") };
    assert!(body_start.contains("access_token=*** (***)"), "{body_start}");
    for text in [err.to_string(), format!("{err:?}")] {
        assert!(!text.contains("SECRET-TOKEN"), "{text}");
    }
    let lines: Vec<String> = recorder.exchanges().iter().map(|e| e.to_line()).collect();
    assert_eq!(lines.len(), 3);
    assert!(lines.iter().all(|l| !l.contains("SECRET-TOKEN") && l.contains("***")), "{lines:?}");
}

#[tokio::test]
async fn a_total_timeout_is_reported_as_the_total_limit() {
    // Headers at once, then one body byte every 50 ms: never silent for the read timeout,
    // but longer than the total one.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(1) {
            let mut s = stream.unwrap();
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            let _ = s.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n");
            for _ in 0..40 {
                std::thread::sleep(Duration::from_millis(50));
                if s.write_all(b"x").is_err() {
                    return;
                }
            }
        }
    });
    let config = HttpConfig {
        read_timeout: Duration::from_millis(400),
        total_timeout: Duration::from_millis(700),
        retry: RetryPolicy::none(),
        rate: RateLimit::unlimited(),
        base_url: Some(format!("http://{addr}/")),
        ..HttpConfig::default()
    };
    let t = Transport::new("test", "https://unused.invalid/", config).unwrap();
    let err = get(&t).await.unwrap_err();
    let FailureKind::Transport(TransportError::Timeout { after, limit }) = &err.kind else { panic!("{err:?}") };
    assert_eq!((*after, *limit), (Duration::from_millis(700), TimeoutLimit::Total));
    assert!(err.to_string().contains("longer than its limit of 700ms in all"), "{err}");
    let zh = err_kind_zh(&err.kind);
    assert!(zh.contains("总时限 700ms"), "{zh}");
}

fn err_kind_zh(kind: &FailureKind<String>) -> String {
    match kind {
        FailureKind::Transport(t) => t.message(shelfcheck_fetch::Locale::ZhCn),
        other => format!("{other:?}"),
    }
}
