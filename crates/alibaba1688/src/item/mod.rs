//! A OneBound `item_get` answer → a draft listing.
//!
//! The answer's `props_name` numbers properties and values by their **position inside the
//! item** (`0:0`, `1:1`), not by platform ids. Given a snapshot, names are matched to the
//! category's real properties and values (after the core's normalisation); every name that
//! cannot be matched is reported as a [`MappingIssue`] and kept as a name, so the validator can
//! still suggest the closest one.

mod fields;
mod issue;
mod resolve;

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};
use shelfcheck_core::model::snapshot::{InputMode, Snapshot};
use shelfcheck_core::Listing;
use shelfcheck_fetch::{Locale, Localized};

pub use fields::{Use, ENVELOPE_FIELDS, ITEM_FIELDS, SKU_FIELDS};
pub use issue::{MappingIssue, MappingKind};
use resolve::{Resolved, Resolver};

/// The result of an import.
#[derive(Debug, Clone)]
pub struct ItemImport {
    pub listing: Listing,
    /// The provider's item id (`num_iid`).
    pub item_id: Option<String>,
    /// The provider's SKU ids, one per listing SKU.
    pub sku_ids: Vec<String>,
    pub issues: Vec<MappingIssue>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ItemError {
    #[error("item_get answer is not valid JSON: {detail}")]
    Malformed { detail: String },
    #[error("item_get failed: error_code {error_code} `{error}` ({reason})")]
    Provider { error_code: String, error: String, reason: String },
    #[error("item_get answer has no `item` object")]
    NoItem,
    #[error("item_get `cid` `{value}` is not a category id")]
    BadCategory { value: String },
    #[error("listing could not be built: {detail}")]
    Listing { detail: String },
}

impl Localized for ItemError {
    fn message(&self, locale: Locale) -> String {
        match locale {
            Locale::En => self.to_string(),
            Locale::ZhCn => match self {
                Self::Malformed { detail } => format!("item_get 响应不是有效的 JSON:{detail}"),
                Self::Provider { error_code, error, reason } => {
                    format!("item_get 调用失败:error_code {error_code} `{error}`({reason})")
                }
                Self::NoItem => String::from("item_get 响应中没有 `item` 对象"),
                Self::BadCategory { value } => format!("item_get 的 `cid` `{value}` 不是类目 ID"),
                Self::Listing { detail } => format!("无法生成商品草稿:{detail}"),
            },
        }
    }
}

fn text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// `pid:vid:name:value;...` → position → (property name, value name).
fn positions(props_name: &str, issues: &mut Vec<MappingIssue>) -> BTreeMap<String, (String, String)> {
    let mut out = BTreeMap::new();
    for entry in props_name.split(';').filter(|e| !e.trim().is_empty()) {
        let parts: Vec<&str> = entry.splitn(4, ':').collect();
        match parts.as_slice() {
            [p, v, name, value] => {
                out.insert(format!("{}:{}", p.trim(), v.trim()), (name.to_string(), value.to_string()));
            }
            _ => issues.push(MappingIssue {
                path: String::from("/item/props_name"),
                kind: MappingKind::BadPropsName { entry: entry.to_string() },
            }),
        }
    }
    out
}

/// Imports one `item_get` answer; `snapshot` enables matching names to ids.
pub fn import_item(body: &str, snapshot: Option<&Snapshot>) -> Result<ItemImport, ItemError> {
    let root: Map<String, Value> =
        serde_json::from_str(body).map_err(|e| ItemError::Malformed { detail: e.to_string() })?;
    let code = text(root.get("error_code"));
    if !code.is_empty() && code != "0000" {
        return Err(ItemError::Provider {
            error_code: code,
            error: text(root.get("error")),
            reason: text(root.get("reason")),
        });
    }
    let item = root.get("item").and_then(Value::as_object).ok_or(ItemError::NoItem)?;
    let mut issues = Vec::new();
    account(&root, item, &mut issues);

    let cid_text = text(item.get("cid"));
    let cid: i64 = cid_text.trim().parse().map_err(|_| ItemError::BadCategory { value: cid_text.clone() })?;
    let resolver = snapshot.map(|s| Resolver::new(s, cid));
    if let Some(r) = &resolver {
        if !r.category_known() {
            issues.push(MappingIssue {
                path: String::from("/item/cid"),
                kind: MappingKind::CategoryNotFound { category_id: cid },
            });
        }
    }
    let table = positions(&text(item.get("props_name")), &mut issues);
    cross_check(item, &table, &mut issues);
    let aliases = aliases(&text(item.get("property_alias")), &table);

    let props = props(item, resolver.as_ref(), &aliases, &mut issues);
    let (skus, sku_ids) = skus(item, &table, resolver.as_ref(), &mut issues);
    let listing = json!({
        "category_id": cid,
        "title": text(item.get("title")),
        "props": props,
        "skus": skus,
    });
    let listing: Listing = serde_json::from_value(listing).map_err(|e| ItemError::Listing { detail: e.to_string() })?;
    let item_id = Some(text(item.get("num_iid"))).filter(|s| !s.is_empty());
    Ok(ItemImport { listing, item_id, sku_ids, issues })
}

/// Reports every field the importer does not know, at every level it reads.
fn account(root: &Map<String, Value>, item: &Map<String, Value>, issues: &mut Vec<MappingIssue>) {
    let mut unknown = |field: String| {
        issues.push(MappingIssue {
            path: format!("/{}", field.replace('.', "/")),
            kind: MappingKind::UnaccountedField { field },
        })
    };
    for k in root.keys().filter(|k| !ENVELOPE_FIELDS.contains(&k.as_str())) {
        unknown(k.clone());
    }
    for k in item.keys().filter(|k| fields::item_field(k).is_none()) {
        unknown(format!("item.{k}"));
    }
    for (i, sku) in sku_list(item).iter().enumerate() {
        if let Some(obj) = sku.as_object() {
            for k in obj.keys().filter(|k| fields::sku_field(k).is_none()) {
                unknown(format!("item.skus.sku.{i}.{k}"));
            }
        }
    }
}

fn sku_list(item: &Map<String, Value>) -> Vec<Value> {
    match item.get("skus") {
        Some(Value::Object(m)) => m.get("sku").and_then(Value::as_array).cloned().unwrap_or_default(),
        Some(Value::Array(a)) => a.clone(),
        _ => Vec::new(),
    }
}

/// `props_list` and each SKU's `properties_name` restate `props_name`; disagreement means the
/// positions cannot be trusted, which the user should know.
fn cross_check(item: &Map<String, Value>, table: &BTreeMap<String, (String, String)>, issues: &mut Vec<MappingIssue>) {
    if let Some(Value::Object(list)) = item.get("props_list") {
        for (pos, v) in list {
            let expected = table.get(pos).map(|(n, val)| format!("{n}:{val}"));
            if expected.as_deref() != v.as_str() {
                issues.push(MappingIssue {
                    path: format!("/item/props_list/{pos}"),
                    kind: MappingKind::PositionUnknown { position: pos.clone() },
                });
            }
        }
    }
    for (i, sku) in sku_list(item).iter().enumerate() {
        let named = text(sku.get("properties_name"));
        let local = positions(&named, issues);
        for (pos, pair) in &local {
            if table.get(pos) != Some(pair) {
                issues.push(MappingIssue {
                    path: format!("/item/skus/sku/{i}/properties_name"),
                    kind: MappingKind::PositionUnknown { position: pos.clone() },
                });
            }
        }
    }
}

/// `pid:vid:alias;...` → (property name, value name) → alias, where the alias differs.
fn aliases(property_alias: &str, table: &BTreeMap<String, (String, String)>) -> BTreeMap<(String, String), String> {
    let mut out = BTreeMap::new();
    for entry in property_alias.split(';') {
        let parts: Vec<&str> = entry.splitn(3, ':').collect();
        if let [p, v, alias] = parts.as_slice() {
            if let Some((name, value)) = table.get(&format!("{p}:{v}")) {
                if value != alias {
                    out.insert((name.clone(), value.clone()), alias.to_string());
                }
            }
        }
    }
    out
}

fn props(
    item: &Map<String, Value>,
    resolver: Option<&Resolver<'_>>,
    aliases: &BTreeMap<(String, String), String>,
    issues: &mut Vec<MappingIssue>,
) -> Vec<Value> {
    let list = item.get("props").and_then(Value::as_array).cloned().unwrap_or_default();
    let mut out = Vec::new();
    for (i, p) in list.iter().enumerate() {
        let name = text(p.get("name"));
        let raw = text(p.get("value"));
        // Multiple values of one property are joined with commas.
        let values: Vec<String> = raw.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect();
        let path = format!("/item/props/{i}");
        let Some(r) = resolver else {
            out.push(json!({"name": name, "values": values}));
            continue;
        };
        match r.property(&name) {
            Resolved::One(prop) if prop.input == InputMode::Text => {
                out.push(json!({"pid": prop.pid, "text": raw}));
            }
            Resolved::One(prop) => {
                let mut vids = Vec::new();
                let mut alias_map = BTreeMap::new();
                for v in &values {
                    match r.value(prop.pid, v) {
                        Some(vid) => {
                            vids.push(vid);
                            if let Some(a) = aliases.get(&(name.clone(), v.clone())) {
                                alias_map.insert(vid.to_string(), a.clone());
                            }
                        }
                        None => issues.push(MappingIssue {
                            path: path.clone(),
                            kind: MappingKind::ValueNotFound { property: name.clone(), value: v.clone() },
                        }),
                    }
                }
                if vids.len() == values.len() {
                    out.push(json!({"pid": prop.pid, "vids": vids, "aliases": alias_map}));
                } else {
                    out.push(json!({"pid": prop.pid, "values": values}));
                }
            }
            Resolved::Many(candidates) => {
                issues.push(MappingIssue {
                    path,
                    kind: MappingKind::PropertyAmbiguous { name: name.clone(), candidates },
                });
                out.push(json!({"name": name, "values": values}));
            }
            Resolved::None => {
                issues.push(MappingIssue { path, kind: MappingKind::PropertyNotFound { name: name.clone() } });
                out.push(json!({"name": name, "values": values}));
            }
        }
    }
    out
}

fn skus(
    item: &Map<String, Value>,
    table: &BTreeMap<String, (String, String)>,
    resolver: Option<&Resolver<'_>>,
    issues: &mut Vec<MappingIssue>,
) -> (Vec<Value>, Vec<String>) {
    let mut out = Vec::new();
    let mut ids = Vec::new();
    for (i, sku) in sku_list(item).iter().enumerate() {
        let mut refs = Vec::new();
        for pos in text(sku.get("properties")).split(';').map(str::trim).filter(|s| !s.is_empty()) {
            let Some((name, value)) = table.get(pos) else {
                issues.push(MappingIssue {
                    path: format!("/item/skus/sku/{i}/properties"),
                    kind: MappingKind::PositionUnknown { position: pos.to_string() },
                });
                continue;
            };
            let ids_of = resolver.and_then(|r| match r.property(name) {
                Resolved::One(p) => r.value(p.pid, value).map(|vid| (p.pid, vid)),
                _ => None,
            });
            refs.push(match ids_of {
                Some((pid, vid)) => json!({"pid": pid, "vid": vid}),
                None => json!({"name": name, "value": value}),
            });
        }
        out.push(json!({
            "props": refs,
            "price": sku.get("price").cloned().unwrap_or(Value::Null),
            "quantity": sku.get("quantity").cloned().unwrap_or(Value::Null),
        }));
        ids.push(text(sku.get("sku_id")));
    }
    (out, ids)
}
