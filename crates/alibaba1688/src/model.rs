//! Answer shapes: the tmapi category endpoint and the official `alibaba.category.get`.

use serde::Deserialize;

use crate::lenient;

/// tmapi `{code, msg, data}`.
#[derive(Debug, Clone, Deserialize)]
pub struct Envelope {
    #[serde(default, deserialize_with = "lenient::id")]
    pub code: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub msg: String,
    #[serde(default)]
    pub data: Option<serde_json::Value>,
}

/// A child entry or a path entry (ids arrive as strings).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Node {
    #[serde(deserialize_with = "lenient::id")]
    pub id: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::text")]
    pub name_en: String,
    #[serde(default, deserialize_with = "lenient::id")]
    pub level: i64,
    #[serde(default, deserialize_with = "lenient::flag")]
    pub has_children: bool,
}

/// `data` of `/1688/category/info?cat_id=`: the category, its children and its path.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CategoryInfo {
    #[serde(deserialize_with = "lenient::id")]
    pub id: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::text")]
    pub name_en: String,
    #[serde(default, deserialize_with = "lenient::id")]
    pub level: i64,
    #[serde(default, deserialize_with = "lenient::list")]
    pub children: Vec<Node>,
    #[serde(default, deserialize_with = "lenient::id")]
    pub parent_id: i64,
    #[serde(default, deserialize_with = "lenient::flag")]
    pub has_children: bool,
    #[serde(default, deserialize_with = "lenient::list")]
    pub path: Vec<Node>,
}

/// Without `cat_id` the endpoint lists the first-level categories; accept either a list or
/// an object holding one, since the documentation shows no example of that answer.
#[derive(Debug, Clone, PartialEq)]
pub enum InfoData {
    One(CategoryInfo),
    TopLevel(Vec<Node>),
}

impl InfoData {
    pub fn parse(v: serde_json::Value) -> Result<Self, serde_json::Error> {
        match v {
            serde_json::Value::Array(_) => serde_json::from_value(v).map(Self::TopLevel),
            serde_json::Value::Object(ref m) if !m.contains_key("id") => {
                let list = m.values().find(|x| x.is_array()).cloned().unwrap_or_default();
                serde_json::from_value(list).map(Self::TopLevel)
            }
            other => serde_json::from_value(other).map(Self::One),
        }
    }
}

/// `featureInfos[]` of the official API.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct FeatureInfo {
    #[serde(default, deserialize_with = "lenient::text")]
    pub key: String,
    #[serde(default, deserialize_with = "lenient::text")]
    pub value: String,
}

/// `categoryInfo[]` of the official `alibaba.category.get`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OfficialCategory {
    #[serde(rename = "categoryID", deserialize_with = "lenient::id")]
    pub category_id: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::flag")]
    pub is_leaf: bool,
    #[serde(default, rename = "parentIDs")]
    pub parent_ids: Vec<serde_json::Value>,
    #[serde(default, rename = "childIDs")]
    pub child_ids: Vec<serde_json::Value>,
    #[serde(default, deserialize_with = "lenient::list")]
    pub feature_infos: Vec<FeatureInfo>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct OfficialAnswer {
    #[serde(default, rename = "categoryInfo", deserialize_with = "lenient::list")]
    pub category_info: Vec<OfficialCategory>,
}
