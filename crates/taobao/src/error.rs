//! Errors of the TOP client: the gateway's `error_response` and answers that cannot be read.

use std::fmt;

use shelfcheck_fetch::{FromJsonFault, JsonFault, Locale, Localized};

/// The gateway's `error_response`. `code` is always present; the rest may be missing.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct TopError {
    #[serde(deserialize_with = "crate::lenient::id")]
    pub code: i64,
    #[serde(default, deserialize_with = "crate::lenient::text")]
    pub msg: String,
    #[serde(default)]
    pub sub_code: Option<String>,
    #[serde(default)]
    pub sub_msg: Option<String>,
    #[serde(default)]
    pub request_id: Option<String>,
}

impl fmt::Display for TopError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "code {} `{}`", self.code, self.msg)?;
        if let Some(s) = &self.sub_code {
            write!(f, ", sub_code `{s}`")?;
        }
        if let Some(s) = &self.sub_msg {
            write!(f, ", sub_msg `{s}`")?;
        }
        if let Some(s) = &self.request_id {
            write!(f, " (request_id {s})")?;
        }
        Ok(())
    }
}

/// How an `error_response` should be handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    /// Call limits: retry after a back-off, and slow the whole client down.
    RateLimited,
    /// The platform's own service failed or is busy: retry.
    Transient,
    /// App key, signature, session or permission problem: retrying cannot help.
    Credential,
    /// Bad parameters and everything else: final.
    Other,
}

/// Codes documented as credential or permission failures (invalid signature, missing or
/// invalid session, missing or invalid app key, insufficient permissions).
const CREDENTIAL_CODES: &[i64] = &[11, 12, 25, 26, 27, 28, 29, 53, 40001, 40003, 40006];
/// Call-limit codes: 7 (app call limited) and 50001 (API call limit exceeded).
const RATE_LIMIT_CODES: &[i64] = &[7, 50001];
/// "Service currently unavailable" and "remote service error" with a platform-side sub-code.
const TRANSIENT_CODES: &[i64] = &[10, 520];

impl TopError {
    pub fn class(&self) -> ErrorClass {
        let sub = self.sub_code.as_deref().unwrap_or("").to_ascii_lowercase();
        let msg = self.msg.to_ascii_lowercase();
        if RATE_LIMIT_CODES.contains(&self.code)
            || sub.starts_with("accesscontrol.limited")
            || sub.contains("call-limited")
            || msg.contains("call limit")
        {
            ErrorClass::RateLimited
        } else if CREDENTIAL_CODES.contains(&self.code)
            || sub.contains("session")
            || sub.contains("invalid-permission")
            || sub.contains("signature")
        {
            ErrorClass::Credential
        } else if TRANSIENT_CODES.contains(&self.code) || sub.starts_with("isp.") || sub.contains("service-unavailable")
        {
            ErrorClass::Transient
        } else {
            ErrorClass::Other
        }
    }
}

impl TopError {
    /// The gateway's own wait hint: dynamic bans say `This ban will last for N more seconds`.
    pub fn ban_seconds(&self) -> Option<u64> {
        let text = self.sub_msg.as_deref()?;
        let rest = text.split("last for ").nth(1)?;
        rest.split_whitespace().next()?.parse().ok()
    }
}

/// Why one TOP call failed or could not be understood.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum TaobaoError {
    #[error("call limit reached: {0}")]
    RateLimited(TopError),
    #[error("credentials or permissions rejected (not retried): {0}")]
    Credential(TopError),
    #[error("gateway error: {0}")]
    Api(TopError),
    #[error("{}", JsonFault::Truncated.text(.detail, Locale::En))]
    Truncated { detail: String },
    #[error("{}", JsonFault::Malformed.text(.detail, Locale::En))]
    Malformed { detail: String },
    #[error("response has neither `{expected}` nor `error_response` (keys: {found})")]
    UnexpectedEnvelope { expected: String, found: String },
    #[error("response field `{path}` is unusable: {detail}")]
    Shape { path: String, detail: String },
    /// Child properties left out by the walk's bounds or a cycle in the answers.
    #[error("{}", .0.message(Locale::En))]
    Children(crate::children::ChildProblem),
    /// The publish-schema XML inside a well-formed answer cannot be read.
    #[error(transparent)]
    Schema(Box<crate::schema::SchemaError>),
}

impl TaobaoError {
    pub fn from_top(e: TopError) -> Self {
        match e.class() {
            ErrorClass::RateLimited => Self::RateLimited(e),
            ErrorClass::Credential => Self::Credential(e),
            ErrorClass::Transient | ErrorClass::Other => Self::Api(e),
        }
    }

    /// The gateway's error, when the failure came from an `error_response`.
    pub fn top_error(&self) -> Option<&TopError> {
        match self {
            Self::RateLimited(e) | Self::Credential(e) | Self::Api(e) => Some(e),
            _ => None,
        }
    }
}

impl FromJsonFault for TaobaoError {
    fn from_json_fault(fault: JsonFault, detail: String) -> Self {
        match fault {
            JsonFault::Truncated => Self::Truncated { detail },
            JsonFault::Malformed => Self::Malformed { detail },
        }
    }
}

impl Localized for TaobaoError {
    fn message(&self, locale: Locale) -> String {
        match locale {
            Locale::En => self.to_string(),
            Locale::ZhCn => match self {
                Self::RateLimited(e) => format!("调用频率超限:{e}"),
                Self::Credential(e) => format!("凭证或权限被拒绝(不会重试):{e}"),
                Self::Api(e) => format!("网关返回错误:{e}"),
                Self::Truncated { detail } => JsonFault::Truncated.text(detail, locale),
                Self::Malformed { detail } => JsonFault::Malformed.text(detail, locale),
                Self::UnexpectedEnvelope { expected, found } => {
                    format!("响应中既没有 `{expected}` 也没有 `error_response`(实际字段:{found})")
                }
                Self::Shape { path, detail } => format!("响应字段 `{path}` 无法使用:{detail}"),
                Self::Children(problem) => problem.message(locale),
                Self::Schema(e) => e.message(locale),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(code: i64, sub: Option<&str>) -> TopError {
        TopError { code, msg: String::from("x"), sub_code: sub.map(String::from), sub_msg: None, request_id: None }
    }

    #[test]
    fn reads_the_ban_duration() {
        let mut e = err(7, Some("accesscontrol.limited-by-dynamic-access-count"));
        e.sub_msg = Some("This ban will last for 12 more seconds".into());
        assert_eq!(e.ban_seconds(), Some(12));
        assert_eq!(err(7, None).ban_seconds(), None);
    }

    #[test]
    fn classifies_documented_codes() {
        assert_eq!(err(7, None).class(), ErrorClass::RateLimited);
        assert_eq!(err(7, Some("accesscontrol.limited-by-app-access-count")).class(), ErrorClass::RateLimited);
        assert_eq!(err(50001, None).class(), ErrorClass::RateLimited);
        assert_eq!(err(27, None).class(), ErrorClass::Credential);
        assert_eq!(err(40003, None).class(), ErrorClass::Credential);
        assert_eq!(err(15, Some("isp.remote-service-timeout")).class(), ErrorClass::Transient);
        assert_eq!(err(15, Some("isv.invalid-parameter")).class(), ErrorClass::Other);
    }
}
