//! Unwrapping `{"<method>_response": {...}}` and `{"error_response": {...}}`.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use shelfcheck_fetch::{parse_json, Reply, Verdict};

use crate::error::{ErrorClass, TaobaoError, TopError};

/// `taobao.itemcats.get` → `itemcats_get_response`.
pub fn response_key(method: &str) -> String {
    let short = method.strip_prefix("taobao.").unwrap_or(method);
    format!("{}_response", short.replace('.', "_"))
}

/// Decodes a body for `method`, JSON or XML: the success payload as `T`, or the gateway's error.
pub fn decode<T: DeserializeOwned>(method: &str, body: &str) -> Result<T, TaobaoError> {
    // Some gateways and capture tools start the body with a byte order mark.
    let body = body.strip_prefix('\u{feff}').unwrap_or(body);
    if crate::xml::is_xml(body) {
        return decode_json(method, &crate::xml::to_json(method, body)?);
    }
    decode_json(method, body)
}

fn decode_json<T: DeserializeOwned>(method: &str, body: &str) -> Result<T, TaobaoError> {
    let top: BTreeMap<String, &RawValue> = parse_json(body)?;
    if let Some(raw) = top.get("error_response") {
        let e: TopError = from_raw(raw.get(), "error_response")?;
        return Err(TaobaoError::from_top(e));
    }
    let key = response_key(method);
    match top.get(key.as_str()) {
        Some(raw) => from_raw(raw.get(), &key),
        None => Err(TaobaoError::UnexpectedEnvelope {
            expected: key,
            found: top.keys().cloned().collect::<Vec<_>>().join(", "),
        }),
    }
}

fn from_raw<T: DeserializeOwned>(raw: &str, root: &str) -> Result<T, TaobaoError> {
    let mut de = serde_json::Deserializer::from_str(raw);
    serde_path_to_error::deserialize(&mut de)
        .map_err(|e| TaobaoError::Shape { path: format!("{root}.{}", e.path()), detail: e.into_inner().to_string() })
}

/// The transport verdict for one reply of `method`.
pub fn classify<T: DeserializeOwned>(method: &str, reply: &Reply) -> Verdict<T, TaobaoError> {
    match decode::<T>(method, &reply.body) {
        Ok(v) if reply.is_success() => Verdict::Done(v),
        // A success envelope with an error status is not something to trust.
        Ok(_) => Verdict::HttpStatus,
        Err(e) => {
            let class = e.top_error().map(TopError::class);
            let ban = e.top_error().and_then(TopError::ban_seconds).map(std::time::Duration::from_secs);
            match (&e, class) {
                (_, Some(ErrorClass::RateLimited)) => Verdict::Retry { error: e, min_wait: ban, slow_down: true },
                (_, Some(ErrorClass::Transient)) => Verdict::Retry { error: e, min_wait: None, slow_down: false },
                (_, Some(_)) => Verdict::Fail(e),
                // Not an envelope at all: an error page from a proxy is judged by its status.
                _ if !reply.is_success() => Verdict::HttpStatus,
                (TaobaoError::Truncated { .. }, None) => Verdict::Retry { error: e, min_wait: None, slow_down: false },
                _ => Verdict::Fail(e),
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;
    use crate::model::ItemCatsBody;

    #[test]
    fn keys_follow_the_method_name() {
        assert_eq!(response_key("taobao.itemcats.get"), "itemcats_get_response");
        assert_eq!(response_key("taobao.item.cat.get"), "item_cat_get_response");
        assert_eq!(response_key("taobao.itemcats.authorize.get"), "itemcats_authorize_get_response");
    }

    #[test]
    fn absent_and_wrapped_lists() {
        let empty: ItemCatsBody =
            decode("taobao.itemcats.get", r#"{"itemcats_get_response":{"request_id":"x"}}"#).unwrap();
        assert!(empty.item_cats.is_empty());
        let one: ItemCatsBody = decode(
            "taobao.itemcats.get",
            r#"{"itemcats_get_response":{"item_cats":{"item_cat":[{"cid":1,"name":"a","is_parent":true}]}}}"#,
        )
        .unwrap();
        assert_eq!(one.item_cats[0].cid, 1);
    }

    #[test]
    fn errors_are_typed() {
        let e = decode::<ItemCatsBody>(
            "taobao.itemcats.get",
            r#"{"error_response":{"code":7,"msg":"App Call Limited","sub_code":"accesscontrol.limited-by-app-access-count"}}"#,
        )
        .unwrap_err();
        assert!(matches!(e, TaobaoError::RateLimited(_)));
        let e = decode::<ItemCatsBody>("taobao.itemcats.get", r#"{"itemcats_get_resp"#).unwrap_err();
        assert!(matches!(e, TaobaoError::Truncated { .. }));
        let e = decode::<ItemCatsBody>("taobao.itemcats.get", r#"{"other":{}}"#).unwrap_err();
        assert!(matches!(e, TaobaoError::UnexpectedEnvelope { .. }));
        let e = decode::<ItemCatsBody>(
            "taobao.itemcats.get",
            r#"{"itemcats_get_response":{"item_cats":{"item_cat":[{"cid":"abc"}]}}}"#,
        )
        .unwrap_err();
        assert!(matches!(e, TaobaoError::Shape { .. }), "{e:?}");
    }
}
