//! Matches each SKU's property/value pairs to the category's sale properties.
//!
//! Reports `PROP_UNKNOWN`, `SKU_PROP_NOT_SALE`, `SKU_VALUE_UNKNOWN` and ambiguous value names
//! for SKU pairs. All pairs of all SKUs live in one flat vector, so resolving 60 SKUs costs
//! two allocations, not sixty.

use super::resolve::depth;
use super::sku_lookup::{SkuLookup, NO_SLOT, SLOTS};
use super::Ctx;
use crate::input::listing::{parse_native_pairs, Sku, SkuPropRef, SkuProps};
use crate::model::ids::Id;
use crate::report::{Code, IssueKind, Sink};
use rustc_hash::FxHasher;
use smallvec::SmallVec;
use std::cell::OnceCell;
use std::hash::Hasher;

/// One resolved pair of a SKU.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SkuPair {
    pub prop_idx: u32,
    pub pid: Id,
    pub vid: Id,
    /// Index of the pair in the SKU's list (for paths).
    pub k: usize,
    /// The listing chose this value for the property ([`Ctx::has_value_at`]).
    pub chosen: bool,
    /// Where the per-listing lookup table holds the value, or [`NO_SLOT`]: equal slots mean
    /// equal property and value.
    slot: u8,
}

/// One SKU: its pairs are `pairs[start..start + len]`, sorted by pid.
#[derive(Debug, Clone)]
pub(crate) struct ResolvedSku {
    pub index: usize,
    start: usize,
    len: usize,
    /// Every pair resolved: the combination is exactly what the seller meant.
    pub complete: bool,
    /// The pairs came from a native string: paths end at the string.
    pub native: bool,
    /// No property has two pairs (the sorted pairs have no equal neighbouring pids).
    distinct: bool,
}

impl ResolvedSku {
    /// Whether the SKU names some property in more than one pair.
    pub fn repeats_a_prop(&self) -> bool {
        !self.distinct
    }

    /// Whether the SKU's resolved pairs name exactly `n` properties, each once.
    pub fn names_each_once(&self, n: usize) -> bool {
        self.distinct && self.len == n
    }
}

/// What resolving notes about every pair, so that the questions of [`Skus`] are answered
/// without walking the pairs in the usual listing.
#[derive(Debug, Clone, Copy)]
struct PairSummary {
    /// Every pair's value is one the listing chose.
    all_chosen: bool,
    /// A bit per property index (modulo 64) the pairs name.
    bits: u64,
    /// Some pair names a property index of 64 or more.
    wide: bool,
}

impl Default for PairSummary {
    fn default() -> Self {
        PairSummary { all_chosen: true, bits: 0, wide: false }
    }
}

impl PairSummary {
    /// Notes one pair; branch-free, as it runs for every pair.
    #[inline(always)]
    fn note(&mut self, p: &SkuPair) {
        self.all_chosen &= p.chosen;
        self.bits |= 1 << (p.prop_idx % 64);
        self.wide |= p.prop_idx >= 64;
    }
}

/// All SKUs and the flat pair arena they index into, with the questions the SKU rules ask
/// about them. Each question answers from what resolving noted when that settles it, and
/// walks the SKUs otherwise, so a rule's answer never depends on how it was found.
#[derive(Debug, Clone, Default)]
pub(crate) struct Skus {
    pub list: Vec<ResolvedSku>,
    pairs: Vec<SkuPair>,
    /// The first complete SKU of each combination; built when resolving finds a repeat, and
    /// otherwise only when a rule asks ([`Skus::find`]).
    combinations: OnceCell<Combinations>,
    /// `(position, position of the earlier SKU it repeats)`, by position.
    duplicates: Vec<(u32, u32)>,
    summary: PairSummary,
    /// Every SKU is complete, names no property twice and has this many pairs; `None` when
    /// they differ or there are none.
    uniform: Option<usize>,
}

impl Skus {
    /// Whether some pair names category property `prop_idx`; one bit test in the usual case.
    pub fn names_prop(&self, prop_idx: u32) -> bool {
        if self.summary.wide {
            self.pairs.iter().any(|p| p.prop_idx == prop_idx)
        } else {
            prop_idx < 64 && self.summary.bits & (1 << prop_idx) != 0
        }
    }

