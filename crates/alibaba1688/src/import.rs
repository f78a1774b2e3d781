//! Recorded 1688 exchanges → snapshot: the category tree (tmapi `category.info`, official
//! `alibaba.category.get`) and each leaf's attributes (official
//! `alibaba.category.attribute.get`).

use std::collections::{BTreeMap, BTreeSet};

use shelfcheck_core::model::snapshot::{Category, Platform, PropValue, Property, Snapshot};
use shelfcheck_fetch::{import_each, read_exchange_texts, reparent_orphans, Exchange, LeftOut};

use crate::attribute::{convert, AttributeAnswer};
use crate::client::{INFO_METHOD, PLATFORM};
use crate::error::{decode, decode_official, AlibabaError};
use crate::model::{InfoData, Node, OfficialAnswer, OfficialCategory};

/// The official API's method names, as recordings of it use.
pub const OFFICIAL_METHOD: &str = "alibaba.category.get";
pub const ATTRIBUTE_METHOD: &str = "alibaba.category.attribute.get";

pub use shelfcheck_fetch::{ImportOptions, ImportSummary};

/// An import that cannot use an exchange.
pub type ImportError = shelfcheck_fetch::ImportError<AlibabaError>;

/// How much a record knows: a category's own answer beats its entry in a parent's `children`,
/// which beats its entry in a descendant's `path`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Path,
    Child,
    Own,
}

#[derive(Default)]
struct Builder {
    categories: BTreeMap<i64, (Rank, Category)>,
    /// Each category's attributes from its latest usable answer.
    attributes: BTreeMap<i64, Attributes>,
    /// Categories whose attribute call failed, until a later answer makes it good.
    failed: BTreeSet<i64>,
    /// Categories whose own record (`alibaba.category.get`) failed, likewise.
    failed_records: BTreeSet<i64>,
}

struct Attributes {
    properties: Vec<Property>,
    values: Vec<PropValue>,
    left_out: Vec<LeftOut>,
}

impl Builder {
    fn put(&mut self, rank: Rank, c: Category) {
        match self.categories.get(&c.id) {
            Some((r, _)) if *r > rank => {}
            _ => {
                self.categories.insert(c.id, (rank, c));
            }
        }
    }
}

fn category(id: i64, parent: Option<i64>, name: &str, name_en: &str, leaf: bool) -> Category {
    Category { name_en: (!name_en.is_empty()).then(|| name_en.to_string()), ..Category::new(id, parent, name, leaf) }
}

fn apply_info(b: &mut Builder, data: &InfoData) {
    match data {
        InfoData::TopLevel(nodes) => {
            for n in nodes {
                b.put(Rank::Child, category(n.id, None, &n.name, &n.name_en, !n.has_children));
            }
        }
        InfoData::One(info) => {
            // The path runs from the top level down to the category itself.
            let mut parent = None;
            for n in &info.path {
                if n.id != info.id {
                    b.put(Rank::Path, category(n.id, parent, &n.name, &n.name_en, false));
                }
                parent = Some(n.id);
            }
            let leaf = !info.has_children && info.children.is_empty();
            b.put(Rank::Own, category(info.id, Some(info.parent_id), &info.name, &info.name_en, leaf));
            for Node { id, name, name_en, has_children, .. } in &info.children {
                b.put(Rank::Child, category(*id, Some(info.id), name, name_en, !has_children));
            }
        }
    }
}

fn apply_official(b: &mut Builder, c: &OfficialCategory) {
    let parent = c.parent_ids.first().and_then(|v| match v {
        serde_json::Value::Number(n) => n.as_i64(),
        serde_json::Value::String(s) => s.parse().ok(),
        _ => None,
    });
    let mut cat = category(c.category_id, parent, &c.name, "", c.is_leaf);
    b.failed_records.remove(&c.category_id);
    cat.features = c.feature_infos.iter().map(|f| (f.key.clone(), f.value.clone())).collect();
    b.put(Rank::Own, cat);
}

