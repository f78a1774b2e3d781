//! A line diff of expected and reported issues, so that a failing case shows what changed
//! rather than two long lists to compare by eye.

use shelfcheck_core::Report;

/// Renders `expected` against the report's issues as `=` (both), `-` (expected only) and
/// `+` (reported only) lines, aligned on their longest common subsequence. Reported lines
/// carry their severity and message, which usually says why the issue is there.
pub fn render(expected: &[(String, String)], report: &Report) -> String {
    let actual: Vec<(String, String)> =
        report.issues.iter().map(|i| (i.code().as_str().to_owned(), i.path.clone())).collect();
    let (n, m) = (expected.len(), actual.len());
    // lcs[i][j]: length of the longest common subsequence of expected[i..] and actual[j..].
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if expected[i] == actual[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let mut out = String::new();
    let reported = |j: usize| {
        let issue = &report.issues[j];
        let severity = serde_json::to_value(issue.severity).ok().and_then(|v| v.as_str().map(str::to_owned));
        format!("{} {}  ({}: {})", actual[j].0, actual[j].1, severity.unwrap_or_default(), issue.message)
    };
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && expected[i] == actual[j] {
            out.push_str(&format!("    = {} {}\n", expected[i].0, expected[i].1));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push_str(&format!("    + {}\n", reported(j)));
            j += 1;
        } else {
            out.push_str(&format!("    - {} {}\n", expected[i].0, expected[i].1));
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;
    use shelfcheck_core::{Catalog, Listing, Snapshot, ValidateOptions};

    #[test]
    fn shows_what_is_missing_and_what_is_extra() {
        let snapshot: Snapshot = serde_json::from_str(shelfcheck_core::demo::SNAPSHOT_JSON).unwrap();
        let catalog = Catalog::compile(snapshot).unwrap();
        let listing: Listing = serde_json::from_str(r#"{"category_id": 1}"#).unwrap();
        let report = catalog.validate(&listing, &ValidateOptions::default());
        let expected = vec![("TITLE_MISSING".to_owned(), "/title".to_owned())];
        let text = render(&expected, &report);
        assert_eq!(text.lines().count(), 2, "{text}");
        assert!(text.contains("+ CATEGORY_NOT_FOUND /category_id  (error: "), "{text}");
        assert!(text.contains("- TITLE_MISSING /title"), "{text}");
    }
}