    /// Adds to `props` each property the pairs name that it does not hold yet, in the order
    /// the pairs first name them.
    pub fn add_named_props<A: smallvec::Array<Item = u32>>(&self, props: &mut SmallVec<A>) {
        // The pairs name the same two or three properties over and over: a bit per property
        // index below 64 marks those already added, so that most pairs cost one test, and
        // the walk stops once every property the pairs name is in.
        let all = (!self.summary.wide).then_some(self.summary.bits);
        let mut added = 0u64;
        for p in &self.pairs {
            let bit = 1u64.checked_shl(p.prop_idx).unwrap_or(0);
            if added & bit != 0 {
                continue;
            }
            if !props.contains(&p.prop_idx) {
                props.push(p.prop_idx);
            }
            added |= bit;
            if Some(added) == all {
                break;
            }
        }
    }

    /// Every pair whose value the listing did not choose for its property, with its SKU.
    pub fn unchosen_pairs(&self) -> impl Iterator<Item = (&ResolvedSku, &SkuPair)> {
        let list = if self.summary.all_chosen { &[][..] } else { &self.list[..] };
        list.iter().flat_map(move |sku| self.pairs_of(sku).iter().filter(|p| !p.chosen).map(move |p| (sku, p)))
    }

    /// The SKUs that name some property in more than one pair.
    pub fn repeating_a_prop(&self) -> impl Iterator<Item = &ResolvedSku> {
        let list = if self.uniform.is_some() { &[][..] } else { &self.list[..] };
        list.iter().filter(|s| s.repeats_a_prop())
    }

    /// Whether there are SKUs and every one is complete and names exactly `n` properties,
    /// each once.
    pub fn all_name_each_once(&self, n: usize) -> bool {
        // `uniform` is worked out over every SKU, so it settles this exactly.
        self.uniform == Some(n)
    }

    /// Each SKU that repeats the combination of an earlier complete SKU, with that earlier
    /// SKU, in listing order.
    pub fn repeats(&self) -> impl Iterator<Item = (&ResolvedSku, &ResolvedSku)> {
        self.duplicates.iter().map(|&(pos, first)| (&self.list[pos as usize], &self.list[first as usize]))
    }

    /// How many distinct combinations the complete SKUs give that name `n` properties once
    /// each, every value one the listing chose.
    pub fn distinct_chosen_combinations(&self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        if let (Some(len), true) = (self.uniform, self.summary.all_chosen) {
            // Every SKU counts when it has `n` pairs, none otherwise; repeats count once.
            return if len == n { self.list.len() - self.duplicates.len() } else { 0 };
        }
        let counts = |sku: &ResolvedSku| {
            sku.complete
                && sku.names_each_once(n)
                && (self.summary.all_chosen || self.pairs_of(sku).iter().all(|p| p.chosen))
        };
        let cells = self.list.iter().filter(|s| counts(s)).count();
        let repeats = self.repeats().filter(|(sku, _)| counts(sku)).count();
        cells - repeats
    }

    /// The pairs of one SKU, sorted by pid and vid.
    pub fn pairs_of(&self, sku: &ResolvedSku) -> &[SkuPair] {
        &self.pairs[sku.start..sku.start + sku.len]
    }

    /// Position in `list` of a complete SKU whose combination is `combo` (sorted by pid, vid).
    pub fn find(&self, combo: impl Iterator<Item = (Id, Id)> + Clone) -> Option<u32> {
        self.combinations.get_or_init(|| self.table().0).locate(self, combo).ok()
    }

    /// Fills `combinations` and `duplicates`, unless [`Skus::no_repeats_by_slots`] shows
    /// there are no duplicates; then the table waits for [`Skus::find`].
    fn index(&mut self) {
        if !self.no_repeats_by_slots() {
            let (table, duplicates) = self.table();
            self.combinations = OnceCell::from(table);
            self.duplicates = duplicates;
        }
    }

    /// Whether every SKU is complete with two pairs of chosen values and no two SKUs share
    /// them. The two lookup slots of a SKU stand for its combination, so a bit per pair of
    /// slots settles it, with no hashing; `false` also when it cannot tell.
    fn no_repeats_by_slots(&self) -> bool {
        if self.uniform != Some(2) {
            return false;
        }
        let mut seen = [0u64; SLOTS * SLOTS / 64];
        for pair in self.pairs.chunks_exact(2) {
            let [a, b] = pair else { return false };
            if a.slot == NO_SLOT || b.slot == NO_SLOT {
                return false;
            }
            let key = a.slot as usize * SLOTS + b.slot as usize;
            let Some(word) = seen.get_mut(key / 64) else { return false };
            let bit = 1u64 << (key % 64);
            if *word & bit != 0 {
                return false;
            }
            *word |= bit;
        }
        true
    }

