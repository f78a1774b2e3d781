//! A whole fetch: walk the category tree, fetch every leaf's properties and values and the
//! child properties under its values (see [`crate::children`]), optionally the seller's scope,
//! then build the snapshot from what was recorded.
//!
//! The snapshot is built by [`import_exchanges`] from the calls this fetch recorded, so a
//! recording of the fetch rebuilds exactly the same snapshot offline.

use std::time::SystemTime;

use sha2::{Digest, Sha256};

use shelfcheck_core::model::snapshot::Platform;
use shelfcheck_fetch::{for_each_bounded, CallContext, CallError, FailureKind, ProgressEvent, Repeat, Stage, TreeWalk};

use crate::children::{path_text, ChildLimits, ChildProblem, ChildWalk, Pair};
use crate::client::{CallResult, Market, PropsQuery, TaobaoClient, PLATFORM, PROP_FIELDS};
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
    /// Bounds of each category's child-property walk.
    pub children: ChildLimits,
}

/// A category left out of a non-strict fetch, and why.
pub type Skipped = shelfcheck_fetch::Skipped<TaobaoError>;

/// The result of a fetch.
pub type FetchReport = shelfcheck_fetch::FetchReport<TaobaoError, ImportSummary, ImportOptions>;

/// Why a fetch produced no snapshot (or, from [`crate::refresh`], none that may be kept).
pub type FetchError = shelfcheck_fetch::FetchError<TaobaoError, ImportError>;

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
        client.transport().stage_started(Stage::SellerScope, Some(1));
        match client.itemcats_authorize().await {
            Ok(_) => {}
            Err(e) if options.strict => return Err(e.into()),
            Err(error) => skip(client, &mut skipped, 0, Stage::SellerScope, error),
        }
        client.transport().advanced(Stage::SellerScope);
        client.transport().stage_finished(Stage::SellerScope);
    }

    let exchanges = recorder.exchanges_from(start);
    let import_options = ImportOptions {
        platform: Some(platform_of(options.market)),
        built_at: Some(rfc3339_utc(SystemTime::now())),
        source: Some(format!("{PLATFORM} API, scope {}, {} calls", options.scope.key(), exchanges.len())),
        strict: false,
    };
    let (snapshot, summary) = import_exchanges(&exchanges, &import_options).map_err(FetchError::Import)?;
    FetchReport { snapshot, summary, skipped, repeats, calls: exchanges.len(), import_options }
        .checked()
        .map_err(FetchError::Integrity)
}

/// Walks the tree and returns the leaf categories to fetch properties for, and every category
/// listed more than once. Each category id is visited once, so a tree with a cycle ends.
async fn walk(
    client: &TaobaoClient,
    options: &FetchOptions,
    skipped: &mut Vec<Skipped>,
) -> Result<(Vec<i64>, Vec<Repeat>), FetchError> {
    client.transport().stage_started(Stage::Categories, None);
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
            let (parent, result) = joined?;
            client.transport().advanced(Stage::Categories);
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
    client.transport().stage_finished(Stage::Categories);
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

/// Properties, values and child properties of every leaf; leaves run concurrently under the
/// rate limiter.
async fn fetch_leaves(
    client: &TaobaoClient,
    options: &FetchOptions,
    leaves: Vec<i64>,
    skipped: &mut Vec<Skipped>,
) -> Result<(), FetchError> {
    client.transport().stage_started(Stage::Properties, Some(leaves.len() as u64));
    let (market, limits) = (options.market, options.children);
    let work = |cid: i64| {
        let c = client.clone();
        async move { (cid, leaf(&c, cid, market, limits).await) }
    };
    for_each_bounded(leaves, client.transport().max_concurrency(), work, |joined| -> Result<(), FetchError> {
        let (cid, result) = joined?;
        client.transport().advanced(Stage::Properties);
        match result {
            Ok(problems) => {
                for (path, problem) in problems {
                    let error = not_made(cid, &path, problem);
                    if options.strict {
                        return Err(error.into());
                    }
                    skip(client, skipped, cid, Stage::Properties, error);
                }
                Ok(())
            }
            // Ending the run aborts the calls still running.
            Err(e) if options.strict => Err(e.into()),
            Err(error) => {
                skip(client, skipped, cid, Stage::Properties, error);
                Ok(())
            }
        }
    })
    .await?;
    client.transport().stage_finished(Stage::Properties);
    Ok(())
}

/// First-level properties and their values, then the child properties of every value marked
/// `is_parent`, one `child_path` call each, breadth first, within `limits`. The child calls of
/// one category run one after the other: each answer says what to ask next, and the order of
/// the recording stays the same from one fetch to the next.
async fn leaf(
    client: &TaobaoClient,
    cid: i64,
    market: Market,
    limits: ChildLimits,
) -> CallResult<Vec<(Vec<Pair>, ChildProblem)>> {
    let query = PropsQuery { market: Some(market), ..PropsQuery::default() };
    let props = client.itemprops(cid, &query).await?;
    if props.is_empty() {
        return Ok(Vec::new());
    }
    let values = client.itempropvalues(cid, None, Some(market)).await?;
    let mut walk = ChildWalk::new(limits);
    walk.first_level(&props, &values);
    // Child answers carry their values, so that their own `is_parent` values are known.
    let fields = format!("{PROP_FIELDS},prop_values");
    while let Some(path) = walk.next() {
        let query = PropsQuery {
            market: Some(market),
            child_path: Some(path_text(&path)),
            fields: Some(fields.clone()),
            ..PropsQuery::default()
        };
        let children = client.itemprops(cid, &query).await?;
        walk.answer(&path, &children);
    }
    Ok(walk.into_problems())
}

/// A child call the walk did not make (or a cycle it met), as a failure of that call.
fn not_made(cid: i64, path: &[Pair], problem: ChildProblem) -> CallError<TaobaoError> {
    let params = [("cid", cid.to_string()), ("child_path", path_text(path))];
    CallError {
        context: CallContext::new(PLATFORM, "taobao.itemprops.get", params),
        attempts: 0,
        kind: FailureKind::Platform(TaobaoError::Children(problem)),
    }
}

fn skip(client: &TaobaoClient, skipped: &mut Vec<Skipped>, category: i64, stage: Stage, error: CallError<TaobaoError>) {
    Skipped::push(skipped, client.transport(), category, stage, error);
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
