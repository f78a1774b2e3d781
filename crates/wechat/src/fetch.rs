//! A whole WeChat fetch: all categories, optionally the account's state, then import.

use shelfcheck_fetch::{for_each_bounded, Skipped, Stage};

use crate::client::{WechatClient, PLATFORM};
use crate::error::WechatError;
use crate::import::import_exchanges;
use crate::shop::chain_categories;

#[derive(Debug, Clone, Default)]
pub struct FetchOptions {
    /// Also fetch the account's categories, audit state and quota (`getcategory`).
    pub account_state: bool,
}

/// What a shop fetch asks for.
#[derive(Debug, Clone, Default)]
pub struct ShopFetchOptions {
    /// Only these leaves' details (empty: every leaf of the tree).
    pub leaves: Vec<i64>,
    /// Stop at the first failing leaf instead of skipping it.
    pub strict: bool,
}

/// The result of a fetch: nothing is ever skipped (any failure fails the fetch).
pub type FetchReport = shelfcheck_fetch::FetchReport<WechatError>;

/// Why a fetch produced no snapshot.
pub type FetchError = shelfcheck_fetch::FetchError<WechatError>;

/// Both calls are required for a meaningful snapshot, so any failure fails the fetch, as does
/// a snapshot that would not compile.
pub async fn fetch(client: &WechatClient, options: &FetchOptions) -> Result<FetchReport, FetchError> {
    let start = client.transport().recorder().len();
    let transport = client.transport();
    transport.stage_started(Stage::Categories, Some(1));
    client.all_categories().await?;
    transport.advanced(Stage::Categories);
    transport.stage_finished(Stage::Categories);
    if options.account_state {
        transport.stage_started(Stage::SellerScope, Some(1));
        client.account_categories().await?;
        transport.advanced(Stage::SellerScope);
        transport.stage_finished(Stage::SellerScope);
    }
    FetchReport::from_recording(transport, start, &format!("{PLATFORM} API"), import_exchanges, Vec::new(), Vec::new())
}

/// A shop fetch: the category tree, then each chosen leaf's detail, a bounded number at a
/// time. A leaf whose detail fails is skipped (and marked incomplete) unless `strict`; the
/// tree is required.
pub async fn fetch_shop(client: &WechatClient, options: &ShopFetchOptions) -> Result<FetchReport, FetchError> {
    let start = client.transport().recorder().len();
    let transport = client.transport();
    transport.stage_started(Stage::Categories, Some(1));
    let all = client.shop_categories().await?;
    transport.advanced(Stage::Categories);
    transport.stage_finished(Stage::Categories);
    let leaves: Vec<i64> = if options.leaves.is_empty() {
        let mut ids: Vec<i64> = all
            .cats
            .iter()
            .chain(&all.cats_v2)
            .filter_map(|chain| chain_categories(chain).ok())
            .flatten()
            .filter(|c| c.leaf)
            .map(|c| c.id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    } else {
        options.leaves.clone()
    };
    transport.stage_started(Stage::Properties, Some(leaves.len() as u64));
    let mut skipped = Vec::new();
    let work = |cid: i64| {
        let c = client.clone();
        async move { (cid, c.shop_category_detail(cid).await) }
    };
    for_each_bounded(leaves, transport.max_concurrency(), work, |joined| -> Result<(), FetchError> {
        let (cid, result) = joined?;
        transport.advanced(Stage::Properties);
        match result {
            Ok(_) => Ok(()),
            Err(e) if options.strict => Err(e.into()),
            Err(e) => {
                Skipped::push(&mut skipped, transport, cid, Stage::Properties, e);
                Ok(())
            }
        }
    })
    .await?;
    transport.stage_finished(Stage::Properties);
    FetchReport::from_recording(
        transport,
        start,
        &format!("{PLATFORM} shop API"),
        import_exchanges,
        skipped,
        Vec::new(),
    )
}
