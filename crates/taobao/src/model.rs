//! TOP domain objects, field names as the platform's SDK classes have them.

use serde::Deserialize;

use crate::lenient;

/// `{attr_key, attr_value}`; e.g. `freeze` = `0,5`, `udsaleprop` = `1`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Feature {
    #[serde(default, deserialize_with = "lenient::text")]
    pub attr_key: String,
    #[serde(default, deserialize_with = "lenient::text")]
    pub attr_value: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ItemCat {
    #[serde(deserialize_with = "lenient::id")]
    pub cid: i64,
    #[serde(default, deserialize_with = "lenient::id")]
    pub parent_cid: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::flag")]
    pub is_parent: bool,
    #[serde(default, deserialize_with = "lenient::text")]
    pub status: String,
    #[serde(default, deserialize_with = "lenient::id")]
    pub sort_order: i64,
    #[serde(default, deserialize_with = "lenient::list")]
    pub features: Vec<Feature>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ItemProp {
    #[serde(deserialize_with = "lenient::id")]
    pub pid: i64,
    /// Absent in many real answers: the caller knows the category from the request.
    #[serde(default, deserialize_with = "lenient::id")]
    pub cid: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub name: String,
    /// With `parent_vid`: the value this property hangs under; `0` for a first-level property,
    /// absent when the answer did not say (a `child_path` call's answer then names the parent).
    #[serde(default, deserialize_with = "opt_id")]
    pub parent_pid: Option<i64>,
    #[serde(default, deserialize_with = "opt_id")]
    pub parent_vid: Option<i64>,
    /// How a seller types the children of a value of their own (a custom brand's series and
    /// model), when the platform has a template for it.
    #[serde(default, deserialize_with = "lenient::text")]
    pub child_template: String,
    #[serde(default, deserialize_with = "lenient::flag")]
    pub is_key_prop: bool,
    #[serde(default, deserialize_with = "lenient::flag")]
    pub is_sale_prop: bool,
    #[serde(default, deserialize_with = "lenient::flag")]
    pub is_color_prop: bool,
    /// Absent when not requested (old answers): the input mode then follows the values.
    #[serde(default, deserialize_with = "lenient::opt_flag")]
    pub is_enum_prop: Option<bool>,
    #[serde(default, deserialize_with = "lenient::flag")]
    pub is_input_prop: bool,
    #[serde(default, deserialize_with = "lenient::flag")]
    pub is_item_prop: bool,
    #[serde(default, deserialize_with = "lenient::opt_flag")]
    pub is_allow_alias: Option<bool>,
    #[serde(default, deserialize_with = "lenient::flag")]
    pub must: bool,
    #[serde(default, deserialize_with = "lenient::flag")]
    pub multi: bool,
    #[serde(default, deserialize_with = "lenient::text")]
    pub status: String,
    #[serde(default, deserialize_with = "lenient::id")]
    pub sort_order: i64,
    /// `multiCheck`, `optional`, `multiCheckText`, `optionalText` or `text`, when requested.
    #[serde(default, rename = "type", deserialize_with = "lenient::text")]
    pub kind: String,
    #[serde(default, deserialize_with = "lenient::list")]
    pub features: Vec<Feature>,
    /// Present when `prop_values` is among the requested fields.
    #[serde(default, deserialize_with = "lenient::list")]
    pub prop_values: Vec<PropValue>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PropValue {
    #[serde(default, deserialize_with = "lenient::id")]
    pub cid: i64,
    #[serde(default, deserialize_with = "lenient::id")]
    pub pid: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub prop_name: String,
    #[serde(deserialize_with = "lenient::id")]
    pub vid: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::text")]
    pub name_alias: String,
    /// Child properties hang under this value: fetched with `child_path` ending in `pid:vid`.
    #[serde(default, deserialize_with = "lenient::flag")]
    pub is_parent: bool,
    #[serde(default, deserialize_with = "lenient::text")]
    pub status: String,
    #[serde(default, deserialize_with = "lenient::id")]
    pub sort_order: i64,
    #[serde(default, deserialize_with = "lenient::list")]
    pub features: Vec<Feature>,
}

fn opt_id<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    lenient::id(d).map(Some)
}

/// One brand value a Tmall seller may use.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Brand {
    #[serde(default, deserialize_with = "lenient::text")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::id")]
    pub pid: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub prop_name: String,
    #[serde(deserialize_with = "lenient::id")]
    pub vid: i64,
}

/// `seller_authorize` of `taobao.itemcats.authorize.get`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct SellerAuthorize {
    #[serde(default, deserialize_with = "lenient::list")]
    pub brands: Vec<Brand>,
    #[serde(default, deserialize_with = "lenient::list")]
    pub item_cats: Vec<ItemCat>,
    #[serde(default, deserialize_with = "lenient::list")]
    pub xinpin_item_cats: Vec<ItemCat>,
}

/// The bodies of the successful answers this crate understands.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct ItemCatsBody {
    /// `item_cat`: v1 XML lists the items straight under `<rsp>`.
    #[serde(default, alias = "item_cat", deserialize_with = "lenient::list")]
    pub item_cats: Vec<ItemCat>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ItemCatBody {
    pub item_cat: Option<ItemCat>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct ItemPropsBody {
    #[serde(default, alias = "item_prop", deserialize_with = "lenient::list")]
    pub item_props: Vec<ItemProp>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct PropValuesBody {
    #[serde(default, alias = "prop_value", deserialize_with = "lenient::list")]
    pub prop_values: Vec<PropValue>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct AuthorizeBody {
    #[serde(default)]
    pub seller_authorize: SellerAuthorize,
}
