//! Snapshot integrity problems found while compiling.

use crate::ids::Id;
use crate::options::Locale;
use serde::Serialize;
use std::fmt;

/// One integrity problem, naming every offending id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Problem {
    UnsupportedFormat { found: u32, supported: u32 },
    DuplicateCategory { id: Id },
    MissingParent { id: Id, parent_id: Id },
    CategoryCycle { ids: Vec<Id> },
    PropertyOfUnknownCategory { category_id: Id, pid: Id },
    PropertyOfNonLeaf { category_id: Id, pid: Id },
    DuplicateProperty { category_id: Id, pid: Id },
    ValueOfUnknownProperty { category_id: Id, pid: Id, vid: Id },
    DuplicateValue { category_id: Id, pid: Id, vid: Id },
    DependencyOnUnknownProperty { category_id: Id, pid: Id, parent_pid: Id },
    DependencyOnUnknownValue { category_id: Id, pid: Id, parent_pid: Id, parent_vid: Id },
    DependencyCycle { category_id: Id, pids: Vec<Id> },
    HashMismatch { declared: String, computed: String },
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
