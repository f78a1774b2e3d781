//! Schemas of the `skus` list: each SKU's pairs, price and quantity.

use super::has_value;
use crate::catalog::CompiledCategory;
use crate::model::snapshot::Status;
use serde_json::{json, Map, Value};

/// A price: a positive decimal with at most two places, digits only (as `rules::sku_price`).
pub(crate) const PRICE_PATTERN: &str = r"^(0*[1-9][0-9]*(\.[0-9]{1,2})?|0+\.([1-9][0-9]?|0[1-9]))$";

/// A quantity given as text: a whole number of at most 18 digits.
pub(crate) const QUANTITY_PATTERN: &str = "^[0-9]{1,18}$";

/// When the category needs SKUs: `None` never, `Some(None)` always, `Some(Some(if))` when the
/// `if` schema holds (a required sale property that depends on a listing value).
pub(super) fn required_condition(cat: &CompiledCategory) -> Option<Option<Value>> {
    let mut conditions = Vec::new();
    for p in cat.sale_properties().filter(|p| p.property.must) {
        match p.property.parent() {
            None => return Some(None),
            Some((ppid, pvid)) => conditions.push(json!({"contains": has_value(ppid, pvid)})),
        }
    }
    if conditions.is_empty() {
        None
    } else {
        Some(Some(json!({"required": ["props"], "properties": {"props": {"anyOf": conditions}}})))
    }
}

/// The `skus` array.
pub(super) fn list(max_skus: u32, required: bool) -> Value {
    let mut list = json!({
        "type": "array",
        "maxItems": max_skus,
        "uniqueItems": true,
        "items": {"$ref": "#/$defs/sku"}
    });
    if required {
        list["minItems"] = json!(1);
    }
    list
}

fn pair_of(pid: i64) -> Value {
    json!({"required": ["pid"], "properties": {"pid": {"const": pid}}})
}

fn pair(pid: i64, vid: i64) -> Value {
    json!({"required": ["pid", "vid"], "properties": {"pid": {"const": pid}, "vid": {"const": vid}}})
}

/// `$defs/sku` and `$defs/sku_pair`.
pub(super) fn defs(cat: &CompiledCategory, defs: &mut Map<String, Value>) {
    let sale: Vec<_> = cat.sale_properties().filter(|p| p.property.status == Status::Normal).collect();
    let mut must = Vec::new();
    let mut conditions = Vec::new();
    for p in &sale {
        let pid = p.property.pid;
        match p.property.parent() {
            None if p.property.must => must.push(json!({"contains": pair_of(pid)})),
            None => {}
            // Parent is a sale property too: the dependency holds per SKU.
            Some((ppid, pvid)) if cat.property(ppid).is_some_and(|pp| pp.property.sale) => {
                if p.property.must {
                    conditions.push(json!({
                        "if": {"properties": {"props": {"contains": pair(ppid, pvid)}}},
                        "then": {"properties": {"props": {"contains": pair_of(pid)}}}
                    }));
                }
                conditions.push(json!({
                    "if": {"properties": {"props": {"contains": pair_of(pid)}}},
                    "then": {"properties": {"props": {"contains": pair(ppid, pvid)}}}
                }));
            }
            Some(_) => {}
        }
    }
    let mut props = json!({"type": "array", "items": {"$ref": "#/$defs/sku_pair"}});
    if !must.is_empty() {
        props["allOf"] = Value::Array(must);
    }
    let mut sku = json!({
        "type": "object",
        "required": ["props", "price", "quantity"],
        "properties": {
            "props": props,
            "price": {"anyOf": [
                {"type": "string", "pattern": PRICE_PATTERN},
                {"type": "number", "exclusiveMinimum": 0, "multipleOf": 0.01}
            ]},
            "quantity": {"anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": QUANTITY_PATTERN}
            ]},
            "outer_id": {"type": "string"}
        }
    });
    if !conditions.is_empty() {
        sku["allOf"] = Value::Array(conditions);
    }
    defs.insert("sku".into(), sku);

    let pids: Vec<i64> = sale.iter().map(|p| p.property.pid).collect();
    let dispatch: Vec<Value> = sale
        .iter()
        .map(|p| {
            // SKUs may use any value the property has (deleted ones are reported on `props`).
            let vids: Vec<i64> = p.values.iter().map(|v| v.vid).collect();
            let custom = cat.accepts_custom(p);
            let vid = if custom {
                json!({"anyOf": [{"enum": vids}, {"type": "integer", "maximum": -1}]})
            } else {
                json!({"enum": vids})
            };
            json!({"if": {"properties": {"pid": {"const": p.property.pid}}}, "then": {"properties": {"vid": vid}}})
        })
        .collect();
    let mut pair = json!({
        "type": "object",
        "required": ["pid", "vid"],
        "properties": {"pid": {"enum": pids}, "vid": {"type": "integer"}}
    });
    if !dispatch.is_empty() {
        pair["allOf"] = Value::Array(dispatch);
    }
    defs.insert("sku_pair".into(), pair);
}
