//! A whole fetch: walk the category tree, fetch every leaf's properties and values, optionally
//! the seller's scope, then build the snapshot from what was recorded.
//!
//! The snapshot is built by [`import_exchanges`] from the calls this fetch recorded, so a
//! recording of the fetch rebuilds exactly the same snapshot offline.

use std::time::SystemTime;

use sha2::{Digest, Sha256};

use shelfcheck_core::snapshot::{Platform, Snapshot};
use shelfcheck_core::{Catalog, CompileError};
use shelfcheck_fetch::{
    for_each_bounded, CallError, Locale, Localized, ProgressEvent, Repeat, Stage, TreeLimit, TreeWalk,
};

use crate::client::{CallResult, Market, PropsQuery, TaobaoClient, PLATFORM};
use crate::import::{import_exchanges, ImportError, ImportOptions, ImportSummary};
use crate::model::ItemCat;
use crate::TaobaoError;
use shelfcheck_fetch::rfc3339_utc;

/// Which part of the category tree to fetch.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Scope {
    /// The whole tree from the top level (`parent_cid` 0).
    #[default]
    All,
    /// One category and everything below it.
    Subtree(i64),
    /// Only these leaf categories (fetched by id in batches of 1000), no tree walk.
    Leaves(Vec<i64>),
}

