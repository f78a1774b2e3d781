//! The importer's side of child properties: where each property hangs, which values marked
//! `is_parent` no recorded `child_path` call asked about, cycles left out, and the input modes
//! that depend on the whole category (values seen, Tmall's closed brand and model).

use std::collections::{BTreeMap, BTreeSet};

use shelfcheck_core::model::snapshot::{InputMode, Platform, Property};
use shelfcheck_fetch::Locale;

use super::{Builder, ImportSummary};
use crate::children::{stated_parent, ChildGraph, Pair};
use crate::convert;
use crate::model::{ItemProp, PropValue as TopValue};

/// A place where a category's child properties are missing, named as the answers named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildHole {
    pub category: i64,
    /// `品牌 (20000) = 联想ThinkPad (21642)`, or for a cycle the whole loop.
    pub what: String,
}

impl ChildHole {
    /// One line for a summary: which category, and what is missing there.
    pub fn message(&self, cycle: bool, locale: Locale) -> String {
        let (category, what) = (self.category, &self.what);
        match (locale, cycle) {
            (Locale::En, false) => format!("category {category}: the child properties of {what} were not fetched"),
            (Locale::ZhCn, false) => format!("类目 {category}: 未获取 {what} 的子属性"),
            (Locale::En, true) => {
                format!("category {category}: a property left out, as it hangs under its own child: {what}")
            }
            (Locale::ZhCn, true) => format!("类目 {category}: 属性挂在了它自己的子属性之下, 已舍弃: {what}"),
        }
    }
}

/// One property of an `itemprops.get` answer, for the call that asked about `path` (empty: the
/// first level).
pub(super) fn take_property(b: &mut Builder, p: &ItemProp, cid: i64, path: &[Pair], platform: Platform) {
    let graph = b.graphs.entry(cid).or_default();
    graph.name(p, &p.prop_values);
    let parent = stated_parent(p, path);
    if path.is_empty() {
        b.first_level.insert((cid, p.pid));
    } else if parent.is_none() && b.first_level.contains(&(cid, p.pid)) {
        // A first-level property listed again by a child call: its values may still be new.
        for v in &p.prop_values {
            take_value(b, v, cid, p.pid);
        }
        return;
    }
    // A loop among first-level properties is left to compiling, which names it.
    if let (false, Err(cycle)) = (path.is_empty(), graph.admit(p.pid, parent)) {
        b.cycles.push((cid, cycle));
        return;
    }
    if convert::mode_unstated(p) {
        b.mode_unstated.insert((cid, p.pid));
    } else {
        b.mode_unstated.remove(&(cid, p.pid));
    }
    b.properties.insert((cid, p.pid), convert::property(p, cid, platform, parent));
    for v in &p.prop_values {
        take_value(b, v, cid, p.pid);
    }
}

pub(super) fn take_value(b: &mut Builder, v: &TopValue, cid: i64, prop_pid: i64) {
    let pid = if v.pid == 0 { prop_pid } else { v.pid };
    b.graphs.entry(cid).or_default().name_value(&TopValue { pid, ..v.clone() });
    // Any answer marking the value is enough, as for the fetch's walk: the values call may
    // leave `is_parent` out where `itemprops.get` sent it.
    if v.is_parent {
        b.parent_values.insert((cid, pid, v.vid));
    }
    b.values.insert((cid, pid, v.vid), convert::value(v, cid, pid));
}

/// Values marked `is_parent` that no `child_path` call asked about, and cycles left out: their
/// categories are incomplete.
pub(super) fn child_holes(b: &mut Builder, summary: &mut ImportSummary) {
    let no_graph = ChildGraph::default();
    for &(cid, pid, vid) in &b.parent_values {
        if b.walked.contains(&(cid, pid, vid)) || !b.values.contains_key(&(cid, pid, vid)) {
            continue;
        }
        let what = b.graphs.get(&cid).unwrap_or(&no_graph).describe((pid, vid));
        summary.unfetched_children.push(ChildHole { category: cid, what });
        b.incomplete.insert(cid);
    }
    for (cid, cycle) in &b.cycles {
        let what = b.graphs.get(cid).unwrap_or(&no_graph).describe_cycle(cycle);
        summary.child_cycles.push(ChildHole { category: *cid, what });
        b.incomplete.insert(*cid);
    }
}

