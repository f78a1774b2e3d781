//! A per-listing table for resolving SKU pairs: each property the SKUs name by pid, with the
//! value ids the listing chose for it.
//!
//! A listing's SKUs name the same two or three sale properties over and over, and nearly every
//! value they give is one the listing chose. A scan of this short table answers, per pair, what
//! the category's pid map, the property's vid map and a walk of the listing's chosen values
//! would otherwise each answer again.

use super::Ctx;
use crate::model::ids::Id;

/// Past this many properties the table stops growing and lookups go to the category's maps, so
/// that a listing naming thousands of pids does not turn every lookup into a long scan.
const MAX_PROPS: usize = 8;

/// Room for the chosen values of all the table's properties, each property's in an
/// open-addressing region at most half full. A property whose values do not fit is looked up
/// in the listing's values instead, as [`Ctx::has_value_at`] does.
pub(super) const SLOTS: usize = 128;

/// An empty slot. A listing that chose this very id for a property leaves that property out
/// of the table, so that the answer stays exact.
const EMPTY: Id = Id::MIN;

/// One property the SKUs name.
#[derive(Default, Clone, Copy)]
struct Entry {
    pid: Id,
    /// Category property index; `None` when the category has no such pid.
    prop_idx: Option<u32>,
    sale: bool,
    /// The listing's chosen value ids for it, hashed into `slots[start..=start + mask]`;
    /// `None` when they did not fit.
    vids: Option<(usize, usize)>,
}

/// What the table knows about one pair.
pub(super) struct Found {
    pub prop_idx: Option<u32>,
    /// The property is a sale property.
    pub sale: bool,
    /// The listing chose the value for the property ([`Ctx::has_value_at`]).
    pub chosen: bool,
    /// Where the table holds the chosen value, [`NO_SLOT`] when it holds none. The table has
    /// a region per property, so a slot stands for one property and value.
    pub slot: u8,
}

/// No slot: the value is not one the table holds (`SLOTS` is below this).
pub(super) const NO_SLOT: u8 = u8::MAX;

/// The table; it starts empty and learns each property the first time a pair names it.
pub(super) struct SkuLookup {
    /// Plain arrays, not growable vectors: no allocation, and the scans stay branch-light.
    entries: [Entry; MAX_PROPS],
    len: usize,
    slots: [Id; SLOTS],
    slots_len: usize,
}

impl Default for SkuLookup {
    fn default() -> Self {
        SkuLookup { entries: [Entry::default(); MAX_PROPS], len: 0, slots: [EMPTY; SLOTS], slots_len: 0 }
    }
}

impl SkuLookup {
    /// The property `pid` names and whether the listing chose `vid` for it.
    #[inline]
    pub fn get(&mut self, ctx: &Ctx<'_>, pid: Id, vid: Id) -> Found {
        let i = match self.entries[..self.len].iter().position(|e| e.pid == pid) {
            Some(i) => i,
            None if self.len < MAX_PROPS => self.learn(ctx, pid),
            None => return uncached(ctx, pid, vid),
        };
        let e = &self.entries[i];
        let (chosen, slot) = match e.vids {
            // Nearly always one probe, where a scan of the values would compare several.
            Some((start, mask)) => {
                let mut at = slot_of(vid, mask);
                loop {
                    match self.slots.get(start + at) {
                        Some(&v) if v == vid => break (true, (start + at) as u8),
                        Some(&v) if v != EMPTY => at = (at + 1) & mask,
                        _ => break (false, NO_SLOT),
                    }
                }
            }
            None => (e.prop_idx.is_some_and(|pi| ctx.has_value_at(pi, vid)), NO_SLOT),
        };
        Found { prop_idx: e.prop_idx, sale: e.sale, chosen, slot }
    }

    /// Adds `pid` to the table; returns its position. Once per property, so kept out of line.
    #[inline(never)]
    fn learn(&mut self, ctx: &Ctx<'_>, pid: Id) -> usize {
        let prop_idx = ctx.cat.prop_index(pid);
        let sale = prop_idx.is_some_and(|pi| ctx.cat.props[pi as usize].property.sale);
        let chosen = prop_idx.and_then(|pi| ctx.chosen(pi)).map(|rp| rp.values.as_slice()).unwrap_or(&[]);
        let n = chosen.iter().filter(|v| v.vid.is_some()).count();
        // Twice as many slots as values: probes stay short and always reach an empty slot.
        let mask = (2 * n).next_power_of_two() - 1;
        let start = self.slots_len;
        let fits = start + mask < SLOTS && chosen.iter().all(|v| v.vid != Some(EMPTY));
        let vids = if fits {
            for vid in chosen.iter().filter_map(|v| v.vid) {
                let mut at = slot_of(vid, mask);
                while let Some(slot) = self.slots.get_mut(start + at) {
                    if *slot == EMPTY || *slot == vid {
                        *slot = vid;
                        break;
                    }
                    at = (at + 1) & mask;
                }
            }
            self.slots_len = start + mask + 1;
            Some((start, mask))
        } else {
            None
        };
        let i = self.len;
        self.entries[i] = Entry { pid, prop_idx, sale, vids };
        self.len += 1;
        i
    }
}

/// Where in a region of `mask + 1` slots the probe for `vid` starts: the high bits of a
/// multiplicative hash, as value ids often share their low bits.
#[inline]
fn slot_of(vid: Id, mask: usize) -> usize {
    (crate::model::ids::spread(vid) >> 40) as usize & mask
}

/// [`SkuLookup::get`] without the table, once it is full.
#[cold]
fn uncached(ctx: &Ctx<'_>, pid: Id, vid: Id) -> Found {
    let prop_idx = ctx.cat.prop_index(pid);
    let sale = prop_idx.is_some_and(|pi| ctx.cat.props[pi as usize].property.sale);
    let chosen = prop_idx.is_some_and(|pi| ctx.has_value_at(pi, vid));
    Found { prop_idx, sale, chosen, slot: NO_SLOT }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use crate::validate::rules::testkit::*;
    use serde_json::{json, Value};

    #[test]
    fn pids_past_the_table_are_still_resolved_and_reported() {
        let mut l = tshirt();
        // Ten unknown pids fill the table before the SKUs' real properties come up again.
        let mut props: Vec<Value> = (1..=10).map(|pid| json!({"pid": pid, "vid": 1})).collect();
        props.push(json!({"pid": 1627207, "vid": 28321}));
        props.push(json!({"pid": 20509, "vid": 28385}));
        set(&mut l, "/skus/0/props", json!(props));
        let got = issues(l);
        let unknown: Vec<String> = (0..10).map(|k| format!("/skus/0/props/{k}")).collect();
        let paths: Vec<String> = got.iter().filter(|(c, _)| c == "PROP_UNKNOWN").map(|(_, p)| p.clone()).collect();
        assert_eq!(paths, unknown);
        // The value the listing did not choose is still told apart once the table is full.
        let not_in_props: Vec<&String> =
            got.iter().filter(|(c, _)| c == "SKU_VALUE_NOT_IN_PROPS").map(|(_, p)| p).collect();
        assert_eq!(not_in_props, vec!["/skus/0/props/11"]);
    }
}
