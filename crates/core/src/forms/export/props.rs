//! Schemas of the `props` list: one definition per property, picked by `pid` with `if`/`then`
//! (a validator checks one `const` per property instead of trying every branch of a `oneOf`).

use super::has_value;
use crate::catalog::{CompiledCategory, CompiledProperty};
use crate::model::snapshot::{Constraints, LengthUnit, Limits, Status};
use serde_json::{json, Map, Value};

fn live(p: &CompiledProperty) -> bool {
    p.property.status == Status::Normal
}

pub(super) fn def_name(pid: i64) -> String {
    format!("prop_{pid}")
}

/// The `props` array: items are known properties; one `contains` per required property that
/// applies whatever else is chosen.
pub(super) fn list(cat: &CompiledCategory) -> Value {
    let required: Vec<Value> = cat
        .required_properties()
        .filter(|p| p.property.parent().is_none())
        .map(|p| json!({"contains": present(p.property.pid)}))
        .collect();
    let mut list = json!({"type": "array", "items": {"$ref": "#/$defs/prop"}});
    if !required.is_empty() {
        list["allOf"] = Value::Array(required);
    }
    list
}

/// A listing property `pid` with at least one value.
fn present(pid: i64) -> Value {
    json!({
        "type": "object",
        "required": ["pid"],
        "properties": {"pid": {"const": pid}},
        "anyOf": [non_empty("vids"), non_empty("values"), {"required": ["text"]}]
    })
}

fn non_empty(field: &str) -> Value {
    json!({"required": [field], "properties": {field: {"type": "array", "minItems": 1}}})
}

/// Listing-level conditions: required dependent properties, and dependants used without their
/// parent value.
pub(super) fn dependencies(cat: &CompiledCategory) -> Vec<Value> {
    let mut out = Vec::new();
    for p in cat.properties().iter().filter(|p| live(p)) {
        let Some((ppid, pvid)) = p.property.parent() else { continue };
        let pid = p.property.pid;
        if p.property.must {
            out.push(json!({
                "if": {"required": ["props"], "properties": {"props": {"contains": has_value(ppid, pvid)}}},
                "then": {"properties": {"props": {"contains": present(pid)}}}
            }));
        }
        out.push(json!({
            "if": {
                "required": ["props"],
                "properties": {"props": {"contains": {"required": ["pid"], "properties": {"pid": {"const": pid}}}}}
            },
            "then": {"properties": {"props": {"contains": has_value(ppid, pvid)}}}
        }));
    }
    out
}

/// `$defs/prop` (the dispatch) and one `$defs/prop_<pid>` per live property.
pub(super) fn defs(cat: &CompiledCategory, limits: &Limits, defs: &mut Map<String, Value>) {
    let props: Vec<&CompiledProperty> = cat.properties().iter().filter(|p| live(p)).collect();
    let pids: Vec<i64> = props.iter().map(|p| p.property.pid).collect();
    let dispatch: Vec<Value> = pids
        .iter()
        .map(|pid| {
            json!({
                "if": {"properties": {"pid": {"const": pid}}},
                "then": {"$ref": format!("#/$defs/{}", def_name(*pid))}
            })
        })
        .collect();
    let mut prop = json!({
            "type": "object",
            "required": ["pid"],
            "properties": {
                "pid": {"enum": pids},
                "vids": {"type": "array", "items": {"type": "integer"}},
                "values": {"type": "array", "items": {"type": "string"}},
                "text": {"type": "string"},
                "aliases": {
                    "type": "object",
                    "propertyNames": {"pattern": "^-?[0-9]+$"},
                    "additionalProperties": {"type": "string"}
                }
            }
    });
    if !dispatch.is_empty() {
        prop["allOf"] = Value::Array(dispatch);
    }
    defs.insert("prop".into(), prop);
    for p in props {
        defs.insert(def_name(p.property.pid), property(p, cat.accepts_custom(p), limits));
    }
}

/// What one property accepts.
fn property(p: &CompiledProperty, custom: bool, limits: &Limits) -> Value {
    let prop = &p.property;
    let live_values: Vec<_> = p.values.iter().filter(|v| v.status == Status::Normal).collect();
    let vids: Vec<i64> = live_values.iter().map(|v| v.vid).collect();
    let mut names: Vec<&str> = Vec::with_capacity(live_values.len());
    for v in &live_values {
        names.push(&v.name);
        if let Some(a) = v.alias.as_deref().filter(|a| *a != v.name) {
            names.push(a);
        }
    }
    names.sort_unstable();
    names.dedup();
    let (vid_item, name_item) = if custom {
        // The seller's own values: negative ids, or any text.
        (json!({"anyOf": [{"enum": vids}, {"type": "integer", "maximum": -1}]}), json!({"type": "string"}))
    } else {
        (json!({"enum": vids}), json!({"enum": names}))
    };
    let mut vids_schema = json!({"type": "array", "items": vid_item});
    let mut values_schema = json!({"type": "array", "items": name_item});
    if !prop.multi {
        vids_schema["maxItems"] = json!(1);
        values_schema["maxItems"] = json!(1);
    }
    let max_text = prop.max_length.unwrap_or(limits.text_max_chars);
    let mut text_schema = json!({"type": "string", "maxLength": max_text});
    let mut unchecked = Vec::new();
    if let Some(c) = prop.constraints.as_deref() {
        constrain(c, &mut vids_schema, &mut values_schema, &mut text_schema, &mut unchecked);
    }
    let mut properties = Map::new();
    properties.insert("vids".into(), vids_schema);
    properties.insert("values".into(), values_schema);
    if custom {
        properties.insert("text".into(), text_schema);
    }
    properties.insert("aliases".into(), aliases(prop.allow_alias, custom, limits));
    let mut schema = Map::new();
    schema.insert("title".into(), json!(prop.name));
    if let Some(en) = &prop.name_en {
        schema.insert("description".into(), json!(en));
    }
    schema.insert("properties".into(), Value::Object(properties));
    if !unchecked.is_empty() {
        schema.insert("x-shelfcheck-unchecked".into(), json!(unchecked));
    }
    let mut exclusions = Vec::new();
    if !custom {
        exclusions.push(json!({"required": ["text"]}));
    }
    if !prop.multi {
        // One value in all: at most one of `vids`, `values`, `text` may hold it.
        exclusions.push(json!({"allOf": [non_empty("vids"), non_empty("values")]}));
        if custom {
            exclusions.push(json!({"allOf": [non_empty("vids"), {"required": ["text"]}]}));
            exclusions.push(json!({"allOf": [non_empty("values"), {"required": ["text"]}]}));
        }
    }
    if !exclusions.is_empty() {
        schema.insert("not".into(), json!({"anyOf": exclusions}));
    }
    Value::Object(schema)
}

