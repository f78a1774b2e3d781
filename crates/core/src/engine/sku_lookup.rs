//! A per-listing table for resolving SKU pairs: each property the SKUs name by pid, with the
//! value ids the listing chose for it.
//!
//! A listing's SKUs name the same two or three sale properties over and over, and nearly every
//! value they give is one the listing chose. A scan of this short table answers, per pair, what
//! the category's pid map, the property's vid map and a walk of the listing's chosen values
//! would otherwise each answer again.

use super::Ctx;
use crate::ids::Id;
use smallvec::SmallVec;

/// Past this many properties the table stops growing and lookups go to the category's maps, so
/// that a listing naming thousands of pids does not turn every lookup into a long scan.
const MAX_PROPS: usize = 8;

/// Up to this many chosen values a property's list is scanned; longer ones are bisected.
const SCAN_VALUES: usize = 16;

/// One property the SKUs name.
struct Entry {
    pid: Id,
    /// Category property index; `None` when the category has no such pid.
    prop_idx: Option<u32>,
    sale: bool,
    /// The listing's chosen value ids for it, sorted: `vids[start..end]`.
    start: usize,
    end: usize,
}

/// What the table knows about one pair.
pub(super) struct Found {
    pub prop_idx: Option<u32>,
    /// The property is a sale property.
    pub sale: bool,
    /// The listing chose the value for the property ([`Ctx::has_value_at`]).
    pub chosen: bool,
}

/// The table; it starts empty and learns each property the first time a pair names it.
#[derive(Default)]
pub(super) struct SkuLookup {
    entries: SmallVec<[Entry; 4]>,
    /// Inline room for the values of a typical listing's sale properties: no allocation.
    vids: SmallVec<[Id; 32]>,
}

impl SkuLookup {
    /// The property `pid` names and whether the listing chose `vid` for it.
    #[inline]
    pub fn get(&mut self, ctx: &Ctx<'_>, pid: Id, vid: Id) -> Found {
        let i = match self.entries.iter().position(|e| e.pid == pid) {
            Some(i) => i,
            None if self.entries.len() < MAX_PROPS => self.learn(ctx, pid),
            None => return uncached(ctx, pid, vid),
        };
        let e = &self.entries[i];
        let vids = &self.vids[e.start..e.end];
        let chosen = if vids.len() <= SCAN_VALUES { vids.contains(&vid) } else { vids.binary_search(&vid).is_ok() };
        Found { prop_idx: e.prop_idx, sale: e.sale, chosen }
    }

    /// Adds `pid` to the table; returns its position. Once per property, so kept out of line.
    #[inline(never)]
    fn learn(&mut self, ctx: &Ctx<'_>, pid: Id) -> usize {
        let prop_idx = ctx.cat.prop_index(pid);
        let sale = prop_idx.is_some_and(|pi| ctx.cat.props[pi as usize].property.sale);
        let start = self.vids.len();
        if let Some(rp) = prop_idx.and_then(|pi| ctx.chosen(pi)) {
            self.vids.extend(rp.values.iter().filter_map(|v| v.vid));
            self.vids[start..].sort_unstable();
        }
        let end = self.vids.len();
        self.entries.push(Entry { pid, prop_idx, sale, start, end });
        self.entries.len() - 1
    }
}

/// [`SkuLookup::get`] without the table, once it is full.
#[cold]
fn uncached(ctx: &Ctx<'_>, pid: Id, vid: Id) -> Found {
    let prop_idx = ctx.cat.prop_index(pid);
    let sale = prop_idx.is_some_and(|pi| ctx.cat.props[pi as usize].property.sale);
    let chosen = prop_idx.is_some_and(|pi| ctx.has_value_at(pi, vid));
    Found { prop_idx, sale, chosen }
}
