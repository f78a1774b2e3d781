//! The local-server harness every fetcher crate's tests use (enabled by the `test-support`
//! feature, which only dev-dependencies turn on): a transport pointed at a server on
//! 127.0.0.1 that records every exchange and every progress event, canned JSON replies, a raw
//! server that cuts a body short, and a check that planted credentials appear nowhere.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::{HttpConfig, ProgressEvent, ProgressSink, RateLimit, Recorder, RetryPolicy, SetupError, Transport};

/// Settings for a local server: short timeouts, three attempts with no back-off (a test
/// should not sleep), no rate limit, and the server's address as the base URL.
pub fn local_config(base_url: &str) -> HttpConfig {
    HttpConfig {
        read_timeout: Duration::from_millis(300),
        retry: RetryPolicy::immediate(3),
        rate: RateLimit::unlimited(),
        base_url: Some(base_url.to_string()),
        ..HttpConfig::default()
    }
}

/// Every progress event a transport emitted, in order.
#[derive(Debug, Default, Clone)]
pub struct Events(Arc<Mutex<Vec<ProgressEvent>>>);

impl ProgressSink for Events {
    fn on_event(&self, event: &ProgressEvent) {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).push(event.clone());
    }
}

impl Events {
    pub fn all(&self) -> Vec<ProgressEvent> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    pub fn retries(&self) -> usize {
        self.all().iter().filter(|e| matches!(e, ProgressEvent::Retrying { .. })).count()
    }
}

/// A platform's transport that keeps what it did for the test to inspect.
#[derive(Debug)]
pub struct Recorded {
    pub transport: Transport,
    pub recorder: Arc<Recorder>,
    pub events: Events,
}

/// A transport for `platform` under `config`, recording in memory and collecting its events.
pub fn recorded(platform: &str, default_base_url: &str, config: HttpConfig) -> Result<Recorded, SetupError> {
    let recorder = Arc::new(Recorder::in_memory());
    let events = Events::default();
    let transport = Transport::new(platform, default_base_url, config)?
        .with_recorder(recorder.clone())
        .with_progress(Arc::new(events.clone()));
    Ok(Recorded { transport, recorder, events })
}

/// A 200 reply with a JSON body, sent as is.
pub fn json_reply(body: impl Into<String>) -> wiremock::ResponseTemplate {
    wiremock::ResponseTemplate::new(200).set_body_raw(body.into(), "application/json")
}

/// The texts in which one of the planted `secrets` appears.
pub fn leaks<'t, T: AsRef<str> + ?Sized + 't>(
    texts: impl IntoIterator<Item = &'t T>,
    secrets: &[&str],
) -> Vec<&'t str> {
    texts.into_iter().map(AsRef::as_ref).filter(|t| secrets.iter().any(|s| t.contains(s))).collect()
}

/// A raw HTTP server on 127.0.0.1 for the one fault `wiremock` cannot stage: it answers
/// `connections` requests with `body`, and on the first one promises the whole body, sends
/// half of it and hangs up. The handle ends once every connection is answered.
pub fn cut_body_server(body: Vec<u8>, connections: usize) -> std::io::Result<(SocketAddr, JoinHandle<()>)> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    let handle = std::thread::spawn(move || {
        for (i, stream) in listener.incoming().take(connections).enumerate() {
            let Ok(mut s) = stream else { continue };
            // The request is read (and ignored) so the client sees an orderly exchange.
            let _ = s.set_read_timeout(Some(Duration::from_millis(200)));
            let _ = s.read(&mut [0u8; 8192]);
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                body.len()
            );
            let n = if i == 0 { body.len() / 2 } else { body.len() };
            let _ = s.write_all(head.as_bytes()).and_then(|()| s.write_all(body.get(..n).unwrap_or_default()));
        }
    });
    Ok((addr, handle))
}
