//! A whole WeChat fetch: all categories, optionally the account's state, then import.

use shelfcheck_fetch::Stage;

use crate::client::{WechatClient, PLATFORM};
use crate::error::WechatError;
use crate::import::import_exchanges;

#[derive(Debug, Clone, Default)]
pub struct FetchOptions {
    /// Also fetch the account's categories, audit state and quota (`getcategory`).
    pub account_state: bool,
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
