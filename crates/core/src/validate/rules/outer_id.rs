//! `VALUE_TOO_LONG` on the item's and each SKU's `outer_id`: at most `outer_id_max_bytes`
//! (64), counted as Taobao counts bytes (a non-ASCII character is two).

use super::Rule;
use crate::input::normalize::platform_bytes;
use crate::model::rule_model::LengthUnit;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule = Rule { codes: &[Code::ValueTooLong], check };

/// The issue for `code` when it is over `max`.
#[inline(always)]
fn over(code: &str, max: u32) -> Option<IssueKind> {
    // A string is at least as long in UTF-8 as in the platform's bytes: a short one (every
    // SKU code in practice) is within the limit without counting, and without a call.
    if code.len() <= max as usize {
        return None;
    }
    counted(code, max)
}

/// The issue for a `code` that may be over `max`, counted as the platform counts.
#[inline(never)]
fn counted(code: &str, max: u32) -> Option<IssueKind> {
    let length = platform_bytes(code);
    (length > max as usize).then(|| IssueKind::ValueTooLong {
        pid: None,
        prop: String::new(),
        field: Some("outer_id".into()),
        value: code.to_owned(),
        length,
        max,
        unit: LengthUnit::Bytes,
    })
}

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    let max = ctx.catalog.limits.outer_id_max_bytes;
    if let Some(kind) = ctx.listing.outer_id.as_deref().and_then(|c| over(c, max)) {
        sink.error(kind, "/outer_id");
    }
    if ctx.sku_facts().longest_outer_id <= max as usize {
        return;
    }
    for sku in &ctx.skus.list {
        let j = sku.index;
        if let Some(kind) = ctx.listing.skus[j].outer_id.as_deref().and_then(|c| over(c, max)) {
            sink.error(kind, format!("/skus/{j}/outer_id"));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::rules::testkit::*;
    use serde_json::json;

    #[test]
    fn outer_ids_fit_64_bytes() {
        let mut l = tshirt();
        l["outer_id"] = json!("A".repeat(64));
        l["skus"][2]["outer_id"] = json!("码".repeat(32));
        assert_eq!(issues(l.clone()), vec![]);
        l["outer_id"] = json!("A".repeat(65));
        l["skus"][2]["outer_id"] = json!(format!("{}A", "码".repeat(32)));
        assert_eq!(
            issues(l),
            vec![("VALUE_TOO_LONG".into(), "/outer_id".into()), ("VALUE_TOO_LONG".into(), "/skus/2/outer_id".into())]
        );
    }
}