    /// The combinations table and the SKUs that repeat an earlier one, in one pass linear in
    /// the number of SKUs.
    fn table(&self) -> (Combinations, Vec<(u32, u32)>) {
        let mut index = Combinations::with_room(self.list.len());
        let mut duplicates = Vec::new();
        for (pos, sku) in self.list.iter().enumerate() {
            if !sku.complete || sku.len == 0 {
                continue;
            }
            match index.locate(self, self.pairs_of(sku).iter().map(|p| (p.pid, p.vid))) {
                Ok(first) => duplicates.push((pos as u32, first)),
                Err((i, tag)) => {
                    if let Some(slot) = index.slots.get_mut(i) {
                        *slot = tag | (pos as u64 + 1);
                    }
                }
            }
        }
        (index, duplicates)
    }
}

/// The combinations of complete SKUs: an open-addressing table, each slot 1 + the position of
/// the first SKU with a combination (0: empty) beside 32 bits of the combination's hash. The
/// hash bits spare nearly every comparison of pairs; comparing the pairs keeps answers exact
/// whatever the hashes do.
#[derive(Debug, Clone, Default)]
struct Combinations {
    slots: Vec<u64>,
}

impl Combinations {
    /// Room for `n` combinations: the table is never more than half full, so probes stay short
    /// and always reach an empty slot.
    fn with_room(n: usize) -> Self {
        Combinations { slots: vec![0; (2 * n).next_power_of_two()] }
    }

    /// `Ok(position of the first SKU with combo)`, or `Err((the empty slot it would take, its
    /// hash bits))`.
    #[inline]
    fn locate(&self, skus: &Skus, combo: impl Iterator<Item = (Id, Id)> + Clone) -> Result<u32, (usize, u64)> {
        const HIGH: u64 = !(u32::MAX as u64);
        let mut h = FxHasher::default();
        for (pid, vid) in combo.clone() {
            h.write_i64(pid);
            h.write_i64(vid);
        }
        let h = h.finish();
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = h as usize & mask;
        loop {
            let slot = match self.slots.get(i) {
                Some(&slot) if slot != 0 => slot,
                _ => return Err((i, h & HIGH)),
            };
            let first = slot as u32 - 1;
            if slot & HIGH == h & HIGH {
                let sku = &skus.list[first as usize];
                if skus.pairs_of(sku).iter().map(|p| (p.pid, p.vid)).eq(combo.clone()) {
                    return Ok(first);
                }
            }
            i = (i + 1) & mask;
        }
    }
}

/// JSON Pointer of pair `k` of SKU `j`.
pub(crate) fn pair_path(sku: &Sku, j: usize, k: usize) -> String {
    if sku.properties.is_some() {
        format!("/skus/{j}/properties")
    } else if matches!(sku.props, SkuProps::Native(_)) {
        format!("/skus/{j}/props")
    } else {
        format!("/skus/{j}/props/{k}")
    }
}

/// What [`resolve_skus`] and the listing's native `props` string can raise.
pub(super) const CODES: &[Code] = &[
    Code::NativeSyntaxInvalid,
    Code::PropUnknown,
    Code::PropNameAmbiguous,
    Code::SkuPropNotSale,
    Code::SkuValueUnknown,
    Code::PropValueAmbiguous,
];

