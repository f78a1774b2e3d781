//! A whole 1688 fetch: first-level categories, then breadth first down to the leaves.

use std::time::SystemTime;

use shelfcheck_core::snapshot::Snapshot;
use shelfcheck_fetch::{CallError, Locale, Localized, ProgressEvent, Stage};
use tokio::task::JoinSet;

use crate::client::{AlibabaClient, PLATFORM};
use crate::error::AlibabaError;
use crate::import::{import_exchanges, ImportError, ImportOptions, ImportSummary};
use crate::model::InfoData;

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
        }
    }
}

fn parents_of(data: &InfoData) -> Vec<i64> {
    match data {
        InfoData::TopLevel(nodes) => nodes.iter().filter(|n| n.has_children).map(|n| n.id).collect(),
        InfoData::One(info) => info.children.iter().filter(|n| n.has_children).map(|n| n.id).collect(),
    }
}

pub async fn fetch(client: &AlibabaClient, options: &FetchOptions) -> Result<FetchReport, FetchError> {
    let recorder = client.transport().recorder().clone();
    let start = recorder.len();
    let emit = |e| client.transport().emit(e);
    emit(ProgressEvent::StageStarted { platform: PLATFORM.into(), stage: Stage::Categories, total: None });
    let first = client.category_info(options.root).await?;
    let mut frontier = parents_of(&first);
    let mut skipped = Vec::new();
    while !frontier.is_empty() {
        let mut tasks = JoinSet::new();
        for id in std::mem::take(&mut frontier) {
            let c = client.clone();
            tasks.spawn(async move { (id, c.category_info(Some(id)).await) });
        }
        while let Some(joined) = tasks.join_next().await {
            let (id, result) = joined.map_err(|e| FetchError::Task { detail: e.to_string() })?;
            emit(ProgressEvent::Advanced { platform: PLATFORM.into(), stage: Stage::Categories });
            match result {
                Ok(data) => frontier.extend(parents_of(&data)),
                Err(e) if options.strict => return Err(e.into()),
                Err(e) => {
                    emit(ProgressEvent::Skipped {
                        platform: PLATFORM.into(),
                        what: format!("category {id}"),
                        reason: e.to_string(),
                    });
                    skipped.push((id, e));
                }
            }
        }
    }
    emit(ProgressEvent::StageFinished { platform: PLATFORM.into(), stage: Stage::Categories });
    let exchanges = recorder.exchanges_from(start);
    let import_options = ImportOptions {
        built_at: Some(shelfcheck_fetch::rfc3339_utc(SystemTime::now())),
        source: Some(format!("{PLATFORM} category API, {} calls", exchanges.len())),
        strict: false,
    };
    let (snapshot, summary) = import_exchanges(&exchanges, &import_options)?;
    Ok(FetchReport { snapshot, summary, skipped, calls: exchanges.len(), import_options })
}
