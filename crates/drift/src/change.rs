//! One difference between two snapshots.

use serde::Serialize;
use shelfcheck_core::{Id, Locale};

/// How something disappeared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Removal {
    /// No longer in the snapshot.
    Gone,
    /// Still listed, with status `deleted`.
    Deleted,
}

/// A change that can affect listings. Serialised with a `kind` tag, ids as numbers.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Change {
    CategoryAdded {
        category_id: Id,
        name: String,
    },
    CategoryRemoved {
        category_id: Id,
        name: String,
        how: Removal,
    },
    CategoryMoved {
        category_id: Id,
        name: String,
        from_parent: Option<Id>,
        to_parent: Option<Id>,
    },
    CategoryTurnedNonLeaf {
        category_id: Id,
        name: String,
    },
    CategoryFrozen {
        category_id: Id,
        name: String,
    },
    PropertyNewlyRequired {
        category_id: Id,
        pid: Id,
        name: String,
    },
    PropertyRemoved {
        category_id: Id,
        pid: Id,
        name: String,
        how: Removal,
    },
    ValueRemoved {
        category_id: Id,
        pid: Id,
        vid: Id,
        name: String,
        how: Removal,
    },
    ValueRenamed {
        category_id: Id,
        pid: Id,
        vid: Id,
        from: String,
        to: String,
    },
    /// Constraints of a property got stricter; `constraints` names them as the snapshot does.
    PropertyConstraintsTightened {
        category_id: Id,
        pid: Id,
        name: String,
        constraints: Vec<String>,
    },
    /// The category now requires item fields it did not.
    FieldsNewlyRequired {
        category_id: Id,
        name: String,
        fields: Vec<String>,
    },
    /// The category's price limits got stricter.
    CategoryPriceTightened {
        category_id: Id,
        name: String,
    },
}

impl Change {
    /// The category the change is about.
    pub fn category_id(&self) -> Id {
        match self {
            Self::CategoryAdded { category_id, .. }
            | Self::CategoryRemoved { category_id, .. }
            | Self::CategoryMoved { category_id, .. }
            | Self::CategoryTurnedNonLeaf { category_id, .. }
            | Self::CategoryFrozen { category_id, .. }
            | Self::PropertyNewlyRequired { category_id, .. }
            | Self::PropertyRemoved { category_id, .. }
            | Self::ValueRemoved { category_id, .. }
            | Self::ValueRenamed { category_id, .. }
            | Self::PropertyConstraintsTightened { category_id, .. }
            | Self::FieldsNewlyRequired { category_id, .. }
            | Self::CategoryPriceTightened { category_id, .. } => *category_id,
        }
    }

    /// One line describing the change.
    pub fn message(&self, locale: Locale) -> String {
        let zh = matches!(locale, Locale::ZhCn);
        let how = |h: &Removal| match (h, zh) {
            (Removal::Gone, true) => "已移除",
            (Removal::Deleted, true) => "已标记删除",
            (Removal::Gone, false) => "removed",
            (Removal::Deleted, false) => "marked deleted",
        };
        let parent = |p: &Option<Id>| match p {
            Some(p) => p.to_string(),
            None => String::from(if zh { "顶级" } else { "top level" }),
        };
        match self {
            Self::CategoryAdded { category_id, name } if zh => format!("新增类目 `{name}` ({category_id})"),
            Self::CategoryAdded { category_id, name } => format!("category `{name}` ({category_id}) added"),
            Self::CategoryRemoved { category_id, name, how: h } if zh => {
                format!("类目 `{name}` ({category_id}) {}", how(h))
            }
            Self::CategoryRemoved { category_id, name, how: h } => {
                format!("category `{name}` ({category_id}) {}", how(h))
            }
            Self::CategoryMoved { category_id, name, from_parent, to_parent } if zh => {
                format!("类目 `{name}` ({category_id}) 从 {} 移到 {}", parent(from_parent), parent(to_parent))
            }
            Self::CategoryMoved { category_id, name, from_parent, to_parent } => {
                format!("category `{name}` ({category_id}) moved from {} to {}", parent(from_parent), parent(to_parent))
            }
            Self::CategoryTurnedNonLeaf { category_id, name } if zh => {
                format!("类目 `{name}` ({category_id}) 不再是叶子类目")
            }
            Self::CategoryTurnedNonLeaf { category_id, name } => {
                format!("category `{name}` ({category_id}) is no longer a leaf")
            }
            Self::CategoryFrozen { category_id, name } if zh => format!("类目 `{name}` ({category_id}) 已禁止发布"),
            Self::CategoryFrozen { category_id, name } => {
                format!("category `{name}` ({category_id}) is frozen for publishing")
            }
            Self::PropertyNewlyRequired { category_id, pid, name } if zh => {
                format!("类目 {category_id} 的属性 `{name}` ({pid}) 变为必填")
            }
            Self::PropertyNewlyRequired { category_id, pid, name } => {
                format!("property `{name}` ({pid}) of category {category_id} is now required")
            }
            Self::PropertyRemoved { category_id, pid, name, how: h } if zh => {
                format!("类目 {category_id} 的属性 `{name}` ({pid}) {}", how(h))
            }
            Self::PropertyRemoved { category_id, pid, name, how: h } => {
                format!("property `{name}` ({pid}) of category {category_id} {}", how(h))
            }
            Self::ValueRemoved { category_id, pid, vid, name, how: h } if zh => {
                format!("类目 {category_id} 属性 {pid} 的值 `{name}` ({vid}) {}", how(h))
            }
            Self::ValueRemoved { category_id, pid, vid, name, how: h } => {
                format!("value `{name}` ({vid}) of property {pid} in category {category_id} {}", how(h))
            }
            Self::ValueRenamed { category_id, pid, vid, from, to } if zh => {
                format!("类目 {category_id} 属性 {pid} 的值 {vid} 由 `{from}` 改名为 `{to}`")
            }
            Self::ValueRenamed { category_id, pid, vid, from, to } => {
                format!("value {vid} of property {pid} in category {category_id} renamed from `{from}` to `{to}`")
            }
            Self::PropertyConstraintsTightened { category_id, pid, name, constraints } if zh => {
                format!("类目 {category_id} 的属性 `{name}` ({pid}) 的限制变严: {}", constraints.join(", "))
            }
            Self::PropertyConstraintsTightened { category_id, pid, name, constraints } => {
                format!(
                    "property `{name}` ({pid}) of category {category_id} has stricter constraints: {}",
                    constraints.join(", ")
                )
            }
            Self::FieldsNewlyRequired { category_id, name, fields } if zh => {
                format!("类目 `{name}` ({category_id}) 新增必填商品字段: {}", fields.join(", "))
            }
            Self::FieldsNewlyRequired { category_id, name, fields } => {
                format!("category `{name}` ({category_id}) now requires item field(s): {}", fields.join(", "))
            }
            Self::CategoryPriceTightened { category_id, name } if zh => {
                format!("类目 `{name}` ({category_id}) 的价格限制变严")
            }
            Self::CategoryPriceTightened { category_id, name } => {
                format!("category `{name}` ({category_id}) has stricter price limits")
            }
        }
    }
}