/// The category an attribute call asked about (`categoryID`).
fn category_param(ex: &Exchange) -> Result<i64, AlibabaError> {
    ex.params
        .get("categoryID")
        .and_then(|c| c.trim().parse().ok())
        .ok_or_else(|| AlibabaError::Shape { detail: String::from("the call has no usable `categoryID` parameter") })
}

fn apply_attributes(b: &mut Builder, ex: &Exchange, body: &str) -> Result<(), AlibabaError> {
    let cid = category_param(ex)?;
    let answer = decode_official::<AttributeAnswer>(body);
    let converted = answer.and_then(|a| convert(cid, &a).map_err(|detail| AlibabaError::Shape { detail }));
    match converted {
        Ok(c) => {
            b.failed.remove(&cid);
            b.attributes.insert(cid, Attributes { properties: c.properties, values: c.values, left_out: c.left_out });
            Ok(())
        }
        Err(e) => {
            // An earlier good answer stays; without one, the category's rules are missing.
            if !b.attributes.contains_key(&cid) {
                b.failed.insert(cid);
            }
            Err(e)
        }
    }
}

/// Builds a snapshot from tmapi and official-API exchanges.
pub fn import_exchanges(
    exchanges: &[Exchange],
    options: &ImportOptions,
) -> Result<(Snapshot, ImportSummary), ImportError> {
    let mut b = Builder::default();
    let mut summary = ImportSummary::default();
    import_each(exchanges, options, &mut summary, "not a 1688 category call", |ex, body| {
        match (ex.platform.as_str(), ex.method.as_str()) {
            (PLATFORM, INFO_METHOD) => Some(decode(body).map(|d| apply_info(&mut b, &d))),
            (PLATFORM, OFFICIAL_METHOD) => Some(match decode_official::<OfficialAnswer>(body) {
                Ok(a) => {
                    a.category_info.iter().for_each(|c| apply_official(&mut b, c));
                    Ok(())
                }
                Err(e) => {
                    // A leaf's own record missing leaves it unnamed; `0` asks for the first level.
                    if let Some(cid) = category_param(ex).ok().filter(|c| *c != 0 && !b.categories.contains_key(c)) {
                        b.failed_records.insert(cid);
                    }
                    Err(e)
                }
            }),
            (PLATFORM, ATTRIBUTE_METHOD) => Some(apply_attributes(&mut b, ex, body)),
            _ => None,
        }
    })?;
    let failed_records = std::mem::take(&mut b.failed_records);
    b.failed.extend(failed_records);
    let mut snapshot = options.empty_snapshot(Platform::Alibaba1688);
    // A category known only from its attributes (or a failed call for them) is described as
    // a top-level leaf, so that its listings meet its rules (or its hole), not an unknown id.
    for &cid in b.attributes.keys().chain(&b.failed) {
        if let std::collections::btree_map::Entry::Vacant(slot) = b.categories.entry(cid) {
            slot.insert((Rank::Path, Category::new(cid, None, cid.to_string(), true)));
            summary.synthesised.push(cid);
        }
    }
    summary.synthesised.sort_unstable();
    summary.synthesised.dedup();
    let marked = shelfcheck_fetch::mark_incomplete(b.categories.values_mut().map(|(_, c)| c), b.failed.iter().copied());
    summary.incomplete.extend(marked);
    for a in b.attributes.into_values() {
        snapshot.properties.extend(a.properties);
        snapshot.values.extend(a.values);
        summary.left_out.extend(a.left_out);
    }
    snapshot.categories = b.categories.into_values().map(|(_, c)| c).collect();
    summary.reparented = reparent_orphans(&mut snapshot.categories);
    snapshot.seal();
    Ok((snapshot, summary))
}

/// Imports NDJSON recordings (one text per input).
pub fn import_texts(texts: &[&str], options: &ImportOptions) -> Result<(Snapshot, ImportSummary), ImportError> {
    import_exchanges(&read_exchange_texts(texts)?, options)
}
