//! Progress events: the fetchers report, the CLI renders (with `indicatif`).

use std::time::Duration;

/// A unit of work a fetch goes through, so a renderer can show one bar per stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Categories,
    Properties,
    Values,
    SellerScope,
}

impl Stage {
    pub fn label(self, locale: crate::Locale) -> &'static str {
        match self {
            Self::Categories => locale.pick("类目", "categories"),
            Self::Properties => locale.pick("属性", "properties"),
            Self::Values => locale.pick("属性值", "values"),
            Self::SellerScope => locale.pick("授权范围", "seller scope"),
        }
    }
}

/// What happened. Owned data so that a sink may forward events to another thread.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ProgressEvent {
    /// A stage begins; `total` is the number of `Advanced` events to expect when known.
    StageStarted {
        platform: String,
        stage: Stage,
        total: Option<u64>,
    },
    /// One unit of the current stage finished (successfully or skipped).
    Advanced {
        platform: String,
        stage: Stage,
    },
    /// A call is about to be retried.
    Retrying {
        platform: String,
        method: String,
        attempt: u32,
        delay: Duration,
        reason: String,
    },
    /// A category or call was left out of a non-strict fetch.
    Skipped {
        platform: String,
        what: String,
        reason: String,
    },
    StageFinished {
        platform: String,
        stage: Stage,
    },
}

/// Receives progress events. Implemented for any `Fn(&ProgressEvent)` closure.
pub trait ProgressSink: Send + Sync {
    fn on_event(&self, event: &ProgressEvent);
}

impl<F> ProgressSink for F
where
    F: Fn(&ProgressEvent) + Send + Sync,
{
    fn on_event(&self, event: &ProgressEvent) {
        self(event)
    }
}

/// Discards every event (library use without a terminal).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl ProgressSink for NoProgress {
    fn on_event(&self, _event: &ProgressEvent) {}
}
