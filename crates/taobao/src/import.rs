//! Building a snapshot from recorded exchanges, with no network.
//!
//! Live fetches go through the same function (they record in memory, then import), so a
//! recording always rebuilds exactly the snapshot its fetch produced. Everything is keyed by id
//! in ordered maps, so the order in which concurrent calls completed does not matter and the
//! same exchanges always give byte-identical output.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use serde_json::value::RawValue;
use shelfcheck_core::model::snapshot::{BrandGrant, Category, Platform, PropValue, Property, SellerScope, Snapshot};
use shelfcheck_fetch::{
    empty_snapshot, read_exchanges, reparent_orphans, CallContext, Exchange, Locale, Localized, RecordingError,
};

use crate::children::{parse_path, ChildGraph, Pair};
use crate::convert;
use crate::envelope::decode;
use crate::error::TaobaoError;
use crate::model::{AuthorizeBody, ItemCatBody, ItemCatsBody, ItemPropsBody, PropValuesBody};
use crate::schema::{self, CategoryRules, SchemaSummary};
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
    /// The answer was an error or unreadable (a rate-limit envelope, a failed call), as
    /// opposed to a call this importer does not read.
    pub failed: bool,
    /// A later exchange of the same call succeeded, so nothing is missing because of this one.
    pub recovered: bool,
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
    /// Categories marked incomplete: a call for them failed and was not answered later, a
    /// value's child properties were never asked for, or an answer made a cycle, so their
    /// properties or values may have holes.
    pub incomplete: Vec<i64>,
    /// Values the platform marks `is_parent` whose child properties no recorded `child_path`
    /// call asked for (a fetch that stopped at its budget, or a recording made without them).
    pub unfetched_children: Vec<ChildHole>,
    /// Properties an answer hung under their own descendants, left out.
    pub child_cycles: Vec<ChildHole>,
    /// What the publish-schema answers held and how much of it became checks.
    pub schema: SchemaSummary,
}

mod children;
pub use children::ChildHole;
use children::{child_holes, settle_input_modes, take_property, take_value};

impl ImportSummary {
    /// Whether an answer is missing from the snapshot: a failed call that no later exchange
    /// of the same call made good, child properties never asked for, or a cycle left out.
    pub fn is_partial(&self) -> bool {
        self.ignored.iter().any(|i| i.failed && !i.recovered)
            || !self.unfetched_children.is_empty()
            || !self.child_cycles.is_empty()
    }

