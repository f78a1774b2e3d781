//! JSON Schema export: a draft 2020-12 schema for the listings of one category.
//!
//! Teams that already validate with a JSON Schema validator (`jsonschema` in a backend, `ajv`
//! in a browser), or render forms with a library that reads JSON Schema, can use the same
//! snapshot through [`json_schema`]. The schema describes the canonical *id form* of a listing
//! (`props[].pid` with `vids` or `text`, SKU pairs as `{pid, vid}`), which is what forms
//! produce; it expresses every rule that JSON Schema can express on its own:
//!
//! | code | expressed as |
//! |---|---|
//! | `CATEGORY_NOT_FOUND` | `category_id` is a `const` |
//! | `CATEGORY_DELETED`, `CATEGORY_PUBLISH_FROZEN` | `category_id` is `false`: nothing validates |
//! | `TITLE_MISSING`, `TITLE_TOO_LONG` (characters) | `required`, `pattern: \S`, `maxLength` |
//! | `PROP_UNKNOWN` | `pid` is an `enum` of the category's live properties |
//! | `PROP_VALUE_UNKNOWN`, `PROP_VALUE_DELETED` | `vids` items are an `enum` of live value ids; `values` an `enum` of names and aliases |
//! | `PROP_CUSTOM_VALUE_NOT_ALLOWED` | no `text` and no negative ids on enum-only properties |
//! | `PROP_NOT_MULTI` | `maxItems: 1` and mutual exclusion of `vids`, `values` and `text` |
//! | `PROP_TEXT_TOO_LONG` | `maxLength` on `text` |
//! | `PROP_REQUIRED` | `contains` on `props`; `if`/`then` for required dependent properties |
//! | `PROP_DEPENDENCY_UNMET` | `if`/`then`: a dependent property implies its parent value (per SKU for sale parents) |
//! | `ALIAS_NOT_ALLOWED`, `ALIAS_INVALID` (length, empty, forbidden word) | `maxProperties: 0`, or only negative ids (`propertyNames`) where the property takes values of the seller's own; `maxLength` (the byte limit, which bounds characters too), `pattern`, `not` |
//! | `QUALIFICATION_MISSING` | `contains` on `qualifications`, one per proof (exact names, with or without 《》) |
//! | `SKU_REQUIRED` | `required: ["skus"]`, `minItems: 1` |
//! | `SKU_LIMIT_EXCEEDED` | `maxItems` |
//! | `SKU_PROP_NOT_SALE`, `SKU_VALUE_UNKNOWN` | pair `pid` an `enum` of sale properties, `vid` an `enum` of their values |
//! | `SKU_PROP_MISSING` (required sale properties) | `contains` on each SKU's `props` |
//! | `SKU_DUPLICATE` (identical SKUs only) | `uniqueItems` |
//! | `SKU_PRICE_INVALID`, `SKU_QUANTITY_INVALID` | `pattern` for strings, `exclusiveMinimum`/`multipleOf`/`minimum` for numbers |
//! | `VALUE_COUNT_OUT_OF_RANGE` (upper bound) | `maxItems` on `vids` and on `values` |
//! | `VALUE_TOO_LONG`, `VALUE_TOO_SHORT` (characters) | `maxLength` (also for a byte limit, which bounds characters too), `minLength` on `text` |
//! | `VALUE_PATTERN_MISMATCH` | `pattern` (must match), `not` + `pattern` (must not) on `text` |
//! | `FIELD_REQUIRED` | `required` (and a non-blank `pattern`, `minItems: 1`, both parts of `location`) |
//! | item `price`, `quantity`, price tiers (`SKU_PRICE_INVALID`, `SKU_QUANTITY_INVALID`, `VALUE_OUT_OF_RANGE` for an inclusive `quantity_max`) | as for SKUs, with `maximum` |
//!
//! What JSON Schema cannot express, and the schema therefore does not check:
//! - **references between parts of the listing**: a SKU value must be among the values
//!   chosen in `props` (`SKU_VALUE_NOT_IN_PROPS`); an alias must name a chosen value
//!   (`ALIAS_INVALID`, value not chosen); every SKU must use the same sale properties as the
//!   others (`SKU_PROP_MISSING` for non-required ones); the same property listed twice adds
//!   up its values (`PROP_NOT_MULTI`). JSON Schema has no way to compare one instance value
//!   with another (`ajv`'s `$data` is an extension, not the standard).
//! - **uniqueness of SKU combinations** (`SKU_DUPLICATE`): `uniqueItems` compares whole SKUs,
//!   so two SKUs with the same combination but different prices, or with their pairs in
//!   another order, pass.
//! - **missing combinations** (`SKU_COMBINATION_MISSING`, a warning by default): the product
//!   of the chosen values cannot be computed in a schema.
//! - **name matching**: names and aliases are matched exactly, not after normalisation
//!   (trim, full-width to half-width, case), and a property cannot be referenced by name
//!   (`PROP_NAME_AMBIGUOUS`, `PROP_VALUE_AMBIGUOUS`); qualification names likewise.
//! - **the title's and each alias's byte limit** (`TITLE_TOO_LONG`, `ALIAS_INVALID`, a
//!   non-ASCII character counting two bytes) and trimming before measuring: `maxLength`
//!   counts characters of the untrimmed text.
//! - **typed constraints on the value rather than its form**: numeric bounds
//!   (`VALUE_OUT_OF_RANGE`), value types and decimal places (`VALUE_TYPE_INVALID`), units, a
//!   minimum value count, a minimum length in bytes, and `required_when` / `disabled_when`
//!   conditions (`PROP_REQUIRED`, `PROP_DISABLED`): typed values are strings with units, and
//!   conditions look at other properties' chosen values. Each property schema lists those it
//!   has under `x-shelfcheck-unchecked` (an annotation validators ignore).
//! - **price limits** (`PRICE_OUT_OF_RANGE`, platform and category bounds) and SKU quantity
//!   limits: prices are usually strings.
//! - **item fields against the SKUs** (`ITEM_PRICE_OUT_OF_SKU_RANGE`, `ITEM_QUANTITY_MISMATCH`),
//!   a market price against its sale price, price tiers against the tier before: references
//!   between parts of the listing, as above.
//! - **unknown members** (`FIELD_UNKNOWN`, a warning): the schema allows other members, as the
//!   engine reads a listing with them.
//! - **Taobao-native strings** (`"pid:vid;pid:vid"` in `props` or SKU `properties`): only the
//!   list forms are described; nor the limits of the item's property string the list stands
//!   for (`PROPS_LIMIT_EXCEEDED`, `VALUE_TOO_LONG` on `/props`), which count values and id
//!   digits across all properties.
//! - **dependencies of a sale property on a non-sale value** are checked for the listing,
//!   not per SKU.
//! - **seller scope** (`CATEGORY_NOT_AUTHORIZED`, `BRAND_NOT_AUTHORIZED`, WeChat audit
//!   states): it belongs to one seller, not to the category; export per seller is not done.
//! - **number subtleties**: `5.0` is an integer to JSON Schema but not to the engine, and
//!   `multipleOf: 0.01` on binary floating point may differ between validators; prices sent
//!   as strings (the usual form) are exact.
//!
//! A listing the schema rejects is therefore always rejected by the engine too, up to the
//! name-form and native-string differences above; the engine finds more.

