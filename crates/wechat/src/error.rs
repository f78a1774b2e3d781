//! `{errcode, errmsg}` and unreadable answers.

use std::time::Duration;

use serde::de::DeserializeOwned;
use shelfcheck_fetch::{parse_json, shape_text, FromJsonFault, JsonFault, Locale, Localized, Reply, Verdict};

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum WechatError {
    #[error("platform busy (errcode -1 `{errmsg}`)")]
    Busy { errmsg: String },
    #[error("per-minute quota reached (errcode 45011 `{errmsg}`)")]
    MinuteQuota { errmsg: String },
    #[error("daily quota exhausted (errcode 45009 `{errmsg}`); try again tomorrow")]
    DailyQuota { errmsg: String },
    #[error("access token rejected (errcode {errcode} `{errmsg}`); not retried")]
    Credential { errcode: i64, errmsg: String },
    #[error("invalid parameters (errcode 53303 `{errmsg}`)")]
    BadParameters { errmsg: String },
    #[error("platform error (errcode {errcode} `{errmsg}`)")]
    Api { errcode: i64, errmsg: String },
    #[error("{}", JsonFault::Truncated.text(.detail, Locale::En))]
    Truncated { detail: String },
    #[error("{}", JsonFault::Malformed.text(.detail, Locale::En))]
    Malformed { detail: String },
    #[error("{}", shape_text(.detail, Locale::En))]
    Shape { detail: String },
}

impl WechatError {
    fn from_code(errcode: i64, errmsg: String) -> Self {
        match errcode {
            -1 => Self::Busy { errmsg },
            45011 => Self::MinuteQuota { errmsg },
            45009 => Self::DailyQuota { errmsg },
            40001 | 40014 | 42001 => Self::Credential { errcode, errmsg },
            53303 => Self::BadParameters { errmsg },
            _ => Self::Api { errcode, errmsg },
        }
    }
}

impl Localized for WechatError {
    fn message(&self, locale: Locale) -> String {
        match locale {
            Locale::En => self.to_string(),
            Locale::ZhCn => match self {
                Self::Busy { errmsg } => format!("系统繁忙(errcode -1 `{errmsg}`)"),
                Self::MinuteQuota { errmsg } => format!("已达每分钟调用上限(errcode 45011 `{errmsg}`)"),
                Self::DailyQuota { errmsg } => format!("当日调用次数已用完(errcode 45009 `{errmsg}`),请明天再试"),
                Self::Credential { errcode, errmsg } => {
                    format!("access_token 无效或已过期(errcode {errcode} `{errmsg}`),不会重试")
                }
                Self::BadParameters { errmsg } => format!("参数错误(errcode 53303 `{errmsg}`)"),
                Self::Api { errcode, errmsg } => format!("平台错误(errcode {errcode} `{errmsg}`)"),
                Self::Truncated { detail } => JsonFault::Truncated.text(detail, locale),
                Self::Malformed { detail } => JsonFault::Malformed.text(detail, locale),
                Self::Shape { detail } => shape_text(detail, locale),
            },
        }
    }
}

impl FromJsonFault for WechatError {
    fn from_json_fault(fault: JsonFault, detail: String) -> Self {
        match fault {
            JsonFault::Truncated => Self::Truncated { detail },
            JsonFault::Malformed => Self::Malformed { detail },
        }
    }
}

#[derive(serde::Deserialize)]
struct Status {
    #[serde(default, deserialize_with = "crate::lenient::id")]
    errcode: i64,
    #[serde(default, deserialize_with = "crate::lenient::text")]
    errmsg: String,
}

/// Decodes an answer: `errcode` other than 0 is an error, otherwise the body as `T`.
pub fn decode<T: DeserializeOwned>(body: &str) -> Result<T, WechatError> {
    let value: serde_json::Value = parse_json(body)?;
    let status: Status =
        serde_json::from_value(value.clone()).map_err(|e| WechatError::Shape { detail: e.to_string() })?;
    if status.errcode != 0 {
        return Err(WechatError::from_code(status.errcode, status.errmsg));
    }
    serde_json::from_value(value).map_err(|e| WechatError::Shape { detail: e.to_string() })
}

/// The transport verdict for one reply.
pub fn classify<T: DeserializeOwned>(reply: &Reply) -> Verdict<T, WechatError> {
    match decode::<T>(&reply.body) {
        Ok(v) if reply.is_success() => Verdict::Done(v),
        Ok(_) => Verdict::HttpStatus,
        Err(e @ WechatError::Busy { .. }) => Verdict::Retry { error: e, min_wait: None, slow_down: false },
        // The minute quota resets with the next minute.
        Err(e @ WechatError::MinuteQuota { .. }) => {
            Verdict::Retry { error: e, min_wait: Some(Duration::from_secs(60)), slow_down: true }
        }
        Err(WechatError::Malformed { .. } | WechatError::Shape { .. }) if !reply.is_success() => Verdict::HttpStatus,
        Err(e @ WechatError::Truncated { .. }) => Verdict::Retry { error: e, min_wait: None, slow_down: false },
        Err(e) => Verdict::Fail(e),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;
    use crate::model::AccountCategories;

    #[test]
    fn error_codes_are_typed() {
        let e = decode::<AccountCategories>(r#"{"errcode":42001,"errmsg":"access_token expired"}"#).unwrap_err();
        assert!(matches!(e, WechatError::Credential { errcode: 42001, .. }));
        let e =
            decode::<AccountCategories>(r#"{"errcode":45009,"errmsg":"reach max api daily quota limit"}"#).unwrap_err();
        assert!(e.message(Locale::ZhCn).contains("当日"));
        let ok = decode::<AccountCategories>(r#"{"errcode":0,"errmsg":"ok","categories":[],"quota":4}"#).unwrap();
        assert_eq!(ok.quota, Some(4));
    }
}