    /// What is missing besides failed exchanges, one line each.
    pub fn child_holes(&self, locale: Locale) -> Vec<String> {
        let unfetched = self.unfetched_children.iter().map(|h| h.message(false, locale));
        unfetched.chain(self.child_cycles.iter().map(|h| h.message(true, locale))).collect()
    }
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    #[error(transparent)]
    Recording(#[from] RecordingError),
    /// `input` names the input: its file, or `input N` (1-based) when it has no name.
    #[error("{input}: not a recording and not a sale-property file: {detail}")]
    Input { input: String, detail: String },
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
                format!("{input}:既不是录制文件也不是销售属性文件:{detail}")
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
    /// Categories a failed call was about (see [`ImportSummary::incomplete`]).
    incomplete: BTreeSet<i64>,
    /// Of those, the ones whose properties or values were asked for: such a category exists
    /// even when nothing about it arrived.
    incomplete_leaves: BTreeSet<i64>,
    /// Per category: what its properties hang under, and the names the answers gave.
    graphs: BTreeMap<i64, ChildGraph>,
    /// Values marked `is_parent` (category, pid, vid).
    parent_values: BTreeSet<(i64, i64, i64)>,
    /// The values a `child_path` call asked about and got an answer for.
    walked: BTreeSet<(i64, i64, i64)>,
    /// Properties listed by a first-level answer: a `child_path` answer listing them again at
    /// the first level does not replace them (it may carry fewer fields).
    first_level: BTreeSet<(i64, i64)>,
    /// Properties whose answer did not say how they take values.
    mode_unstated: BTreeSet<(i64, i64)>,
    /// (category, cycle) of properties left out.
    cycles: Vec<(i64, Vec<Pair>)>,
    /// Item rules of categories read from publish schemas, put on the categories at the end
    /// (a schema does not name its category, which may come from another call or none).
    item_rules: BTreeMap<i64, CategoryRules>,
}

/// Builds a snapshot from exchanges (any order; later answers to the same id win).
pub fn import_exchanges(
    exchanges: &[Exchange],
    options: &ImportOptions,
) -> Result<(Snapshot, ImportSummary), ImportError> {
    let platform = options.platform.unwrap_or_else(|| detect_platform(exchanges));
    let mut b = Builder::default();
    let mut summary = ImportSummary::default();
    // Whether a failed call was retried successfully later costs a second parse of every
    // body, so it is computed at the first failure only.
    let mut last_ok = None;
    for (index, ex) in exchanges.iter().enumerate() {
        let call = CallContext::new(&ex.platform, &ex.method, ex.params.clone()).to_string();
        match apply(&mut b, ex, platform, &mut summary.schema) {
            Ok(()) => summary.used += 1,
            Err(Unusable::Skip(reason)) => {
                summary.ignored.push(Ignored { index, call, reason, failed: false, recovered: false })
            }
            Err(Unusable::MissingCid) => {
                return Err(ImportError::MissingCid { index, call });
            }
            Err(Unusable::Bad(error)) => {
                let last_ok = last_ok.get_or_insert_with(|| last_success_per_call(exchanges));
                let recovered = last_ok.get(&(ex.method.as_str(), &ex.params)).is_some_and(|ok| *ok > index);
                if options.strict && !recovered {
                    return Err(ImportError::Exchange { index, call, error: Box::new(error) });
                }
                if !recovered {
                    mark_incomplete(&mut b, ex);
                }
                summary.ignored.push(Ignored { index, call, reason: error.to_string(), failed: true, recovered });
            }
        }
    }
    Ok((finish(b, platform, options, &mut summary), summary))
}

/// Notes the category a failed call was about, so that the snapshot says it has holes.
fn mark_incomplete(b: &mut Builder, ex: &Exchange) {
    let param = |name: &str| ex.params.get(name).and_then(|c| c.trim().parse::<i64>().ok());
    match ex.method.as_str() {
        "taobao.itemprops.get" | "taobao.itempropvalues.get" => {
            if let Some(cid) = param("cid") {
                b.incomplete.insert(cid);
                b.incomplete_leaves.insert(cid);
            }
        }
        // A category whose children were not listed (the top level has no category to mark).
        "taobao.itemcats.get" => {
            if let Some(cid) = param("parent_cid").filter(|&c| c != 0) {
                b.incomplete.insert(cid);
            }
        }
        "taobao.item.cat.get" => {
            if let Some(cid) = param("cid") {
                b.incomplete.insert(cid);
            }
        }
        m if schema::result_member(m).is_some() => {
            if let Some(cid) = schema::category_param(&ex.params) {
                b.incomplete.insert(cid);
                b.incomplete_leaves.insert(cid);
            }
        }
        _ => {}
    }
}

enum Unusable {
    Skip(String),
    Bad(TaobaoError),
    MissingCid,
}

fn apply(b: &mut Builder, ex: &Exchange, platform: Platform, counts: &mut SchemaSummary) -> Result<(), Unusable> {
    if ex.platform != PLATFORM && ex.platform != "tmall" {
        return Err(Unusable::Skip(format!("platform `{}`", ex.platform)));
    }
    let Some(body) = body_of(ex) else {
        return Err(Unusable::Bad(TaobaoError::Malformed { detail: String::from("the recorded body is not text") }));
    };
    let method = ex.method.as_str();
    let param_cid = ex.params.get("cid").and_then(|c| c.trim().parse::<i64>().ok());
    match method {
        "taobao.itemcats.get" => {
            let r: ItemCatsBody = decode(method, &body).map_err(Unusable::Bad)?;
            for c in &r.item_cats {
                b.categories.insert(c.cid, convert::category(c));
            }
        }
        "taobao.item.cat.get" => {
            let r: ItemCatBody = decode(method, &body).map_err(Unusable::Bad)?;
            if let Some(c) = &r.item_cat {
                b.categories.insert(c.cid, convert::category(c));
            }
        }
        "taobao.itemprops.get" => {
            let r: ItemPropsBody = decode(method, &body).map_err(Unusable::Bad)?;
            let path = match ex.params.get("child_path") {
                Some(text) => parse_path(text).ok_or_else(|| {
                    Unusable::Bad(TaobaoError::Malformed {
                        detail: format!("`child_path` `{text}` is not pid:vid;pid:vid"),
                    })
                })?,
                None => Vec::new(),
            };
            for p in &r.item_props {
                // Real answers omit `cid` on properties: the request says which category.
                let cid = match (p.cid, param_cid) {
                    (0, Some(c)) => c,
                    (0, None) => return Err(Unusable::MissingCid),
                    (c, _) => c,
                };
                take_property(b, p, cid, &path, platform);
            }
            if let (Some(cid), Some(&(pid, vid))) = (param_cid, path.last()) {
                b.walked.insert((cid, pid, vid));
            }
        }
        "taobao.itempropvalues.get" => {
            let r: PropValuesBody = decode(method, &body).map_err(Unusable::Bad)?;
            for v in &r.prop_values {
                let cid = match (v.cid, param_cid) {
                    (0, Some(c)) => c,
                    (0, None) => return Err(Unusable::MissingCid),
                    (c, _) => c,
                };
                take_value(b, v, cid, v.pid);
            }
        }
        "taobao.itemcats.authorize.get" => {
            let r: AuthorizeBody = decode(method, &body).map_err(Unusable::Bad)?;
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
        m if schema::result_member(m).is_some() => {
            let cid = schema::category_param(&ex.params).ok_or(Unusable::MissingCid)?;
            let rules = schema::import_body(method, &body, cid, counts).map_err(Unusable::Bad)?;
            let CategoryRules { properties, values, required_fields, price } = rules;
            // The match schema lists exactly the properties that identify a product.
            let identifying = method == "tmall.product.match.schema.get";
            for mut p in properties {
                p.key |= identifying;
                b.properties.insert((cid, p.pid), p);
            }
            for v in values {
                b.values.insert((cid, v.pid, v.vid), v);
            }
            // A category's item and product schemas each state part of its item rules.
            let held = b.item_rules.entry(cid).or_default();
            for field in required_fields {
                if !held.required_fields.contains(&field) {
                    held.required_fields.push(field);
                }
            }
            held.required_fields.sort();
            held.price = price.or(held.price);
        }
        other => return Err(Unusable::Skip(format!("method `{other}` is not imported"))),
    }
    Ok(())
}

/// The recorded body: JSON as it is, anything else (XML) as the text the platform sent.
fn body_of(ex: &Exchange) -> Option<std::borrow::Cow<'_, str>> {
    match ex.json_body() {
        Some(json) => Some(std::borrow::Cow::Borrowed(json)),
        None => serde_json::from_str::<String>(ex.response.get()).ok().map(std::borrow::Cow::Owned),
    }
}

/// Index of the last successful exchange of each (method, params).
fn last_success_per_call(exchanges: &[Exchange]) -> BTreeMap<(&str, &BTreeMap<String, String>), usize> {
    let mut out = BTreeMap::new();
    for (i, ex) in exchanges.iter().enumerate() {
        let ok = body_of(ex).is_some_and(|b| decode::<BTreeMap<String, serde::de::IgnoredAny>>(&ex.method, &b).is_ok());
        if ok {
            out.insert((ex.method.as_str(), &ex.params), i);
        }
    }
    out
}

fn detect_platform(exchanges: &[Exchange]) -> Platform {
    let tmall = exchanges.iter().any(|e| {
        e.platform == "tmall"
            || e.method.starts_with("tmall.")
            || (e.method == "taobao.itemprops.get" && e.params.get("type").map(String::as_str) == Some("2"))
    });
    if tmall {
        Platform::Tmall
    } else {
        Platform::Taobao
    }
}

fn finish(mut b: Builder, platform: Platform, options: &ImportOptions, summary: &mut ImportSummary) -> Snapshot {
    let mut prop_cids: BTreeSet<i64> = b.properties.keys().map(|(c, _)| *c).collect();
    // A leaf whose properties call failed is described like one known from its properties,
    // so that its listings meet the hole (CATEGORY_METADATA_INCOMPLETE), not an unknown id.
    prop_cids.extend(b.incomplete_leaves.iter().copied());
    prop_cids.extend(b.item_rules.keys().copied());
    for cid in prop_cids {
        if let std::collections::btree_map::Entry::Vacant(slot) = b.categories.entry(cid) {
            slot.insert(convert::placeholder_category(cid));
            summary.synthesised.push(cid);
        }
    }
    // Every schema's category exists by now: a placeholder leaf when no category call named it.
    for (cid, rules) in std::mem::take(&mut b.item_rules) {
        if let Some(c) = b.categories.get_mut(&cid) {
            c.required_fields = rules.required_fields;
            c.price = rules.price;
        }
    }
    summary.reparented = reparent_orphans(b.categories.values_mut());
    let before = b.values.len();
    let props = &b.properties;
    b.values.retain(|(cid, pid, _), _| props.contains_key(&(*cid, *pid)));
    summary.orphan_values = before - b.values.len();
    settle_input_modes(&mut b, platform);
    child_holes(&mut b, summary);
    summary
        .incomplete
        .extend(shelfcheck_fetch::mark_incomplete(b.categories.values_mut(), b.incomplete.iter().copied()));

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
/// Inputs without names are called `input 1`, `input 2`... in errors; [`exchanges_of`] with
/// each file's name, then [`import_exchanges`], names the files instead.
pub fn import_texts(texts: &[&str], options: &ImportOptions) -> Result<(Snapshot, ImportSummary), ImportError> {
    let mut all = Vec::new();
    for (input, text) in texts.iter().enumerate() {
        all.extend(exchanges_of(&format!("input {}", input + 1), text)?);
    }
    import_exchanges(&all, options)
}

/// The exchanges of one input (`name` names it in errors), whichever of the two formats it is.
pub fn exchanges_of(name: &str, text: &str) -> Result<Vec<Exchange>, ImportError> {
    let trimmed = text.trim_start();
    // A sale-property file is one JSON document whose first key is not `platform`; a recording
    // is one exchange per line. Try the cheap distinction first, then the other format.
    if trimmed.starts_with('{') && !first_line_is_exchange(trimmed) {
        return sale_props_exchanges(text).map_err(|detail| ImportError::Input { input: name.to_owned(), detail });
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;

    /// A genuine recording (copied into the fixtures) whose values call met the platform's
    /// call limit: `包装方式` is required, enum-only and left with no value.
    fn rate_limited() -> String {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/recordings/taobao-sale-props");
        std::fs::read_to_string(dir.join("125038018.json")).unwrap()
    }

    #[test]
    fn a_category_whose_call_failed_is_marked_incomplete() {
        let (snap, summary) = import_texts(&[&rate_limited()], &ImportOptions::default()).unwrap();
        assert!(summary.is_partial());
        assert_eq!(summary.incomplete, vec![125038018]);
        let cat = snap.categories.iter().find(|c| c.id == 125038018).unwrap();
        assert!(cat.incomplete);
        assert!(summary.ignored[0].failed && !summary.ignored[0].recovered);
    }

    #[test]
    fn a_failed_leaf_call_with_nothing_else_still_gives_an_incomplete_category() {
        let body = r#"{"error_response":{"code":7,"msg":"App Call Limited","sub_code":"accesscontrol.limited-by-dynamic-access-count"}}"#;
        let ex = Exchange::new(PLATFORM, "taobao.itemprops.get", [("cid", "42")], body);
        let (snap, summary) = import_exchanges(&[ex], &ImportOptions::default()).unwrap();
        assert_eq!(summary.incomplete, vec![42]);
        assert_eq!(summary.synthesised, vec![42]);
        assert!(snap.categories[0].incomplete && snap.categories[0].leaf);
    }

    #[test]
    fn a_failed_call_answered_later_leaves_nothing_missing() {
        let fail = r#"{"error_response":{"code":7,"msg":"App Call Limited"}}"#;
        let ok =
            r#"{"itemprops_get_response":{"item_props":{"item_prop":[{"pid":1,"name":"颜色","is_sale_prop":true}]}}}"#;
        let exchanges = [
            Exchange::new(PLATFORM, "taobao.itemprops.get", [("cid", "42")], fail),
            Exchange::new(PLATFORM, "taobao.itemprops.get", [("cid", "42")], ok),
        ];
        let (snap, summary) = import_exchanges(&exchanges, &ImportOptions::default()).unwrap();
        assert!(!summary.is_partial());
        assert!(summary.incomplete.is_empty());
        assert!(summary.ignored[0].failed && summary.ignored[0].recovered);
        assert!(!snap.categories[0].incomplete);
        // A call this importer does not read is ignored, not a hole.
        let other = Exchange::new(PLATFORM, "taobao.item.get", [("num_iid", "1")], "{}");
        let (_, summary) = import_exchanges(&[other], &ImportOptions::default()).unwrap();
        assert!(!summary.is_partial() && !summary.ignored[0].failed);
    }

    #[test]
    fn an_input_that_is_neither_format_is_named() {
        let e = exchanges_of("cats/125038018.json", "{\"props\": 1}").unwrap_err();
        assert!(e.to_string().starts_with("cats/125038018.json: not a recording"), "{e}");
        assert!(e.message(Locale::ZhCn).starts_with("cats/125038018.json:既不是"), "{}", e.message(Locale::ZhCn));
        let e = import_texts(&["{}", "{\"props\": 1}"], &ImportOptions::default()).unwrap_err();
        assert!(e.to_string().starts_with("input 1: "), "{e}");
    }
}
