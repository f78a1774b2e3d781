//! The compiled, indexed form of a snapshot.
//!
//! Compiling does all the work that does not depend on a listing: integrity checks, hash maps
//! keyed by id, normalised name tables, required and sale property lists. Validation then only
//! does lookups, which is what lets a backend check thousands of listings a second.
//!
//! The second stage of the pipeline: it takes a [`crate::model`] snapshot and hands the
//! [`Catalog`] to [`crate::validate`] (and to the forms and storage formats beside it).
//! [`check`] and [`unsatisfiable`] report what compiling finds wrong with a snapshot.

pub mod check;
pub(crate) mod compile;
mod id_map;
pub mod integrity;
pub(crate) mod prop_rules;
pub mod unsatisfiable;

use crate::input::normalize::normalize;
use crate::model::ids::Id;
use crate::model::snapshot::{
    AuditStatus, Category, Limits, Platform, PropValue, Property, SellerScope, Snapshot, Status,
};
pub(crate) use id_map::IdMap;
use rustc_hash::{FxHashMap, FxHashSet};

pub use integrity::{CompileError, Problem};

/// A compiled snapshot, ready to validate any number of listings.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub(crate) hash: String,
    pub(crate) platform: Platform,
    pub(crate) limits: Limits,
    pub(crate) built_at: Option<String>,
    pub(crate) source: Option<String>,
    pub(crate) categories: Vec<CompiledCategory>,
    pub(crate) by_id: IdMap,
    pub(crate) seller: Option<SellerIndex>,
    /// The scope as the snapshot gave it, for writing the binary form.
    pub(crate) seller_scope: Option<SellerScope>,
}

/// One category with its indexed properties.
///
/// The properties live in a [`CategoryBody`] that a category reached through JSON holds from
/// the start, and one loaded from the binary snapshot form decodes the first time it is used:
/// a platform of ten thousand categories loads in milliseconds when a run touches only a few.
/// `Deref` makes the body's fields read as the category's own, so the rules do not care which.
#[derive(Debug, Clone)]
pub struct CompiledCategory {
    /// The category as the snapshot gives it.
    pub category: Category,
    pub(crate) parent: Option<u32>,
    /// Normalised alternatives of each required proof.
    pub(crate) proofs: Vec<Vec<String>>,
    pub(crate) body: std::sync::OnceLock<CategoryBody>,
    /// Where the encoded body is, for a category loaded from the binary form.
    pub(crate) encoded: Option<crate::storage::binary::Section>,
}

/// The indexed properties of a category.
#[derive(Debug, Clone, Default)]
pub struct CategoryBody {
    pub(crate) props: Vec<CompiledProperty>,
    pub(crate) by_pid: IdMap,
    pub(crate) by_name: FxHashMap<String, Vec<u32>>,
    /// Required properties (indices into `props`).
    pub(crate) required: Vec<u32>,
    /// Properties required only while a condition holds (not in `required`).
    pub(crate) conditional: Vec<u32>,
    /// Sale properties in the sale order (see [`CompiledCategory::sale_rank`]).
    pub(crate) sale: Vec<u32>,
    /// Each property's position in `sale` (`u32::MAX`: not a live sale property).
    pub(crate) sale_pos: Vec<u32>,
    /// The kinds of constraint the properties have, together.
    pub(crate) constraint_kinds: prop_rules::ConstraintKinds,
    /// Why the body (from the binary form) could not be used; it is empty then.
    pub(crate) broken: Option<crate::storage::binary::BinaryError>,
}

impl std::ops::Deref for CompiledCategory {
    type Target = CategoryBody;

    fn deref(&self) -> &CategoryBody {
        // The decoder is called through the section's own pointer: only the binary loader
        // names it, so a build that never loads binary snapshots (the browser module) does not
        // link postcard and the body decoding.
        self.body.get_or_init(|| match &self.encoded {
            Some(section) => (section.decode)(section),
            None => CategoryBody::default(),
        })
    }
}

