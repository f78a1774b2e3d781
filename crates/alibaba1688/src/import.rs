//! Recorded 1688 exchanges → snapshot (categories only: 1688 category answers carry no
//! properties).

use std::collections::{BTreeMap, BTreeSet};

use shelfcheck_core::snapshot::{Category, Limits, Platform, Snapshot, FORMAT_VERSION};
use shelfcheck_fetch::{read_exchange_texts, CallContext, Exchange};

use crate::client::{INFO_METHOD, PLATFORM};
use crate::error::{decode, AlibabaError};
use crate::model::{InfoData, Node, OfficialAnswer, OfficialCategory};

/// The official API's method name, as recordings of it use.
pub const OFFICIAL_METHOD: &str = "alibaba.category.get";

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
    cat.features = c.feature_infos.iter().map(|f| (f.key.clone(), f.value.clone())).collect();
    b.put(Rank::Own, cat);
}

/// Builds a snapshot from tmapi and official-API exchanges.
pub fn import_exchanges(
    exchanges: &[Exchange],
    options: &ImportOptions,
) -> Result<(Snapshot, ImportSummary), ImportError> {
    let mut b = Builder::default();
    let mut summary = ImportSummary::default();
    for (index, ex) in exchanges.iter().enumerate() {
        let call = CallContext::new(&ex.platform, &ex.method, ex.params.clone()).to_string();
        let body = ex.json_body().unwrap_or("");
        let result = match (ex.platform.as_str(), ex.method.as_str()) {
            (PLATFORM, INFO_METHOD) => decode(body).map(|d| apply_info(&mut b, &d)),
            (PLATFORM, OFFICIAL_METHOD) => serde_json::from_str::<OfficialAnswer>(body)
                .map_err(|e| AlibabaError::Shape { detail: e.to_string() })
                .map(|a| a.category_info.iter().for_each(|c| apply_official(&mut b, c))),
            _ => {
                summary.ignored.push((index, call, String::from("not a 1688 category call")));
                continue;
            }
        };
        match result {
            Ok(()) => summary.used += 1,
            Err(error) if options.strict => return Err(ImportError::Exchange { index, call, error }),
            Err(error) => summary.ignored.push((index, call, error.to_string())),
        }
    }
    let ids: BTreeSet<i64> = b.categories.keys().copied().collect();
    let mut categories: Vec<Category> = b.categories.into_values().map(|(_, c)| c).collect();
    for c in &mut categories {
        if c.parent_id.is_some_and(|p| !ids.contains(&p)) {
            c.parent_id = None;
            summary.reparented.push(c.id);
        }
    }
    let mut snapshot = Snapshot {
        format: FORMAT_VERSION,
        platform: Platform::Alibaba1688,
        built_at: options.built_at.clone(),
        source: options.source.clone(),
        hash: None,
        limits: Limits::for_platform(Platform::Alibaba1688),
        categories,
        properties: Vec::new(),
        values: Vec::new(),
        seller: None,
    };
    snapshot.seal();
    Ok((snapshot, summary))
}

/// Imports NDJSON recordings (one text per input).
pub fn import_texts(texts: &[&str], options: &ImportOptions) -> Result<(Snapshot, ImportSummary), ImportError> {
    import_exchanges(&read_exchange_texts(texts)?, options)
}
