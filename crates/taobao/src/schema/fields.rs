//! What a field id stands for: a category property, the custom input of one, the SKU table,
//! or an item field of the listing.

use shelfcheck_core::model::rule_model::ITEM_FIELDS;

/// `prop_<pid>` → pid.
pub fn prop_pid(id: &str) -> Option<i64> {
    id.strip_prefix("prop_")?.parse().ok()
}

/// `in_prop_<pid>` (the text typed when a property's "other" option is chosen) → pid.
pub fn input_pid(id: &str) -> Option<i64> {
    id.strip_prefix("in_prop_")?.parse().ok()
}

/// `prop_extend_<pid>` (per-value aliases and pictures of a sale property) → pid.
pub fn extend_pid(id: &str) -> Option<i64> {
    id.strip_prefix("prop_extend_")?.parse().ok()
}

/// The id of the SKU table.
pub const SKU: &str = "sku";

/// The listing's item field a schema field id stands for, by the names the platform's item
/// and product schemas use.
pub fn item_field(id: &str) -> Option<&'static str> {
    let name = match id {
        "title" => "title",
        "price" => "price",
        "quantity" => "quantity",
        "description" | "desc" => "description",
        "item_images" | "product_images" | "main_images" => "images",
        "location" => "location",
        "outer_id" => "outer_id",
        "barcode" => "barcode",
        "stuff_status" => "stuff_status",
        _ => return None,
    };
    ITEM_FIELDS.iter().copied().find(|f| *f == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_told_apart() {
        assert_eq!(prop_pid("prop_20000"), Some(20000));
        assert_eq!(prop_pid("prop_extend_1627207"), None);
        assert_eq!(extend_pid("prop_extend_1627207"), Some(1627207));
        assert_eq!(input_pid("in_prop_34272"), Some(34272));
        assert_eq!(item_field("product_images"), Some("images"));
        assert_eq!(item_field("sell_points"), None);
        // Every name given is one the rule model knows.
        for id in
            ["title", "price", "quantity", "desc", "main_images", "location", "outer_id", "barcode", "stuff_status"]
        {
            assert!(item_field(id).is_some(), "{id}");
        }
    }
}