/// One property with its indexed values.
#[derive(Debug, Clone)]
pub struct CompiledProperty {
    /// The property as the snapshot gives it.
    pub property: Property,
    /// Its allowed values, in the snapshot's order.
    pub values: Vec<PropValue>,
    pub(crate) by_vid: IdMap,
    pub(crate) by_name: FxHashMap<String, Vec<u32>>,
    /// Compiled constraints; `None` for a property without any, so those cost nothing.
    pub(crate) rules: Option<Box<prop_rules::PropRules>>,
}

/// Seller scope, as sets.
#[derive(Debug, Clone)]
pub(crate) struct SellerIndex {
    pub categories: Option<FxHashSet<Id>>,
    pub brand_pids: FxHashSet<Id>,
    pub brands: Option<FxHashSet<(Id, Id)>>,
    pub account: Option<FxHashMap<Id, (AuditStatus, Option<String>)>>,
}

impl Catalog {
    /// Checks a snapshot's integrity and builds the indexed form.
    ///
    /// Every problem is reported at once, each naming the offending ids.
    pub fn compile(snapshot: Snapshot) -> Result<Catalog, CompileError> {
        compile::compile(snapshot)
    }

    /// Content hash of the snapshot, echoed by every report.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// The platform the snapshot describes.
    pub fn platform(&self) -> Platform {
        self.platform
    }

    /// The platform's limits (title, text, SKU count) the rules apply.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// When and from what the snapshot was built, as its header says.
    pub fn provenance(&self) -> (Option<&str>, Option<&str>) {
        (self.built_at.as_deref(), self.source.as_deref())
    }

    /// All categories in snapshot order.
    pub fn categories(&self) -> impl Iterator<Item = &CompiledCategory> {
        self.categories.iter()
    }

    /// A category by id.
    pub fn category(&self, id: Id) -> Option<&CompiledCategory> {
        self.by_id.get(&id).and_then(|&i| self.categories.get(i as usize))
    }

    /// Whether category `id`'s properties are usable: a category loaded from the binary form
    /// is decoded (once) and checked here. Unknown ids and JSON-compiled categories are fine.
    pub fn check_category(&self, id: Id) -> Result<(), crate::storage::binary::BinaryError> {
        match self.category(id).and_then(|c| c.broken.as_ref()) {
            Some(e) => Err(e.clone()),
            None => Ok(()),
        }
    }

    /// [`Catalog::check_category`] for every category: the first that is not usable. Decodes
    /// every body of a binary snapshot, so it costs what compiling its JSON would.
    pub fn verify(&self) -> Result<(), crate::storage::binary::BinaryError> {
        self.categories.iter().try_for_each(|c| match &c.broken {
            Some(e) => Err(e.clone()),
            None => Ok(()),
        })
    }

    /// The path from the top-level category down to `id` (inclusive). Compilation has
    /// rejected cycles, so the walk ends; it is bounded by the number of categories anyway.
    pub fn path(&self, id: Id) -> Vec<&CompiledCategory> {
        let mut out = Vec::new();
        let mut cur = self.by_id.get(&id).copied();
        while let Some(i) = cur {
            let Some(c) = self.categories.get(i as usize) else { break };
            out.push(c);
            if out.len() > self.categories.len() {
                break;
            }
            cur = c.parent;
        }
        out.reverse();
        out
    }

    /// Whether `id` or one of its ancestors is in `set`.
    pub(crate) fn in_subtree_of(&self, id: Id, set: &FxHashSet<Id>) -> bool {
        self.path(id).iter().any(|c| set.contains(&c.category.id))
    }
}

impl CompiledCategory {
    /// Properties of the category, in snapshot order.
    pub fn properties(&self) -> &[CompiledProperty] {
        &self.props
    }

    /// A property by pid.
    pub fn property(&self, pid: Id) -> Option<&CompiledProperty> {
        self.by_pid.get(&pid).and_then(|&i| self.props.get(i as usize))
    }

