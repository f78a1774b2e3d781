//! WeChat shop (视频号小店 / 微信小店) categories: the three-level tree
//! (`channels.ec.category.all`, or the custom trade component's `shop.cat.get`) and each leaf's
//! detail (`channels.ec.category.detail`: typed attributes, floor price, brand limit, product
//! qualifications), as the snapshot's categories, properties, values and rules.
//!
//! Shop attributes and their options have names but no ids; properties and values get ids
//! derived from their names (see [`name_id`]), so they stay the same from one answer to the
//! next and listings may refer to them by name.

mod detail;
mod model;
mod tree;

pub use detail::{detail_rules, DetailRules};
pub use model::*;
pub use tree::{chain_categories, third_cat_categories};

/// Method names used in recordings.
pub const SHOP_ALL_METHOD: &str = "channels.ec.category.all";
pub const SHOP_DETAIL_METHOD: &str = "channels.ec.category.detail";
pub const SHOP_CAT_METHOD: &str = "shop.cat.get";

/// The name of the property a brand-limited category's brands are listed under.
pub const BRAND_PROPERTY: &str = "品牌";

/// A stable id for a name: FNV-1a over its UTF-8 bytes, kept to 53 bits (exact in JavaScript)
/// and never 0 (which means "none" for a parent).
pub fn name_id(name: &str) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    ((h >> 11) as i64).max(1)
}

/// The id of a value: its property's name and its own, so that equal option names under
/// different attributes differ.
pub(crate) fn value_id(property: &str, value: &str) -> i64 {
    name_id(&format!("{property}\u{1f}{value}"))
}
