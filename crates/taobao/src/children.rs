//! Child properties: the series and models under a brand, the 地市 under a 省份.
//!
//! `taobao.itemprops.get` with `cid` alone answers first-level properties only; the children of
//! a value marked `is_parent` come from a further call with `child_path` = the `pid:vid` pairs
//! from the first level down to that value. The answers are untrusted, so the walk is bounded:
//! each value is followed once (a visited set), paths stop at a depth, and a category spends at
//! most a number of calls. A property that an answer hangs under its own descendant is a cycle:
//! it is named and left out, as the importer leaves it out, so that a fetch and an import of its
//! recording agree.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use shelfcheck_fetch::{Locale, Localized};

use crate::model::{ItemProp, PropValue};

/// One step of a child path: a property and the value chosen for it.
pub type Pair = (i64, i64);

/// Bounds of the child-property walk of one category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChildLimits {
    /// Longest `child_path`, in `pid:vid` pairs. The platform's cascades are two or three deep
    /// (brand → series → model, 省份 → 地市 → 区县).
    pub max_depth: usize,
    /// Most `child_path` calls for one category, retries not counted.
    pub max_requests: usize,
}

impl Default for ChildLimits {
    fn default() -> Self {
        Self { max_depth: 8, max_requests: 2_000 }
    }
}

/// `pid:vid;pid:vid`, as the platform takes it.
pub fn path_text(path: &[Pair]) -> String {
    path.iter().map(|(p, v)| format!("{p}:{v}")).collect::<Vec<_>>().join(";")
}

/// The pairs of a recorded `child_path`, `None` when it is not `pid:vid;pid:vid`.
pub fn parse_path(text: &str) -> Option<Vec<Pair>> {
    text.split(';')
        .filter(|s| !s.trim().is_empty())
        .map(|pair| {
            let (p, v) = pair.split_once(':')?;
            Some((p.trim().parse().ok()?, v.trim().parse().ok()?))
        })
        .collect()
}

/// The parent an answer gives a property: what it states (`0` = first level), or, when it
/// states nothing, the value its `child_path` call asked about.
pub fn stated_parent(p: &ItemProp, path: &[Pair]) -> Option<Pair> {
    match (p.parent_pid, p.parent_vid) {
        (Some(pid), Some(vid)) => (pid != 0).then_some((pid, vid)),
        _ => path.last().copied(),
    }
}

/// What one category's properties hang under, with the names the answers gave, to find cycles
/// and name them.
#[derive(Debug, Default, Clone)]
pub struct ChildGraph {
    parents: BTreeMap<i64, Pair>,
    props: BTreeMap<i64, String>,
    values: BTreeMap<Pair, String>,
}

impl ChildGraph {
    /// Notes a property and its values' names.
    pub fn name(&mut self, p: &ItemProp, values: &[PropValue]) {
        if !p.name.is_empty() {
            self.props.insert(p.pid, p.name.clone());
        }
        for v in values {
            let pid = if v.pid == 0 { p.pid } else { v.pid };
            if !v.name.is_empty() {
                self.values.insert((pid, v.vid), v.name.clone());
            }
        }
    }

    /// Notes a value's name (from `itempropvalues.get`).
    pub fn name_value(&mut self, v: &PropValue) {
        if !v.name.is_empty() {
            self.values.insert((v.pid, v.vid), v.name.clone());
        }
    }

    /// Hangs `pid` under `parent`, unless that makes it its own ancestor: then the cycle is
    /// returned, from `pid` down to `pid` again, and nothing changes.
    pub fn admit(&mut self, pid: i64, parent: Option<Pair>) -> Result<(), Vec<Pair>> {
        let Some(parent) = parent else {
            self.parents.remove(&pid);
            return Ok(());
        };
        // Upward from the parent; every step visits a distinct property or meets a loop that
        // does not involve `pid`, so the walk is bounded by the number of properties.
        let mut up = vec![parent];
        let mut seen = BTreeSet::new();
        let mut at = parent.0;
        while at != pid {
            if !seen.insert(at) {
                break;
            }
            match self.parents.get(&at) {
                Some(&next) => {
                    up.push(next);
                    at = next.0;
                }
                None => break,
            }
        }
        if at == pid {
            up.reverse();
            return Err(up);
        }
        self.parents.insert(pid, parent);
        Ok(())
    }

    /// `品牌 (20000) = 华硕/ASUS (33546) → 华硕系列配置 (33164) = 华硕A系列 (114523) → 品牌 (20000)`.
    pub fn describe_cycle(&self, cycle: &[Pair]) -> String {
        let mut parts: Vec<String> = cycle.iter().map(|&pair| self.describe(pair)).collect();
        if let Some(&(first, _)) = cycle.first() {
            parts.push(self.prop_label(first));
        }
        parts.join(" → ")
    }

    /// `品牌 (20000) = 联想ThinkPad (21642)`, ids alone where the answers gave no name.
    pub fn describe(&self, (pid, vid): Pair) -> String {
        let value = match self.values.get(&(pid, vid)) {
            Some(name) => format!("{name} ({vid})"),
            None => vid.to_string(),
        };
        format!("{} = {value}", self.prop_label(pid))
    }

