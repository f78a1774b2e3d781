//! `SKU_DUPLICATE`: two SKUs with the same combination. Found through a hash index built once
//! per listing (see `engine::resolve_sku`), so the check is linear, not quadratic.

use super::Rule;
use crate::engine::Ctx;
use crate::report::{Code, IssueKind, Pair, Sink};

pub(crate) const RULE: Rule = Rule { codes: &[Code::SkuDuplicate], check };

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    for &(pos, first) in &ctx.skus.duplicates {
        let sku = &ctx.skus.list[pos as usize];
        let combination = ctx.skus.pairs_of(sku).iter().map(|p| Pair { pid: p.pid, vid: p.vid }).collect();
        let first = ctx.skus.list[first as usize].index;
        sink.error(IssueKind::SkuDuplicate { first, combination }, format!("/skus/{}", sku.index));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testkit::*;
    use serde_json::json;

    #[test]
    fn the_repeat_is_reported_with_the_first() {
        let mut l = tshirt();
        // Same combination, pairs in the other order: still the same SKU.
        set(&mut l, "/skus/3/props", json!([{"pid": 20509, "vid": 28383}, {"pid": 1627207, "vid": 28321}]));
        let got = issues(l);
        assert_eq!(got[0], ("SKU_DUPLICATE".into(), "/skus/3".into()));
        assert!(paths_of(tshirt(), "SKU_DUPLICATE").is_empty());
    }
}