mod item;
mod props;
mod skus;

use crate::catalog::{Catalog, CompiledCategory};
use crate::model::ids::Id;
use crate::model::snapshot::Status;
use crate::validate::options::Locale;
use serde_json::{json, Map, Value};

/// Why a schema cannot be exported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The category is not in the snapshot.
    #[error("category `{id}` is not in the snapshot")]
    CategoryNotFound {
        /// The category id asked for.
        id: Id,
    },
    /// The category is not a leaf: listings cannot be placed there.
    #[error("category `{id}` is not a leaf category; listings go into leaf categories")]
    CategoryNotLeaf {
        /// The category id asked for.
        id: Id,
    },
}

impl ExportError {
    /// The message in a locale.
    pub fn message(&self, locale: Locale) -> String {
        match (locale, self) {
            (Locale::En, _) => self.to_string(),
            (Locale::ZhCn, ExportError::CategoryNotFound { id }) => format!("快照中没有类目 `{id}`"),
            (Locale::ZhCn, ExportError::CategoryNotLeaf { id }) => {
                format!("类目 `{id}` 不是叶子类目, 商品只能发布在叶子类目下")
            }
        }
    }
}

/// The draft 2020-12 JSON Schema of listings of leaf category `category_id`.
///
/// Pure and deterministic: the same catalog gives the same schema, with the snapshot hash in
/// `$comment` so a cached schema can be matched to its metadata.
pub fn json_schema(catalog: &Catalog, category_id: Id) -> Result<Value, ExportError> {
    let cat = catalog.category(category_id).ok_or(ExportError::CategoryNotFound { id: category_id })?;
    if !cat.category.leaf {
        return Err(ExportError::CategoryNotLeaf { id: category_id });
    }
    let limits = catalog.limits();
    let path: Vec<&str> = catalog.path(category_id).iter().map(|c| c.category.name.as_str()).collect();

    let category_schema = if cat.category.status == Status::Normal && !cat.category.publish_frozen {
        json!({ "const": category_id })
    } else {
        // Deleted or frozen: no listing of this category can be published.
        Value::Bool(false)
    };
    let mut properties = Map::new();
    properties.insert("category_id".into(), category_schema);
    properties.insert(
        "title".into(),
        json!({"type": "string", "minLength": 1, "maxLength": limits.title_max_chars, "pattern": "\\S"}),
    );
    properties.insert("props".into(), props::list(cat));
    let mut required = vec![json!("category_id"), json!("title")];
    if cat.required_properties().any(|p| p.property.parent().is_none()) {
        required.push(json!("props"));
    }
    let mut all_of = props::dependencies(cat);

    let sku_required = skus::required_condition(cat);
    properties.insert("skus".into(), skus::list(limits.max_skus, sku_required == Some(None)));
    match sku_required {
        Some(None) => required.push(json!("skus")),
        Some(Some(condition)) => all_of.push(json!({
            "if": condition,
            "then": {"required": ["skus"], "properties": {"skus": {"minItems": 1}}}
        })),
        None => {}
    }
    item::fields(cat, limits, &mut properties, &mut required);
    if !cat.category.qualifications.is_empty() {
        required.push(json!("qualifications"));
        properties.insert("qualifications".into(), qualifications(cat));
    }

    let mut defs = Map::new();
    props::defs(cat, limits, &mut defs);
    skus::defs(cat, &mut defs);

    let mut schema = Map::new();
    schema.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
    schema
        .insert("$id".into(), json!(format!("urn:shelfcheck:{}:category:{category_id}", catalog.platform().as_str())));
    schema.insert("$comment".into(), json!(format!("snapshot {}", catalog.hash())));
    schema.insert("title".into(), json!(path.join(" > ")));
    schema.insert(
        "description".into(),
        json!(format!("类目 {category_id} 的商品 / listings of category {category_id} (shelfcheck)")),
    );
    schema.insert("type".into(), json!("object"));
    schema.insert("required".into(), Value::Array(required));
    schema.insert("properties".into(), Value::Object(properties));
    if !all_of.is_empty() {
        schema.insert("allOf".into(), Value::Array(all_of));
    }
    schema.insert("$defs".into(), Value::Object(defs));
    let mut schema = Value::Object(schema);
    strict(&mut schema);
    Ok(schema)
}