    fn prop_label(&self, pid: i64) -> String {
        match self.props.get(&pid) {
            Some(name) => format!("{name} ({pid})"),
            None => pid.to_string(),
        }
    }
}

/// Why a category's child properties are not all in the snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChildProblem {
    /// The category's call budget ran out with values still to follow.
    Budget { limit: usize, left: usize, next: String },
    /// Values deeper than the depth limit were not followed.
    Depth { limit: usize, left: usize, first: String },
    /// An answer hangs a property under its own descendant; it was left out.
    Cycle { cycle: String },
}

impl Localized for ChildProblem {
    fn message(&self, locale: Locale) -> String {
        match (locale, self) {
            (Locale::En, Self::Budget { limit, left, next }) => format!(
                "the child-property budget of {limit} calls ran out; the children of {left} value(s) were not fetched, starting with {next}"
            ),
            (Locale::ZhCn, Self::Budget { limit, left, next }) => {
                format!("子属性调用次数已达上限 {limit} 次, 还有 {left} 个属性值的子属性未获取, 第一个是 {next}")
            }
            (Locale::En, Self::Depth { limit, left, first }) => format!(
                "child properties nest deeper than {limit} levels; the children of {left} value(s) were not fetched, starting with {first}"
            ),
            (Locale::ZhCn, Self::Depth { limit, left, first }) => {
                format!("子属性层级超过 {limit} 层, 有 {left} 个属性值的子属性未获取, 第一个是 {first}")
            }
            (Locale::En, Self::Cycle { cycle }) => {
                format!("the platform hangs a property under its own child, so it was left out: {cycle}")
            }
            (Locale::ZhCn, Self::Cycle { cycle }) => format!("平台把属性挂在了它自己的子属性之下, 已舍弃: {cycle}"),
        }
    }
}

/// The walk of one category: which paths to ask for next, within the limits.
#[derive(Debug)]
pub struct ChildWalk {
    limits: ChildLimits,
    graph: ChildGraph,
    visited: BTreeSet<Pair>,
    frontier: VecDeque<Vec<Pair>>,
    too_deep: Vec<Vec<Pair>>,
    requests: usize,
    problems: Vec<(Vec<Pair>, ChildProblem)>,
}

impl ChildWalk {
    pub fn new(limits: ChildLimits) -> Self {
        Self {
            limits,
            graph: ChildGraph::default(),
            visited: BTreeSet::new(),
            frontier: VecDeque::new(),
            too_deep: Vec::new(),
            requests: 0,
            problems: Vec::new(),
        }
    }

    /// The first-level answers: properties (with any values they carry) and the values call.
    pub fn first_level(&mut self, props: &[ItemProp], values: &[PropValue]) {
        for v in values {
            self.graph.name_value(v);
        }
        self.answer(&[], props);
        for v in values.iter().filter(|v| v.is_parent) {
            self.enqueue(&[], (v.pid, v.vid));
        }
    }

    /// The next path to ask for, or `None` when the walk is over (done or out of budget).
    pub fn next(&mut self) -> Option<Vec<Pair>> {
        if self.frontier.is_empty() {
            return None;
        }
        if self.requests >= self.limits.max_requests {
            let left = self.frontier.len();
            let next = self.frontier.front().and_then(|p| p.last().copied()).map(|pair| self.graph.describe(pair));
            let first = self.frontier.front().cloned().unwrap_or_default();
            let problem =
                ChildProblem::Budget { limit: self.limits.max_requests, left, next: next.unwrap_or_default() };
            self.problems.push((first, problem));
            self.frontier.clear();
            return None;
        }
        self.requests += 1;
        self.frontier.pop_front()
    }

    /// The answer to the call for `path`.
    pub fn answer(&mut self, path: &[Pair], props: &[ItemProp]) {
        for p in props {
            self.graph.name(p, &p.prop_values);
        }
        for p in props {
            let parent = stated_parent(p, path);
            if !path.is_empty() {
                if let Err(cycle) = self.graph.admit(p.pid, parent) {
                    let cycle = self.graph.describe_cycle(&cycle);
                    self.problems.push((path.to_vec(), ChildProblem::Cycle { cycle }));
                    continue;
                }
            } else {
                // First-level answers are not checked for loops here: compiling the snapshot
                // names any (as for every first-level dependency).
                let _ = self.graph.admit(p.pid, parent);
            }
            for v in p.prop_values.iter().filter(|v| v.is_parent) {
                let pid = if v.pid == 0 { p.pid } else { v.pid };
                self.enqueue(path, (pid, v.vid));
            }
        }
    }

    fn enqueue(&mut self, above: &[Pair], pair: Pair) {
        if !self.visited.insert(pair) {
            return;
        }
        let mut path = above.to_vec();
        path.push(pair);
        if path.len() > self.limits.max_depth {
            self.too_deep.push(path);
        } else {
            self.frontier.push_back(path);
        }
    }

