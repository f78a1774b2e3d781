//! What a whole fetch gives back, and how it fails, whatever the platform: every fetcher walks
//! some categories, may skip some (non-strict), may meet some twice, and builds its snapshot by
//! importing what it recorded.

use std::fmt;
use std::time::SystemTime;

use shelfcheck_core::model::snapshot::Snapshot;
use shelfcheck_core::{Catalog, CompileError};

use crate::{rfc3339_utc, Exchange, ProgressEvent, Transport};
use crate::{CallError, ImportError, ImportOptions, ImportSummary, Locale, Localized, Repeat, Stage, TreeLimit};

/// A category left out of a non-strict fetch, and why.
#[derive(Debug)]
pub struct Skipped<E> {
    pub category: i64,
    /// What was being fetched for it: its children, its properties, the seller's scope.
    pub stage: Stage,
    pub error: CallError<E>,
}

impl<E: Localized> Skipped<E> {
    pub fn message(&self, locale: Locale) -> String {
        match locale {
            Locale::En => format!("category {} skipped: {}", self.category, self.error.message(locale)),
            Locale::ZhCn => format!("已跳过类目 {}:{}", self.category, self.error.message(locale)),
        }
    }
}

impl<E: fmt::Display> Skipped<E> {
    /// Records a skipped category and tells the progress sink, so the user sees it as it happens.
    pub fn push(into: &mut Vec<Self>, transport: &Transport, category: i64, stage: Stage, error: CallError<E>) {
        transport.emit(ProgressEvent::Skipped {
            platform: transport.platform().to_string(),
            what: format!("category {category}"),
            reason: error.to_string(),
        });
        into.push(Self { category, stage, error });
    }
}

/// The result of a fetch. `S` and `O` are the platform importer's summary and options (the
/// shared ones unless the platform's import knows more).
#[derive(Debug)]
pub struct FetchReport<E, S = ImportSummary, O = ImportOptions> {
    pub snapshot: Snapshot,
    pub summary: S,
    /// Empty when nothing was left out.
    pub skipped: Vec<Skipped<E>>,
    /// Categories the tree listed more than once (cycles included); each was fetched once.
    pub repeats: Vec<Repeat>,
    /// HTTP exchanges made (retries included).
    pub calls: usize,
    /// The options the snapshot was imported with (to rebuild it from the recording).
    pub import_options: O,
}

impl<E, S, O> FetchReport<E, S, O> {
    pub fn is_complete(&self) -> bool {
        self.skipped.is_empty() && self.repeats.is_empty()
    }

    /// Marks the categories whose children or properties could not be fetched `incomplete`
    /// (never written as if the platform had answered with nothing), then refuses a snapshot
    /// that does not compile: nothing may be written from it.
    pub fn checked(mut self) -> Result<Self, CompileError> {
        let holes = self.skipped.iter().filter(|s| s.stage != Stage::SellerScope).map(|s| s.category);
        // The seal is renewed so that the snapshot's hash covers the marks.
        if !crate::mark_incomplete(&mut self.snapshot.categories, holes).is_empty() {
            self.snapshot.seal();
        }
        Catalog::compile(self.snapshot.clone())?;
        Ok(self)
    }
}

impl<E> FetchReport<E> {
    /// The report of a fetch whose calls `transport` recorded from position `start` on: the
    /// snapshot is imported from those exchanges (so the recording rebuilds it byte for byte),
    /// stamped with the time and "`source`, N calls", then [`checked`](Self::checked).
    pub fn from_recording<I>(
        transport: &Transport,
        start: usize,
        source: &str,
        import: impl FnOnce(&[Exchange], &ImportOptions) -> Result<(Snapshot, ImportSummary), I>,
        skipped: Vec<Skipped<E>>,
        repeats: Vec<Repeat>,
    ) -> Result<Self, FetchError<E, I>> {
        let exchanges = transport.recorder().exchanges_from(start);
        let import_options = ImportOptions {
            built_at: Some(rfc3339_utc(SystemTime::now())),
            source: Some(format!("{source}, {} calls", exchanges.len())),
            strict: false,
        };
        let (snapshot, summary) = import(&exchanges, &import_options).map_err(FetchError::Import)?;
        let report = Self { snapshot, summary, skipped, repeats, calls: exchanges.len(), import_options };
        report.checked().map_err(FetchError::Integrity)
    }
}

impl<E: Localized, S, O> FetchReport<E, S, O> {
    /// Every skipped category, then every repeat, one line each in the user's language.
    pub fn problems(&self, locale: Locale) -> Vec<String> {
        let skipped = self.skipped.iter().map(|s| s.message(locale));
        skipped.chain(self.repeats.iter().map(|r| r.message(locale))).collect()
    }
}

/// Why a fetch produced no snapshot. `I` is the platform importer's error.
#[derive(Debug)]
#[non_exhaustive]
pub enum FetchError<E, I = ImportError<E>> {
    Call(Box<CallError<E>>),
    Import(I),
    /// A non-strict fetch skipped categories, or the tree listed some more than once; used
    /// where only a complete snapshot may be kept.
    Incomplete {
        skipped: Vec<Skipped<E>>,
        repeats: Vec<Repeat>,
    },
    /// The tree went past a walk's bounds.
    Tree(TreeLimit),
    /// The answers make a snapshot that does not compile; nothing may be written from them.
    Integrity(CompileError),
    Task {
        detail: String,
    },
}

