//! Validation: resolve the listing's references against the catalog, then run every rule.
//!
//! Paths are kept as indices while the rules run and only formatted into JSON Pointers when
//! an issue is reported, so a valid listing costs no string allocation per value.

pub(crate) mod condition;
#[cfg(test)]
mod registry_tests;
mod resolve;
mod resolve_sku;
mod sku_facts;
mod sku_lookup;

use crate::catalog::{Catalog, CompiledCategory, CompiledProperty};
use crate::input::listing::{group_native, parse_native_pairs, Listing, PropInput, Props};
use crate::model::ids::Id;
use crate::report::{Code, IssueKind, Report, Sink};
use crate::validate::options::ValidateOptions;
use crate::validate::rules;
use smallvec::SmallVec;
use std::cell::OnceCell;

pub(crate) use resolve_sku::{pair_path, ResolvedSku, SkuPair, Skus};
pub(crate) use sku_facts::{PriceAt, SkuFacts};

/// Where a property value came from in the listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueAt {
    Vid(usize),
    Name(usize),
    Text,
}

/// One chosen value of a resolved property.
#[derive(Debug, Clone)]
pub(crate) struct ResolvedValue<'a> {
    /// Known or negative (seller-defined) value id; `None` for free text.
    pub vid: Option<Id>,
    pub text: Option<&'a str>,
    pub at: ValueAt,
}

/// A listing property matched to a category property.
#[derive(Debug, Clone)]
pub(crate) struct ResolvedProp<'a> {
    /// Index in the listing's property list.
    pub input: usize,
    pub prop: &'a CompiledProperty,
    /// Most properties take one or two values: those stay inline, with no allocation.
    pub values: SmallVec<[ResolvedValue<'a>; 2]>,
    /// Some value id may be of a deleted value. False only when resolving looked every id up
    /// and found none deleted, which spares the rules a second lookup per value.
    pub maybe_deleted: bool,
}

/// Everything the rules look at.
pub(crate) struct Ctx<'a> {
    pub catalog: &'a Catalog,
    pub listing: &'a Listing,
    pub options: &'a ValidateOptions,
    pub cat: &'a CompiledCategory,
    pub inputs: &'a [PropInput],
    /// The listing gave `props` as a native string: every property path is `/props`.
    pub native_props: bool,
    pub props: Vec<ResolvedProp<'a>>,
    /// Category property index → 1 + index into `props` (0: not chosen). Inline up to 64
    /// properties, which most categories have fewer of: no allocation per listing.
    pub slot: SmallVec<[u32; 64]>,
    pub skus: Skus,
    /// What the SKU rules ask of every SKU's price, quantity, market price and outer id,
    /// read once on first use: seven rules would each walk every SKU otherwise.
    pub sku_facts: OnceCell<SkuFacts>,
}

impl<'a> Ctx<'a> {
    /// The value of listing SKU `j`'s price when it is a valid price.
    pub fn sku_price(&self, j: usize) -> Option<f64> {
        self.sku_facts().prices.get(j).copied().flatten()
    }

    /// The facts of the listing's SKUs ([`SkuFacts`]).
    pub fn sku_facts(&self) -> &SkuFacts {
        self.sku_facts.get_or_init(|| {
            // Resolving keeps every SKU or, past the SKU limit, none.
            let all = self.skus.list.len() == self.listing.skus.len();
            SkuFacts::of(if all { &self.listing.skus } else { &[] })
        })
    }

    /// JSON Pointer of listing property `input`.
    pub fn prop_path(&self, input: usize) -> String {
        if self.native_props {
            "/props".to_owned()
        } else {
            format!("/props/{input}")
        }
    }

    /// JSON Pointer of one value of listing property `input`.
    pub fn value_path(&self, input: usize, at: ValueAt) -> String {
        value_path(self.native_props, input, at)
    }

    /// The resolved listing property for a category property, if chosen.
    pub fn chosen(&self, prop_idx: u32) -> Option<&ResolvedProp<'a>> {
        match self.slot.get(prop_idx as usize) {
            Some(&s) if s > 0 => self.props.get(s as usize - 1),
            _ => None,
        }
    }

    /// Whether the listing chose value `vid` of property `pid`.
    pub fn has_value(&self, pid: Id, vid: Id) -> bool {
        self.cat.prop_index(pid).is_some_and(|i| self.has_value_at(i, vid))
    }

    /// [`Ctx::has_value`] by category property index (no id lookup).
    pub fn has_value_at(&self, prop_idx: u32, vid: Id) -> bool {
        self.chosen(prop_idx).is_some_and(|r| r.values.iter().any(|v| v.vid == Some(vid)))
    }

    /// How a seller knows value `vid` of property `pid`: its name, or for a value of the
    /// seller's own (negative id) the alias the listing gives it; the id when neither exists.
    pub fn value_label(&self, pid: Id, vid: Id) -> String {
        let Some(pi) = self.cat.prop_index(pid) else { return vid.to_string() };
        if let Some(v) = self.cat.props[pi as usize].value(vid) {
            return v.name.clone();
        }
        self.chosen(pi)
            .and_then(|r| self.inputs.get(r.input))
            .and_then(|input| input.aliases.get(&vid.to_string()).cloned())
            .unwrap_or_else(|| vid.to_string())
    }

    /// A SKU's pairs in the category's order of sale properties (colour before size, as the
    /// platform lists them) rather than the order they are indexed in (by id), for reports.
    pub fn in_sale_order<'p>(&self, pairs: &'p [SkuPair]) -> SmallVec<[&'p SkuPair; 4]> {
        let mut out: SmallVec<[&SkuPair; 4]> = pairs.iter().collect();
        out.sort_by_key(|p| self.cat.sale_rank(p.prop_idx));
        out
    }

    /// Whether a property applies to the listing: no dependency, or its parent value chosen.
    pub fn applies(&self, prop: &CompiledProperty) -> bool {
        prop.property.parent().is_none_or(|(p, v)| self.has_value(p, v))
    }

    /// Whether a sale property applies to one SKU: its parent value must be in the SKU when
    /// the parent is a sale property, or among the listing's values otherwise.
    pub fn applies_to_sku(&self, prop: &CompiledProperty, pairs: &[SkuPair]) -> bool {
        let Some((ppid, pvid)) = prop.property.parent() else { return true };
        match self.cat.property(ppid) {
            Some(parent) if parent.property.sale => pairs.iter().any(|p| p.pid == ppid && p.vid == pvid),
            _ => self.has_value(ppid, pvid),
        }
    }
}

