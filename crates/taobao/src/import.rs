//! Building a snapshot from recorded exchanges, with no network.
//!
//! Live fetches go through the same function (they record in memory, then import), so a
//! recording always rebuilds exactly the snapshot its fetch produced. Everything is keyed by id
//! in ordered maps, so the order in which concurrent calls completed does not matter and the
//! same exchanges always give byte-identical output.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use serde_json::value::RawValue;
use shelfcheck_core::snapshot::{BrandGrant, Category, Platform, PropValue, Property, SellerScope, Snapshot};
use shelfcheck_fetch::{
    empty_snapshot, read_exchanges, reparent_orphans, CallContext, Exchange, Locale, Localized, RecordingError,
};

use crate::convert;
use crate::envelope::decode;
use crate::error::TaobaoError;
use crate::model::{AuthorizeBody, ItemCatBody, ItemCatsBody, ItemPropsBody, PropValuesBody};
use crate::PLATFORM;

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Forces the platform; otherwise Tmall when any `itemprops.get` used `type=2`.
    pub platform: Option<Platform>,
    /// Header fields; left empty by default so that imports are reproducible.
    pub built_at: Option<String>,
    pub source: Option<String>,
    /// Fail on an unusable exchange, unless a later exchange of the same call succeeded (a
    /// retried call leaves its failed attempts in the recording).
    pub strict: bool,
}

/// An exchange that contributed nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct Ignored {
    /// Position in the input (0-based).
    pub index: usize,
    pub call: String,
    pub reason: String,
}

/// What an import did besides building the snapshot.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportSummary {
    pub used: usize,
    pub ignored: Vec<Ignored>,
    /// Categories known only through their properties, described as top-level leaves.
    pub synthesised: Vec<i64>,
    /// Categories whose parent was not fetched (subtree or leaf fetches), made top level.
    pub reparented: Vec<i64>,
    /// Values dropped because their property was not in the recording.
    pub orphan_values: usize,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    #[error(transparent)]
    Recording(#[from] RecordingError),
    #[error("input {input}: not a recording and not a sale-property file: {detail}")]
    Input { input: usize, detail: String },
    #[error("exchange {index} ({call}) is unusable: {error}")]
    Exchange { index: usize, call: String, error: Box<TaobaoError> },
    #[error("exchange {index} ({call}) has no usable `cid` parameter")]
    MissingCid { index: usize, call: String },
}

impl Localized for ImportError {
    fn message(&self, locale: Locale) -> String {
        match (locale, self) {
            (Locale::En, _) => self.to_string(),
            (Locale::ZhCn, Self::Recording(e)) => e.message(locale),
            (Locale::ZhCn, Self::Input { input, detail }) => {
                format!("输入 {input}:既不是录制文件也不是销售属性文件:{detail}")
            }
            (Locale::ZhCn, Self::Exchange { index, call, error }) => {
                format!("第 {index} 条交换({call})无法使用:{}", error.message(locale))
            }
            (Locale::ZhCn, Self::MissingCid { index, call }) => {
                format!("第 {index} 条交换({call})缺少可用的 `cid` 参数")
            }
        }
    }
}

#[derive(Default)]
struct Builder {
    categories: BTreeMap<i64, Category>,
    properties: BTreeMap<(i64, i64), Property>,
    values: BTreeMap<(i64, i64, i64), PropValue>,
    seller: Option<SellerScope>,
}

/// Builds a snapshot from exchanges (any order; later answers to the same id win).
pub fn import_exchanges(
    exchanges: &[Exchange],
    options: &ImportOptions,
) -> Result<(Snapshot, ImportSummary), ImportError> {
    let platform = options.platform.unwrap_or_else(|| detect_platform(exchanges));
    let mut b = Builder::default();
    let mut summary = ImportSummary::default();
    // Only strict imports need to know whether a failed call was retried successfully later;
    // it costs a second parse of every body, so it is computed only then.
    let last_ok = if options.strict { last_success_per_call(exchanges) } else { BTreeMap::new() };
    for (index, ex) in exchanges.iter().enumerate() {
        let call = CallContext::new(&ex.platform, &ex.method, ex.params.clone()).to_string();
        match apply(&mut b, ex, platform) {
            Ok(()) => summary.used += 1,
            Err(Unusable::Skip(reason)) => summary.ignored.push(Ignored { index, call, reason }),
            Err(Unusable::MissingCid) => {
                return Err(ImportError::MissingCid { index, call });
            }
            Err(Unusable::Bad(error)) => {
                let retried_ok = last_ok.get(&(ex.method.as_str(), &ex.params)).is_some_and(|ok| *ok > index);
                if options.strict && !retried_ok {
                    return Err(ImportError::Exchange { index, call, error: Box::new(error) });
                }
                summary.ignored.push(Ignored { index, call, reason: error.to_string() });
            }
        }
    }
    Ok((finish(b, platform, options, &mut summary), summary))
}