/// Input modes the answers left open, and Tmall's closed ones.
///
/// A property whose answer did not say how it takes values is free text when no values came
/// for it, and takes its values or text when some did. On Tmall, brand and model (the key
/// properties) and every property under them (series, models of a brand) take listed values
/// only; other properties keep their custom input.
pub(super) fn settle_input_modes(b: &mut Builder, platform: Platform) {
    let with_values: BTreeSet<(i64, i64)> = b.values.keys().map(|&(cid, pid, _)| (cid, pid)).collect();
    for key in &b.mode_unstated {
        if let Some(p) = b.properties.get_mut(key).filter(|_| with_values.contains(key)) {
            p.input = InputMode::EnumOrText;
        }
    }
    if platform != Platform::Tmall {
        return;
    }
    let closed: Vec<(i64, i64)> = b
        .properties
        .iter()
        .filter(|(_, p)| p.input == InputMode::EnumOrText && (p.key || under_key(&b.properties, p)))
        .map(|(k, _)| *k)
        .collect();
    for key in closed {
        if let Some(p) = b.properties.get_mut(&key) {
            p.input = InputMode::Enum;
        }
    }
}

/// Whether a key property is among `p`'s ancestors (bounded: each property once).
fn under_key(props: &BTreeMap<(i64, i64), Property>, p: &Property) -> bool {
    let mut seen = BTreeSet::new();
    let mut at = p.parent();
    while let Some((pid, _)) = at {
        if !seen.insert(pid) {
            return false;
        }
        match props.get(&(p.category_id, pid)) {
            Some(parent) if parent.key => return true,
            Some(parent) => at = parent.parent(),
            None => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;
    use crate::import::{import_exchanges, ImportOptions};
    use shelfcheck_fetch::Exchange;

    /// 品牌 (a key property with values marked `is_parent`), 材质, and under 品牌 = 1 a series.
    fn brand_series(platform: &str) -> Vec<Exchange> {
        let first = r#"{"itemprops_get_response":{"item_props":{"item_prop":[
            {"pid":20000,"name":"品牌","is_key_prop":true,"is_enum_prop":true,"is_input_prop":true,
             "prop_values":{"prop_value":[{"vid":1,"name":"甲","is_parent":true}]}},
            {"pid":2,"name":"材质","is_enum_prop":true,"is_input_prop":true}]}}}"#;
        let child = r#"{"itemprops_get_response":{"item_props":{"item_prop":[
            {"pid":3,"name":"系列","is_enum_prop":true,"is_input_prop":true}]}}}"#;
        vec![
            Exchange::new(platform, "taobao.itemprops.get", [("cid", "9")], first),
            Exchange::new(platform, "taobao.itemprops.get", [("cid", "9"), ("child_path", "20000:1")], child),
        ]
    }

    fn modes(platform: Platform) -> Vec<(i64, InputMode)> {
        let options = ImportOptions { platform: Some(platform), ..ImportOptions::default() };
        let (snap, summary) = import_exchanges(&brand_series(platform.as_str()), &options).unwrap();
        assert!(!summary.is_partial(), "{summary:?}");
        snap.properties.iter().map(|p| (p.pid, p.input)).collect()
    }

    #[test]
    fn on_tmall_brand_and_what_hangs_under_it_are_closed_to_custom_values() {
        use InputMode::{Enum, EnumOrText};
        // Taobao: an enum property that takes input accepts the seller's own values.
        assert_eq!(modes(Platform::Taobao), vec![(2, EnumOrText), (3, EnumOrText), (20000, EnumOrText)]);
        // Tmall: only brand and its sub-property (the series, which the answer does not mark
        // as a key property) are closed; 材质 keeps its custom input.
        assert_eq!(modes(Platform::Tmall), vec![(2, EnumOrText), (3, Enum), (20000, Enum)]);
    }

    #[test]
    fn a_child_property_without_a_stated_parent_hangs_under_the_value_asked_about() {
        let (snap, _) = import_exchanges(&brand_series("taobao"), &ImportOptions::default()).unwrap();
        let series = snap.properties.iter().find(|p| p.pid == 3).unwrap();
        assert_eq!(series.parent(), Some((20000, 1)));
        // A bad `child_path` is an unusable exchange, named.
        let mut bad = brand_series("taobao");
        bad[1].params.insert("child_path".into(), "20000".into());
        let (_, summary) = import_exchanges(&bad, &ImportOptions::default()).unwrap();
        assert!(summary.ignored[0].reason.contains("`child_path` `20000`"), "{summary:?}");
        assert_eq!(summary.incomplete, vec![9]);
    }

    #[test]
    fn a_value_marked_parent_by_any_answer_needs_its_children() {
        // The values call lists 甲 again without `is_parent`; the first-level answer marked it.
        let mut exchanges = brand_series("taobao");
        exchanges.pop();
        let values =
            r#"{"itempropvalues_get_response":{"prop_values":{"prop_value":[{"pid":20000,"vid":1,"name":"甲"}]}}}"#;
        exchanges.push(Exchange::new("taobao", "taobao.itempropvalues.get", [("cid", "9")], values));
        let (_, summary) = import_exchanges(&exchanges, &ImportOptions::default()).unwrap();
        assert_eq!(summary.unfetched_children, vec![ChildHole { category: 9, what: "品牌 (20000) = 甲 (1)".into() }]);
        assert_eq!(summary.incomplete, vec![9]);
    }
}
