//! How much of a listing's required input is filled in, so a form can show progress.
//!
//! This is not validation: a value counts as filled when one is given, right or wrong (the
//! report says what is wrong). What counts as required mirrors the rules: the title, every
//! `must` property that applies (a dependent one only while its parent value is chosen),
//! the SKUs when a `must` sale property exists, and each qualification proof.

use crate::catalog::{Catalog, CompiledCategory};
use crate::form::FormError;
use crate::ids::Id;
use crate::listing::{parse_native_pairs, Listing, PropInput, Props, SkuProps};
use crate::normalize::normalize;
use crate::options::Locale;
use rustc_hash::{FxHashMap, FxHashSet};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Progress of a listing towards a complete form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Completeness {
    pub category_id: Id,
    /// Number of required inputs.
    pub required: usize,
    /// How many of them are filled.
    pub filled: usize,
    /// `filled / required`, `1` when nothing is required.
    pub ratio: f64,
    /// The required inputs still empty, in form order.
    pub missing: Vec<MissingField>,
}

/// Which kind of input is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Title,
    Prop,
    Skus,
    Qualification,
}

/// One required input still empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MissingField {
    pub kind: FieldKind,
    /// The property, for `prop` (and for `skus`: the required sale property).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pid: Option<Id>,
    /// Display name in the locale.
    pub label: String,
    /// JSON Pointer of the listing member that takes the input.
    pub path: String,
}

/// Property values a listing gives, by pid; a name is resolved when it matches exactly one
/// property of the category (ambiguous and unknown names are the report's business).
fn given(cat: &CompiledCategory, listing: &Listing) -> FxHashMap<Id, FxHashSet<Id>> {
    let mut out: FxHashMap<Id, FxHashSet<Id>> = FxHashMap::default();
    match &listing.props {
        Props::List(list) => {
            for p in list {
                let Some(pid) = resolve(cat, p) else { continue };
                if !has_value(p) {
                    continue;
                }
                let vids = out.entry(pid).or_default();
                vids.extend(p.vids.iter().copied());
                if let Some(prop) = cat.property(pid) {
                    for name in &p.values {
                        if let Some(v) = prop.values_named(name).first() {
                            vids.insert(v.vid);
                        }
                    }
                }
            }
        }
        Props::Native(s) => {
            for (pid, vid) in parse_native_pairs(s).unwrap_or_default() {
                out.entry(pid).or_default().insert(vid);
            }
        }
    }
    out
}

fn resolve(cat: &CompiledCategory, p: &PropInput) -> Option<Id> {
    if let Some(pid) = p.pid {
        return Some(pid);
    }
    match cat.props_named(p.name.as_deref()?) {
        [one] => cat.properties().get(*one as usize).map(|c| c.property.pid),
        _ => None,
    }
}

fn has_value(p: &PropInput) -> bool {
    !p.vids.is_empty()
        || p.values.iter().any(|v| !v.trim().is_empty())
        || p.text.as_deref().is_some_and(|t| !t.trim().is_empty())
}

fn label(name: &str, name_en: Option<&str>, locale: Locale) -> String {
    match (locale, name_en) {
        (Locale::En, Some(en)) if !en.trim().is_empty() => en.to_owned(),
        _ => name.to_owned(),
    }
}

