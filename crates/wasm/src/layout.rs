//! The packed layout (see [`crate::packed`]) as data, derived from the listing's declaration
//! (`shelfcheck_core::input::listing::shape`).
//!
//! The committed copy, `pkg/js/layout.json`, is what the package's JavaScript side is built and
//! tested from; `tests/layout.rs` checks that it is current.

use crate::packed::{INT, LIST, MAX_SAFE, NONE, TEXT, WIDE};
use serde_json::{json, Map, Value};
use shelfcheck_core::input::listing::shape::{Kind, Member, Object, SkuMember, OBJECTS, SKU};

/// The kinds a header gives `member` of `object`, by name. The SKU's `props` may also be
/// `INT`: pairs that are each two ids of a slot and nothing else, as the ids alone.
fn packed_kinds(object: &Object, member: &Member) -> Vec<&'static str> {
    let mut kinds = match member.kind {
        Kind::Id => vec!["INT", "TEXT"],
        Kind::OptId | Kind::Scalar => vec!["NONE", "INT", "TEXT"],
        Kind::Text => vec!["TEXT"],
        Kind::OptText | Kind::DefaultText => vec!["NONE", "TEXT"],
        // One object is sent as a list of one.
        Kind::Ids | Kind::Texts | Kind::TextMap | Kind::Object(_) | Kind::Objects(_) => vec!["NONE", "LIST"],
        Kind::ObjectsOrNative(_) => vec!["NONE", "TEXT", "LIST"],
    };
    // By name: each use of a `const` object is a copy of its own, so addresses differ.
    if object.name == SKU.name && member.name == SkuMember::Props.member().name {
        kinds.push("INT");
    }
    kinds
}

/// What follows a `LIST` for each kind of member: the elements, one after another.
fn elements(kind: Kind) -> Option<&'static str> {
    Some(match kind {
        Kind::Ids => "id",
        Kind::Texts => "text",
        Kind::TextMap => "text_pair",
        Kind::Object(_) | Kind::Objects(_) | Kind::ObjectsOrNative(_) => "object",
        _ => return None,
    })
}

/// The layout: the kinds' values, the wide-integer marker, and each object's members in order.
pub fn describe() -> Value {
    let mut objects = Map::new();
    for object in OBJECTS {
        let members: Vec<Value> = object
            .members
            .iter()
            .map(|m| {
                let mut d = json!({ "name": m.name, "json": m.kind.name(), "packed": packed_kinds(object, m) });
                if let Some(e) = elements(m.kind) {
                    d["elements"] = e.into();
                }
                if let Some(o) = m.kind.object() {
                    d["object"] = o.name.into();
                }
                d
            })
            .collect();
        objects.insert(object.name.to_owned(), members.into());
    }
    json!({
        "kinds": { "NONE": NONE, "INT": INT, "TEXT": TEXT, "LIST": LIST },
        "wide": WIDE,
        "max_safe": MAX_SAFE,
        "objects": objects,
    })
}
