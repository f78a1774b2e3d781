//! The platform's publish-schema XML (`tmall.item.add.schema.get` and friends): the rules the
//! platform itself states for a category, imported into the snapshot's rule model.
//!
//! The answers are TOP envelopes holding the XML as one string. `parse` reads the XML into a
//! field tree, `rules` and `depend` read rules and conditions, `mapping` turns the tree into a
//! category's properties and item rules, counting in [`SchemaSummary`] what it could not check.

mod depend;
mod fetch;
mod fields;
mod mapping;
mod parse;
mod rules;
mod tree;

use std::collections::BTreeMap;

use crate::envelope::decode;
use crate::error::TaobaoError;

pub use fetch::{fetch_schemas, SchemaFetchOptions, SchemaKind};
pub use mapping::{map, CategoryRules};
pub use parse::{parse, SchemaError, SchemaErrorKind, MAX_FIELDS, MAX_FIELD_DEPTH, MAX_XML_BYTES};
pub use tree::{Choice, DependExpress, DependGroup, Field, FieldKind, Rule};

/// The schema methods and the member of their answer that holds the XML.
pub const SCHEMA_METHODS: &[(&str, &str)] = &[
    ("tmall.item.add.schema.get", "add_item_result"),
    ("tmall.item.update.schema.get", "update_item_result"),
    ("tmall.product.add.schema.get", "add_product_rule"),
    ("tmall.product.match.schema.get", "match_result"),
    ("alibaba.item.publish.schema.get", "result"),
    ("tmall.item.increment.update.schema.get", "update_item_result"),
    // No SDK copy of this answer's model was found; the member follows the Tmall method's.
    ("taobao.item.increment.update.schema.get", "update_item_result"),
];

/// The answer member holding the XML, when `method` is a schema method.
pub fn result_member(method: &str) -> Option<&'static str> {
    SCHEMA_METHODS.iter().find(|(m, _)| *m == method).map(|(_, member)| *member)
}

/// The category a schema call was about: `category_id` for the Tmall methods, `cat_id` for
/// `alibaba.item.publish.schema.get`.
pub fn category_param(params: &BTreeMap<String, String>) -> Option<i64> {
    ["category_id", "cat_id"].iter().find_map(|k| params.get(*k).and_then(|v| v.trim().parse().ok()))
}

/// What schema imports did, rule by rule. Every rule read is exactly one of `checked`,
/// `hints`, `dev_notes` or `not_held`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchemaSummary {
    /// Schema answers imported.
    pub schemas: usize,
    pub fields: usize,
    pub rules: usize,
    /// Rules that became checks of the snapshot.
    pub checked: usize,
    /// Rules kept as hint texts forms show (server-side rules, sizes, tips, conditions the
    /// snapshot cannot state).
    pub hints: usize,
    /// Of `hints` and `not_held`: rule names this importer does not know.
    pub unknown_rules: usize,
    /// Fields of a type this importer does not know.
    pub unknown_field_types: usize,
    /// Notes for developers, which the platform asks not to show sellers.
    pub dev_notes: usize,
    /// Rules of fields the snapshot has no place for (shop templates, mobile description
    /// modules, customs fields...).
    pub not_held: usize,
    /// Options whose value is not a value id.
    pub skipped_options: usize,
}

impl SchemaSummary {
    /// Whether anything was left unchecked: kept as hints, unknown, or not held.
    pub fn left_out(&self) -> usize {
        self.hints + self.not_held + self.unknown_field_types
    }
}

/// The XML of a schema answer: the envelope's member for `method`, or the gateway's error.
pub fn xml_of(method: &str, body: &str) -> Result<String, TaobaoError> {
    let member = result_member(method).unwrap_or("result");
    let mut fields: BTreeMap<String, serde_json::Value> = decode(method, body)?;
    match fields.remove(member) {
        Some(serde_json::Value::String(xml)) => Ok(xml),
        Some(other) => Err(TaobaoError::Shape {
            path: format!("{}.{member}", crate::envelope::response_key(method)),
            detail: format!("expected the schema XML as a string, found {}", json_kind(&other)),
        }),
        None => Err(TaobaoError::Shape {
            path: format!("{}.{member}", crate::envelope::response_key(method)),
            detail: String::from("missing"),
        }),
    }
}

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// Reads one schema answer into the rules of category `cid`.
pub fn import_body(
    method: &str,
    body: &str,
    cid: i64,
    summary: &mut SchemaSummary,
) -> Result<CategoryRules, TaobaoError> {
    let xml = xml_of(method, body)?;
    let fields = parse(&xml).map_err(|e| TaobaoError::Schema(Box::new(e)))?;
    Ok(map(&fields, cid, summary))
}