impl Scope {
    /// A short name for cache keys and messages.
    pub fn key(&self) -> String {
        match self {
            Self::All => String::from("all"),
            Self::Subtree(c) => format!("subtree-{c}"),
            Self::Leaves(c) => {
                let mut ids = c.clone();
                ids.sort_unstable();
                ids.dedup();
                // The digest of the whole set keeps two different sets from sharing a cache file.
                let mut h = Sha256::new();
                for id in &ids {
                    h.update(id.to_le_bytes());
                }
                let digest: String = h.finalize().iter().take(6).map(|b| format!("{b:02x}")).collect();
                format!("leaves-{}-{digest}", ids.len())
            }
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct FetchOptions {
    /// Taobao or Tmall properties (`type` 1 or 2).
    pub market: Market,
    pub scope: Scope,
    /// Also fetch what the session's seller may publish (`itemcats.authorize.get`).
    pub seller_scope: bool,
    /// Abort on the first category that cannot be fetched instead of skipping it.
    pub strict: bool,
}

/// A category left out of a non-strict fetch, and why.
#[derive(Debug)]
pub struct Skipped {
    pub category: i64,
    pub stage: Stage,
    pub error: CallError<TaobaoError>,
}

impl Skipped {
    pub fn message(&self, locale: Locale) -> String {
        match locale {
            Locale::En => format!("category {} skipped: {}", self.category, self.error.message(locale)),
            Locale::ZhCn => format!("已跳过类目 {}:{}", self.category, self.error.message(locale)),
        }
    }
}

/// The result of a fetch.
#[derive(Debug)]
pub struct FetchReport {
    pub snapshot: Snapshot,
    pub summary: ImportSummary,
    /// Empty when the fetch is complete.
    pub skipped: Vec<Skipped>,
    /// Categories the tree listed more than once (cycles included); each was fetched once.
    pub repeats: Vec<Repeat>,
    /// HTTP exchanges made (retries included).
    pub calls: usize,
    /// The options the snapshot was imported with (to rebuild it from the recording).
    pub import_options: ImportOptions,
}

impl FetchReport {
    pub fn is_complete(&self) -> bool {
        self.skipped.is_empty() && self.repeats.is_empty()
    }
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    #[error(transparent)]
    Call(Box<CallError<TaobaoError>>),
    #[error(transparent)]
    Import(#[from] ImportError),
    /// A non-strict fetch skipped categories, or the tree listed some more than once; used
    /// where only a complete snapshot may be kept.
    #[error("{}", incomplete_text(.skipped, .repeats, Locale::En))]
    Incomplete { skipped: Vec<Skipped>, repeats: Vec<Repeat> },
    /// The tree went past a walk's bounds.
    #[error(transparent)]
    Tree(#[from] TreeLimit),
    /// The answers make a snapshot that does not compile; nothing may be written from them.
    #[error("the platform's answers do not make a usable snapshot: {0}")]
    Integrity(CompileError),
    #[error("background task failed: {detail}")]
    Task { detail: String },
}

impl From<CallError<TaobaoError>> for FetchError {
    fn from(e: CallError<TaobaoError>) -> Self {
        Self::Call(Box::new(e))
    }
}

impl Localized for FetchError {
    fn message(&self, locale: Locale) -> String {
        match (locale, self) {
            (Locale::En, _) => self.to_string(),
            (_, Self::Call(e)) => e.message(locale),
            (_, Self::Import(e)) => e.message(locale),
            (Locale::ZhCn, Self::Incomplete { skipped, repeats }) => incomplete_text(skipped, repeats, locale),
            (Locale::ZhCn, Self::Tree(e)) => e.message(locale),
            (Locale::ZhCn, Self::Integrity(e)) => format!("平台的应答无法构成可用的快照:{}", e.message(locale)),
            (Locale::ZhCn, Self::Task { detail }) => format!("后台任务失败:{detail}"),
        }
    }
}

fn incomplete_text(skipped: &[Skipped], repeats: &[Repeat], locale: Locale) -> String {
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

fn platform_of(market: Market) -> Platform {
    match market {
        Market::Taobao => Platform::Taobao,
        Market::Tmall => Platform::Tmall,
    }
}

/// Fetches a snapshot. Non-strict fetches skip categories that fail and list them; the
/// snapshot marks those categories `incomplete`. A snapshot that would not compile is an error:
/// whatever the gateway answered, the caller never gets one to write.
pub async fn fetch(client: &TaobaoClient, options: &FetchOptions) -> Result<FetchReport, FetchError> {
    let recorder = client.transport().recorder().clone();
    let start = recorder.len();
    let mut skipped = Vec::new();

    let (leaves, repeats) = walk(client, options, &mut skipped).await?;
    fetch_leaves(client, options, leaves, &mut skipped).await?;
    if options.seller_scope {
        stage(client, Stage::SellerScope, Some(1));
        match client.itemcats_authorize().await {
            Ok(_) => {}
            Err(e) if options.strict => return Err(e.into()),
            Err(error) => skip(client, &mut skipped, 0, Stage::SellerScope, error),
        }
        advance(client, Stage::SellerScope);
        finish(client, Stage::SellerScope);
    }

    let exchanges = recorder.exchanges_from(start);
    let import_options = ImportOptions {
        platform: Some(platform_of(options.market)),
        built_at: Some(rfc3339_utc(SystemTime::now())),
        source: Some(format!("{PLATFORM} API, scope {}, {} calls", options.scope.key(), exchanges.len())),
        strict: false,
    };
    let (mut snapshot, summary) = import_exchanges(&exchanges, &import_options)?;
    // A category whose children, properties or values could not be fetched is written
    // `incomplete`, never as if the platform had answered with nothing.
    let holes = skipped.iter().filter(|s| s.stage != Stage::SellerScope).map(|s| s.category);
    shelfcheck_fetch::mark_incomplete(&mut snapshot, holes);
    Catalog::compile(snapshot.clone()).map_err(FetchError::Integrity)?;
    Ok(FetchReport { snapshot, summary, skipped, repeats, calls: exchanges.len(), import_options })
}

/// Walks the tree and returns the leaf categories to fetch properties for, and every category
/// listed more than once. Each category id is visited once, so a tree with a cycle ends.
async fn walk(
    client: &TaobaoClient,
    options: &FetchOptions,
    skipped: &mut Vec<Skipped>,
) -> Result<(Vec<i64>, Vec<Repeat>), FetchError> {
    stage(client, Stage::Categories, None);
    let mut tree = TreeWalk::new();
    let mut leaves = Vec::new();
    let mut frontier: Vec<i64> = Vec::new();
    match &options.scope {
        Scope::All => {
            tree.admit(None, 0, "")?;
            frontier.push(0);
        }
        Scope::Subtree(root) => match client.item_cat(*root).await {
            Ok(Some(cat)) => {
                if tree.admit(None, cat.cid, &cat.name)? {
                    sort_cat(&cat, &mut leaves, &mut frontier);
                }
            }
            Ok(None) => {}
            Err(e) if options.strict => return Err(e.into()),
            Err(error) => skip(client, skipped, *root, Stage::Categories, error),
        },
        Scope::Leaves(cids) => match client.itemcats_by_cids(cids).await {
            Ok(cats) => {
                for c in &cats {
                    if c.is_parent {
                        // Properties exist only on leaves; say so rather than drop it silently.
                        client.transport().emit(ProgressEvent::Skipped {
                            platform: PLATFORM.to_string(),
                            what: format!("category {}", c.cid),
                            reason: String::from("not a leaf category"),
                        });
                    } else {
                        leaves.push(c.cid);
                    }
                }
            }
            Err(e) if options.strict => return Err(e.into()),
            Err(error) => skip(client, skipped, cids.first().copied().unwrap_or(0), Stage::Categories, error),
        },
    }
    // Breadth first, one level at a time, a bounded number of tasks alive; the rate limiter
    // bounds how many calls run at once.
    let limit = client.transport().max_concurrency();
    while !frontier.is_empty() {
        let level = std::mem::take(&mut frontier);
        let work = |parent: i64| {
            let c = client.clone();
            async move { (parent, c.itemcats_by_parent(parent).await) }
        };
        for_each_bounded(level, limit, work, |joined| -> Result<(), FetchError> {
            let (parent, result) = joined.map_err(|e| FetchError::Task { detail: e.to_string() })?;
            advance(client, Stage::Categories);
            match result {
                Ok(children) => {
                    for cat in &children {
                        if tree.admit(Some(parent), cat.cid, &cat.name)? {
                            sort_cat(cat, &mut leaves, &mut frontier);
                        }
                    }
                    Ok(())
                }
                Err(e) if options.strict => Err(e.into()),
                Err(error) => {
                    skip(client, skipped, parent, Stage::Categories, error);
                    Ok(())
                }
            }
        })
        .await?;
    }
    finish(client, Stage::Categories);
    leaves.sort_unstable();
    leaves.dedup();
    Ok((leaves, tree.into_repeats()))
}

fn sort_cat(cat: &ItemCat, leaves: &mut Vec<i64>, frontier: &mut Vec<i64>) {
    if cat.is_parent {
        frontier.push(cat.cid);
    } else {
        leaves.push(cat.cid);
    }
}

/// Properties, then values, of every leaf; leaves run concurrently under the rate limiter.
async fn fetch_leaves(
    client: &TaobaoClient,
    options: &FetchOptions,
    leaves: Vec<i64>,
    skipped: &mut Vec<Skipped>,
) -> Result<(), FetchError> {
    stage(client, Stage::Properties, Some(leaves.len() as u64));
    let market = options.market;
    let work = |cid: i64| {
        let c = client.clone();
        async move { (cid, leaf(&c, cid, market).await) }
    };
    for_each_bounded(leaves, client.transport().max_concurrency(), work, |joined| -> Result<(), FetchError> {
        let (cid, result) = joined.map_err(|e| FetchError::Task { detail: e.to_string() })?;
        advance(client, Stage::Properties);
        match result {
            Ok(()) => Ok(()),
            // Ending the run aborts the calls still running.
            Err(e) if options.strict => Err(e.into()),
            Err(error) => {
                skip(client, skipped, cid, Stage::Properties, error);
                Ok(())
            }
        }
    })
    .await?;
    finish(client, Stage::Properties);
    Ok(())
}

async fn leaf(client: &TaobaoClient, cid: i64, market: Market) -> CallResult<()> {
    let query = PropsQuery { market: Some(market), ..PropsQuery::default() };
    let props = client.itemprops(cid, &query).await?;
    if !props.is_empty() {
        client.itempropvalues(cid, None, Some(market)).await?;
    }
    Ok(())
}

fn skip(client: &TaobaoClient, skipped: &mut Vec<Skipped>, category: i64, stage: Stage, error: CallError<TaobaoError>) {
    client.transport().emit(ProgressEvent::Skipped {
        platform: PLATFORM.to_string(),
        what: format!("category {category}"),
        reason: error.to_string(),
    });
    skipped.push(Skipped { category, stage, error });
}

fn stage(client: &TaobaoClient, stage: Stage, total: Option<u64>) {
    client.transport().emit(ProgressEvent::StageStarted { platform: PLATFORM.to_string(), stage, total });
}

fn advance(client: &TaobaoClient, stage: Stage) {
    client.transport().emit(ProgressEvent::Advanced { platform: PLATFORM.to_string(), stage });
}

fn finish(client: &TaobaoClient, stage: Stage) {
    client.transport().emit(ProgressEvent::StageFinished { platform: PLATFORM.to_string(), stage });
}

#[cfg(test)]
mod tests {
    use super::Scope;

    #[test]
    fn leaf_sets_have_distinct_keys_whatever_their_order() {
        let a = Scope::Leaves(vec![1, 2, 3, 4]).key();
        assert_eq!(a, Scope::Leaves(vec![4, 3, 2, 1, 1]).key());
        assert_ne!(a, Scope::Leaves(vec![1, 2, 3, 5]).key());
        assert_eq!(Scope::Subtree(16).key(), "subtree-16");
    }
}
