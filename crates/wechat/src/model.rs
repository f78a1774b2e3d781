//! Answer shapes, as documented plus whatever real answers add (ignored).

use serde::Deserialize;

use crate::lenient;

/// One document that satisfies a proof.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Inner {
    #[serde(default, deserialize_with = "lenient::text")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::text")]
    pub url: String,
}

/// One required proof: any document of `inner_list` satisfies it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Exter {
    #[serde(default, deserialize_with = "lenient::list")]
    pub inner_list: Vec<Inner>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct Qualify {
    #[serde(default, deserialize_with = "lenient::list")]
    pub exter_list: Vec<Exter>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub remark: String,
}

/// A category of `getallcategories`; the root (`id` 0) may lack everything but `children`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct WxCategory {
    #[serde(deserialize_with = "lenient::id")]
    pub id: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::id")]
    pub level: i64,
    #[serde(default, deserialize_with = "lenient::id")]
    pub father: i64,
    #[serde(default)]
    pub children: Vec<serde_json::Value>,
    #[serde(default, deserialize_with = "lenient::id")]
    pub sensitive_type: i64,
    #[serde(default)]
    pub qualify: Option<Qualify>,
    /// Fields real answers carry beyond the documented ones (`can_apply`, `biz_cannot_use`,
    /// `scope`, `is_hidden`, ...).
    #[serde(flatten)]
    pub rest: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct CategoriesList {
    #[serde(default, deserialize_with = "lenient::list")]
    pub categories: Vec<WxCategory>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct AllCategories {
    #[serde(default)]
    pub categories_list: CategoriesList,
}

/// A category set on the account (`getcategory`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AccountCategory {
    #[serde(deserialize_with = "lenient::id")]
    pub first: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub first_name: String,
    #[serde(deserialize_with = "lenient::id")]
    pub second: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub second_name: String,
    /// 1 under review, 2 rejected, 3 approved.
    #[serde(default, deserialize_with = "lenient::id")]
    pub audit_status: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub audit_reason: String,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct AccountCategories {
    #[serde(default, deserialize_with = "lenient::list")]
    pub categories: Vec<AccountCategory>,
    #[serde(default)]
    pub limit: Option<u32>,
    #[serde(default)]
    pub quota: Option<u32>,
    #[serde(default)]
    pub category_limit: Option<u32>,
}