    /// Everything that kept child properties out of the snapshot, each with the path it is
    /// about.
    pub fn into_problems(mut self) -> Vec<(Vec<Pair>, ChildProblem)> {
        if let Some(first) = self.too_deep.first().cloned() {
            let describe = first.last().map(|&pair| self.graph.describe(pair)).unwrap_or_default();
            let problem =
                ChildProblem::Depth { limit: self.limits.max_depth, left: self.too_deep.len(), first: describe };
            self.problems.push((first, problem));
        }
        self.problems
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    fn prop(json: &str) -> ItemProp {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn paths_round_trip_and_bad_ones_are_refused() {
        assert_eq!(parse_path("20000:33546;33164:114523"), Some(vec![(20000, 33546), (33164, 114523)]));
        assert_eq!(path_text(&[(20000, 33546), (33164, 114523)]), "20000:33546;33164:114523");
        assert_eq!(parse_path("20000"), None);
        assert_eq!(parse_path("a:1"), None);
    }

    #[test]
    fn a_stated_parent_wins_and_an_unstated_one_comes_from_the_path() {
        let path = [(20000, 33546)];
        assert_eq!(stated_parent(&prop(r#"{"pid":1,"parent_pid":0,"parent_vid":0}"#), &path), None);
        assert_eq!(stated_parent(&prop(r#"{"pid":1,"parent_pid":5,"parent_vid":6}"#), &path), Some((5, 6)));
        assert_eq!(stated_parent(&prop(r#"{"pid":1}"#), &path), Some((20000, 33546)));
        assert_eq!(stated_parent(&prop(r#"{"pid":1}"#), &[]), None);
    }

    #[test]
    fn a_property_under_its_own_descendant_is_a_named_cycle() {
        let mut g = ChildGraph::default();
        g.name(&prop(r#"{"pid":20000,"name":"品牌"}"#), &[]);
        g.name(&prop(r#"{"pid":33164,"name":"华硕系列配置"}"#), &[]);
        g.name_value(&serde_json::from_str(r#"{"pid":20000,"vid":33546,"name":"华硕/ASUS"}"#).unwrap());
        g.admit(20000, None).unwrap();
        g.admit(33164, Some((20000, 33546))).unwrap();
        let cycle = g.admit(20000, Some((33164, 114523))).unwrap_err();
        assert_eq!(
            g.describe_cycle(&cycle),
            "品牌 (20000) = 华硕/ASUS (33546) → 华硕系列配置 (33164) = 114523 → 品牌 (20000)"
        );
        // Refused: 品牌 is still first level, so 33164 can hang under it again.
        g.admit(33164, Some((20000, 33546))).unwrap();
        // A property under itself.
        assert_eq!(g.admit(7, Some((7, 1))).unwrap_err(), vec![(7, 1)]);
    }

    #[test]
    fn the_walk_follows_each_value_once_within_depth_and_budget() {
        let limits = ChildLimits { max_depth: 2, max_requests: 3 };
        let mut w = ChildWalk::new(limits);
        let brand = prop(
            r#"{"pid":1,"name":"品牌","prop_values":{"prop_value":[{"vid":10,"is_parent":true},{"vid":11,"is_parent":true},{"vid":12}]}}"#,
        );
        w.first_level(&[brand], &[]);
        assert_eq!(w.next(), Some(vec![(1, 10)]));
        // The answer lists a series with a parent value, and 品牌's value 11 again.
        let series = prop(
            r#"{"pid":2,"name":"系列","parent_pid":1,"parent_vid":10,"prop_values":{"prop_value":[{"vid":20,"is_parent":true}]}}"#,
        );
        let again = prop(r#"{"pid":1,"parent_pid":0,"parent_vid":0,"prop_values":[{"vid":11,"is_parent":true}]}"#);
        w.answer(&[(1, 10)], &[series, again]);
        assert_eq!(w.next(), Some(vec![(1, 11)]));
        assert_eq!(w.next(), Some(vec![(1, 10), (2, 20)]));
        let model = prop(r#"{"pid":3,"name":"型号","prop_values":[{"vid":30,"is_parent":true}]}"#);
        w.answer(&[(1, 10), (2, 20)], &[model]);
        assert_eq!(w.next(), None, "depth 3 is past the limit");
        assert_eq!(w.requests, 3);
        let problems = w.into_problems();
        assert!(matches!(&problems[0].1, ChildProblem::Depth { limit: 2, left: 1, .. }), "{problems:?}");

        let mut w = ChildWalk::new(ChildLimits { max_depth: 8, max_requests: 1 });
        let brand = prop(r#"{"pid":1,"prop_values":[{"vid":10,"is_parent":true},{"vid":11,"is_parent":true}]}"#);
        w.first_level(&[brand], &[]);
        assert!(w.next().is_some());
        assert_eq!(w.next(), None);
        let problems = w.into_problems();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].0, vec![(1, 11)]);
        assert!(problems[0].1.message(Locale::En).contains("budget of 1 calls"));
        assert!(problems[0].1.message(Locale::ZhCn).contains("上限 1 次"));
    }
}
