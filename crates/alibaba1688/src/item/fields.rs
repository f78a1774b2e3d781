//! Every field of a OneBound `item_get` answer and what the importer does with it, so that a
//! field the provider adds later shows up as unaccounted instead of being silently dropped.

/// What happens to a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// Becomes part of the listing (the text says where).
    Mapped(&'static str),
    /// Deliberately left out (the text says why).
    Ignored(&'static str),
}

/// Fields of `item`.
pub const ITEM_FIELDS: &[(&str, Use)] = &[
    ("num_iid", Use::Mapped("ItemImport::item_id")),
    ("title", Use::Mapped("listing.title")),
    ("cid", Use::Mapped("listing.category_id")),
    ("props", Use::Mapped("listing.props (values split on commas)")),
    ("props_name", Use::Mapped("names of the positional pid:vid pairs used by SKUs")),
    ("props_list", Use::Mapped("cross-checked against props_name")),
    ("property_alias", Use::Mapped("listing.props[].aliases when an alias differs from the value")),
    ("skus", Use::Mapped("listing.skus")),
    ("desc", Use::Ignored("description HTML is not validated")),
    ("desc_short", Use::Ignored("description is not validated")),
    ("desc_img", Use::Ignored("pictures are not validated")),
    ("item_imgs", Use::Ignored("pictures are not validated")),
    ("pic_url", Use::Ignored("pictures are not validated")),
    ("prop_imgs", Use::Ignored("pictures are not validated")),
    ("props_img", Use::Ignored("pictures are not validated")),
    ("video", Use::Ignored("media is not validated")),
    ("price", Use::Ignored("item-level price; SKU prices are validated")),
    ("total_price", Use::Ignored("item-level price; SKU prices are validated")),
    ("suggestive_price", Use::Ignored("item-level price; SKU prices are validated")),
    ("orginal_price", Use::Ignored("item-level price; SKU prices are validated")),
    ("num", Use::Ignored("total stock; SKU quantities are validated")),
    ("min_num", Use::Ignored("minimum order quantity is a trade term, not category metadata")),
    ("unit", Use::Ignored("trade term")),
    ("sellUnit", Use::Ignored("trade term")),
    ("scale", Use::Ignored("trade term")),
    ("is_support_mix", Use::Ignored("trade term")),
    ("mix_amount", Use::Ignored("trade term")),
    ("mix_begin", Use::Ignored("trade term")),
    ("mix_number", Use::Ignored("trade term")),
    ("item_weight", Use::Ignored("logistics")),
    ("post_fee", Use::Ignored("logistics")),
    ("express_fee", Use::Ignored("logistics")),
    ("ems_fee", Use::Ignored("logistics")),
    ("shipping_to", Use::Ignored("logistics")),
    ("location", Use::Ignored("logistics")),
    ("brand", Use::Ignored("the brand is read from props (品牌)")),
    ("brandId", Use::Ignored("the brand is read from props (品牌)")),
    ("rootCatId", Use::Ignored("the leaf cid is what listings are placed on")),
    ("nick", Use::Ignored("seller identity")),
    ("seller_id", Use::Ignored("seller identity")),
    ("seller_info", Use::Ignored("seller identity")),
    ("shop_id", Use::Ignored("seller identity")),
    ("tmall", Use::Ignored("seller identity")),
    ("detail_url", Use::Ignored("marketplace page")),
    ("sample_id", Use::Ignored("marketplace bookkeeping")),
    ("data_from", Use::Ignored("marketplace bookkeeping")),
    ("error", Use::Ignored("empty on success; errors are read from error_code")),
    ("sales", Use::Ignored("sales statistics")),
    ("total_sold", Use::Ignored("sales statistics")),
    ("sales_data", Use::Ignored("sales statistics")),
    ("sales_info", Use::Ignored("sales statistics")),
    ("shop_item", Use::Ignored("recommendations")),
    ("relate_items", Use::Ignored("recommendations")),
];

/// Fields of each `skus.sku[]` entry.
pub const SKU_FIELDS: &[(&str, Use)] = &[
    ("properties", Use::Mapped("listing.skus[].props via props_name")),
    ("properties_name", Use::Mapped("cross-checked against props_name")),
    ("price", Use::Mapped("listing.skus[].price")),
    ("quantity", Use::Mapped("listing.skus[].quantity")),
    ("sku_id", Use::Mapped("ItemImport::sku_ids")),
    ("spec_id", Use::Ignored("provider's internal spec key")),
    ("sales", Use::Ignored("sales statistics")),
    ("total_price", Use::Ignored("always 0 in answers; price is used")),
];

/// Fields of the answer around `item`: the provider's envelope.
pub const ENVELOPE_FIELDS: &[&str] = &[
    "item",
    "error",
    "reason",
    "error_code",
    "success",
    "secache",
    "secache_time",
    "secache_date",
    "translate_status",
    "translate_time",
    "translate_language",
    "translate_engine",
    "language",
    "cache",
    "api_info",
    "execution_time",
    "server_time",
    "client_ip",
    "call_args",
    "api_type",
    "server_memory",
    "request_id",
];

pub fn item_field(name: &str) -> Option<Use> {
    ITEM_FIELDS.iter().find(|(n, _)| *n == name).map(|(_, u)| *u)
}

pub fn sku_field(name: &str) -> Option<Use> {
    SKU_FIELDS.iter().find(|(n, _)| *n == name).map(|(_, u)| *u)
}
