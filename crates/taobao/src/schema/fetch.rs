//! Fetching publish schemas for chosen leaf categories, then building the snapshot from the
//! recorded answers, as every fetch does, so a recording rebuilds the same snapshot offline.

use std::time::SystemTime;

use shelfcheck_core::model::snapshot::Platform;
use shelfcheck_fetch::{for_each_bounded, rfc3339_utc, CallContext, CallError, FailureKind, Stage};

use super::{parse, xml_of};
use crate::client::{CallResult, Market, TaobaoClient, PLATFORM};
use crate::fetch::{FetchError, FetchReport, Skipped};
use crate::import::{import_exchanges, ImportOptions};
use crate::TaobaoError;

/// Which schema to ask for. The item-update schemas are asked per item, not per category, and
/// are only imported from recordings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaKind {
    /// `tmall.item.add.schema.get`: the rules of publishing an item (needs a product id).
    ItemAdd,
    /// `tmall.product.add.schema.get`: the rules of creating a product (SPU).
    ProductAdd,
    /// `tmall.product.match.schema.get`: the key properties that identify a product.
    ProductMatch,
    /// `alibaba.item.publish.schema.get`: the rules of the newer publishing API.
    ItemPublish,
}

impl SchemaKind {
    pub fn method(self) -> &'static str {
        match self {
            Self::ItemAdd => "tmall.item.add.schema.get",
            Self::ProductAdd => "tmall.product.add.schema.get",
            Self::ProductMatch => "tmall.product.match.schema.get",
            Self::ItemPublish => "alibaba.item.publish.schema.get",
        }
    }

    /// A short name for cache keys.
    pub fn key(self) -> &'static str {
        match self {
            Self::ItemAdd => "item-add",
            Self::ProductAdd => "product-add",
            Self::ProductMatch => "product-match",
            Self::ItemPublish => "item-publish",
        }
    }

    /// The request parameters for one category, as each method names them.
    fn params(self, cid: i64, options: &SchemaFetchOptions) -> Vec<(String, String)> {
        let mut params = Vec::new();
        if self == Self::ItemPublish {
            params.push(("cat_id".to_owned(), cid.to_string()));
            let market = if options.market == Market::Tmall { "tmall" } else { "taobao" };
            params.push(("market".to_owned(), market.to_owned()));
            if let Some(p) = options.product_id {
                params.push(("spu_id".to_owned(), p.to_string()));
            }
        } else {
            params.push(("category_id".to_owned(), cid.to_string()));
            if let (Some(p), Self::ItemAdd) = (options.product_id, self) {
                params.push(("product_id".to_owned(), p.to_string()));
            }
        }
        params
    }
}

#[derive(Debug, Clone)]
pub struct SchemaFetchOptions {
    pub kind: SchemaKind,
    /// Leaf categories to ask for.
    pub categories: Vec<i64>,
    /// The product (SPU) an item schema is for.
    pub product_id: Option<i64>,
    pub market: Market,
    /// Abort on the first category that cannot be fetched instead of skipping it.
    pub strict: bool,
}

/// Fetches one schema per category. A schema whose XML cannot be read fails its category
/// like a failed call: skipped (and the category marked incomplete), or the end of a strict
/// fetch.
pub async fn fetch_schemas(client: &TaobaoClient, options: &SchemaFetchOptions) -> Result<FetchReport, FetchError> {
    let recorder = client.transport().recorder().clone();
    let start = recorder.len();
    let mut skipped: Vec<Skipped> = Vec::new();
    let mut cids = options.categories.clone();
    cids.sort_unstable();
    cids.dedup();
    client.transport().stage_started(Stage::Properties, Some(cids.len() as u64));
    let work = |cid: i64| {
        let (c, method, params) = (client.clone(), options.kind.method(), options.kind.params(cid, options));
        async move { (cid, schema(&c, method, params).await) }
    };
    for_each_bounded(cids, client.transport().max_concurrency(), work, |joined| -> Result<(), FetchError> {
        let (cid, result) = joined?;
        client.transport().advanced(Stage::Properties);
        match result {
            Ok(()) => Ok(()),
            Err(e) if options.strict => Err(e.into()),
            Err(error) => {
                Skipped::push(&mut skipped, client.transport(), cid, Stage::Properties, error);
                Ok(())
            }
        }
    })
    .await?;
    client.transport().stage_finished(Stage::Properties);

    let exchanges = recorder.exchanges_from(start);
    let platform = if options.market == Market::Tmall { Platform::Tmall } else { Platform::Taobao };
    let import_options = ImportOptions {
        platform: Some(platform),
        built_at: Some(rfc3339_utc(SystemTime::now())),
        source: Some(format!("{PLATFORM} API, {} schemas, {} calls", options.kind.key(), exchanges.len())),
        strict: false,
    };
    let (snapshot, summary) = import_exchanges(&exchanges, &import_options).map_err(FetchError::Import)?;
    FetchReport { snapshot, summary, skipped, repeats: Vec::new(), calls: exchanges.len(), import_options }
        .checked()
        .map_err(FetchError::Integrity)
}

/// One schema call; the answer is recorded by the transport, and its XML checked here so that
/// a cut or broken schema is a failed call, not a silently empty category.
async fn schema(client: &TaobaoClient, method: &'static str, params: Vec<(String, String)>) -> CallResult<()> {
    let body: serde_json::Value = client.call(method, params.clone()).await?;
    let readable = xml_of(method, &wrap(method, body))
        .and_then(|xml| parse(&xml).map(|_| ()).map_err(|e| TaobaoError::Schema(Box::new(e))));
    readable.map_err(|error| CallError {
        context: CallContext::new(PLATFORM, method, params),
        attempts: 1,
        kind: FailureKind::Platform(error),
    })
}

/// The answer's envelope again around its payload, for [`xml_of`].
fn wrap(method: &str, payload: serde_json::Value) -> String {
    let mut top = serde_json::Map::new();
    top.insert(crate::envelope::response_key(method), payload);
    serde_json::Value::Object(top).to_string()
}
