//! TOP answers in XML, turned into the JSON envelope the rest of the crate reads.
//!
//! The gateway answers XML for `format=xml`, and the v1 router always did. Two shapes exist:
//! - v2: `<itemprops_get_response><item_props list="true"><item_prop>…`, the JSON envelope's
//!   shape, with `list="true"` marking lists (so a list of one stays a list);
//! - v1: `<rsp><item_prop>…</item_prop><item_prop>…</rsp>`, items straight under `<rsp>`, and
//!   errors as `<error_rsp><args>…</args><code>40</code><msg>…</msg></error_rsp>`.
//!
//! Text and CDATA become strings (the lenient decoders read ids and flags from strings), and
//! attributes are dropped: `<args>` echoes the request, which is not part of the answer.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::envelope::response_key;
use crate::error::TaobaoError;

/// TOP answers nest a handful of levels; anything deeper is not an answer of theirs, and the
/// conversion recurses once per level.
const MAX_DEPTH: usize = 32;

/// Whether `body` is XML rather than JSON (JSON never starts with `<`).
pub fn is_xml(body: &str) -> bool {
    body.trim_start_matches('\u{feff}').trim_start().starts_with('<')
}

/// The JSON envelope of an XML answer to `method`. A body cut short is `Truncated` (retried,
/// like a cut JSON body); XML that is not well formed is `Malformed`, with its line and column.
pub fn to_json(method: &str, body: &str) -> Result<String, TaobaoError> {
    let text = body.trim_start_matches('\u{feff}');
    let doc = roxmltree::Document::parse(text).map_err(|e| fault(text, &e))?;
    let root = doc.root_element();
    let name = root.tag_name().name();
    let envelope = match name {
        // v1: every child of `<rsp>` is an item of a list, even a single one.
        "rsp" => (response_key(method), object(root, 1, true)?),
        "error_rsp" => {
            let mut error = object(root, 1, false)?;
            if let Value::Object(map) = &mut error {
                map.remove("args");
            }
            ("error_response".to_owned(), error)
        }
        _ => (name.to_owned(), value(root, 1)?),
    };
    let mut top = Map::new();
    top.insert(envelope.0, envelope.1);
    Ok(Value::Object(top).to_string())
}

fn fault(text: &str, e: &roxmltree::Error) -> TaobaoError {
    let detail = format!("XML: {e}");
    if crate::xml_pos::cut_short(text, e) {
        TaobaoError::Truncated { detail }
    } else {
        TaobaoError::Malformed { detail }
    }
}

fn value(node: roxmltree::Node<'_, '_>, depth: usize) -> Result<Value, TaobaoError> {
    let listed = node.attribute("list") == Some("true");
    if node.children().any(|c| c.is_element()) || listed {
        object(node, depth, listed)
    } else {
        // Text and CDATA pieces, in order.
        let text: String = node.children().filter_map(|c| c.text()).collect();
        Ok(Value::String(text))
    }
}

/// The element's children as an object: a name met more than once, or any name when
/// `lists`, holds an array.
fn object(node: roxmltree::Node<'_, '_>, depth: usize, lists: bool) -> Result<Value, TaobaoError> {
    if depth > MAX_DEPTH {
        return Err(TaobaoError::Malformed { detail: format!("XML nested deeper than {MAX_DEPTH} levels") });
    }
    let elements = || node.children().filter(|c| c.is_element());
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for child in elements() {
        *counts.entry(child.tag_name().name()).or_default() += 1;
    }
    let mut map = Map::new();
    for child in elements() {
        let name = child.tag_name().name();
        let v = value(child, depth + 1)?;
        if lists || counts.get(name).is_some_and(|n| *n > 1) {
            if let Value::Array(items) = map.entry(name.to_owned()).or_insert_with(|| Value::Array(Vec::new())) {
                items.push(v);
            }
        } else {
            map.insert(name.to_owned(), v);
        }
    }
    Ok(Value::Object(map))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    #[test]
    fn v1_items_under_rsp_are_lists_even_alone() {
        let xml = "\u{feff}<?xml version=\"1.0\"?><rsp><item_prop><pid><![CDATA[20000]]></pid>\
<prop_values list=\"true\"><prop_value><vid>1</vid><is_parent>true</is_parent></prop_value></prop_values>\
</item_prop></rsp><!--top151-->";
        let json: Value = serde_json::from_str(&to_json("taobao.itemprops.get", xml).unwrap()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"itemprops_get_response": {"item_prop": [{"pid": "20000",
                "prop_values": {"prop_value": [{"vid": "1", "is_parent": "true"}]}}]}})
        );
    }

    #[test]
    fn v2_shapes_and_errors() {
        let xml = "<itemcats_get_response><item_cats><item_cat><cid>1</cid></item_cat><item_cat><cid>2</cid>\
</item_cat><item_cat><cid>3</cid></item_cat></item_cats></itemcats_get_response>";
        let json: Value = serde_json::from_str(&to_json("taobao.itemcats.get", xml).unwrap()).unwrap();
        assert_eq!(json["itemcats_get_response"]["item_cats"]["item_cat"][2]["cid"], "3");
        let xml = "<error_rsp><args><arg name=\"cid\">1101</arg></args><code>40</code><msg>x</msg></error_rsp>";
        let json: Value = serde_json::from_str(&to_json("taobao.itempropvalues.get", xml).unwrap()).unwrap();
        assert_eq!(json, serde_json::json!({"error_response": {"code": "40", "msg": "x"}}));
    }

    #[test]
    fn a_cut_body_is_truncated_and_a_broken_one_malformed_with_its_place() {
        let xml = "<rsp>\n<item_prop><pid>1</pid></item_prop>\n</rsp>";
        for cut in 1..xml.len() - 1 {
            let e = to_json("taobao.itemprops.get", &xml[..cut]).unwrap_err();
            assert!(matches!(e, TaobaoError::Truncated { .. }), "cut at {cut}: {e:?}");
        }
        let e = to_json("taobao.itemprops.get", "<rsp>\n<a></b>\n</rsp>").unwrap_err();
        assert!(matches!(&e, TaobaoError::Malformed { detail } if detail.contains("2:")), "{e:?}");
        // Nesting far past any answer's: refused, without exhausting the stack.
        for n in [100, 200_000] {
            let deep = format!("{}{}", "<a>".repeat(n), "</a>".repeat(n));
            assert!(matches!(to_json("m", &deep), Err(TaobaoError::Malformed { .. })), "{n}");
        }
        // A document type declaration (entity expansion) is refused.
        let dtd = "<!DOCTYPE r [<!ENTITY a \"aaaa\">]><rsp>&a;</rsp>";
        assert!(to_json("m", dtd).is_err());
    }
}