enum Unusable {
    Skip(String),
    Bad(TaobaoError),
    MissingCid,
}

fn apply(b: &mut Builder, ex: &Exchange, platform: Platform) -> Result<(), Unusable> {
    if ex.platform != PLATFORM && ex.platform != "tmall" {
        return Err(Unusable::Skip(format!("platform `{}`", ex.platform)));
    }
    let Some(body) = ex.json_body() else {
        return Err(Unusable::Bad(TaobaoError::Malformed { detail: String::from("the recorded body is not JSON") }));
    };
    let method = ex.method.as_str();
    let param_cid = ex.params.get("cid").and_then(|c| c.trim().parse::<i64>().ok());
    match method {
        "taobao.itemcats.get" => {
            let r: ItemCatsBody = decode(method, body).map_err(Unusable::Bad)?;
            for c in &r.item_cats {
                b.categories.insert(c.cid, convert::category(c));
            }
        }
        "taobao.item.cat.get" => {
            let r: ItemCatBody = decode(method, body).map_err(Unusable::Bad)?;
            if let Some(c) = &r.item_cat {
                b.categories.insert(c.cid, convert::category(c));
            }
        }
        "taobao.itemprops.get" => {
            let r: ItemPropsBody = decode(method, body).map_err(Unusable::Bad)?;
            for p in &r.item_props {
                // Real answers omit `cid` on properties: the request says which category.
                let cid = match (p.cid, param_cid) {
                    (0, Some(c)) => c,
                    (0, None) => return Err(Unusable::MissingCid),
                    (c, _) => c,
                };
                b.properties.insert((cid, p.pid), convert::property(p, cid, platform));
                for v in &p.prop_values {
                    let pid = if v.pid == 0 { p.pid } else { v.pid };
                    b.values.insert((cid, pid, v.vid), convert::value(v, cid, pid));
                }
            }
        }
        "taobao.itempropvalues.get" => {
            let r: PropValuesBody = decode(method, body).map_err(Unusable::Bad)?;
            for v in &r.prop_values {
                let cid = match (v.cid, param_cid) {
                    (0, Some(c)) => c,
                    (0, None) => return Err(Unusable::MissingCid),
                    (c, _) => c,
                };
                b.values.insert((cid, v.pid, v.vid), convert::value(v, cid, v.pid));
            }
        }
        "taobao.itemcats.authorize.get" => {
            let r: AuthorizeBody = decode(method, body).map_err(Unusable::Bad)?;
            let a = r.seller_authorize;
            let cats: BTreeSet<i64> = a.item_cats.iter().map(|c| c.cid).collect();
            let brands: Vec<BrandGrant> = a
                .brands
                .iter()
                .map(|br| BrandGrant { pid: br.pid, vid: br.vid, name: (!br.name.is_empty()).then(|| br.name.clone()) })
                .collect();
            let scope = b.seller.get_or_insert_with(SellerScope::default);
            scope.categories = Some(cats.into_iter().collect());
            scope.brands = Some(brands);
        }
        other => return Err(Unusable::Skip(format!("method `{other}` is not imported"))),
    }
    Ok(())
}

/// Index of the last successful exchange of each (method, params).
fn last_success_per_call(exchanges: &[Exchange]) -> BTreeMap<(&str, &BTreeMap<String, String>), usize> {
    let mut out = BTreeMap::new();
    for (i, ex) in exchanges.iter().enumerate() {
        let ok =
            ex.json_body().is_some_and(|b| decode::<BTreeMap<String, serde::de::IgnoredAny>>(&ex.method, b).is_ok());
        if ok {
            out.insert((ex.method.as_str(), &ex.params), i);
        }
    }
    out
}