/// Makes the schema acceptable to validators in strict mode (`ajv`'s default): every
/// subschema that uses a keyword of one type states that type (a no-op wherever it is used,
/// since the instance there already has that type), and an empty `enum`, which strict
/// validators refuse, becomes the `false` schema it means.
fn strict(schema: &mut Value) {
    const TYPED: &[(&str, &[&str])] = &[
        ("object", &["required", "properties", "additionalProperties", "maxProperties", "propertyNames"]),
        ("array", &["items", "contains", "minItems", "maxItems", "uniqueItems"]),
        ("string", &["pattern", "minLength", "maxLength"]),
    ];
    let Value::Object(map) = schema else { return };
    if map.len() == 1 && map.get("enum").and_then(Value::as_array).is_some_and(Vec::is_empty) {
        *schema = Value::Bool(false);
        return;
    }
    if !map.contains_key("type") {
        if let Some((ty, _)) = TYPED.iter().find(|(_, keys)| keys.iter().any(|k| map.contains_key(*k))) {
            map.insert("type".into(), Value::from(*ty));
        }
    }
    for (key, value) in map.iter_mut() {
        match key.as_str() {
            "properties" | "$defs" => {
                if let Value::Object(children) = value {
                    children.values_mut().for_each(strict);
                }
            }
            "allOf" | "anyOf" | "oneOf" => {
                if let Value::Array(children) = value {
                    children.iter_mut().for_each(strict);
                }
            }
            "items" | "contains" | "not" | "if" | "then" | "else" | "additionalProperties" | "propertyNames" => {
                strict(value)
            }
            _ => {}
        }
    }
}

/// One `contains` per required proof: a document whose name is one of its alternatives and
/// whose reference is not blank.
fn qualifications(cat: &CompiledCategory) -> Value {
    let proofs: Vec<Value> = cat
        .category
        .qualifications
        .iter()
        .map(|q| {
            // Names are matched exactly; the usual variant, with or without the 《》 marks
            // around a document title, is listed too.
            let mut names: Vec<String> = Vec::new();
            for alt in &q.alternatives {
                let bare = alt.trim().trim_start_matches('《').trim_end_matches('》').to_owned();
                names.extend([alt.clone(), format!("《{bare}》"), bare]);
            }
            names.sort_unstable();
            names.dedup();
            json!({"contains": {
                "type": "object",
                "required": ["name", "document"],
                "properties": {"name": {"enum": names}, "document": {"type": "string", "pattern": "\\S"}}
            }})
        })
        .collect();
    json!({"type": "array", "allOf": proofs})
}

/// `{"pid": pid, "vids": [..., vid, ...]}`: the listing chose value `vid` of property `pid`.
pub(crate) fn has_value(pid: Id, vid: Id) -> Value {
    json!({
        "type": "object",
        "required": ["pid", "vids"],
        "properties": {"pid": {"const": pid}, "vids": {"type": "array", "contains": {"const": vid}}}
    })
}

#[cfg(test)]
mod tests;
