//! Which listings a snapshot change breaks.

use std::collections::BTreeSet;

use serde::Serialize;
use shelfcheck_core::{Catalog, Listing, Report, Severity, Snapshot, ValidateOptions};

use crate::change::Change;
use crate::compare::diff;

/// An issue as the drift report shows it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct IssueRef {
    pub code: String,
    pub path: String,
    pub message: String,
}

/// What the new snapshot does to one listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListingImpact {
    /// Where the listing came from (file name, line), as given by the caller.
    pub source: String,
    /// Valid against the old snapshot.
    pub valid_before: bool,
    /// Valid against the new snapshot.
    pub valid_after: bool,
    /// Errors the new snapshot raises that the old one did not (matched by code and path).
    pub new_errors: Vec<IssueRef>,
    /// Errors of the old snapshot that the new one no longer raises.
    pub fixed: Vec<IssueRef>,
}

impl ListingImpact {
    /// The change broke this listing: it has errors it did not have before.
    pub fn is_broken(&self) -> bool {
        !self.new_errors.is_empty()
    }
}

/// The whole drift report (serialised as the JSON output of `snapshot diff`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DriftReport {
    pub old_hash: String,
    pub new_hash: String,
    pub changes: Vec<Change>,
    /// Set when a snapshot does not compile; listings are then not checked against it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub snapshot_errors: Vec<String>,
    pub listings: Vec<ListingImpact>,
}

impl DriftReport {
    /// Whether any listing broke (the CLI exits 1 then).
    pub fn any_broken(&self) -> bool {
        self.listings.iter().any(ListingImpact::is_broken)
    }
}

fn errors(report: &Report) -> Vec<IssueRef> {
    report
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| IssueRef { code: i.code().as_str().to_string(), path: i.path.clone(), message: i.message.clone() })
        .collect()
}

/// Compares two snapshots and, for each `(source, listing)`, which errors the new one adds.
/// A snapshot that does not compile is reported in `snapshot_errors` and its listings skipped.
pub fn drift(old: &Snapshot, new: &Snapshot, listings: &[(String, Listing)], options: &ValidateOptions) -> DriftReport {
    let changes = diff(old, new);
    let mut snapshot_errors = Vec::new();
    let mut compile = |s: &Snapshot, which: &str| match Catalog::compile(s.clone()) {
        Ok(c) => Some(c),
        Err(e) => {
            snapshot_errors.push(format!("{which}: {}", e.message(options.locale)));
            None
        }
    };
    let before = compile(old, "old");
    let after = compile(new, "new");
    let mut impacts = Vec::new();
    if let (Some(before), Some(after)) = (&before, &after) {
        for (source, listing) in listings {
            impacts.push(impact(source, listing, before, after, options));
        }
    }
    DriftReport {
        old_hash: before.as_ref().map_or_else(|| old.content_hash(), |c| c.hash().to_string()),
        new_hash: after.as_ref().map_or_else(|| new.content_hash(), |c| c.hash().to_string()),
        changes,
        snapshot_errors,
        listings: impacts,
    }
}

fn impact(
    source: &str,
    listing: &Listing,
    before: &Catalog,
    after: &Catalog,
    options: &ValidateOptions,
) -> ListingImpact {
    let old_report = before.validate(listing, options);
    let new_report = after.validate(listing, options);
    let old_errors = errors(&old_report);
    let new_errors = errors(&new_report);
    let key = |i: &IssueRef| (i.code.clone(), i.path.clone());
    let old_keys: BTreeSet<_> = old_errors.iter().map(key).collect();
    let new_keys: BTreeSet<_> = new_errors.iter().map(key).collect();
    ListingImpact {
        source: source.to_string(),
        valid_before: old_report.valid,
        valid_after: new_report.valid,
        new_errors: new_errors.iter().filter(|i| !old_keys.contains(&key(i))).cloned().collect(),
        fixed: old_errors.iter().filter(|i| !new_keys.contains(&key(i))).cloned().collect(),
    }
}