/// [`Ctx::value_path`] without the context, for code that holds part of it mutably.
fn value_path(native_props: bool, input: usize, at: ValueAt) -> String {
    if native_props {
        return "/props".to_owned();
    }
    match at {
        ValueAt::Vid(j) => format!("/props/{input}/vids/{j}"),
        ValueAt::Name(j) => format!("/props/{input}/values/{j}"),
        ValueAt::Text => format!("/props/{input}/text"),
    }
}

/// Validates `listing`; `sink` decides whether to stop at the first error.
pub(crate) fn run(catalog: &Catalog, listing: &Listing, options: &ValidateOptions, sink: &mut Sink) {
    resolved(catalog, listing, options, sink, |ctx, sink| {
        for rule in rules::RULES {
            if sink.done() {
                return;
            }
            (rule.check)(ctx, sink);
        }
    });
}

/// Resolves the listing's category, properties and SKUs, reporting what does not resolve,
/// and hands the result to `then`; `None` when the category cannot be checked at all.
#[inline(always)]
pub(crate) fn resolved<R>(
    catalog: &Catalog,
    listing: &Listing,
    options: &ValidateOptions,
    sink: &mut Sink,
    then: impl FnOnce(&Ctx<'_>, &mut Sink) -> R,
) -> Option<R> {
    let cat = rules::category::check(catalog, listing, sink)?;
    if !rules::incomplete::check(cat, options, sink) {
        return None;
    }
    let native;
    let (inputs, native_props): (&[PropInput], bool) = match &listing.props {
        Props::List(list) => (list, false),
        Props::Native(s) => match parse_native_pairs(s) {
            Ok(pairs) => {
                native = group_native(&pairs);
                (&native, true)
            }
            Err(e) => {
                sink.error(IssueKind::NativeSyntaxInvalid { offset: e.offset, fragment: e.fragment }, "/props");
                (&[], true)
            }
        },
    };
    let mut ctx = Ctx {
        catalog,
        listing,
        options,
        cat,
        inputs,
        native_props,
        props: Vec::with_capacity(inputs.len()),
        slot: SmallVec::new(),
        skus: Skus::default(),
        sku_facts: OnceCell::new(),
    };
    // Filled in place: a table built aside is moved in twice, each move a call in WebAssembly.
    ctx.slot.resize(cat.props.len(), 0);
    resolve::resolve_props(&mut ctx, sink);
    ctx.skus = resolve_sku::resolve_skus(&ctx, sink);
    Some(then(&ctx, sink))
}

/// Every code that resolving the category, the properties and the SKUs can raise, before any
/// rule of [`rules::RULES`] runs.
#[cfg_attr(not(test), expect(dead_code, reason = "read by the registry test only"))]
pub(crate) const RESOLUTION_CODES: &[&[Code]] =
    &[rules::category::CODES, rules::incomplete::CODES, resolve::CODES, resolve_sku::CODES];

impl Catalog {
    /// Validates a listing and reports every issue.
    pub fn validate(&self, listing: &Listing, options: &ValidateOptions) -> Report {
        let mut sink = Sink::new(false, options.max_issues);
        run(self, listing, options, &mut sink);
        let names = crate::report::messages::Names::of(self.category(listing.category_id));
        sink.into_report(&self.hash, options.locale, &names)
    }

    /// Whether a listing has no errors, with default options. Stops at the first error and
    /// builds no messages, so it is the cheapest answer.
    pub fn is_valid(&self, listing: &Listing) -> bool {
        self.is_valid_with(listing, &ValidateOptions::default())
    }

    /// [`Catalog::is_valid`] with explicit options.
    pub fn is_valid_with(&self, listing: &Listing, options: &ValidateOptions) -> bool {
        let mut sink = Sink::new(true, options.max_issues);
        run(self, listing, options, &mut sink);
        !sink.has_errors()
    }
}
