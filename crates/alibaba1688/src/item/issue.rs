//! Problems found while turning an item into a listing.

use serde::Serialize;
use shelfcheck_fetch::Locale;

/// One problem, located by a JSON Pointer into the OneBound answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MappingIssue {
    pub path: String,
    #[serde(flatten)]
    pub kind: MappingKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum MappingKind {
    /// The snapshot has no such category.
    CategoryNotFound { category_id: i64 },
    /// No property of the category has this name.
    PropertyNotFound { name: String },
    /// Several properties share the name (dependent properties); left to the validator.
    PropertyAmbiguous { name: String, candidates: Vec<i64> },
    /// The property has no value of this name or alias.
    ValueNotFound { property: String, value: String },
    /// A SKU refers to a `pid:vid` position that `props_name` does not define.
    PositionUnknown { position: String },
    /// A `props_name` entry is not `pid:vid:name:value`.
    BadPropsName { entry: String },
    /// A field the importer does not know; it was not used.
    UnaccountedField { field: String },
}

impl MappingIssue {
    pub fn message(&self, locale: Locale) -> String {
        let zh = locale == Locale::ZhCn;
        match &self.kind {
            MappingKind::CategoryNotFound { category_id } if zh => format!("快照中没有类目 {category_id}"),
            MappingKind::CategoryNotFound { category_id } => format!("category {category_id} is not in the snapshot"),
            MappingKind::PropertyNotFound { name } if zh => format!("类目中没有名为 `{name}` 的属性"),
            MappingKind::PropertyNotFound { name } => format!("the category has no property named `{name}`"),
            MappingKind::PropertyAmbiguous { name, candidates } if zh => {
                format!("属性名 `{name}` 对应多个属性 {candidates:?}")
            }
            MappingKind::PropertyAmbiguous { name, candidates } => {
                format!("property name `{name}` matches several properties {candidates:?}")
            }
            MappingKind::ValueNotFound { property, value } if zh => format!("属性 `{property}` 没有值 `{value}`"),
            MappingKind::ValueNotFound { property, value } => format!("property `{property}` has no value `{value}`"),
            MappingKind::PositionUnknown { position } if zh => format!("props_name 中没有位置 `{position}`"),
            MappingKind::PositionUnknown { position } => format!("position `{position}` is not defined in props_name"),
            MappingKind::BadPropsName { entry } if zh => {
                format!("props_name 条目 `{entry}` 不是 pid:vid:名称:值 格式")
            }
            MappingKind::BadPropsName { entry } => format!("props_name entry `{entry}` is not pid:vid:name:value"),
            MappingKind::UnaccountedField { field } if zh => format!("未知字段 `{field}`,未使用"),
            MappingKind::UnaccountedField { field } => format!("unknown field `{field}` was not used"),
        }
    }
}
