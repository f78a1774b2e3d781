//! A whole WeChat fetch: all categories, optionally the account's state, then import.

use std::time::SystemTime;

use shelfcheck_core::snapshot::Snapshot;
use shelfcheck_core::{Catalog, CompileError};
use shelfcheck_fetch::{CallError, Locale, Localized, ProgressEvent, Stage};

use crate::client::{WechatClient, PLATFORM};
use crate::error::WechatError;
use crate::import::{import_exchanges, ImportError, ImportOptions, ImportSummary};

#[derive(Debug, Clone, Default)]
pub struct FetchOptions {
    /// Also fetch the account's categories, audit state and quota (`getcategory`).
    pub account_state: bool,
}

#[derive(Debug)]
pub struct FetchReport {
    pub snapshot: Snapshot,
    pub summary: ImportSummary,
    pub calls: usize,
    pub import_options: ImportOptions,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    #[error(transparent)]
    Call(Box<CallError<WechatError>>),
    #[error(transparent)]
    Import(#[from] ImportError),
    /// The answers make a snapshot that does not compile; nothing may be written from them.
    #[error("the platform's answers do not make a usable snapshot: {0}")]
    Integrity(CompileError),
}

impl From<CallError<WechatError>> for FetchError {
    fn from(e: CallError<WechatError>) -> Self {
        Self::Call(Box::new(e))
    }
}

impl Localized for FetchError {
    fn message(&self, locale: Locale) -> String {
        match (locale, self) {
            (_, Self::Call(e)) => e.message(locale),
            (_, Self::Import(e)) => e.message(locale),
            (Locale::En, Self::Integrity(_)) => self.to_string(),
            (Locale::ZhCn, Self::Integrity(e)) => format!("平台的应答无法构成可用的快照:{}", e.message(locale)),
        }
    }
}

/// Both calls are required for a meaningful snapshot, so any failure fails the fetch, as does
/// a snapshot that would not compile.
pub async fn fetch(client: &WechatClient, options: &FetchOptions) -> Result<FetchReport, FetchError> {
    let recorder = client.transport().recorder().clone();
    let start = recorder.len();
    let emit = |e| client.transport().emit(e);
    emit(ProgressEvent::StageStarted { platform: PLATFORM.into(), stage: Stage::Categories, total: Some(1) });
    client.all_categories().await?;
    emit(ProgressEvent::Advanced { platform: PLATFORM.into(), stage: Stage::Categories });
    emit(ProgressEvent::StageFinished { platform: PLATFORM.into(), stage: Stage::Categories });
    if options.account_state {
        emit(ProgressEvent::StageStarted { platform: PLATFORM.into(), stage: Stage::SellerScope, total: Some(1) });
        client.account_categories().await?;
        emit(ProgressEvent::Advanced { platform: PLATFORM.into(), stage: Stage::SellerScope });
        emit(ProgressEvent::StageFinished { platform: PLATFORM.into(), stage: Stage::SellerScope });
    }
    let exchanges = recorder.exchanges_from(start);
    let import_options = ImportOptions {
        built_at: Some(shelfcheck_fetch::rfc3339_utc(SystemTime::now())),
        source: Some(format!("{PLATFORM} API, {} calls", exchanges.len())),
        strict: false,
    };
    let (snapshot, summary) = import_exchanges(&exchanges, &import_options)?;
    Catalog::compile(snapshot.clone()).map_err(FetchError::Integrity)?;
    Ok(FetchReport { snapshot, summary, calls: exchanges.len(), import_options })
}
