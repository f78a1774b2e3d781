//! `CATEGORY_NOT_FOUND`, `CATEGORY_NOT_LEAF`, `CATEGORY_DELETED`, `CATEGORY_PUBLISH_FROZEN`.
//!
//! Runs before everything else: it decides whether the category's properties can be checked
//! at all. A deleted or frozen leaf still has metadata, so the other rules still run and the
//! seller sees everything at once; an unknown or non-leaf category has none.

use crate::catalog::{Catalog, CompiledCategory};
use crate::input::listing::Listing;
use crate::model::snapshot::Status;
use crate::report::{Code, IssueKind, Sink};

/// What [`check`] can raise.
pub(crate) const CODES: &[Code] =
    &[Code::CategoryNotFound, Code::CategoryDeleted, Code::CategoryNotLeaf, Code::CategoryPublishFrozen];

pub(crate) fn check<'a>(catalog: &'a Catalog, listing: &Listing, sink: &mut Sink) -> Option<&'a CompiledCategory> {
    let category_id = listing.category_id;
    let Some(cat) = catalog.category(category_id) else {
        sink.error(IssueKind::CategoryNotFound { category_id }, "/category_id");
        return None;
    };
    let name = || cat.category.name.clone();
    if cat.category.status != Status::Normal {
        sink.error(IssueKind::CategoryDeleted { category_id, name: name() }, "/category_id");
    }
    if !cat.category.leaf {
        sink.error(IssueKind::CategoryNotLeaf { category_id, name: name() }, "/category_id");
        return None;
    }
    if cat.category.publish_frozen {
        sink.error(IssueKind::CategoryPublishFrozen { category_id, name: name() }, "/category_id");
    }
    Some(cat)
}

#[cfg(test)]
mod tests {
    use crate::validate::rules::testkit::*;
    use serde_json::json;

    fn codes(category_id: i64) -> Vec<(String, String)> {
        let mut l = tshirt();
        set(&mut l, "/category_id", json!(category_id));
        issues(l).into_iter().filter(|(c, _)| c.starts_with("CATEGORY_")).collect()
    }

    #[test]
    fn a_normal_leaf_passes() {
        assert!(codes(50010850).is_empty());
    }

    #[test]
    fn unknown_non_leaf_deleted_and_frozen_are_reported() {
        let at = "/category_id".to_owned();
        assert_eq!(codes(1), vec![("CATEGORY_NOT_FOUND".into(), at.clone())]);
        assert_eq!(codes(30), vec![("CATEGORY_NOT_LEAF".into(), at.clone())]);
        assert_eq!(codes(50011112), vec![("CATEGORY_DELETED".into(), at.clone())]);
        assert_eq!(codes(50011111), vec![("CATEGORY_PUBLISH_FROZEN".into(), at)]);
    }

    #[test]
    fn an_unknown_category_stops_property_checks() {
        let mut l = tshirt();
        set(&mut l, "/category_id", json!(1));
        assert_eq!(issues(l).len(), 1);
    }
}
