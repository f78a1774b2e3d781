//! tmapi answer codes and unreadable answers.

use shelfcheck_fetch::{parse_json, shape_text, FromJsonFault, JsonFault, Locale, Localized, Reply, Verdict};

use crate::model::{Envelope, InfoData};

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum AlibabaError {
    #[error("subscription expired or balance insufficient (code 439 `{msg}`); not retried")]
    Subscription { msg: String },
    #[error("concurrency limit exceeded (code 503 `{msg}`)")]
    Concurrency { msg: String },
    #[error("upstream timeout (code 499 `{msg}`)")]
    Timeout { msg: String },
    #[error("service error (code {code} `{msg}`)")]
    Service { code: i64, msg: String },
    #[error("request rejected (code {code} `{msg}`)")]
    Rejected { code: i64, msg: String },
    #[error("the official API is still preparing the data (errorCode {code} `{msg}`)")]
    Preparing { code: String, msg: String },
    #[error("the official API refused the call (errorCode {code} `{msg}`)")]
    Official { code: String, msg: String },
    #[error("the official gateway refused the call ({code} `{msg}`)")]
    Gateway { code: String, msg: String },
    #[error("the official gateway's call limit was reached ({code} `{msg}`)")]
    Throttled { code: String, msg: String },
    #[error("{}", JsonFault::Truncated.text(.detail, Locale::En))]
    Truncated { detail: String },
    #[error("{}", JsonFault::Malformed.text(.detail, Locale::En))]
    Malformed { detail: String },
    #[error("{}", shape_text(.detail, Locale::En))]
    Shape { detail: String },
}

impl Localized for AlibabaError {
    fn message(&self, locale: Locale) -> String {
        match locale {
            Locale::En => self.to_string(),
            Locale::ZhCn => match self {
                Self::Subscription { msg } => format!("订阅已过期或余额不足(code 439 `{msg}`),不会重试"),
                Self::Concurrency { msg } => format!("超出并发限制(code 503 `{msg}`)"),
                Self::Timeout { msg } => format!("上游超时(code 499 `{msg}`)"),
                Self::Service { code, msg } => format!("服务错误(code {code} `{msg}`)"),
                Self::Rejected { code, msg } => format!("请求被拒绝(code {code} `{msg}`)"),
                Self::Preparing { code, msg } => format!("官方接口的数据仍在准备中(errorCode {code} `{msg}`)"),
                Self::Official { code, msg } => format!("官方接口拒绝了调用(errorCode {code} `{msg}`)"),
                Self::Gateway { code, msg } => format!("官方网关拒绝了调用({code} `{msg}`)"),
                Self::Throttled { code, msg } => format!("已达官方网关的调用上限({code} `{msg}`)"),
                Self::Truncated { detail } => JsonFault::Truncated.text(detail, locale),
                Self::Malformed { detail } => JsonFault::Malformed.text(detail, locale),
                Self::Shape { detail } => shape_text(detail, locale),
            },
        }
    }
}

impl FromJsonFault for AlibabaError {
    fn from_json_fault(fault: JsonFault, detail: String) -> Self {
        match fault {
            JsonFault::Truncated => Self::Truncated { detail },
            JsonFault::Malformed => Self::Malformed { detail },
        }
    }
}

/// Decodes a tmapi answer; `code` 200 is success.
pub fn decode(body: &str) -> Result<InfoData, AlibabaError> {
    let env: Envelope = parse_json(body)?;
    match env.code {
        200 | 0 => {}
        439 => return Err(AlibabaError::Subscription { msg: env.msg }),
        503 => return Err(AlibabaError::Concurrency { msg: env.msg }),
        499 => return Err(AlibabaError::Timeout { msg: env.msg }),
        c if c >= 500 => return Err(AlibabaError::Service { code: c, msg: env.msg }),
        c => return Err(AlibabaError::Rejected { code: c, msg: env.msg }),
    }
    let data = env.data.ok_or_else(|| AlibabaError::Shape { detail: String::from("`data` is missing") })?;
    InfoData::parse(data).map_err(|e| AlibabaError::Shape { detail: e.to_string() })
}

