//! `CATEGORY_NOT_AUTHORIZED`, `CATEGORY_AUDIT_PENDING`, `CATEGORY_AUDIT_REJECTED`.
//!
//! Tmall sellers are authorised for category subtrees (`itemcats.authorize.get` returns
//! mostly upper-level categories), so an ancestor in the list authorises its leaves. WeChat
//! accounts list second-level categories with an audit state.

use super::Rule;
use crate::model::snapshot::AuditStatus;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule =
    Rule { codes: &[Code::CategoryNotAuthorized, Code::CategoryAuditPending, Code::CategoryAuditRejected], check };

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(seller) = ctx.catalog.seller.as_ref().filter(|_| ctx.options.seller_scope) else { return };
    let category_id = ctx.cat.category.id;
    let name = || ctx.cat.category.name.clone();
    if let Some(set) = &seller.categories {
        if !ctx.catalog.in_subtree_of(category_id, set) {
            sink.error(IssueKind::CategoryNotAuthorized { category_id, name: name() }, "/category_id");
        }
    }
    if let Some(account) = &seller.account {
        // The account lists second-level categories; a deeper leaf is covered by its ancestor.
        let entry = ctx.catalog.path(category_id).iter().rev().find_map(|c| account.get(&c.category.id));
        match entry {
            None => sink.error(IssueKind::CategoryNotAuthorized { category_id, name: name() }, "/category_id"),
            Some((AuditStatus::Pending, _)) => {
                sink.error(IssueKind::CategoryAuditPending { category_id, name: name() }, "/category_id")
            }
            Some((AuditStatus::Rejected, reason)) => sink.error(
                IssueKind::CategoryAuditRejected { category_id, name: name(), reason: reason.clone() },
                "/category_id",
            ),
            Some((AuditStatus::Approved, _)) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use crate::model::snapshot::{AccountCategory, AuditStatus, SellerScope};
    use crate::validate::rules::testkit::*;
    use crate::{Catalog, ValidateOptions};

    fn with_scope(scope: SellerScope) -> Catalog {
        let mut s = demo_snapshot();
        s.seller = Some(scope);
        Catalog::compile(s).unwrap()
    }

    fn codes(c: &Catalog, opts: &ValidateOptions) -> Vec<(String, String)> {
        pairs(&run(c, tshirt(), opts)).into_iter().filter(|(c, _)| c.starts_with("CATEGORY_")).collect()
    }

    #[test]
    fn an_authorised_ancestor_covers_the_leaf() {
        let c = with_scope(SellerScope { categories: Some(vec![30]), ..Default::default() });
        assert!(codes(&c, &ValidateOptions::default()).is_empty());
    }

    #[test]
    fn an_unlisted_category_is_not_authorised_unless_scope_is_off() {
        let c = with_scope(SellerScope { categories: Some(vec![40]), ..Default::default() });
        assert_eq!(
            codes(&c, &ValidateOptions::default()),
            vec![("CATEGORY_NOT_AUTHORIZED".into(), "/category_id".into())]
        );
        let off = ValidateOptions { seller_scope: false, ..Default::default() };
        assert!(codes(&c, &off).is_empty());
    }

    #[test]
    fn audit_states_are_reported() {
        let acct = |s| SellerScope {
            account_categories: Some(vec![AccountCategory {
                first: 30,
                second: 50010850,
                audit_status: s,
                reason: Some("资料不全".into()),
            }]),
            ..Default::default()
        };
        let o = ValidateOptions::default();
        assert_eq!(codes(&with_scope(acct(AuditStatus::Pending)), &o)[0].0, "CATEGORY_AUDIT_PENDING");
        let rejected = run(&with_scope(acct(AuditStatus::Rejected)), tshirt(), &o);
        assert_eq!(rejected.issues[0].code().as_str(), "CATEGORY_AUDIT_REJECTED");
        assert!(rejected.issues[0].message.contains("资料不全"));
        assert!(codes(&with_scope(acct(AuditStatus::Approved)), &o).is_empty());
        let none = SellerScope { account_categories: Some(vec![]), ..Default::default() };
        assert_eq!(codes(&with_scope(none), &o)[0].0, "CATEGORY_NOT_AUTHORIZED");
    }
}
