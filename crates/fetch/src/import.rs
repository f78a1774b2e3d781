//! What the platform importers share: options, a summary, and the error of an import that
//! cannot use an exchange. Generic over the platform's own error type.

use crate::{Locale, Localized, RecordingError};

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
}

/// Marks the categories `ids` `incomplete` (some of their answers were missing) and seals the
/// snapshot again, so its hash covers the mark. Ids not in the snapshot are passed over.
pub fn mark_incomplete(snapshot: &mut shelfcheck_core::Snapshot, ids: impl IntoIterator<Item = i64>) {
    let holes: std::collections::HashSet<i64> = ids.into_iter().collect();
    let mut marked = false;
    for c in snapshot.categories.iter_mut().filter(|c| holes.contains(&c.id)) {
        c.incomplete = true;
        marked = true;
    }
    if marked {
        snapshot.seal();
    }
}

/// An import that cannot go on.
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
