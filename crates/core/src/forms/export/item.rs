//! Schemas of the listing's item fields (`price`, `quantity`, `description`, `images`,
//! `location`...) and which of them the category and the platform require.

use super::skus::{PRICE_PATTERN, QUANTITY_PATTERN};
use crate::catalog::CompiledCategory;
use crate::input::listing::shape::ListingMember;
use crate::model::rule_model::ITEM_FIELDS;
use crate::model::snapshot::Limits;
use serde_json::{json, Map, Value};

/// A price, as `rules::sku_price` accepts it, below the platform's maximum for numbers.
fn price() -> Value {
    json!({"anyOf": [
        {"type": "string", "pattern": PRICE_PATTERN},
        {"type": "number", "exclusiveMinimum": 0, "multipleOf": 0.01}
    ]})
}

/// A whole number of at least `min`, as a number or as text.
fn count(min: u64, max: Option<f64>) -> Value {
    let mut number = json!({"type": "integer", "minimum": min});
    if let Some(max) = max {
        number["maximum"] = json!(max as u64);
    }
    json!({"anyOf": [number, {"type": "string", "pattern": QUANTITY_PATTERN}]})
}

/// The schema of item field `member`. Blank text counts as absent for the engine, so a
/// required text field is asked to hold a non-blank character.
fn schema(member: ListingMember, limits: &Limits, required: bool) -> Value {
    let text = || if required { json!({"type": "string", "pattern": "\\S"}) } else { json!({"type": "string"}) };
    match member {
        ListingMember::Price => price(),
        ListingMember::Quantity => {
            let max = (!limits.quantity_max.exclusive).then_some(limits.quantity_max.value);
            count(0, max)
        }
        ListingMember::MinOrderQuantity => count(1, None),
        ListingMember::Images => {
            let mut s = json!({"type": "array", "items": {"type": "string", "pattern": "\\S"}});
            if required {
                s["minItems"] = json!(1);
            }
            s
        }
        ListingMember::Location => {
            let mut s =
                json!({"type": "object", "properties": {"state": {"type": "string"}, "city": {"type": "string"}}});
            if required {
                s["required"] = json!(["state", "city"]);
                s["properties"] = json!({
                    "state": {"type": "string", "pattern": "\\S"},
                    "city": {"type": "string", "pattern": "\\S"}
                });
            }
            s
        }
        ListingMember::StuffStatus => json!({"enum": crate::validate::rules::stuff_status::STUFF_STATUSES}),
        ListingMember::PriceRanges => json!({
            "type": "array",
            "items": {"type": "object", "properties": {"start_quantity": count(1, None), "price": price()}}
        }),
        ListingMember::Title
        | ListingMember::OuterId
        | ListingMember::Description
        | ListingMember::Barcode
        | ListingMember::Unit => text(),
        // Not item fields: described by the caller.
        ListingMember::CategoryId | ListingMember::Props | ListingMember::Skus | ListingMember::Qualifications => {
            json!(true)
        }
    }
}

/// Adds every item field but the title (which the caller describes with its limits) to
/// `properties`, and those the category or the platform requires to `required`.
pub(super) fn fields(
    cat: &CompiledCategory,
    limits: &Limits,
    properties: &mut Map<String, Value>,
    required: &mut Vec<Value>,
) {
    for name in ITEM_FIELDS {
        let Some(member) = ListingMember::from_key(name).filter(|m| *m != ListingMember::Title) else { continue };
        let needed = limits.required_fields.iter().chain(&cat.category.required_fields).any(|f| f == name);
        properties.insert(name.to_owned(), schema(member, limits, needed));
        if needed {
            required.push(json!(name));
        }
    }
}
