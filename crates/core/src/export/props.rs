//! Schemas of the `props` list: one definition per property, picked by `pid` with `if`/`then`
//! (a validator checks one `const` per property instead of trying every branch of a `oneOf`).

use super::has_value;
use crate::catalog::{CompiledCategory, CompiledProperty};
use crate::snapshot::{InputMode, Limits, Status};
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
        defs.insert(def_name(p.property.pid), property(p, limits));
    }
}

/// What one property accepts.
fn property(p: &CompiledProperty, limits: &Limits) -> Value {
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
    let custom = prop.input != InputMode::Enum;
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
    let mut properties = Map::new();
    properties.insert("vids".into(), vids_schema);
    properties.insert("values".into(), values_schema);
    if custom {
        properties.insert("text".into(), json!({"type": "string", "maxLength": max_text}));
    }
    properties.insert("aliases".into(), aliases(prop.allow_alias, limits));
    let mut schema = Map::new();
    schema.insert("title".into(), json!(prop.name));
    if let Some(en) = &prop.name_en {
        schema.insert("description".into(), json!(en));
    }
    schema.insert("properties".into(), Value::Object(properties));
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

/// Seller names for chosen values, keyed by value id.
fn aliases(allowed: bool, limits: &Limits) -> Value {
    if !allowed {
        return json!({"type": "object", "maxProperties": 0});
    }
    let mut alias = json!({"type": "string", "minLength": 1, "maxLength": limits.alias_max_chars, "pattern": "\\S"});
    let words: Vec<String> =
        limits.forbidden_alias_words.iter().filter(|w| !w.is_empty()).map(|w| regex_escape(w)).collect();
    if !words.is_empty() {
        alias["not"] = json!({"pattern": words.join("|")});
    }
    json!({"type": "object", "additionalProperties": alias})
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
