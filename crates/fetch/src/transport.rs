//! The HTTP client every platform crate calls through: limits, retries, recording, progress.

use std::sync::Arc;
use std::time::Duration;

use reqwest::{Client, RequestBuilder, Url};

use crate::context::CallContext;
use crate::error::{CallError, FailureKind, TimeoutLimit, TransportError};
use crate::limiter::{RateLimit, RateLimiter};
use crate::locale::Locale;
use crate::progress::{NoProgress, ProgressEvent, ProgressSink, Stage};
use crate::record::{Exchange, Recorder};
use crate::retry::RetryPolicy;
use crate::secret::{Redactor, Secret};

/// Settings shared by every platform client.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    pub connect_timeout: Duration,
    /// Longest silence while waiting for response bytes.
    pub read_timeout: Duration,
    /// Ceiling for one whole exchange, so a server dripping bytes cannot hold a call forever.
    pub total_timeout: Duration,
    pub retry: RetryPolicy,
    pub rate: RateLimit,
    /// Explicit gateway address. Plain `http://` is accepted only here (local test servers);
    /// without it the platform's HTTPS gateway is used and the client refuses plain HTTP.
    pub base_url: Option<String>,
    /// Bodies larger than this are refused instead of exhausting memory.
    pub max_body_bytes: usize,
}

impl Default for HttpConfig {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
            total_timeout: Duration::from_secs(120),
            retry: RetryPolicy::default(),
            rate: RateLimit::default(),
            base_url: None,
            max_body_bytes: 64 * 1024 * 1024,
        }
    }
}

/// A received HTTP answer.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub body: String,
}

impl Reply {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// A platform's judgement of one reply.
#[derive(Debug)]
pub enum Verdict<T, E> {
    Done(T),
    /// Worth another try (busy, rate limited, truncated body). `min_wait` is the platform's
    /// "not before" hint; `slow_down` pauses the whole platform, not only this call.
    Retry {
        error: E,
        min_wait: Option<Duration>,
        slow_down: bool,
    },
    /// Final: bad credentials, bad parameters, malformed answer.
    Fail(E),
    /// The body is not the platform's envelope: judge the reply by its HTTP status.
    HttpStatus,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SetupError {
    #[error("base URL `{url}` is not usable: {reason}")]
    BaseUrl { url: String, reason: String },
    #[error("HTTP client could not be built: {detail}")]
    Client { detail: String },
}

impl SetupError {
    pub fn message(&self, locale: Locale) -> String {
        match (locale, self) {
            (Locale::En, _) => self.to_string(),
            (Locale::ZhCn, Self::BaseUrl { url, reason }) => {
                format!("基础地址 `{url}` 不可用:{reason}")
            }
            (Locale::ZhCn, Self::Client { detail }) => format!("无法创建 HTTP 客户端:{detail}"),
        }
    }
}

/// One platform's HTTP client.
#[derive(Clone)]
pub struct Transport {
    platform: String,
    client: Client,
    base_url: Url,
    config: HttpConfig,
    limiter: RateLimiter,
    progress: Arc<dyn ProgressSink>,
    recorder: Arc<Recorder>,
    redactor: Arc<Redactor>,
}

/// A reply and the wait its `Retry-After` header asked for.
struct Received {
    reply: Reply,
    retry_after: Option<Duration>,
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transport")
            .field("platform", &self.platform)
            .field("base_url", &self.base_url.as_str())
            .finish_non_exhaustive()
    }
}

/// `path` under `base`, keeping any path prefix of the base (`http://127.0.0.1:9/prefix` +
/// `a/b` gives `/prefix/a/b`, where `Url::join` would drop `prefix`). Falls back to the base
/// itself for a path that cannot be joined, so the request fails visibly at the server.
pub fn endpoint(base: &Url, path: &str) -> Url {
    let mut url = base.clone();
    if !url.path().ends_with('/') {
        let p = format!("{}/", url.path());
        url.set_path(&p);
    }
    url.join(path).unwrap_or_else(|_| base.clone())
}

/// Resolves the gateway: an explicit URL may be `http` or `https`, the default must be `https`.
pub fn resolve_base_url(explicit: Option<&str>, default_https: &str) -> Result<Url, SetupError> {
    let (raw, explicit) = match explicit {
        Some(u) => (u, true),
        None => (default_https, false),
    };
    let bad = |reason: &str| SetupError::BaseUrl { url: raw.to_string(), reason: reason.to_string() };
    let url = Url::parse(raw).map_err(|e| bad(&e.to_string()))?;
    match url.scheme() {
        "https" => Ok(url),
        "http" if explicit => Ok(url),
        "http" => Err(bad("plain HTTP is only allowed for an explicitly given base URL")),
        _ => Err(bad("only http and https are supported")),
    }
}

impl Transport {
    pub fn new(platform: impl Into<String>, default_base_url: &str, config: HttpConfig) -> Result<Self, SetupError> {
        let base_url = resolve_base_url(config.base_url.as_deref(), default_base_url)?;
        let client = Client::builder()
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.read_timeout)
            .timeout(config.total_timeout)
            // Plain HTTP only for an explicitly given http:// gateway (local test servers).
            .https_only(base_url.scheme() == "https")
            // The gateways never redirect; following one could carry signed parameters or a
            // token in the query to another host, so a redirect is an error instead.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("shelfcheck/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| SetupError::Client { detail: e.to_string() })?;
        Ok(Self {
            platform: platform.into(),
            client,
            base_url,
            limiter: RateLimiter::new(&config.rate),
            config,
            progress: Arc::new(NoProgress),
            recorder: Arc::new(Recorder::in_memory()),
            redactor: Arc::new(Redactor::default()),
        })
    }

