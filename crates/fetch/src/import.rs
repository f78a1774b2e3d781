//! What the platform importers share: options, a summary, and the error of an import that
//! cannot use an exchange. Generic over the platform's own error type.

use std::collections::BTreeSet;
use std::fmt;

use shelfcheck_core::model::snapshot::{Category, Limits, Platform, Snapshot, FORMAT_VERSION};

use crate::{CallContext, Exchange, Locale, Localized, RecordingError};

/// How to build a snapshot from recorded exchanges.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Header fields; left empty by default so that imports are reproducible.
    pub built_at: Option<String>,
    pub source: Option<String>,
    /// Fail on an unusable exchange instead of skipping it.
    pub strict: bool,
}

/// What an import used and what it passed over.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportSummary {
    pub used: usize,
    /// (index, call, reason) of exchanges that contributed nothing.
    pub ignored: Vec<(usize, String, String)>,
    /// Categories whose parent is not in the answers, made top level so the snapshot compiles.
    pub reparented: Vec<i64>,
    /// Categories known only from an answer about their rules (no tree answer named them),
    /// described as top-level leaves.
    pub synthesised: Vec<i64>,
    /// Categories a failed call was about that no later exchange answered: their rules may
    /// have holes, and the snapshot marks them `incomplete`.
    pub incomplete: Vec<i64>,
    /// Rules an answer states that the snapshot leaves out, each with the reason.
    pub left_out: Vec<LeftOut>,
}

/// A rule an answer states that the snapshot could not hold (it names a property or value the
/// answers do not describe, or a kind this version does not know), in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    pub category: i64,
    pub zh: String,
    pub en: String,
}

impl Localized for LeftOut {
    fn message(&self, locale: Locale) -> String {
        match locale {
            Locale::ZhCn => format!("类目 {}:{}", self.category, self.zh),
            Locale::En => format!("category {}: {}", self.category, self.en),
        }
    }
}

impl ImportOptions {
    /// A snapshot of `platform` with this header and nothing in it yet; the importer fills it
    /// and seals it.
    pub fn empty_snapshot(&self, platform: Platform) -> Snapshot {
        empty_snapshot(platform, self.built_at.clone(), self.source.clone())
    }
}

/// A snapshot with a header and nothing in it yet, not sealed.
pub fn empty_snapshot(platform: Platform, built_at: Option<String>, source: Option<String>) -> Snapshot {
    Snapshot {
        format: FORMAT_VERSION,
        platform,
        built_at,
        source,
        hash: None,
        limits: Limits::for_platform(platform),
        categories: Vec::new(),
        properties: Vec::new(),
        values: Vec::new(),
        seller: None,
    }
}

/// Makes every category whose parent is not among `categories` top level, so the snapshot
/// compiles (a subtree or leaf fetch does not ask for the parents above it); returns their ids.
pub fn reparent_orphans<'a>(categories: impl IntoIterator<Item = &'a mut Category>) -> Vec<i64> {
    let mut categories: Vec<&mut Category> = categories.into_iter().collect();
    let ids: BTreeSet<i64> = categories.iter().map(|c| c.id).collect();
    let mut reparented = Vec::new();
    for c in categories.iter_mut().filter(|c| c.parent_id.is_some_and(|p| !ids.contains(&p))) {
        c.parent_id = None;
        reparented.push(c.id);
    }
    reparented
}

/// A property's units as constraints keep them: blanks dropped, repeats dropped, and longer
/// units first, because a typed number's unit is found as the first listed unit that ends it
/// (`kg` must be tried before `g`, or `9kg` reads as `9k` grams).
pub fn units_longest_first<'a>(units: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for u in units.into_iter().map(str::trim).filter(|u| !u.is_empty()) {
        if !out.iter().any(|o| o == u) {
            out.push(u.to_string());
        }
    }
    // Stable: units of equal length keep the platform's order.
    out.sort_by_key(|u| std::cmp::Reverse(u.chars().count()));
    out
}

/// Hands each exchange's JSON body to `apply`, which answers `None` for a call that is not the
/// platform's (passed over, with `foreign` as the reason), or whether the answer could be used.
/// An unusable answer is passed over too, unless `options.strict`.
pub fn import_each<E: fmt::Display>(
    exchanges: &[Exchange],
    options: &ImportOptions,
    summary: &mut ImportSummary,
    foreign: &str,
    mut apply: impl FnMut(&Exchange, &str) -> Option<Result<(), E>>,
) -> Result<(), ImportError<E>> {
    for (index, ex) in exchanges.iter().enumerate() {
        let call = CallContext::new(&ex.platform, &ex.method, ex.params.clone()).to_string();
        match apply(ex, ex.json_body().unwrap_or("")) {
            None => summary.ignored.push((index, call, foreign.to_string())),
            Some(Ok(())) => summary.used += 1,
            Some(Err(error)) if options.strict => return Err(ImportError::Exchange { index, call, error }),
            Some(Err(error)) => summary.ignored.push((index, call, error.to_string())),
        }
    }
    Ok(())
}

/// Marks the categories `ids` `incomplete` (some of their answers were missing): the one
/// place every importer and every fetch marks a hole. Returns the ids it found among
/// `categories`, in the order given (once each); ids not among them are passed over.
pub fn mark_incomplete<'a>(
    categories: impl IntoIterator<Item = &'a mut Category>,
    ids: impl IntoIterator<Item = i64>,
) -> Vec<i64> {
    let mut wanted: Vec<i64> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    wanted.extend(ids.into_iter().filter(|id| seen.insert(*id)));
    let mut found = std::collections::HashSet::new();
    for c in categories.into_iter().filter(|c| seen.contains(&c.id)) {
        c.incomplete = true;
        found.insert(c.id);
    }
    wanted.retain(|id| found.contains(id));
    wanted
}

/// An import that cannot go on.
#[cfg(test)]
mod tests {
    use super::{mark_incomplete, units_longest_first, Category};

    #[test]
    fn units_are_kept_longest_first_without_blanks_or_repeats() {
        assert_eq!(units_longest_first(["mg", "g", " kg", "", "g"]), ["mg", "kg", "g"]);
    }

    #[test]
    fn holes_are_marked_once_each_in_the_order_given_and_unknown_ids_passed_over() {
        let mut cats: Vec<Category> = (1..=4).map(|id| Category::new(id, None, id.to_string(), true)).collect();
        let marked = mark_incomplete(&mut cats, [3, 9, 1, 3]);
        assert_eq!(marked, [3, 1]);
        let flags: Vec<bool> = cats.iter().map(|c| c.incomplete).collect();
        assert_eq!(flags, [true, false, true, false]);
        assert!(mark_incomplete(&mut cats, [7]).is_empty());
    }
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError<E> {
    #[error(transparent)]
    Recording(#[from] RecordingError),
    #[error("exchange {index} ({call}) is unusable: {error}")]
    Exchange { index: usize, call: String, error: E },
}

impl<E: Localized + std::fmt::Display> Localized for ImportError<E> {
    fn message(&self, locale: Locale) -> String {
        match (locale, self) {
            (Locale::En, _) => self.to_string(),
            (Locale::ZhCn, Self::Recording(e)) => e.message(locale),
            (Locale::ZhCn, Self::Exchange { index, call, error }) => {
                format!("第 {index} 条交换({call})无法使用:{}", error.message(locale))
            }
        }
    }
}
