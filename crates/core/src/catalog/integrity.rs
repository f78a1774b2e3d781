//! Snapshot integrity problems found while compiling.

use crate::model::ids::Id;
use crate::validate::options::Locale;
use serde::Serialize;
use std::fmt;

/// One integrity problem, naming every offending id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Problem {
    /// The snapshot's `format` is not one this build reads.
    UnsupportedFormat {
        /// The format the snapshot declares.
        found: u32,
        /// The format this build reads.
        supported: u32,
    },
    /// Two categories share an id.
    DuplicateCategory {
        /// The shared id.
        id: Id,
    },
    /// A category names a parent the snapshot does not have.
    MissingParent {
        /// The category.
        id: Id,
        /// The missing parent.
        parent_id: Id,
    },
    /// Categories are each other's ancestors.
    CategoryCycle {
        /// The categories of the cycle, in order.
        ids: Vec<Id>,
    },
    /// A property names a category the snapshot does not have.
    PropertyOfUnknownCategory {
        /// The missing category.
        category_id: Id,
        /// The property.
        pid: Id,
    },
    /// A property belongs to a category that is not a leaf.
    PropertyOfNonLeaf {
        /// The category.
        category_id: Id,
        /// The property.
        pid: Id,
    },
    /// A category has two properties with one id.
    DuplicateProperty {
        /// The category.
        category_id: Id,
        /// The shared property id.
        pid: Id,
    },
    /// A value names a property its category does not have.
    ValueOfUnknownProperty {
        /// The category.
        category_id: Id,
        /// The missing property.
        pid: Id,
        /// The value.
        vid: Id,
    },
    /// A property has two values with one id.
    DuplicateValue {
        /// The category.
        category_id: Id,
        /// The property.
        pid: Id,
        /// The shared value id.
        vid: Id,
    },
    /// A property depends on a property its category does not have.
    DependencyOnUnknownProperty {
        /// The category.
        category_id: Id,
        /// The dependent property.
        pid: Id,
        /// The missing parent property.
        parent_pid: Id,
    },
    /// A property depends on a value its parent property does not have.
    DependencyOnUnknownValue {
        /// The category.
        category_id: Id,
        /// The dependent property.
        pid: Id,
        /// The parent property.
        parent_pid: Id,
        /// The missing parent value.
        parent_vid: Id,
    },
    /// Properties depend on each other in a cycle.
    DependencyCycle {
        /// The category.
        category_id: Id,
        /// The properties of the cycle, in order.
        pids: Vec<Id>,
    },
    /// A property's pattern is not a valid regular expression (or compiles too large).
    PatternInvalid {
        /// The category.
        category_id: Id,
        /// The property.
        pid: Id,
        /// The pattern.
        pattern: String,
        /// What the regular-expression compiler said.
        error: String,
    },
    /// A property's condition names a property its category does not have.
    ConditionOnUnknownProperty {
        /// The category.
        category_id: Id,
        /// The property whose condition it is.
        pid: Id,
        /// The missing property.
        subject: Id,
    },
    /// A property's condition names an item field that does not exist.
    ConditionOnUnknownField {
        /// The category.
        category_id: Id,
        /// The property whose condition it is.
        pid: Id,
        /// The unknown field.
        field: String,
        /// Known fields close to it.
        suggestions: Vec<String>,
    },
    /// A category's (or, without a category, the limits profile's) `required_fields` names an
    /// item field that does not exist.
    RequiredFieldUnknown {
        /// The category; `None` for the limits profile.
        category_id: Option<Id>,
        /// The unknown field.
        field: String,
        /// Known fields close to it.
        suggestions: Vec<String>,
    },
    /// A property's condition is malformed.
    ConditionInvalid {
        /// The category.
        category_id: Id,
        /// The property whose condition it is.
        pid: Id,
        /// What is wrong with it.
        fault: super::prop_rules::ConditionFault,
    },
    /// The content hash the snapshot declares is not its content's.
    HashMismatch {
        /// The hash in the snapshot.
        declared: String,
        /// The hash of its content.
        computed: String,
    },
}