// Kept out of `run`: inlined there, the pair loop is compiled with less room for its locals and
// costs more per pair.
#[inline(never)]
pub(super) fn resolve_skus(ctx: &Ctx<'_>, sink: &mut Sink) -> Skus {
    let skus = &ctx.listing.skus;
    let mut out = Skus::default();
    // Past the limit nothing else about the SKUs matters and checking them would be
    // unbounded work; the limit rule reports it.
    if skus.len() > ctx.catalog.limits.max_skus as usize {
        return out;
    }
    out.list.reserve(skus.len());
    out.pairs.reserve(skus.len() * 3);
    let mut lookup = SkuLookup::default();
    // Kept in a local while the pairs are read: this runs for every pair.
    let mut summary = PairSummary::default();
    for (j, sku) in skus.iter().enumerate() {
        let native_buf: Vec<SkuPropRef>;
        let (refs, native): (&[SkuPropRef], bool) = match (&sku.properties, &sku.props) {
            (Some(s), _) | (None, SkuProps::Native(s)) => match parse_native_pairs(s) {
                Ok(pairs) => {
                    native_buf = pairs
                        .into_iter()
                        .map(|(pid, vid)| SkuPropRef { pid: Some(pid), vid: Some(vid), ..SkuPropRef::default() })
                        .collect();
                    (&native_buf, true)
                }
                Err(e) => {
                    let path = pair_path(sku, j, 0);
                    sink.error(IssueKind::NativeSyntaxInvalid { offset: e.offset, fragment: e.fragment }, path);
                    out.list.push(ResolvedSku {
                        index: j,
                        start: out.pairs.len(),
                        len: 0,
                        complete: false,
                        native: true,
                        distinct: true,
                    });
                    continue;
                }
            },
            (None, SkuProps::List(list)) => (list, false),
        };
        let start = out.pairs.len();
        let mut complete = true;
        // A pair naming a property that several sale properties share (地市 under each 省份)
        // is settled after the others, because which one is meant depends on the SKU's other
        // values; parents first, whatever the listing's order (a 区县 needs its 地市).
        let mut deferred: Vec<usize> = Vec::new();
        for (k, r) in refs.iter().enumerate() {
            if r.pid.is_none() && r.name.as_deref().is_some_and(|n| shared_sale_name(ctx, n)) {
                deferred.push(k);
                continue;
            }
            let mut take = |p: SkuPair| {
                summary.note(&p);
                out.pairs.push(p)
            };
            // Each path pushes its own pair: one pair for both, merged, goes through memory
            // and is read back right after it is written.
            if let Some(p) = known_pair(ctx, &mut lookup, k, r) {
                take(p);
            } else if let Some(p) = resolve_pair(ctx, sku, j, k, r, &[], sink) {
                take(p);
            } else {
                complete = false;
            }
        }
        if !deferred.is_empty() {
            deferred.sort_by_key(|&k| refs[k].name.as_deref().map(|n| name_depth(ctx, n)));
            for k in deferred {
                match resolve_pair(ctx, sku, j, k, &refs[k], &out.pairs[start..], sink) {
                    Some(p) => {
                        summary.note(&p);
                        out.pairs.push(p)
                    }
                    None => complete = false,
                }
            }
        }
        // Most SKUs have two pairs: one comparison orders them, as the sort would. (Whether
        // they name one property twice is asked before the swap: read back right after it,
        // in WebAssembly the pids wait for the swap's writes to land.)
        let distinct = match &mut out.pairs[start..] {
            [a, b] => {
                let distinct = a.pid != b.pid;
                if (b.pid, b.vid) < (a.pid, a.vid) {
                    std::mem::swap(a, b);
                }
                distinct
            }
            own => {
                own.sort_unstable_by_key(|p| (p.pid, p.vid));
                own.windows(2).all(|w| w[0].pid != w[1].pid)
            }
        };
        let len = out.pairs.len() - start;
        out.list.push(ResolvedSku { index: j, start, len, complete, native, distinct });
    }
    out.summary = summary;
    out.uniform =
        out.list.first().map(|s| s.len).filter(|&n| out.list.iter().all(|s| s.complete && s.distinct && s.len == n));
    out.index();
    out
}

/// Whether several sale properties of the category share this name.
fn shared_sale_name(ctx: &Ctx<'_>, name: &str) -> bool {
    ctx.cat.props_named(name).iter().filter(|&&i| ctx.cat.props[i as usize].property.sale).nth(1).is_some()
}

/// The least dependency depth among the properties of this name.
fn name_depth(ctx: &Ctx<'_>, name: &str) -> usize {
    ctx.cat.props_named(name).iter().map(|&i| depth(ctx.cat, i)).min().unwrap_or(0)
}

