//! The structural comparison: ids matched across the two snapshots.

use std::collections::BTreeMap;

use shelfcheck_core::model::snapshot::{Category, PropValue, Property, Snapshot, Status};
use shelfcheck_core::Id;

use crate::change::{Change, Removal};

/// Every change from `old` to `new` that can affect listings, ordered by category, then
/// property, then value (deterministic, so reports can be compared in CI).
pub fn diff(old: &Snapshot, new: &Snapshot) -> Vec<Change> {
    let mut out = Vec::new();
    categories(old, new, &mut out);
    properties(old, new, &mut out);
    values(old, new, &mut out);
    out.sort_by_key(|c| (c.category_id(), sort_key(c)));
    out
}

/// Property and value ids after the category, so a category's own changes come first.
fn sort_key(c: &Change) -> (Id, Id, u8) {
    match c {
        Change::PropertyNewlyRequired { pid, .. }
        | Change::PropertyRemoved { pid, .. }
        | Change::PropertyConstraintsTightened { pid, .. } => (*pid, 0, 1),
        Change::ValueRemoved { pid, vid, .. } | Change::ValueRenamed { pid, vid, .. } => (*pid, *vid, 2),
        _ => (Id::MIN, Id::MIN, 0),
    }
}

fn removal(status: Status) -> Option<Removal> {
    (status == Status::Deleted).then_some(Removal::Deleted)
}

fn categories(old: &Snapshot, new: &Snapshot, out: &mut Vec<Change>) {
    let before: BTreeMap<Id, &Category> = old.categories.iter().map(|c| (c.id, c)).collect();
    let after: BTreeMap<Id, &Category> = new.categories.iter().map(|c| (c.id, c)).collect();
    for (id, a) in &after {
        let Some(b) = before.get(id) else {
            out.push(Change::CategoryAdded { category_id: *id, name: a.name.clone() });
            continue;
        };
        let (category_id, name) = (*id, a.name.clone());
        if b.status == Status::Normal {
            if let Some(how) = removal(a.status) {
                out.push(Change::CategoryRemoved { category_id, name: name.clone(), how });
            }
        }
        if b.parent_id.unwrap_or(0) != a.parent_id.unwrap_or(0) {
            out.push(Change::CategoryMoved {
                category_id,
                name: name.clone(),
                from_parent: b.parent_id.filter(|p| *p != 0),
                to_parent: a.parent_id.filter(|p| *p != 0),
            });
        }
        if b.leaf && !a.leaf {
            out.push(Change::CategoryTurnedNonLeaf { category_id, name: name.clone() });
        }
        if !b.publish_frozen && a.publish_frozen {
            out.push(Change::CategoryFrozen { category_id, name: name.clone() });
        }
        // What a listing must give here: the platform's required fields and the category's.
        let required = |s: &Snapshot, c: &Category| -> Vec<String> {
            let mut all: Vec<String> = s.limits.required_fields.iter().chain(&c.required_fields).cloned().collect();
            all.sort();
            all.dedup();
            all
        };
        let was = required(old, b);
        let fields: Vec<String> = required(new, a).into_iter().filter(|f| !was.contains(f)).collect();
        if !fields.is_empty() {
            out.push(Change::FieldsNewlyRequired { category_id, name: name.clone(), fields });
        }
        if crate::tighten::price_tightened(b.price, a.price) {
            out.push(Change::CategoryPriceTightened { category_id, name });
        }
    }
    for (id, b) in &before {
        if !after.contains_key(id) {
            out.push(Change::CategoryRemoved { category_id: *id, name: b.name.clone(), how: Removal::Gone });
        }
    }
}

fn properties(old: &Snapshot, new: &Snapshot, out: &mut Vec<Change>) {
    let key = |p: &&Property| (p.category_id, p.pid);
    let before: BTreeMap<(Id, Id), &Property> = old.properties.iter().map(|p| (key(&p), p)).collect();
    let after: BTreeMap<(Id, Id), &Property> = new.properties.iter().map(|p| (key(&p), p)).collect();
    // A property of a category that is itself gone is covered by the category change.
    let live_after: std::collections::BTreeSet<Id> = new.categories.iter().map(|c| c.id).collect();
    let existed_before: std::collections::BTreeSet<Id> = old.categories.iter().map(|c| c.id).collect();
    for ((cid, pid), a) in &after {
        let was_required = before.get(&(*cid, *pid)).is_some_and(|b| b.must && b.status == Status::Normal);
        // A required property added to a category that already existed breaks its listings.
        let is_new_requirement = a.must && a.status == Status::Normal && !was_required;
        if is_new_requirement && existed_before.contains(cid) {
            out.push(Change::PropertyNewlyRequired { category_id: *cid, pid: *pid, name: a.name.clone() });
        }
        if let Some(b) = before.get(&(*cid, *pid)) {
            let stricter = crate::tighten::tightened(b.constraints.as_deref(), a.constraints.as_deref());
            if !stricter.is_empty() && a.status == Status::Normal {
                out.push(Change::PropertyConstraintsTightened {
                    category_id: *cid,
                    pid: *pid,
                    name: a.name.clone(),
                    constraints: stricter.into_iter().map(String::from).collect(),
                });
            }
            if b.status == Status::Normal {
                if let Some(how) = removal(a.status) {
                    out.push(Change::PropertyRemoved { category_id: *cid, pid: *pid, name: a.name.clone(), how });
                }
            }
        }
    }
    for ((cid, pid), b) in &before {
        if !after.contains_key(&(*cid, *pid)) && live_after.contains(cid) {
            out.push(Change::PropertyRemoved {
                category_id: *cid,
                pid: *pid,
                name: b.name.clone(),
                how: Removal::Gone,
            });
        }
    }
}

fn values(old: &Snapshot, new: &Snapshot, out: &mut Vec<Change>) {
    let key = |v: &&PropValue| (v.category_id, v.pid, v.vid);
    let before: BTreeMap<(Id, Id, Id), &PropValue> = old.values.iter().map(|v| (key(&v), v)).collect();
    let after: BTreeMap<(Id, Id, Id), &PropValue> = new.values.iter().map(|v| (key(&v), v)).collect();
    let props_after: std::collections::BTreeSet<(Id, Id)> =
        new.properties.iter().map(|p| (p.category_id, p.pid)).collect();
    for (k @ (cid, pid, vid), b) in &before {
        match after.get(k) {
            None if props_after.contains(&(*cid, *pid)) => out.push(Change::ValueRemoved {
                category_id: *cid,
                pid: *pid,
                vid: *vid,
                name: b.name.clone(),
                how: Removal::Gone,
            }),
            None => {}
            Some(a) => {
                if b.status == Status::Normal {
                    if let Some(how) = removal(a.status) {
                        out.push(Change::ValueRemoved {
                            category_id: *cid,
                            pid: *pid,
                            vid: *vid,
                            name: b.name.clone(),
                            how,
                        });
                    }
                }
                if a.name != b.name {
                    out.push(Change::ValueRenamed {
                        category_id: *cid,
                        pid: *pid,
                        vid: *vid,
                        from: b.name.clone(),
                        to: a.name.clone(),
                    });
                }
            }
        }
    }
}
