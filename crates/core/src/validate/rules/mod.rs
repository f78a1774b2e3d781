//! The rules, one module each, run in the order of [`RULES`].
//!
//! Reference problems (unknown or ambiguous properties and values, bad native strings) are
//! found while resolving the listing, in `engine::resolve` and `engine::resolve_sku`; the
//! category rule runs first because without a usable category nothing else can be checked.

pub(crate) mod alias;
pub(crate) mod aliases_total;
pub(crate) mod amount;
pub(crate) mod brand;
pub(crate) mod category;
pub(crate) mod dependency;
pub(crate) mod field_required;
pub(crate) mod field_unknown;
pub(crate) mod incomplete;
pub(crate) mod item_price;
pub(crate) mod item_quantity;
pub(crate) mod market_price;
pub(crate) mod outer_id;
pub(crate) mod price_range;
pub(crate) mod price_tiers;
pub(crate) mod prop_disabled;
pub(crate) mod prop_values;
pub(crate) mod props_string;
pub(crate) mod qualification;
pub(crate) mod required;
pub(crate) mod scope;
pub(crate) mod sku_combinations;
pub(crate) mod sku_duplicate;
pub(crate) mod sku_limit;
pub(crate) mod sku_price;
pub(crate) mod sku_props_missing;
pub(crate) mod sku_quantity_range;
pub(crate) mod sku_repeated;
pub(crate) mod sku_required;
pub(crate) mod sku_values;
pub(crate) mod stuff_status;
#[cfg(test)]
pub(crate) mod testkit;
pub(crate) mod typed;
pub(crate) mod typed_input;
pub(crate) mod value_count;
pub(crate) mod value_length;
pub(crate) mod value_pattern;
pub(crate) mod value_range;
pub(crate) mod value_type;

use crate::report::{Code, Sink};
use crate::validate::engine::Ctx;

/// One rule: what it reports and how it checks.
pub(crate) struct Rule {
    /// Every code `check` can raise; `engine::registry_tests` holds the rules to it.
    #[cfg_attr(not(test), expect(dead_code, reason = "read by the registry test only"))]
    pub codes: &'static [Code],
    pub check: fn(&Ctx<'_>, &mut Sink),
}

/// Every rule after category resolution, in report order.
pub(crate) const RULES: &[Rule] = &[
    field_unknown::RULE,
    scope::RULE,
    qualification::RULE,
    title::RULE,
    field_required::RULE,
    stuff_status::RULE,
    outer_id::RULE,
    prop_values::RULE,
    value_type::RULE,
    value_length::RULE,
    value_range::RULE,
    value_pattern::RULE,
    value_count::RULE,
    typed_input::RULE,
    dependency::RULE,
    prop_disabled::RULE,
    required::RULE,
    brand::RULE,
    alias::RULE,
    aliases_total::RULE,
    props_string::RULE,
    sku_limit::RULE,
    sku_required::RULE,
    sku_values::RULE,
    sku_repeated::RULE,
    sku_props_missing::RULE,
    sku_duplicate::RULE,
    sku_price::RULE,
    price_range::RULE,
    market_price::RULE,
    sku_quantity_range::RULE,
    item_price::RULE,
    item_quantity::RULE,
    price_tiers::RULE,
    sku_combinations::RULE,
];

pub(crate) mod title;
