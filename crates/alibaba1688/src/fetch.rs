//! A whole 1688 fetch: first-level categories, then breadth first down to the leaves.

use std::time::SystemTime;

use shelfcheck_core::snapshot::Snapshot;
use shelfcheck_core::{Catalog, CompileError};
use shelfcheck_fetch::{
    for_each_bounded, CallError, Locale, Localized, ProgressEvent, Repeat, Stage, TreeLimit, TreeWalk,
};

use crate::client::{AlibabaClient, PLATFORM};
use crate::error::AlibabaError;
use crate::import::{import_exchanges, ImportError, ImportOptions, ImportSummary};
use crate::model::{InfoData, Node};

#[derive(Debug, Clone, Default)]
pub struct FetchOptions {
    /// Start below this category instead of at the first level.
    pub root: Option<i64>,
    /// Stop at the first failing category instead of skipping it.
    pub strict: bool,
}

#[derive(Debug)]
pub struct FetchReport {
    pub snapshot: Snapshot,
    pub summary: ImportSummary,
    /// Categories whose children could not be fetched, with the error.
    pub skipped: Vec<(i64, CallError<AlibabaError>)>,
    /// Categories the tree listed more than once (cycles included); each was fetched once.
    pub repeats: Vec<Repeat>,
    pub calls: usize,
    pub import_options: ImportOptions,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    #[error(transparent)]
    Call(Box<CallError<AlibabaError>>),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error("background task failed: {detail}")]
    Task { detail: String },
    /// The tree went past a walk's bounds.
    #[error(transparent)]
    Tree(#[from] TreeLimit),
    /// The answers make a snapshot that does not compile; nothing may be written from them.
    #[error("the platform's answers do not make a usable snapshot: {0}")]
    Integrity(CompileError),
}

impl From<CallError<AlibabaError>> for FetchError {
    fn from(e: CallError<AlibabaError>) -> Self {
        Self::Call(Box::new(e))
    }
}

impl Localized for FetchError {
    fn message(&self, locale: Locale) -> String {
        match (locale, self) {
            (_, Self::Call(e)) => e.message(locale),
            (_, Self::Import(e)) => e.message(locale),
            (Locale::En, Self::Task { .. }) => self.to_string(),
            (Locale::ZhCn, Self::Task { detail }) => format!("后台任务失败:{detail}"),
            (_, Self::Tree(e)) => e.message(locale),
            (Locale::En, Self::Integrity(_)) => self.to_string(),
            (Locale::ZhCn, Self::Integrity(e)) => format!("平台的应答无法构成可用的快照:{}", e.message(locale)),
        }
    }
}

/// The category an answer describes (`None`: the first level) and those of its children that
/// have children of their own.
fn parents_of(data: &InfoData) -> (Option<i64>, Vec<&Node>) {
    match data {
        InfoData::TopLevel(nodes) => (None, nodes.iter().filter(|n| n.has_children).collect()),
        InfoData::One(info) => (Some(info.id), info.children.iter().filter(|n| n.has_children).collect()),
    }
}

/// Walks the tree breadth first, each category id once (a tree with a cycle ends, and the
/// repeat is reported), a bounded number of tasks alive. A snapshot that would not compile is
/// an error; categories whose children could not be fetched are marked `incomplete`.
pub async fn fetch(client: &AlibabaClient, options: &FetchOptions) -> Result<FetchReport, FetchError> {
    let recorder = client.transport().recorder().clone();
    let start = recorder.len();
    let emit = |e| client.transport().emit(e);
    emit(ProgressEvent::StageStarted { platform: PLATFORM.into(), stage: Stage::Categories, total: None });
    let mut tree = TreeWalk::new();
    if let Some(root) = options.root {
        tree.admit(None, root, "")?;
    }
    let first = client.category_info(options.root).await?;
    let (first_parent, first_children) = parents_of(&first);
    let mut frontier = Vec::new();
    for n in first_children {
        if tree.admit(first_parent.or(options.root), n.id, &n.name)? {
            frontier.push(n.id);
        }
    }
    let mut skipped = Vec::new();
    let limit = client.transport().max_concurrency();
    while !frontier.is_empty() {
        let level = std::mem::take(&mut frontier);
        let work = |id: i64| {
            let c = client.clone();
            async move { (id, c.category_info(Some(id)).await) }
        };
        for_each_bounded(level, limit, work, |joined| -> Result<(), FetchError> {
            let (id, result) = joined.map_err(|e| FetchError::Task { detail: e.to_string() })?;
            emit(ProgressEvent::Advanced { platform: PLATFORM.into(), stage: Stage::Categories });
            match result {
                Ok(data) => {
                    // The children are filed under the category asked for, whatever id the
                    // answer claims to describe.
                    for n in parents_of(&data).1 {
                        if tree.admit(Some(id), n.id, &n.name)? {
                            frontier.push(n.id);
                        }
                    }
                    Ok(())
                }
                Err(e) if options.strict => Err(e.into()),
                Err(e) => {
                    emit(ProgressEvent::Skipped {
                        platform: PLATFORM.into(),
                        what: format!("category {id}"),
                        reason: e.to_string(),
                    });
                    skipped.push((id, e));
                    Ok(())
                }
            }
        })
        .await?;
    }
    emit(ProgressEvent::StageFinished { platform: PLATFORM.into(), stage: Stage::Categories });
    let exchanges = recorder.exchanges_from(start);
    let import_options = ImportOptions {
        built_at: Some(shelfcheck_fetch::rfc3339_utc(SystemTime::now())),
        source: Some(format!("{PLATFORM} category API, {} calls", exchanges.len())),
        strict: false,
    };
    let (mut snapshot, summary) = import_exchanges(&exchanges, &import_options)?;
    shelfcheck_fetch::mark_incomplete(&mut snapshot, skipped.iter().map(|(id, _)| *id));
    Catalog::compile(snapshot.clone()).map_err(FetchError::Integrity)?;
    let repeats = tree.into_repeats();
    Ok(FetchReport { snapshot, summary, skipped, repeats, calls: exchanges.len(), import_options })
}