impl<E, I> From<CallError<E>> for FetchError<E, I> {
    fn from(e: CallError<E>) -> Self {
        Self::Call(Box::new(e))
    }
}

impl<E, I> From<TreeLimit> for FetchError<E, I> {
    fn from(e: TreeLimit) -> Self {
        Self::Tree(e)
    }
}

impl<E, I> From<tokio::task::JoinError> for FetchError<E, I> {
    /// A task of [`crate::for_each_bounded`] that panicked or was cancelled.
    fn from(e: tokio::task::JoinError) -> Self {
        Self::Task { detail: e.to_string() }
    }
}

impl<E: Localized, I: Localized> Localized for FetchError<E, I> {
    fn message(&self, locale: Locale) -> String {
        match (locale, self) {
            (_, Self::Call(e)) => e.message(locale),
            (_, Self::Import(e)) => e.message(locale),
            (_, Self::Incomplete { skipped, repeats }) => incomplete_text(skipped, repeats, locale),
            (_, Self::Tree(e)) => e.message(locale),
            (Locale::En, Self::Integrity(e)) => format!("the platform's answers do not make a usable snapshot: {e}"),
            (Locale::ZhCn, Self::Integrity(e)) => format!("平台的应答无法构成可用的快照:{}", e.message(locale)),
            (Locale::En, Self::Task { detail }) => format!("background task failed: {detail}"),
            (Locale::ZhCn, Self::Task { detail }) => format!("后台任务失败:{detail}"),
        }
    }
}

impl<E: Localized, I: Localized> fmt::Display for FetchError<E, I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Locale::En))
    }
}

impl<E: Localized + fmt::Debug, I: Localized + fmt::Debug> std::error::Error for FetchError<E, I> {}

fn incomplete_text<E: Localized>(skipped: &[Skipped<E>], repeats: &[Repeat], locale: Locale) -> String {
    let first = skipped.first().map(|s| s.message(locale)).or_else(|| repeats.first().map(|r| r.message(locale)));
    let first = first.unwrap_or_default();
    let (s, r) = (skipped.len(), repeats.len());
    let plural = |n: usize| if n == 1 { "category" } else { "categories" };
    let mut parts = Vec::new();
    match locale {
        Locale::En => {
            if s > 0 {
                parts.push(format!("{s} {} skipped", plural(s)));
            }
            if r > 0 {
                parts.push(format!("{r} {} listed more than once", plural(r)));
            }
            format!("fetch incomplete: {} (first: {first})", parts.join(", "))
        }
        Locale::ZhCn => {
            if s > 0 {
                parts.push(format!("跳过了 {s} 个类目"));
            }
            if r > 0 {
                parts.push(format!("{r} 个类目重复出现"));
            }
            format!("抓取不完整:{}(第一个:{first})", parts.join(","))
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;
    use crate::{CallContext, FailureKind};
    use shelfcheck_core::model::snapshot::{Category, Platform};

    /// A platform's error.
    #[derive(Debug)]
    struct Gone;

    impl fmt::Display for Gone {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("gone")
        }
    }

    impl Localized for Gone {
        fn message(&self, locale: Locale) -> String {
            locale.pick("不见了", "gone").to_string()
        }
    }

    fn skipped(category: i64, stage: Stage) -> Skipped<Gone> {
        let context = CallContext::new("test", "cats", [("cid", category.to_string())]);
        Skipped { category, stage, error: CallError { context, attempts: 2, kind: FailureKind::Platform(Gone) } }
    }

    fn report(skipped: Vec<Skipped<Gone>>) -> FetchReport<Gone> {
        let mut snapshot = crate::empty_snapshot(Platform::Wechat, None, None);
        snapshot.categories = vec![Category::new(1, None, "一", false), Category::new(2, Some(1), "二", true)];
        let (summary, import_options) = (ImportSummary::default(), ImportOptions::default());
        FetchReport { snapshot, summary, skipped, repeats: Vec::new(), calls: 3, import_options }
    }

    #[test]
    fn skipped_categories_are_marked_incomplete_but_a_skipped_seller_scope_marks_none() {
        let checked = report(vec![skipped(2, Stage::Properties), skipped(1, Stage::SellerScope)]).checked().unwrap();
        let marks: Vec<bool> = checked.snapshot.categories.iter().map(|c| c.incomplete).collect();
        assert_eq!(marks, [false, true]);
        assert!(!checked.is_complete());
        assert_eq!(
            checked.problems(Locale::En)[0],
            "category 2 skipped: test on cats(cid=2) failed after 2 attempt(s): gone"
        );
        assert_eq!(checked.problems(Locale::ZhCn)[1], "已跳过类目 1:test 调用 cats(cid=1) 失败(共尝试 2 次):不见了");
    }

    #[test]
    fn a_snapshot_that_does_not_compile_is_refused() {
        let mut r = report(Vec::new());
        r.snapshot.categories[0].parent_id = Some(2);
        let err = FetchError::<Gone>::Integrity(r.checked().unwrap_err());
        assert!(err.to_string().starts_with("the platform's answers do not make a usable snapshot: "), "{err}");
        assert!(err.message(Locale::ZhCn).starts_with("平台的应答无法构成可用的快照:"));
    }

    #[test]
    fn orphans_become_top_level_and_are_named() {
        let mut cats = vec![Category::new(5, Some(9), "x", true), Category::new(6, Some(5), "y", true)];
        assert_eq!(crate::reparent_orphans(&mut cats), [5]);
        assert_eq!((cats[0].parent_id, cats[1].parent_id), (None, Some(5)));
    }
}