    /// Replaces these credentials' values with `***` in every body and error detail before
    /// anything (classification, recording, messages) sees it. The platform clients register
    /// their own credentials here.
    pub fn with_secrets<'a>(mut self, secrets: impl IntoIterator<Item = &'a Secret>) -> Self {
        let mut r = (*self.redactor).clone();
        for s in secrets {
            r.add(s);
        }
        self.redactor = Arc::new(r);
        self
    }

    /// Requests in flight at once: how many tasks are worth running side by side.
    pub fn max_concurrency(&self) -> usize {
        self.limiter.max_concurrency()
    }

    pub fn with_progress(mut self, progress: Arc<dyn ProgressSink>) -> Self {
        self.progress = progress;
        self
    }

    pub fn with_recorder(mut self, recorder: Arc<Recorder>) -> Self {
        self.recorder = recorder;
        self
    }

    pub fn platform(&self) -> &str {
        &self.platform
    }

    pub fn base_url(&self) -> &Url {
        &self.base_url
    }

    pub fn recorder(&self) -> &Arc<Recorder> {
        &self.recorder
    }

    pub fn progress(&self) -> &Arc<dyn ProgressSink> {
        &self.progress
    }

    /// Emits a progress event to the configured sink.
    pub fn emit(&self, event: ProgressEvent) {
        self.progress.on_event(&event);
    }

    /// A stage of this platform's fetch begins; `total` is the number of units when known.
    pub fn stage_started(&self, stage: Stage, total: Option<u64>) {
        self.emit(ProgressEvent::StageStarted { platform: self.platform.clone(), stage, total });
    }

    /// One unit of `stage` finished (fetched or skipped).
    pub fn advanced(&self, stage: Stage) {
        self.emit(ProgressEvent::Advanced { platform: self.platform.clone(), stage });
    }

    pub fn stage_finished(&self, stage: Stage) {
        self.emit(ProgressEvent::StageFinished { platform: self.platform.clone(), stage });
    }

    /// Performs one API call with retries.
    ///
    /// `build` is invoked for every attempt so that time-dependent signatures are fresh after a
    /// back-off; `classify` turns each reply into a verdict. Every reply is recorded (errors
    /// too: the recording is also a debugging log) under `ctx`, which holds no secrets.
    pub async fn call<T, E, B, C>(&self, ctx: &CallContext, build: B, classify: C) -> Result<T, CallError<E>>
    where
        B: Fn(&Client, &Url) -> RequestBuilder,
        C: Fn(&Reply) -> Verdict<T, E>,
        E: std::fmt::Display,
    {
        let max = self.config.retry.max_attempts.max(1);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let permit = self.limiter.acquire().await;
            let sent = self.send(build(&self.client, &self.base_url)).await;
            drop(permit);
            let (kind, min_wait, slow_down, retryable) = match sent {
                Ok(Received { reply, retry_after }) => {
                    self.recorder.record(Exchange::new(
                        self.platform.as_str(),
                        ctx.method.as_str(),
                        ctx.params.clone(),
                        &reply.body,
                    ));
                    match classify(&reply) {
                        Verdict::Done(v) => return Ok(v),
                        // The server's own `Retry-After` is a floor for the wait, as is the
                        // platform's hint; a server asking for a pause pauses the platform.
                        Verdict::Retry { error, min_wait, slow_down } => (
                            FailureKind::Platform(error),
                            min_wait.max(retry_after),
                            slow_down || retry_after.is_some(),
                            true,
                        ),
                        Verdict::Fail(error) => (FailureKind::Platform(error), None, false, false),
                        Verdict::HttpStatus => {
                            let err = TransportError::Status {
                                status: reply.status,
                                body_start: reply.body.chars().take(200).collect(),
                            };
                            let r = err.is_retryable();
                            (FailureKind::Transport(err), retry_after, reply.status == 429 || retry_after.is_some(), r)
                        }
                    }
                }
                Err(err) => {
                    let r = err.is_retryable();
                    (FailureKind::Transport(err), None, false, r)
                }
            };
            if !retryable || attempt >= max {
                return Err(CallError { context: ctx.clone(), attempts: attempt, kind });
            }
            let delay = self.config.retry.delay(attempt, min_wait);
            if slow_down {
                self.limiter.pause(delay).await;
            }
            let reason = match &kind {
                FailureKind::Transport(t) => t.to_string(),
                FailureKind::Platform(e) => e.to_string(),
            };
            self.emit(ProgressEvent::Retrying {
                platform: self.platform.clone(),
                method: ctx.method.clone(),
                attempt,
                delay,
                reason,
            });
            tokio::time::sleep(delay).await;
        }
    }

    async fn send(&self, req: RequestBuilder) -> Result<Received, TransportError> {
        let started = tokio::time::Instant::now();
        let fail = |e: reqwest::Error| self.redact_error(TransportError::from_reqwest(e, self.limit_hit(started)));
        let mut resp = req.send().await.map_err(|e| {
            if e.is_connect() && e.is_timeout() {
                TransportError::Timeout { after: self.config.connect_timeout, limit: TimeoutLimit::Connect }
            } else {
                fail(e)
            }
        })?;
        let status = resp.status().as_u16();
        let retry_after = match status {
            429 | 503 => resp
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| crate::retry_after::parse(v, std::time::SystemTime::now())),
            _ => None,
        };
        let mut body: Vec<u8> = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(fail)? {
            if body.len() + chunk.len() > self.config.max_body_bytes {
                return Err(TransportError::Other {
                    detail: format!("response body larger than {} bytes", self.config.max_body_bytes),
                });
            }
            body.extend_from_slice(&chunk);
        }
        let body = match String::from_utf8(body) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        };
        let body = match self.redactor.redact(&body) {
            std::borrow::Cow::Borrowed(_) => body,
            std::borrow::Cow::Owned(clean) => clean,
        };
        Ok(Received { reply: Reply { status, body }, retry_after })
    }

    /// Which limit a timeout of an exchange started at `started` hit: the total one when the
    /// exchange lasted that long, else the read one (the connect one is told apart by
    /// `reqwest` itself).
    fn limit_hit(&self, started: tokio::time::Instant) -> (Duration, TimeoutLimit) {
        let total = self.config.total_timeout;
        // Timers never fire early; the margin absorbs the clock's granularity.
        if started.elapsed() + Duration::from_millis(5) >= total {
            (total, TimeoutLimit::Total)
        } else {
            (self.config.read_timeout, TimeoutLimit::Read)
        }
    }

    fn redact_error(&self, err: TransportError) -> TransportError {
        match err {
            TransportError::Connect { detail } => {
                TransportError::Connect { detail: self.redactor.redact(&detail).into() }
            }
            TransportError::Body { detail } => TransportError::Body { detail: self.redactor.redact(&detail).into() },
            TransportError::Other { detail } => TransportError::Other { detail: self.redactor.redact(&detail).into() },
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_by_default_http_only_when_explicit() {
        assert!(resolve_base_url(None, "https://gw.example/router").is_ok());
        assert!(resolve_base_url(None, "http://gw.example/router").is_err());
        assert!(resolve_base_url(Some("http://127.0.0.1:1/"), "https://x/").is_ok());
        assert!(resolve_base_url(Some("ftp://127.0.0.1/"), "https://x/").is_err());
    }

    #[test]
    fn endpoints_keep_the_base_path_prefix() -> Result<(), Box<dyn std::error::Error>> {
        let base = Url::parse("http://127.0.0.1:9/prefix")?;
        assert_eq!(endpoint(&base, "cgi-bin/wxopen/getcategory").path(), "/prefix/cgi-bin/wxopen/getcategory");
        let root = Url::parse("https://api.example/")?;
        assert_eq!(endpoint(&root, "1688/category/info").as_str(), "https://api.example/1688/category/info");
        Ok(())
    }
}
