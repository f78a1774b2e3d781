//! `SKU_LIMIT_EXCEEDED`. Past the limit the SKUs are not checked one by one (see
//! `engine::resolve_sku`), which keeps a 100,000-SKU listing cheap to answer.

use super::Rule;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule = Rule { codes: &[Code::SkuLimitExceeded], check };

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    let max = ctx.catalog.limits.max_skus;
    let count = ctx.listing.skus.len();
    if count > max as usize {
        sink.error(IssueKind::SkuLimitExceeded { count, max }, "/skus");
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::rules::testkit::*;
    use serde_json::json;

    #[test]
    fn over_the_limit_is_one_issue() {
        let mut l = tshirt();
        let sku = l["skus"][0].clone();
        set(&mut l, "/skus", json!(vec![sku; 601]));
        assert_eq!(issues(l), vec![("SKU_LIMIT_EXCEEDED".into(), "/skus".into())]);
        assert!(paths_of(tshirt(), "SKU_LIMIT_EXCEEDED").is_empty());
    }
}
