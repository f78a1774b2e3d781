//! What `snapshot check` reports about a snapshot: its counts and hashes, every integrity
//! problem, the categories marked incomplete and those no listing can satisfy. One report for
//! both commands that print it (the CLI and the npm package's), so their answers cannot drift
//! apart; each adds only the file name and the rendering.

use crate::catalog::unsatisfiable::Unsatisfiable;
use crate::catalog::{Catalog, Problem};
use crate::model::ids::Id;
use crate::model::snapshot::Snapshot;
use crate::validate::options::Locale;
use serde::Serialize;

/// A snapshot's check, in the field order `snapshot check --format json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SnapshotCheck {
    /// The snapshot's `format`.
    pub format: u32,
    /// The platform, as written in the snapshot (`taobao`, …).
    pub platform: String,
    /// When the snapshot was built, if it says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub built_at: Option<String>,
    /// Where its data came from, if it says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Number of categories.
    pub categories: usize,
    /// Number of leaf categories.
    pub leaves: usize,
    /// Number of properties.
    pub properties: usize,
    /// Number of property values.
    pub values: usize,
    /// Content hash, computed.
    pub hash: String,
    /// Hash written in the file, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared_hash: Option<String>,
    /// The snapshot compiles: no integrity problem.
    pub valid: bool,
    /// Every integrity problem, with its message; empty when `valid`.
    pub problems: Vec<ProblemLine>,
    /// Categories whose platform answers were partly missing when the snapshot was built.
    pub incomplete: Vec<Id>,
    /// Required properties no listing can give a value for, with their categories; empty when
    /// the snapshot does not compile (there is no catalog to ask).
    pub unsatisfiable: Vec<Unsatisfiable>,
}

/// One integrity problem and its message in the report's locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProblemLine {
    /// The problem, its `kind` and ids.
    #[serde(flatten)]
    pub problem: Problem,
    /// What it means, for a seller.
    pub message: String,
}

/// Checks a parsed snapshot: compiles it and gathers its counts, problems (messages in
/// `locale`), incomplete and unsatisfiable categories.
pub fn check(snapshot: Snapshot, locale: Locale) -> SnapshotCheck {
    let mut report = SnapshotCheck {
        format: snapshot.format,
        platform: snapshot.platform.as_str().to_owned(),
        built_at: snapshot.built_at.clone(),
        source: snapshot.source.clone(),
        categories: snapshot.categories.len(),
        leaves: snapshot.categories.iter().filter(|c| c.leaf).count(),
        properties: snapshot.properties.len(),
        values: snapshot.values.len(),
        hash: snapshot.content_hash(),
        declared_hash: snapshot.hash.clone(),
        valid: true,
        problems: Vec::new(),
        incomplete: snapshot.categories.iter().filter(|c| c.incomplete).map(|c| c.id).collect(),
        unsatisfiable: Vec::new(),
    };
    match Catalog::compile(snapshot) {
        Ok(catalog) => report.unsatisfiable = catalog.unsatisfiable(),
        Err(e) => {
            report.valid = false;
            report.problems =
                e.problems.into_iter().map(|p| ProblemLine { message: p.message(locale), problem: p }).collect();
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn demo() -> serde_json::Value {
        serde_json::from_str(crate::demo::SNAPSHOT_JSON).unwrap()
    }

    fn checked(v: &serde_json::Value, locale: Locale) -> SnapshotCheck {
        check(serde_json::from_value(v.clone()).unwrap(), locale)
    }

    #[test]
    fn the_demo_is_sound_with_its_counts_and_hash() {
        let snapshot: Snapshot = serde_json::from_str(crate::demo::SNAPSHOT_JSON).unwrap();
        let r = check(snapshot.clone(), Locale::En);
        assert!(r.valid);
        assert!(r.problems.is_empty() && r.incomplete.is_empty() && r.unsatisfiable.is_empty());
        assert_eq!(r.categories, snapshot.categories.len());
        assert!(r.leaves > 0 && r.leaves < r.categories);
        assert_eq!(r.properties, snapshot.properties.len());
        assert_eq!(r.values, snapshot.values.len());
        assert_eq!(r.hash, snapshot.content_hash());
        assert_eq!(r.platform, snapshot.platform.as_str());
    }

    #[test]
    fn a_broken_snapshot_names_each_problem_in_the_locale_and_has_no_unsatisfiable_list() {
        let mut v = demo();
        v["categories"].as_array_mut().unwrap().push(json!({"id": 7, "parent_id": 999, "name": "孤儿", "leaf": true}));
        let en = checked(&v, Locale::En);
        assert!(!en.valid);
        assert_eq!(en.problems.len(), 1);
        assert!(en.problems[0].message.contains("999"), "{}", en.problems[0].message);
        let zh = checked(&v, Locale::ZhCn);
        assert_ne!(zh.problems[0].message, en.problems[0].message);
        assert!(en.unsatisfiable.is_empty());
        let json = serde_json::to_value(&en).unwrap();
        assert_eq!(json["problems"][0]["kind"], "missing_parent");
    }

    #[test]
    fn incomplete_categories_and_a_required_property_without_values_are_listed() {
        let mut v = demo();
        let leaf = v["categories"].as_array().unwrap().iter().position(|c| c["id"] == 50010850).unwrap();
        v["categories"][leaf]["incomplete"] = json!(true);
        // A required enum property of that leaf, left without any value.
        let props = v["properties"].as_array().unwrap();
        let required = props
            .iter()
            .find(|p| {
                p["category_id"] == 50010850
                    && p["must"] == true
                    && p.get("parent_pid").is_none()
                    && p.get("input").is_none_or(|i| i == "enum")
            })
            .unwrap();
        let pid = required["pid"].clone();
        v["values"].as_array_mut().unwrap().retain(|x| !(x["category_id"] == 50010850 && x["pid"] == pid));
        let r = checked(&v, Locale::En);
        assert!(r.valid, "{:?}", r.problems);
        assert_eq!(r.incomplete, vec![50010850]);
        assert_eq!(r.unsatisfiable.len(), 1, "{:?}", r.unsatisfiable);
        assert_eq!(r.unsatisfiable[0].category_id, 50010850);
        assert_eq!(serde_json::to_value(r.unsatisfiable[0].pid).unwrap(), pid);
        assert!(r.unsatisfiable[0].incomplete);
    }

    #[test]
    fn the_json_fields_come_in_the_order_the_command_prints_them() {
        let r = checked(&demo(), Locale::En);
        let text = serde_json::to_string(&r).unwrap();
        let order = [
            "\"format\"",
            "\"platform\"",
            "\"categories\"",
            "\"leaves\"",
            "\"properties\"",
            "\"values\"",
            "\"hash\"",
            "\"valid\"",
            "\"problems\"",
            "\"incomplete\"",
            "\"unsatisfiable\"",
        ];
        let at: Vec<usize> = order.iter().map(|k| text.find(k).unwrap()).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
    }
}
