//! Answer shapes of the shop category APIs, as documented plus whatever real answers add.

use serde::Deserialize;

use crate::lenient;

/// `cat` of `channels.ec.category.all`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ShopCat {
    #[serde(deserialize_with = "lenient::id")]
    pub cat_id: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::id")]
    pub f_cat_id: i64,
    #[serde(default, deserialize_with = "lenient::id")]
    pub level: i64,
    #[serde(default, deserialize_with = "lenient::opt_flag")]
    pub leaf: Option<bool>,
}

/// A product qualification of a category.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ProductQua {
    #[serde(default, deserialize_with = "lenient::text")]
    pub qua_id: String,
    #[serde(default, deserialize_with = "lenient::text")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::text")]
    pub tips: String,
    #[serde(default, deserialize_with = "lenient::flag")]
    pub mandatory: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CatAndQua {
    pub cat: ShopCat,
    #[serde(default, deserialize_with = "lenient::list")]
    pub product_qua_list: Vec<ProductQua>,
}

/// One chain, leaf first, up to the first level.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CatChain {
    #[serde(default, deserialize_with = "lenient::list")]
    pub cat_and_qua: Vec<CatAndQua>,
}

/// `channels.ec.category.all`: the old tree (`cats`) and the current one (`cats_v2`).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct ShopAll {
    #[serde(default, deserialize_with = "lenient::list")]
    pub cats: Vec<CatChain>,
    #[serde(default, deserialize_with = "lenient::list")]
    pub cats_v2: Vec<CatChain>,
}

/// One attribute of `product_attr_list` / `sale_attr_list`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ShopAttr {
    #[serde(default, deserialize_with = "lenient::text")]
    pub name: String,
    #[serde(default, rename = "type", deserialize_with = "lenient::text")]
    pub kind: String,
    #[serde(default, deserialize_with = "lenient::text")]
    pub type_v2: String,
    /// The options (`;`-separated) of a select, the units of a `*_unit` number.
    #[serde(default, deserialize_with = "lenient::text")]
    pub value: String,
    #[serde(default, deserialize_with = "lenient::flag")]
    pub is_required: bool,
    #[serde(default, deserialize_with = "lenient::text")]
    pub hint: String,
    #[serde(default, deserialize_with = "lenient::opt_flag")]
    pub append_allowed: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Brand {
    #[serde(deserialize_with = "lenient::id")]
    pub brand_id: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub name: String,
}

/// `attr` of the detail.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct DetailAttr {
    #[serde(default, deserialize_with = "lenient::list")]
    pub product_attr_list: Vec<ShopAttr>,
    #[serde(default, deserialize_with = "lenient::list")]
    pub sale_attr_list: Vec<ShopAttr>,
    #[serde(default, deserialize_with = "lenient::flag")]
    pub is_limit_brand: bool,
    #[serde(default, deserialize_with = "lenient::list")]
    pub brand_list: Vec<Brand>,
    /// Lowest sale price, in fen.
    #[serde(default, deserialize_with = "lenient::id")]
    pub floor_price: i64,
    /// The flags and amounts kept as the category's features.
    #[serde(flatten)]
    pub rest: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DetailInfo {
    #[serde(deserialize_with = "lenient::id")]
    pub cat_id: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub name: String,
}

/// `channels.ec.category.detail`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ShopDetail {
    pub info: DetailInfo,
    #[serde(default)]
    pub attr: DetailAttr,
    #[serde(default, deserialize_with = "lenient::list")]
    pub product_qua_list: Vec<ProductQua>,
}

/// One entry of `shop.cat.get`'s `third_cat_list`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ThirdCat {
    #[serde(deserialize_with = "lenient::id")]
    pub third_cat_id: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub third_cat_name: String,
    #[serde(default, deserialize_with = "lenient::text")]
    pub qualification: String,
    /// 0 none, 1 required, 2 optional.
    #[serde(default, deserialize_with = "lenient::id")]
    pub qualification_type: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub product_qualification: String,
    #[serde(default, deserialize_with = "lenient::id")]
    pub product_qualification_type: i64,
    #[serde(deserialize_with = "lenient::id")]
    pub first_cat_id: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub first_cat_name: String,
    #[serde(deserialize_with = "lenient::id")]
    pub second_cat_id: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub second_cat_name: String,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct ShopCatList {
    #[serde(default, deserialize_with = "lenient::list")]
    pub third_cat_list: Vec<ThirdCat>,
}
