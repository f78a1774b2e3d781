//! Errors of the shared HTTP layer, and the wrapper that adds the failed call's context.

use std::fmt;
use std::time::Duration;

use crate::context::CallContext;
use crate::locale::Locale;

/// A failure below the platform's own error envelope: the request never produced a usable
/// HTTP exchange.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TransportError {
    #[error("{}", timeout_text(*.limit, *.after, Locale::En))]
    Timeout { after: Duration, limit: TimeoutLimit },
    #[error("could not connect: {detail}")]
    Connect { detail: String },
    #[error("HTTP status {status}")]
    Status { status: u16, body_start: String },
    #[error("response body could not be read (connection cut?): {detail}")]
    Body { detail: String },
    #[error("request failed: {detail}")]
    Other { detail: String },
}

impl TransportError {
    /// Network trouble and server-side failures are worth another try; nothing else reaches
    /// this type.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Status { status, .. } => *status >= 500 || *status == 429 || *status == 408,
            Self::Timeout { .. } | Self::Connect { .. } | Self::Body { .. } => true,
            Self::Other { .. } => false,
        }
    }

    pub fn message(&self, locale: Locale) -> String {
        match locale {
            Locale::En => self.to_string(),
            Locale::ZhCn => match self {
                Self::Timeout { after, limit } => timeout_text(*limit, *after, locale),
                Self::Connect { detail } => format!("无法连接:{detail}"),
                Self::Status { status, .. } => format!("HTTP 状态码 {status}"),
                Self::Body { detail } => format!("响应内容读取失败(连接被中断?):{detail}"),
                Self::Other { detail } => format!("请求失败:{detail}"),
            },
        }
    }

    /// Maps a `reqwest` error without keeping its URL: the URL holds signed query parameters
    /// (and for some platforms the token itself). `timeout` is the limit that fired, when the
    /// error is a timeout (`reqwest` does not say which of its limits it was).
    pub(crate) fn from_reqwest(err: reqwest::Error, timeout: (Duration, TimeoutLimit)) -> Self {
        let (timeout_hit, connect, body) = (
            err.is_timeout(),
            err.is_connect(),
            // Hyper reports a peer that closes mid-exchange as a request error.
            err.is_body() || err.is_decode() || err.is_request(),
        );
        let detail = describe(&err.without_url());
        if timeout_hit {
            Self::Timeout { after: timeout.0, limit: timeout.1 }
        } else if connect {
            Self::Connect { detail }
        } else if body {
            Self::Body { detail }
        } else {
            Self::Other { detail }
        }
    }
}

/// Which of the transport's time limits ended an exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeoutLimit {
    /// Establishing the connection.
    Connect,
    /// The longest silence while waiting for response bytes.
    Read,
    /// The whole exchange.
    Total,
}

fn timeout_text(limit: TimeoutLimit, after: Duration, locale: Locale) -> String {
    match (locale, limit) {
        (Locale::En, TimeoutLimit::Connect) => format!("timed out: no connection within {after:?}"),
        (Locale::En, TimeoutLimit::Read) => format!("timed out: no response bytes for {after:?}"),
        (Locale::En, TimeoutLimit::Total) => {
            format!("timed out: the exchange took longer than its limit of {after:?} in all")
        }
        (Locale::ZhCn, TimeoutLimit::Connect) => format!("请求超时:{after:?} 内未能建立连接"),
        (Locale::ZhCn, TimeoutLimit::Read) => format!("请求超时:{after:?} 内没有收到任何响应数据"),
        (Locale::ZhCn, TimeoutLimit::Total) => format!("请求超时:整个请求超过了总时限 {after:?}"),
    }
}

/// The error chain of an underlying error in one line.
fn describe(err: &(dyn std::error::Error + 'static)) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

/// Why a call finally failed: the transport, or the platform's own answer (`E`, the platform
/// crate's error type).
#[derive(Debug)]
#[non_exhaustive]
pub enum FailureKind<E> {
    Transport(TransportError),
    Platform(E),
}

/// A failed call with everything a user needs: which call (secrets removed), after how many
/// attempts, and why.
#[derive(Debug)]
pub struct CallError<E> {
    pub context: CallContext,
    pub attempts: u32,
    pub kind: FailureKind<E>,
}

impl<E: fmt::Display> fmt::Display for CallError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.attempts == 0 {
            write!(f, "{} on {} not made: ", self.context.platform, self.context)?;
        } else {
            write!(f, "{} on {} failed after {} attempt(s): ", self.context.platform, self.context, self.attempts)?;
        }
        match &self.kind {
            FailureKind::Transport(t) => write!(f, "{t}"),
            FailureKind::Platform(e) => write!(f, "{e}"),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for CallError<E> {}

/// Platform errors that can speak both languages.
pub trait Localized {
    fn message(&self, locale: Locale) -> String;
}

impl<E: Localized> CallError<E> {
    pub fn message(&self, locale: Locale) -> String {
        let why = match &self.kind {
            FailureKind::Transport(t) => t.message(locale),
            FailureKind::Platform(e) => e.message(locale),
        };
        // No attempt: the fetch chose not to make the call (a bound of its walk).
        match (locale, self.attempts) {
            (Locale::En, 0) => format!("{} on {} not made: {why}", self.context.platform, self.context),
            (Locale::ZhCn, 0) => format!("{} 未调用 {}:{why}", self.context.platform, self.context),
            (Locale::En, _) => format!(
                "{} on {} failed after {} attempt(s): {why}",
                self.context.platform, self.context, self.attempts
            ),
            (Locale::ZhCn, _) => {
                format!("{} 调用 {} 失败(共尝试 {} 次):{why}", self.context.platform, self.context, self.attempts)
            }
        }
    }
}