    pub(crate) fn prop_index(&self, pid: Id) -> Option<u32> {
        self.by_pid.get(&pid).copied()
    }

    /// Indices of properties whose normalised name is `name`.
    pub(crate) fn props_named(&self, name: &str) -> &[u32] {
        self.by_name.get(&normalize(name)).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Sale properties in the category's sale order (see [`CompiledCategory::sale_rank`]).
    pub fn sale_properties(&self) -> impl Iterator<Item = &CompiledProperty> {
        self.sale.iter().filter_map(|&i| self.props.get(i as usize))
    }

    /// Position of property `prop_idx` in the category's sale order: parents before the
    /// properties that depend on them, then as the platform sorts them (colour before size),
    /// then in snapshot order; never by id. SKU combinations, reports and the form descriptor
    /// all order sale properties by it. `usize::MAX` for a property that is not a live sale
    /// property.
    pub fn sale_rank(&self, prop_idx: u32) -> usize {
        match self.sale_pos.get(prop_idx as usize) {
            Some(&r) if r != u32::MAX => r as usize,
            _ => usize::MAX,
        }
    }

    /// Required properties.
    pub fn required_properties(&self) -> impl Iterator<Item = &CompiledProperty> {
        self.required.iter().filter_map(|&i| self.props.get(i as usize))
    }

    /// Whether `prop` takes values of the seller's own (negative value ids, typed text): as
    /// the property's constraints say when they do; otherwise a property that is not
    /// enum-only, or a sale property of a category whose sellers define their own sale values
    /// (Taobao `udsaleprop`, sent as `input_custom_cpv` in SKUs and in `props` alike).
    pub fn accepts_custom(&self, prop: &CompiledProperty) -> bool {
        let p = &prop.property;
        match p.constraints.as_deref().and_then(|c| c.custom_values) {
            Some(allowed) => allowed,
            None => p.input != crate::model::snapshot::InputMode::Enum || (p.sale && self.category.custom_sale_props),
        }
    }

    /// Whether the category accepts listings: a leaf, not deleted, not frozen.
    pub fn is_publishable(&self) -> bool {
        self.category.leaf && self.category.status == Status::Normal && !self.category.publish_frozen
    }

    /// Up to three property names close to `name`, for "did you mean" hints.
    pub(crate) fn suggest_props(&self, name: &str) -> Vec<String> {
        crate::input::suggest::closest(name, self.props.iter().map(|p| p.property.name.as_str()))
    }
}

impl CompiledProperty {
    /// The property's typed constraints, if it has any.
    pub fn constraints(&self) -> Option<&crate::model::snapshot::Constraints> {
        self.property.constraints.as_deref()
    }

    /// A value by vid.
    pub fn value(&self, vid: Id) -> Option<&PropValue> {
        self.by_vid.get(&vid).and_then(|&i| self.values.get(i as usize))
    }

    /// Values whose normalised name or alias is `name`. Exact name matches come first, so a
    /// value called `白色` wins over another value that merely uses `白色` as its alias.
    pub(crate) fn values_named(&self, name: &str) -> Vec<&PropValue> {
        let key = normalize(name);
        let Some(idx) = self.by_name.get(&key) else { return Vec::new() };
        let mut found: Vec<&PropValue> = idx.iter().filter_map(|&i| self.values.get(i as usize)).collect();
        let exact: Vec<&PropValue> = found.iter().copied().filter(|v| normalize(&v.name) == key).collect();
        if !exact.is_empty() {
            found = exact;
        }
        found
    }

    pub(crate) fn suggest_values(&self, name: &str) -> Vec<String> {
        crate::input::suggest::closest(name, self.values.iter().map(|v| v.name.as_str()))
    }

    /// Display name of a value id (the vid itself when unknown, e.g. a custom value).
    pub(crate) fn value_name(&self, vid: Id) -> String {
        self.value(vid).map(|v| v.name.clone()).unwrap_or_else(|| vid.to_string())
    }
}
