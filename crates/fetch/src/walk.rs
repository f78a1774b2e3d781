//! Bookkeeping for walking a platform's category tree breadth first from answers we do not
//! control: each category id is admitted once, every later listing of it is kept as a
//! [`Repeat`] (with the cycle when the category is its own ancestor), and the walk is bounded
//! in depth and size.
//!
//! Without this a category listing itself (or an ancestor) as a child makes the walk endless,
//! and one listed twice as its own child doubles the frontier at every level.

use std::collections::{BTreeMap, HashMap};

use crate::locale::Locale;

/// Levels below the root a walk descends at most. Taobao's tree is at most five levels deep
/// and 1688's four; anything deeper is a gateway making up categories.
pub const MAX_DEPTH: usize = 12;
/// Categories a walk admits at most: real trees hold tens of thousands.
pub const MAX_CATEGORIES: usize = 2_000_000;

/// A category listed again after it was first admitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeat {
    pub parent: i64,
    pub child: i64,
    /// Where it was first listed (`None`: a root of the walk).
    pub first_parent: Option<i64>,
    /// From `child` down to `parent` and back to `child`, when `child` is `parent` itself or
    /// one of its ancestors; empty otherwise.
    pub cycle: Vec<i64>,
    /// The names the answers gave the categories above, where they gave one.
    pub names: BTreeMap<i64, String>,
}

impl Repeat {
    /// `名称 (id)`, or the id alone when the answers gave no name.
    fn label(&self, id: i64) -> String {
        match self.names.get(&id).filter(|n| !n.is_empty()) {
            Some(name) => format!("{name} ({id})"),
            None => id.to_string(),
        }
    }

    pub fn message(&self, locale: Locale) -> String {
        let (child, parent) = (self.label(self.child), self.label(self.parent));
        if self.cycle.is_empty() {
            let first = self.first_parent.map(|p| self.label(p));
            return match (locale, first) {
                (Locale::ZhCn, Some(first)) => {
                    format!("类目 {child} 在 {parent} 下再次出现 (首次出现在 {first} 下), 只抓取了一次")
                }
                (Locale::ZhCn, None) => format!("一级类目 {child} 又出现在 {parent} 下, 只抓取了一次"),
                (Locale::En, Some(first)) => {
                    format!(
                        "category {child} is listed again under {parent} (first under {first}); it was fetched once"
                    )
                }
                (Locale::En, None) => {
                    format!("the top-level category {child} is listed again under {parent}; it was fetched once")
                }
            };
        }
        let path = self.cycle.iter().map(|id| self.label(*id)).collect::<Vec<_>>().join(" → ");
        match locale {
            Locale::ZhCn => format!("类目树有环: {path}; 每个类目只抓取了一次"),
            Locale::En => format!("the category tree has a cycle: {path}; each category was fetched once"),
        }
    }
}

/// A walk that went past [`MAX_DEPTH`] or [`MAX_CATEGORIES`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TreeLimit {
    #[error(
        "the category tree goes deeper than {max} levels (below category {at}); the gateway's answers are not a tree"
    )]
    Depth { max: usize, at: i64 },
    #[error("the category tree has more than {max} categories; the gateway's answers are not a real tree")]
    Size { max: usize },
}

impl TreeLimit {
    pub fn message(&self, locale: Locale) -> String {
        match (locale, self) {
            (Locale::En, _) => self.to_string(),
            (Locale::ZhCn, Self::Depth { max, at }) => {
                format!("类目树超过 {max} 层 (类目 {at} 之下), 接口的应答不是一棵真实的类目树")
            }
            (Locale::ZhCn, Self::Size { max }) => {
                format!("类目树超过 {max} 个类目, 接口的应答不是一棵真实的类目树")
            }
        }
    }
}

/// The categories admitted so far, each with the parent it was first listed under.
#[derive(Debug, Default)]
pub struct TreeWalk {
    parent_of: HashMap<i64, Option<i64>>,
    depth_of: HashMap<i64, usize>,
    names: HashMap<i64, String>,
    repeats: Vec<Repeat>,
}