/// The usual pair, a known sale property and one of its values by id, without the general
/// path's name handling and reporting: `None` sends the pair down [`resolve_pair`], which
/// decides it the same way and reports what is wrong. Nearly every pair takes this path.
#[inline]
fn known_pair(ctx: &Ctx<'_>, lookup: &mut SkuLookup, k: usize, r: &SkuPropRef) -> Option<SkuPair> {
    let (pid, vid) = (r.pid?, r.vid?);
    let found = lookup.get(ctx, pid, vid);
    let prop_idx = found.prop_idx?;
    // A chosen value that is not the seller's own was found in the catalog when the listing's
    // properties were resolved: only the others need the property's value map.
    let known = found.sale && ((found.chosen && vid >= 0) || ctx.cat.props[prop_idx as usize].value(vid).is_some());
    known.then_some(SkuPair { prop_idx, pid, vid, k, chosen: found.chosen, slot: found.slot })
}

/// Resolves pair `k` of SKU `j`; `known` holds the SKU's pairs resolved so far, which settle a
/// name shared by several sale properties.
fn resolve_pair(
    ctx: &Ctx<'_>,
    sku: &Sku,
    j: usize,
    k: usize,
    r: &SkuPropRef,
    known: &[SkuPair],
    sink: &mut Sink,
) -> Option<SkuPair> {
    let cat = ctx.cat;
    let prop_idx = match (r.pid, r.name.as_deref()) {
        (Some(pid), _) => cat.prop_index(pid),
        (None, Some(name)) => {
            // Among same-named properties only a sale property can be meant here.
            let named = cat.props_named(name);
            let sale: Vec<u32> = named.iter().copied().filter(|&i| cat.props[i as usize].property.sale).collect();
            match sale.as_slice() {
                [one] => Some(*one),
                [] => named.first().copied(),
                _ => {
                    // The one that applies to this SKU and has the value is meant; when none
                    // has it, the one that applies, so that the value is what gets reported.
                    let applying: Vec<u32> =
                        sale.iter().copied().filter(|&i| ctx.applies_to_sku(&cat.props[i as usize], known)).collect();
                    let fitting: Vec<u32> = applying
                        .iter()
                        .copied()
                        .filter(|&i| {
                            let p = &cat.props[i as usize];
                            match (r.vid, r.value.as_deref()) {
                                (Some(vid), _) => p.value(vid).is_some(),
                                (None, Some(v)) => !p.values_named(v).is_empty(),
                                (None, None) => true,
                            }
                        })
                        .collect();
                    if let ([one], _) | ([], [one]) = (fitting.as_slice(), applying.as_slice()) {
                        Some(*one)
                    } else {
                        let candidates = sale.iter().map(|&i| cat.props[i as usize].property.pid).collect();
                        sink.error(
                            IssueKind::PropNameAmbiguous { name: name.to_owned(), candidates },
                            pair_path(sku, j, k),
                        );
                        return None;
                    }
                }
            }
        }
        (None, None) => None,
    };
    let Some(prop_idx) = prop_idx else {
        let suggestions = r.name.as_deref().map(|n| cat.suggest_props(n)).unwrap_or_default();
        sink.error(IssueKind::PropUnknown { pid: r.pid, name: r.name.clone(), suggestions }, pair_path(sku, j, k));
        return None;
    };
    let prop = &cat.props[prop_idx as usize];
    let (pid, pname) = (prop.property.pid, &prop.property.name);
    if !prop.property.sale {
        sink.error(IssueKind::SkuPropNotSale { pid, prop: pname.clone() }, pair_path(sku, j, k));
        return None;
    }
    let unknown = |vid: Option<Id>, value: Option<String>, suggestions: Vec<String>| IssueKind::SkuValueUnknown {
        pid,
        prop: pname.clone(),
        vid,
        value,
        suggestions,
    };
    let custom_ok = cat.accepts_custom(prop);
    let vid = match (r.vid, r.value.as_deref()) {
        (Some(vid), _) if prop.value(vid).is_some() || (vid < 0 && custom_ok) => vid,
        (Some(vid), _) => {
            sink.error(unknown(Some(vid), None, Vec::new()), pair_path(sku, j, k));
            return None;
        }
        (None, Some(name)) => match prop.values_named(name).as_slice() {
            [v] => v.vid,
            [] => {
                sink.error(unknown(None, Some(name.to_owned()), prop.suggest_values(name)), pair_path(sku, j, k));
                return None;
            }
            many => {
                let candidates = many.iter().map(|v| v.vid).collect();
                let kind =
                    IssueKind::PropValueAmbiguous { pid, prop: pname.clone(), value: name.to_owned(), candidates };
                sink.error(kind, pair_path(sku, j, k));
                return None;
            }
        },
        (None, None) => {
            sink.error(unknown(None, None, Vec::new()), pair_path(sku, j, k));
            return None;
        }
    };
    Some(SkuPair { prop_idx, pid, vid, k, chosen: ctx.has_value_at(prop_idx, vid), slot: NO_SLOT })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::{PairSummary, ResolvedSku, Skus};
    use crate::report::Sink;
    use crate::validate::engine::resolved;
    use crate::validate::rules::testkit::{fixtures, pairs, run};
    use crate::{Catalog, ValidateOptions};
    use serde_json::{json, Value};
    use smallvec::SmallVec;

    /// The questions of [`Skus`] answered by walking every SKU and pair, with no shortcut.
    struct Walked<'s>(&'s Skus);

    impl Walked<'_> {
        fn counts(&self, sku: &ResolvedSku, n: usize) -> bool {
            sku.complete && sku.names_each_once(n) && self.0.pairs_of(sku).iter().all(|p| p.chosen)
        }

        fn distinct_chosen_combinations(&self, n: usize) -> usize {
            let skus = self.0;
            let (_, duplicates) = skus.table();
            let cells = skus.list.iter().filter(|s| n > 0 && self.counts(s, n)).count();
            cells - duplicates.iter().filter(|&&(pos, _)| n > 0 && self.counts(&skus.list[pos as usize], n)).count()
        }
    }

    #[test]
    fn every_question_gets_the_answer_a_walk_of_the_skus_gives() {
        let (catalogs, cases) = fixtures();
        let mut asked = 0;
        for case in &cases {
            let mut sink = Sink::new(false, usize::MAX);
            let catalog = &catalogs[&case.snapshot];
            let Some(skus) = resolved(catalog, &case.listing, &case.options, &mut sink, |ctx, _| ctx.skus.clone())
            else {
                continue;
            };
            let walked = Walked(&skus);
            let file = &case.file;
            let unchosen: Vec<(usize, usize)> = skus
                .list
                .iter()
                .flat_map(|s| skus.pairs_of(s).iter().filter(|p| !p.chosen).map(|p| (s.index, p.k)))
                .collect();
            assert_eq!(skus.unchosen_pairs().map(|(s, p)| (s.index, p.k)).collect::<Vec<_>>(), unchosen, "{file}");
            let repeating: Vec<usize> = skus.list.iter().filter(|s| s.repeats_a_prop()).map(|s| s.index).collect();
            assert_eq!(skus.repeating_a_prop().map(|s| s.index).collect::<Vec<_>>(), repeating, "{file}");
            assert_eq!(
                skus.repeats().map(|(a, b)| (a.index, b.index)).collect::<Vec<_>>(),
                {
                    let (_, duplicates) = skus.table();
                    duplicates
                        .iter()
                        .map(|&(a, b)| (skus.list[a as usize].index, skus.list[b as usize].index))
                        .collect::<Vec<_>>()
                },
                "{file}"
            );
            for n in 0..5 {
                let all = !skus.list.is_empty() && skus.list.iter().all(|s| s.complete && s.names_each_once(n));
                assert_eq!(skus.all_name_each_once(n), all, "{file}: {n}");
                assert_eq!(skus.distinct_chosen_combinations(n), walked.distinct_chosen_combinations(n), "{file}: {n}");
            }
            let mut named: SmallVec<[u32; 8]> = SmallVec::new();
            skus.add_named_props(&mut named);
            let mut walked_named: Vec<u32> = Vec::new();
            for p in &skus.pairs {
                if !walked_named.contains(&p.prop_idx) {
                    walked_named.push(p.prop_idx);
                }
                assert!(skus.names_prop(p.prop_idx), "{file}");
            }
            assert_eq!(named.to_vec(), walked_named, "{file}");
            // Without what resolving noted, the answers are the same.
            let plain =
                Skus { summary: PairSummary { all_chosen: false, bits: 0, wide: true }, uniform: None, ..skus.clone() };
            assert_eq!(plain.unchosen_pairs().count(), unchosen.len(), "{file}");
            for n in 0..5 {
                assert_eq!(plain.distinct_chosen_combinations(n), skus.distinct_chosen_combinations(n), "{file}: {n}");
            }
            asked += 1;
        }
        assert!(asked > 100, "only {asked} fixtures asked");
    }

    /// One 地市 property per 省份, sharing a name and a value (其它区), and one 区县 property
    /// per 地市, sharing a name and a value (西湖区), as Taobao has them.
    fn cities() -> Catalog {
        let value = |pid: i64, vid: i64, name: &str| json!({"category_id": 1, "pid": pid, "vid": vid, "name": name});
        let snapshot = json!({"format": 1, "platform": "taobao",
            "categories": [{"id": 1, "name": "同城服务", "leaf": true}],
            "properties": [
                {"category_id": 1, "pid": 10, "name": "省份", "sale": true, "multi": true},
                {"category_id": 1, "pid": 11, "name": "地市", "sale": true, "parent_pid": 10, "parent_vid": 1},
                {"category_id": 1, "pid": 12, "name": "地市", "sale": true, "parent_pid": 10, "parent_vid": 2},
                {"category_id": 1, "pid": 13, "name": "区县", "sale": true, "parent_pid": 11, "parent_vid": 900},
                {"category_id": 1, "pid": 14, "name": "区县", "sale": true, "parent_pid": 12, "parent_vid": 200}],
            "values": [value(10, 1, "上海"), value(10, 2, "浙江省"), value(11, 900, "其它区"),
                       value(12, 200, "杭州市"), value(12, 900, "其它区"), value(13, 500, "西湖区"),
                       value(14, 500, "西湖区")]});
        Catalog::compile(serde_json::from_value(snapshot).unwrap()).unwrap()
    }

    fn listing(skus: Value) -> Value {
        json!({"category_id": 1, "title": "同城服务",
               "props": [{"pid": 10, "vids": [1, 2]}, {"pid": 11, "vids": [900]}, {"pid": 12, "vids": [200]}],
               "skus": skus})
    }

    #[test]
    fn a_shared_name_is_settled_by_the_value_and_the_skus_other_pairs() {
        let skus = json!([
            {"props": [{"name": "省份", "value": "浙江省"}, {"name": "地市", "value": "杭州市"}], "price": 1, "quantity": 1},
            // Listed before its province, and a value both 地市 have: the province decides.
            {"props": [{"name": "地市", "value": "其它区"}, {"name": "省份", "value": "上海"}], "price": 1, "quantity": 1}
        ]);
        assert_eq!(pairs(&run(&cities(), listing(skus), &ValidateOptions::default())), vec![]);
    }

    #[test]
    fn shared_names_are_settled_parents_first_whatever_the_order() {
        let listing = json!({"category_id": 1, "title": "同城服务",
            "props": [{"name": "区县", "values": ["西湖区"]}, {"name": "地市", "values": ["杭州市"]},
                      {"pid": 10, "vids": [2]}],
            "skus": [{"props": [{"name": "区县", "value": "西湖区"}, {"name": "地市", "value": "杭州市"},
                                {"pid": 10, "vid": 2}], "price": 1, "quantity": 1}]});
        assert_eq!(pairs(&run(&cities(), listing, &ValidateOptions::default())), vec![]);
    }

    #[test]
    fn an_unknown_value_under_a_shared_name_is_reported_as_such() {
        let skus = json!([
            {"props": [{"pid": 10, "vid": 2}, {"name": "地市", "value": "宁波市"}], "price": 1, "quantity": 1}
        ]);
        let got = pairs(&run(&cities(), listing(skus), &ValidateOptions::default()));
        assert_eq!(got[0], ("SKU_VALUE_UNKNOWN".to_owned(), "/skus/0/props/1".to_owned()));
    }

    #[test]
    fn a_shared_name_nothing_settles_is_ambiguous() {
        let skus = json!([
            {"props": [{"pid": 10, "vid": 2}, {"pid": 12, "vid": 200}], "price": 1, "quantity": 1},
            {"props": [{"pid": 10, "vid": 1}, {"pid": 11, "vid": 900}], "price": 1, "quantity": 1},
            {"props": [{"name": "地市", "value": "其它区"}], "price": 1, "quantity": 1}
        ]);
        let got = pairs(&run(&cities(), listing(skus), &ValidateOptions::default()));
        assert_eq!(got, vec![("PROP_NAME_AMBIGUOUS".to_owned(), "/skus/2/props/0".to_owned())]);
    }
}