/// The completeness of `listing` against its category.
pub fn completeness(catalog: &Catalog, listing: &Listing, locale: Locale) -> Result<Completeness, FormError> {
    let category_id = listing.category_id;
    let cat = catalog.category(category_id).ok_or(FormError::CategoryNotFound { category_id })?;
    if !cat.category.leaf {
        return Err(FormError::CategoryNotLeaf { category_id, name: cat.category.name.clone() });
    }
    let given = given(cat, listing);
    let mut required = 0usize;
    let mut missing = Vec::new();

    required += 1;
    if listing.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
        missing.push(MissingField {
            kind: FieldKind::Title,
            pid: None,
            label: match locale {
                Locale::ZhCn => "宝贝标题".to_owned(),
                Locale::En => "Title".to_owned(),
            },
            path: "/title".to_owned(),
        });
    }

    let sku_pids: FxHashSet<Id> = listing
        .skus
        .iter()
        .flat_map(|s| match &s.props {
            SkuProps::List(refs) => refs.iter().filter_map(|r| r.pid).collect::<Vec<_>>(),
            SkuProps::Native(n) => parse_native_pairs(n).unwrap_or_default().into_iter().map(|(p, _)| p).collect(),
        })
        .collect();
    let mut sku_required: Option<(Id, String)> = None;
    for p in cat.required_properties() {
        let prop = &p.property;
        if let Some((ppid, pvid)) = prop.parent() {
            if !given.get(&ppid).is_some_and(|v| v.contains(&pvid)) {
                continue;
            }
        }
        required += 1;
        let filled = given.contains_key(&prop.pid) || (prop.sale && sku_pids.contains(&prop.pid));
        if prop.sale && sku_required.is_none() {
            sku_required = Some((prop.pid, label(&prop.name, prop.name_en.as_deref(), locale)));
        }
        if !filled {
            missing.push(MissingField {
                kind: FieldKind::Prop,
                pid: Some(prop.pid),
                label: label(&prop.name, prop.name_en.as_deref(), locale),
                path: "/props".to_owned(),
            });
        }
    }
    if let Some((pid, name)) = sku_required {
        required += 1;
        if listing.skus.is_empty() {
            missing.push(MissingField {
                kind: FieldKind::Skus,
                pid: Some(pid),
                label: match locale {
                    Locale::ZhCn => format!("SKU ({name})"),
                    Locale::En => format!("SKUs ({name})"),
                },
                path: "/skus".to_owned(),
            });
        }
    }

    // As the qualification rule does: a document counts once it references an upload.
    let docs: FxHashSet<String> =
        listing.qualifications.iter().filter(|q| !q.document.trim().is_empty()).map(|q| normalize(&q.name)).collect();
    for (proof, raw) in cat.proofs.iter().zip(&cat.category.qualifications) {
        required += 1;
        if !proof.iter().any(|alt| docs.contains(alt)) {
            missing.push(MissingField {
                kind: FieldKind::Qualification,
                pid: None,
                label: raw.alternatives.join(" / "),
                path: "/qualifications".to_owned(),
            });
        }
    }

    let filled = required - missing.len();
    Ok(Completeness {
        category_id,
        required,
        filled,
        ratio: if required == 0 { 1.0 } else { filled as f64 / required as f64 },
        missing,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::{demo, tshirt};
    use serde_json::json;

    fn of(listing: serde_json::Value, locale: Locale) -> Completeness {
        let listing: Listing = serde_json::from_value(listing).unwrap();
        completeness(&demo(), &listing, locale).unwrap()
    }

    #[test]
    fn a_complete_listing_is_complete() {
        let c = of(tshirt(), Locale::ZhCn);
        // Title, five required properties, the SKUs.
        assert_eq!((c.filled, c.required), (7, 7));
        assert!(c.missing.is_empty());
        assert!((c.ratio - 1.0).abs() < f64::EPSILON);
    }

    #[test]
    fn an_empty_listing_lists_what_remains_in_form_order() {
        let c = of(json!({"category_id": 50010850}), Locale::En);
        assert_eq!((c.filled, c.required), (0, 7));
        let labels: Vec<&str> = c.missing.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(labels[0], "Title");
        assert!(labels.contains(&"Brand") && labels.contains(&"Size"));
        assert_eq!(c.missing.last().map(|m| m.kind), Some(FieldKind::Skus));
    }

    #[test]
    fn names_count_and_blank_values_do_not() {
        let c = of(
            json!({"category_id": 50010850, "title": " ", "props": [
                {"name": "品牌", "values": ["优衣库"]}, {"pid": 13021751, "text": "  "}]}),
            Locale::ZhCn,
        );
        let missing: Vec<Option<Id>> = c.missing.iter().map(|m| m.pid).collect();
        assert!(!missing.contains(&Some(20000)));
        assert!(missing.contains(&Some(13021751)));
        assert_eq!(c.missing[0].kind, FieldKind::Title);
    }

    #[test]
    fn sale_values_in_skus_count_and_proofs_need_documents() {
        let c = of(json!({"category_id": 50010850, "skus": [{"props": "1627207:28320;20509:28383"}]}), Locale::ZhCn);
        let pids: Vec<Option<Id>> = c.missing.iter().map(|m| m.pid).collect();
        assert!(!pids.contains(&Some(1627207)) && !pids.contains(&Some(20509)));
        assert!(c.missing.iter().all(|m| m.kind != FieldKind::Skus));

        let legal = of(
            json!({"category_id": 50023000, "title": "合同审查", "props": [{"pid": 1000, "vids": [1]}],
                   "qualifications": [{"name": "营业执照", "document": "media:1"}, {"name": "律师执业资格证", "document": ""}]}),
            Locale::ZhCn,
        );
        assert_eq!((legal.filled, legal.required), (3, 4));
        assert_eq!(legal.missing[0].kind, FieldKind::Qualification);
        assert_eq!(legal.missing[0].label, "律师执业资格证 / 律师事务所执业许可证");
    }

    #[test]
    fn unknown_category_is_an_error() {
        let listing: Listing = serde_json::from_value(json!({"category_id": 7})).unwrap();
        assert_eq!(completeness(&demo(), &listing, Locale::ZhCn).unwrap_err().code(), "CATEGORY_NOT_FOUND");
    }
}