/// 499 (upstream timeout), 500 and 503 (concurrency) are worth another try; 417, 422 and 439
/// are not. The codes may come in the body, as the HTTP status, or both.
pub fn classify(reply: &Reply) -> Verdict<InfoData, AlibabaError> {
    match decode(&reply.body) {
        Ok(v) if reply.is_success() => Verdict::Done(v),
        Ok(_) => Verdict::HttpStatus,
        Err(e @ AlibabaError::Concurrency { .. }) => Verdict::Retry { error: e, min_wait: None, slow_down: true },
        Err(e @ (AlibabaError::Timeout { .. } | AlibabaError::Service { .. } | AlibabaError::Truncated { .. })) => {
            Verdict::Retry { error: e, min_wait: None, slow_down: false }
        }
        Err(AlibabaError::Malformed { .. }) if reply.status == 499 => Verdict::Retry {
            error: AlibabaError::Timeout { msg: String::from("HTTP 499") },
            min_wait: None,
            slow_down: false,
        },
        Err(AlibabaError::Malformed { .. } | AlibabaError::Shape { .. }) if !reply.is_success() => Verdict::HttpStatus,
        Err(e) => Verdict::Fail(e),
    }
}

/// The status fields of an official answer: the gateway's `error_code` / `error_message`, or
/// the API's own `success` / `errorCode` / `errorMsg`.
#[derive(serde::Deserialize)]
struct OfficialStatus {
    #[serde(default, deserialize_with = "crate::lenient::text")]
    error_code: String,
    #[serde(default, deserialize_with = "crate::lenient::text")]
    error_message: String,
    #[serde(default, deserialize_with = "crate::lenient::opt_flag")]
    success: Option<bool>,
    #[serde(default, rename = "errorCode", deserialize_with = "crate::lenient::text")]
    api_code: String,
    #[serde(default, rename = "errorMsg", deserialize_with = "crate::lenient::text")]
    api_msg: String,
}

/// Decodes an answer of the official API (`gw.open.1688.com`): an error envelope of the
/// gateway or of the API is an error, anything else is read as `T`.
pub fn decode_official<T: serde::de::DeserializeOwned>(body: &str) -> Result<T, AlibabaError> {
    let value: serde_json::Value = parse_json(body)?;
    let status: OfficialStatus =
        serde_json::from_value(value.clone()).map_err(|e| AlibabaError::Shape { detail: e.to_string() })?;
    if !status.error_code.is_empty() {
        let (code, msg) = (status.error_code, status.error_message);
        // `gw.QosAppFrequencyLimit`, `gw.QosApiFrequencyLimit`...: the app's or the API's rate.
        return Err(if code.contains("Qos") || code.contains("FrequencyLimit") {
            AlibabaError::Throttled { code, msg }
        } else {
            AlibabaError::Gateway { code, msg }
        });
    }
    if status.success == Some(false) || !status.api_code.is_empty() {
        let (code, msg) = (status.api_code, status.api_msg);
        // 500_2: 数据准备中,请稍后重试 (the documentation advises 1–3 s).
        return Err(if code == "500_2" {
            AlibabaError::Preparing { code, msg }
        } else {
            AlibabaError::Official { code, msg }
        });
    }
    serde_json::from_value(value).map_err(|e| AlibabaError::Shape { detail: e.to_string() })
}

/// The transport verdict for an official answer.
pub fn classify_official<T: serde::de::DeserializeOwned>(reply: &Reply) -> Verdict<T, AlibabaError> {
    match decode_official::<T>(&reply.body) {
        Ok(v) if reply.is_success() => Verdict::Done(v),
        Ok(_) => Verdict::HttpStatus,
        Err(e @ AlibabaError::Throttled { .. }) => Verdict::Retry { error: e, min_wait: None, slow_down: true },
        Err(e @ AlibabaError::Preparing { .. }) => {
            Verdict::Retry { error: e, min_wait: Some(std::time::Duration::from_secs(1)), slow_down: false }
        }
        Err(e @ AlibabaError::Truncated { .. }) => Verdict::Retry { error: e, min_wait: None, slow_down: false },
        Err(AlibabaError::Malformed { .. } | AlibabaError::Shape { .. }) if !reply.is_success() => Verdict::HttpStatus,
        Err(e) => Verdict::Fail(e),
    }
}