fn detect_platform(exchanges: &[Exchange]) -> Platform {
    let tmall = exchanges.iter().any(|e| {
        e.platform == "tmall"
            || (e.method == "taobao.itemprops.get" && e.params.get("type").map(String::as_str) == Some("2"))
    });
    if tmall {
        Platform::Tmall
    } else {
        Platform::Taobao
    }
}

fn finish(mut b: Builder, platform: Platform, options: &ImportOptions, summary: &mut ImportSummary) -> Snapshot {
    let prop_cids: BTreeSet<i64> = b.properties.keys().map(|(c, _)| *c).collect();
    for cid in prop_cids {
        if let std::collections::btree_map::Entry::Vacant(slot) = b.categories.entry(cid) {
            slot.insert(convert::placeholder_category(cid));
            summary.synthesised.push(cid);
        }
    }
    summary.reparented = reparent_orphans(b.categories.values_mut());
    let before = b.values.len();
    let props = &b.properties;
    b.values.retain(|(cid, pid, _), _| props.contains_key(&(*cid, *pid)));
    summary.orphan_values = before - b.values.len();

    let mut snapshot = empty_snapshot(platform, options.built_at.clone(), options.source.clone());
    snapshot.categories = b.categories.into_values().collect();
    snapshot.properties = b.properties.into_values().collect();
    snapshot.values = b.values.into_values().collect();
    snapshot.seller = b.seller;
    snapshot.seal();
    snapshot
}

/// A recorded sale-property file: `{"props": <itemprops.get body>, "propvalues":
/// <itempropvalues.get body>, "cid": <leaf id>}`.
#[derive(Deserialize)]
struct SalePropsFile<'a> {
    #[serde(borrow)]
    props: &'a RawValue,
    #[serde(borrow)]
    propvalues: &'a RawValue,
    cid: serde_json::Value,
}

/// Turns a recorded sale-property file into the two exchanges it holds, with the file's `cid`
/// as the request parameter (its property entries carry none).
pub fn sale_props_exchanges(text: &str) -> Result<Vec<Exchange>, String> {
    let f: SalePropsFile<'_> = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let cid = match &f.cid {
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::String(s) => s.clone(),
        other => return Err(format!("`cid` is {other}, not an id")),
    };
    Ok(vec![
        Exchange::new(PLATFORM, "taobao.itemprops.get", [("cid", cid.as_str())], f.props.get()),
        Exchange::new(PLATFORM, "taobao.itempropvalues.get", [("cid", cid.as_str())], f.propvalues.get()),
    ])
}

/// Imports any mix of NDJSON recordings and sale-property files (each input one text).
pub fn import_texts(texts: &[&str], options: &ImportOptions) -> Result<(Snapshot, ImportSummary), ImportError> {
    let mut all = Vec::new();
    for (input, text) in texts.iter().enumerate() {
        all.extend(exchanges_of(input, text)?);
    }
    import_exchanges(&all, options)
}

/// The exchanges of one input, whichever of the two formats it is.
pub fn exchanges_of(input: usize, text: &str) -> Result<Vec<Exchange>, ImportError> {
    let trimmed = text.trim_start();
    // A sale-property file is one JSON document whose first key is not `platform`; a recording
    // is one exchange per line. Try the cheap distinction first, then the other format.
    if trimmed.starts_with('{') && !first_line_is_exchange(trimmed) {
        return sale_props_exchanges(text).map_err(|detail| ImportError::Input { input, detail });
    }
    Ok(read_exchanges(text.as_bytes())?)
}

fn first_line_is_exchange(text: &str) -> bool {
    let line = text.lines().next().unwrap_or("");
    serde_json::from_str::<Exchange>(line).is_ok()
}

/// The snapshot file bytes: pretty JSON with a final newline.
pub fn snapshot_bytes(snapshot: &Snapshot) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(snapshot).unwrap_or_default();
    out.push(b'\n');
    out
}
