//! `CATEGORY_METADATA_INCOMPLETE`.
//!
//! A category whose platform answers were partly missing when the snapshot was built (a failed
//! or rate-limited request) may lack properties or values: a required property that is not
//! there cannot be found missing, a value that is not there would be called unknown. Such a
//! category is reported instead of judged. Runs right after the category rule; as an error it
//! stops the property and SKU rules, as a warning (the caller accepts the holes) it lets them
//! run on what is there. A category whose body from the binary form failed its checks
//! (`crate::storage::binary`) is reported the same way, always as an error.

use crate::catalog::CompiledCategory;
use crate::report::{Code, IssueKind, Severity, Sink};
use crate::validate::options::ValidateOptions;

/// What [`check`] can raise.
pub(crate) const CODES: &[Code] = &[Code::CategoryMetadataIncomplete];

/// Reports an incomplete category; whether the other rules may still run.
pub(crate) fn check(cat: &CompiledCategory, options: &ValidateOptions, sink: &mut Sink) -> bool {
    // A body from the binary form that failed its checks has nothing to judge from at all:
    // always an error, whatever the option says.
    let severity = match (cat.category.incomplete, cat.broken.is_some()) {
        (_, true) => Severity::Error,
        (true, false) => options.incomplete_metadata,
        (false, false) => return true,
    };
    let kind = IssueKind::CategoryMetadataIncomplete { category_id: cat.category.id, name: cat.category.name.clone() };
    sink.push(kind, severity, "/category_id");
    severity != Severity::Error
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use crate::report::Severity;
    use crate::validate::rules::testkit::*;
    use crate::{Catalog, ValidateOptions};
    use serde_json::json;

    fn incomplete_demo() -> Catalog {
        let mut snap = demo_snapshot();
        for c in &mut snap.categories {
            if c.id == 50010850 {
                c.incomplete = true;
            }
        }
        Catalog::compile(snap).unwrap()
    }

    #[test]
    fn a_listing_in_an_incomplete_category_is_not_judged_from_the_hole() {
        // Missing every required property: against a complete category that is several errors.
        let mut l = tshirt();
        set(&mut l, "/props", json!([]));
        set(&mut l, "/skus", json!([]));
        let report = run(&incomplete_demo(), l.clone(), &ValidateOptions::default());
        assert_eq!(pairs(&report), vec![("CATEGORY_METADATA_INCOMPLETE".into(), "/category_id".into())]);
        assert!(!report.valid);
        assert_eq!(report.issues[0].severity, Severity::Error);
        assert!(report.issues[0].message.contains("不完整"));
        assert!(!incomplete_demo().is_valid(&serde_json::from_value(l.clone()).unwrap()));
        assert!(pairs(&run(&demo(), l, &ValidateOptions::default())).iter().any(|(c, _)| c == "PROP_REQUIRED"));
    }

    #[test]
    fn as_a_warning_the_rules_run_on_what_is_there() {
        let opts = ValidateOptions { incomplete_metadata: Severity::Warning, ..Default::default() };
        let report = run(&incomplete_demo(), tshirt(), &opts);
        assert!(report.valid, "{report:?}");
        assert_eq!(pairs(&report), vec![("CATEGORY_METADATA_INCOMPLETE".into(), "/category_id".into())]);
        assert_eq!(report.warnings, 1);
        let mut l = tshirt();
        set(&mut l, "/props", json!([]));
        let report = run(&incomplete_demo(), l, &opts);
        assert!(pairs(&report).iter().any(|(c, _)| c == "PROP_REQUIRED"));
    }

    #[test]
    fn a_complete_category_is_not_reported() {
        assert!(issues(tshirt()).is_empty());
    }
}
