//! Answers whose body cannot be read, worded the same for every platform.

use serde::Deserialize;

use crate::Locale;

/// Why a body is not JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonFault {
    /// It ends early: the connection dropped mid-transfer, so another try may get all of it.
    Truncated,
    /// Not JSON at all (an error page, a broken gateway): another try would read the same.
    Malformed,
}

impl JsonFault {
    pub fn text(self, detail: &str, locale: Locale) -> String {
        match (self, locale) {
            (Self::Truncated, Locale::En) => format!("response body is truncated: {detail}"),
            (Self::Truncated, Locale::ZhCn) => format!("响应内容不完整(被截断):{detail}"),
            (Self::Malformed, Locale::En) => format!("response is not valid JSON: {detail}"),
            (Self::Malformed, Locale::ZhCn) => format!("响应不是有效的 JSON:{detail}"),
        }
    }
}

/// A platform error that has a variant for each [`JsonFault`].
pub trait FromJsonFault {
    fn from_json_fault(fault: JsonFault, detail: String) -> Self;
}

/// Parses an answer's body, telling a cut body from one that is not JSON.
pub fn parse_json<'a, T: Deserialize<'a>, E: FromJsonFault>(body: &'a str) -> Result<T, E> {
    serde_json::from_str(body).map_err(|e| {
        let fault = if e.is_eof() { JsonFault::Truncated } else { JsonFault::Malformed };
        E::from_json_fault(fault, e.to_string())
    })
}

/// A JSON answer with a field the platform crate cannot use.
pub fn shape_text(detail: &str, locale: Locale) -> String {
    match locale {
        Locale::En => format!("response field is unusable: {detail}"),
        Locale::ZhCn => format!("响应字段无法使用:{detail}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Fault(JsonFault);

    impl FromJsonFault for Fault {
        fn from_json_fault(fault: JsonFault, _detail: String) -> Self {
            Self(fault)
        }
    }

    #[test]
    fn a_cut_body_is_told_from_one_that_is_not_json() {
        assert_eq!(parse_json::<serde_json::Value, Fault>(r#"{"a": [1, "#).err(), Some(Fault(JsonFault::Truncated)));
        assert_eq!(parse_json::<serde_json::Value, Fault>("<html>").err(), Some(Fault(JsonFault::Malformed)));
        assert_eq!(parse_json::<u8, Fault>("7").ok(), Some(7));
    }
}