fn ids(list: &[Id]) -> String {
    // A cycle can be as long as the snapshot; a message naming 100,000 ids helps nobody.
    const SHOWN: usize = 20;
    let mut s: Vec<String> = list.iter().take(SHOWN).map(|i| i.to_string()).collect();
    if list.len() > SHOWN {
        s.push(format!("… (+{})", list.len() - SHOWN));
    }
    s.join(" → ")
}

impl Problem {
    /// The problem described in the given locale.
    pub fn message(&self, locale: Locale) -> String {
        use Problem as P;
        let zh = locale == Locale::ZhCn;
        match self {
            P::UnsupportedFormat { found, supported } => {
                if zh {
                    format!("快照格式版本 {found} 不受支持 (支持 {supported})")
                } else {
                    format!("snapshot format {found} is not supported (expected {supported})")
                }
            }
            P::DuplicateCategory { id } => {
                if zh {
                    format!("类目 `{id}` 重复出现")
                } else {
                    format!("category `{id}` appears more than once")
                }
            }
            P::MissingParent { id, parent_id } => {
                if zh {
                    format!("类目 `{id}` 的父类目 `{parent_id}` 不存在")
                } else {
                    format!("category `{id}` has parent `{parent_id}`, which does not exist")
                }
            }
            P::CategoryCycle { ids: c } => {
                if zh {
                    format!("类目之间存在循环: {}", ids(c))
                } else {
                    format!("categories form a cycle: {}", ids(c))
                }
            }
            P::PropertyOfUnknownCategory { category_id, pid } => {
                if zh {
                    format!("属性 `{pid}` 所属的类目 `{category_id}` 不存在")
                } else {
                    format!("property `{pid}` belongs to category `{category_id}`, which does not exist")
                }
            }
            P::PropertyOfNonLeaf { category_id, pid } => {
                if zh {
                    format!("属性 `{pid}` 挂在非叶子类目 `{category_id}` 上")
                } else {
                    format!("property `{pid}` is attached to non-leaf category `{category_id}`")
                }
            }
            P::DuplicateProperty { category_id, pid } => {
                if zh {
                    format!("类目 `{category_id}` 的属性 `{pid}` 重复出现")
                } else {
                    format!("property `{pid}` appears more than once in category `{category_id}`")
                }
            }
            P::ValueOfUnknownProperty { category_id, pid, vid } => {
                if zh {
                    format!("值 `{vid}` 所属的属性 `{pid}` 不在类目 `{category_id}` 中")
                } else {
                    format!("value `{vid}` belongs to property `{pid}`, which category `{category_id}` does not have")
                }
            }
            P::DuplicateValue { category_id, pid, vid } => {
                if zh {
                    format!("类目 `{category_id}` 属性 `{pid}` 的值 `{vid}` 重复出现")
                } else {
                    format!("value `{vid}` appears more than once in property `{pid}` of category `{category_id}`")
                }
            }
            P::DependencyOnUnknownProperty { category_id, pid, parent_pid } => {
                if zh {
                    format!("类目 `{category_id}` 的属性 `{pid}` 依赖的属性 `{parent_pid}` 不存在")
                } else {
                    format!("property `{pid}` of category `{category_id}` depends on property `{parent_pid}`, which does not exist")
                }
            }
            P::DependencyOnUnknownValue { category_id, pid, parent_pid, parent_vid } => {
                if zh {
                    format!("类目 `{category_id}` 的属性 `{pid}` 依赖的值 `{parent_pid}:{parent_vid}` 不存在")
                } else {
                    format!("property `{pid}` of category `{category_id}` depends on value `{parent_pid}:{parent_vid}`, which does not exist")
                }
            }
            P::DependencyCycle { category_id, pids } => {
                if zh {
                    format!("类目 `{category_id}` 的属性依赖存在循环: {}", ids(pids))
                } else {
                    format!("properties of category `{category_id}` depend on each other in a cycle: {}", ids(pids))
                }
            }
            P::PatternInvalid { category_id, pid, pattern, error } => {
                if zh {
                    format!("类目 `{category_id}` 属性 `{pid}` 的正则表达式 `{pattern}` 无效: {error}")
                } else {
                    format!("pattern `{pattern}` of property `{pid}` in category `{category_id}` is invalid: {error}")
                }
            }
            P::ConditionOnUnknownProperty { category_id, pid, subject } => {
                if zh {
                    format!("类目 `{category_id}` 属性 `{pid}` 的条件引用的属性 `{subject}` 不存在")
                } else {
                    format!("the condition of property `{pid}` in category `{category_id}` names property `{subject}`, which does not exist")
                }
            }
            P::ConditionOnUnknownField { category_id, pid, field, suggestions } => {
                let near = suggestions.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ");
                match (zh, near.is_empty()) {
                    (true, true) => format!("类目 `{category_id}` 属性 `{pid}` 的条件引用的商品字段 `{field}` 不存在"),
                    (true, false) => format!("类目 `{category_id}` 属性 `{pid}` 的条件引用的商品字段 `{field}` 不存在; 您是不是要找 {near}?"),
                    (false, true) => format!("the condition of property `{pid}` in category `{category_id}` names item field `{field}`, which does not exist"),
                    (false, false) => format!("the condition of property `{pid}` in category `{category_id}` names item field `{field}`, which does not exist; did you mean {near}?"),
                }
            }
            P::RequiredFieldUnknown { category_id, field, suggestions } => {
                let near = suggestions.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ");
                let (whose_zh, whose_en) = match category_id {
                    Some(id) => (format!("类目 `{id}` 的必填字段"), format!("the required fields of category `{id}`")),
                    None => ("平台限制中的必填字段".to_owned(), "the required fields of the limits".to_owned()),
                };
                match (zh, near.is_empty()) {
                    (true, true) => format!("{whose_zh}中的商品字段 `{field}` 不存在"),
                    (true, false) => format!("{whose_zh}中的商品字段 `{field}` 不存在; 您是不是要找 {near}?"),
                    (false, true) => format!("{whose_en} name item field `{field}`, which does not exist"),
                    (false, false) => {
                        format!("{whose_en} name item field `{field}`, which does not exist; did you mean {near}?")
                    }
                }
            }
            P::ConditionInvalid { category_id, pid, fault } => {
                use super::prop_rules::ConditionFault as F;
                let (zh_why, en_why) = match fault {
                    F::Subject => (
                        "每个比较须且只须指定 `pid` 或 `field` 之一",
                        "each test names exactly one of `pid` and `field`",
                    ),
                    F::Operands => {
                        ("比较的操作数个数与运算符不符", "a test has the wrong number of operands for its operator")
                    }
                    F::NotANumber => {
                        ("数值比较的操作数不是数字", "the operand of a numeric comparison is not a number")
                    }
                    F::TooDeep => ("条件嵌套过深", "the condition is nested too deeply"),
                };
                if zh {
                    format!("类目 `{category_id}` 属性 `{pid}` 的条件无效: {zh_why}")
                } else {
                    format!("the condition of property `{pid}` in category `{category_id}` is invalid: {en_why}")
                }
            }
            P::HashMismatch { declared, computed } => {
                if zh {
                    format!("快照内容与其哈希不符 (声明 {declared}, 实际 {computed}), 文件可能已损坏")
                } else {
                    format!("snapshot content does not match its hash (declared {declared}, computed {computed}); the file may be corrupt")
                }
            }
        }
    }
}

/// A snapshot that cannot be compiled, with every problem found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
pub struct CompileError {
    /// Every problem found, in the order of the checks.
    pub problems: Vec<Problem>,
}

impl CompileError {
    /// All problems, one per line, in the given locale.
    pub fn message(&self, locale: Locale) -> String {
        let head = match locale {
            Locale::ZhCn => format!("快照有 {} 处完整性问题:", self.problems.len()),
            Locale::En => format!("the snapshot has {} integrity problem(s):", self.problems.len()),
        };
        let mut out = head;
        for p in &self.problems {
            out.push_str("\n  - ");
            out.push_str(&p.message(locale));
        }
        out
    }
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Locale::En))
    }
}