/// What JSON Schema can say of a property's constraints, added to its parts; the names of
/// those it cannot say go to `unchecked`, which the schema lists under
/// `x-shelfcheck-unchecked` (an annotation validators ignore).
///
/// Each keyword is a necessary condition of the engine's check, so the schema never rejects
/// what the engine accepts: a value count bounds each of `vids` and `values` from above (their
/// sum is what the engine counts, so a lower bound cannot be split between them); a length in
/// bytes bounds the characters too (a character is at least one byte), while a minimum in
/// bytes says nothing of characters.
fn constrain(c: &Constraints, vids: &mut Value, values: &mut Value, text: &mut Value, unchecked: &mut Vec<&str>) {
    if let Some(max) = c.max_values {
        for list in [&mut *vids, &mut *values] {
            let current = list.get("maxItems").and_then(Value::as_u64).unwrap_or(u64::MAX);
            list["maxItems"] = json!(current.min(u64::from(max)));
        }
    }
    if c.min_values.is_some() {
        unchecked.push("min_values");
    }
    if let Some(max) = c.max_length {
        let current = text.get("maxLength").and_then(Value::as_u64).unwrap_or(u64::MAX);
        text["maxLength"] = json!(current.min(u64::from(max)));
    }
    match (c.min_length, c.length_unit) {
        (Some(min), LengthUnit::Characters) => text["minLength"] = json!(min),
        (Some(_), LengthUnit::Bytes) => unchecked.push("min_length"),
        (None, _) => {}
    }
    if c.length_unit == LengthUnit::Bytes && c.max_length.is_some() {
        unchecked.push("max_length (bytes)");
    }
    // Patterns are checked by the engine with Rust's `regex`; the schema carries those that
    // must match as `pattern` and those that must not under `not`, which ECMA-262 validators
    // read the same way for the common syntax (classes, anchors, repetition).
    let must: Vec<&str> = c.patterns.iter().filter(|p| p.must_match).map(|p| p.regex.as_str()).collect();
    let must_not: Vec<Value> =
        c.patterns.iter().filter(|p| !p.must_match).map(|p| json!({"pattern": p.regex})).collect();
    if !must.is_empty() {
        text["allOf"] = json!(must.iter().map(|p| json!({"pattern": p})).collect::<Vec<_>>());
    }
    if !must_not.is_empty() {
        text["not"] = json!({"anyOf": must_not});
    }
    // Typed numbers and dates are strings with units: their value cannot be compared.
    let named: [(&'static str, bool); 7] = [
        ("value_type", c.value_type.is_some_and(|t| t != crate::model::snapshot::ValueType::Text)),
        ("min", c.min.is_some()),
        ("max", c.max.is_some()),
        ("max_decimals", c.max_decimals.is_some()),
        ("units", !c.units.is_empty()),
        ("required_when", c.required_when.is_some()),
        ("disabled_when", c.disabled_when.is_some()),
    ];
    unchecked.extend(named.iter().filter(|(_, present)| *present).map(|(n, _)| *n));
}

/// Seller names for chosen values, keyed by value id. Where listed values may not be renamed
/// but the property takes values of the seller's own, only those (negative ids) have an entry:
/// their text.
fn aliases(allowed: bool, custom: bool, limits: &Limits) -> Value {
    if !allowed && !custom {
        return json!({"type": "object", "maxProperties": 0});
    }
    // A byte limit bounds characters too (a character is at least one byte); the bytes
    // themselves, a Chinese character counting two, are beyond JSON Schema.
    let mut alias = json!({"type": "string", "minLength": 1, "maxLength": limits.alias_max_bytes, "pattern": "\\S"});
    let words: Vec<String> =
        limits.forbidden_alias_words.iter().filter(|w| !w.is_empty()).map(|w| regex_escape(w)).collect();
    if limits.filter_alias_words && !words.is_empty() {
        alias["not"] = json!({"pattern": words.join("|")});
    }
    if allowed {
        return json!({"type": "object", "additionalProperties": alias});
    }
    json!({"type": "object", "propertyNames": {"pattern": "^-0*[1-9][0-9]*$"}, "additionalProperties": alias})
}

/// Escapes ECMA-262 regular expression syntax characters.
pub(super) fn regex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\^$.|?*+()[]{}/".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