impl TreeWalk {
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether `child` (named `name`), listed under `parent` (`None`: a root of the walk), is
    /// new and should be visited. A repeat is recorded instead; going past a bound is an error.
    pub fn admit(&mut self, parent: Option<i64>, child: i64, name: &str) -> Result<bool, TreeLimit> {
        if let Some(first_parent) = self.parent_of.get(&child).copied() {
            if let Some(p) = parent {
                let cycle = self.cycle(p, child);
                let ids = cycle.iter().copied().chain([p, child]).chain(first_parent);
                let names = ids.filter_map(|id| self.names.get(&id).map(|n| (id, n.clone()))).collect();
                self.repeats.push(Repeat { parent: p, child, first_parent, cycle, names });
            }
            return Ok(false);
        }
        let depth = parent.and_then(|p| self.depth_of.get(&p)).map_or(0, |d| d + 1);
        if depth > MAX_DEPTH {
            return Err(TreeLimit::Depth { max: MAX_DEPTH, at: parent.unwrap_or(child) });
        }
        if self.parent_of.len() >= MAX_CATEGORIES {
            return Err(TreeLimit::Size { max: MAX_CATEGORIES });
        }
        self.parent_of.insert(child, parent);
        self.depth_of.insert(child, depth);
        if !name.is_empty() {
            self.names.insert(child, name.to_string());
        }
        Ok(true)
    }

    /// `child` → ... → `parent` → `child` when `child` is `parent` or one of its ancestors.
    /// The chain of first parents has no cycle (each id is admitted once, under an admitted
    /// parent) and is at most [`MAX_DEPTH`] long.
    fn cycle(&self, parent: i64, child: i64) -> Vec<i64> {
        let mut up = vec![parent];
        let mut at = parent;
        while at != child {
            match self.parent_of.get(&at).copied().flatten() {
                Some(p) => {
                    up.push(p);
                    at = p;
                }
                None => return Vec::new(),
            }
        }
        up.reverse();
        up.push(child);
        up
    }

    /// Every listing of an already admitted category, in the order met.
    pub fn repeats(&self) -> &[Repeat] {
        &self.repeats
    }

    pub fn into_repeats(self) -> Vec<Repeat> {
        self.repeats
    }

    pub fn len(&self) -> usize {
        self.parent_of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parent_of.is_empty()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    #[test]
    fn each_id_once_and_cycles_named() {
        let mut w = TreeWalk::new();
        assert!(w.admit(None, 16, "女装").unwrap());
        assert!(w.admit(Some(16), 17, "").unwrap());
        assert!(w.admit(Some(17), 18, "连衣裙").unwrap());
        // 16 listed under its grandchild: a cycle 16 → 17 → 18 → 16.
        assert!(!w.admit(Some(18), 16, "女装").unwrap());
        // Listed under itself.
        assert!(!w.admit(Some(17), 17, "").unwrap());
        // Listed under a second parent: a repeat, not a cycle.
        assert!(w.admit(Some(16), 19, "半身裙").unwrap());
        assert!(!w.admit(Some(18), 19, "半身裙").unwrap());
        let r = w.repeats();
        assert_eq!(r[0].cycle, vec![16, 17, 18, 16]);
        assert_eq!(r[1].cycle, vec![17, 17]);
        assert!(r[2].cycle.is_empty());
        assert_eq!(r[2].first_parent, Some(16));
        assert_eq!(
            r[0].message(Locale::En),
            "the category tree has a cycle: 女装 (16) → 17 → 连衣裙 (18) → 女装 (16); each category was fetched once"
        );
        assert_eq!(
            r[2].message(Locale::ZhCn),
            "类目 半身裙 (19) 在 连衣裙 (18) 下再次出现 (首次出现在 女装 (16) 下), 只抓取了一次"
        );
        assert_eq!(w.len(), 4);
    }

    #[test]
    fn depth_is_bounded() {
        let mut w = TreeWalk::new();
        assert!(w.admit(None, 0, "").unwrap());
        for id in 1..=MAX_DEPTH as i64 {
            assert!(w.admit(Some(id - 1), id, "").unwrap());
        }
        let err = w.admit(Some(MAX_DEPTH as i64), 1000, "").unwrap_err();
        assert_eq!(err, TreeLimit::Depth { max: MAX_DEPTH, at: MAX_DEPTH as i64 });
        assert!(err.message(Locale::ZhCn).contains("类目树超过"));
    }
}
