//! Which constraints got stricter between two versions of a property or category: a listing
//! valid before may fail them now. Loosened or unchanged constraints are not reported.

use shelfcheck_core::model::snapshot::{Bound, Constraints, LengthUnit, PriceBounds};

/// A lower bound that now lets fewer numbers through.
fn min_tighter(before: Option<Bound>, after: Option<Bound>) -> bool {
    match (before, after) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(b), Some(a)) => a.value > b.value || (a.value == b.value && a.exclusive && !b.exclusive),
    }
}

/// An upper bound that now lets fewer numbers through.
fn max_tighter(before: Option<Bound>, after: Option<Bound>) -> bool {
    match (before, after) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(b), Some(a)) => a.value < b.value || (a.value == b.value && a.exclusive && !b.exclusive),
    }
}

fn less<T: PartialOrd + Copy>(before: Option<T>, after: Option<T>) -> bool {
    match (before, after) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(b), Some(a)) => a < b,
    }
}

fn more<T: PartialOrd + Copy>(before: Option<T>, after: Option<T>) -> bool {
    match (before, after) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(b), Some(a)) => a > b,
    }
}

/// The names (as in the snapshot) of the property constraints that got stricter.
pub(crate) fn tightened(before: Option<&Constraints>, after: Option<&Constraints>) -> Vec<&'static str> {
    let empty = Constraints::default();
    let (b, a) = (before.unwrap_or(&empty), after.unwrap_or(&empty));
    let mut out = Vec::new();
    // Bytes count a Chinese character twice: the same number in bytes is stricter.
    let unit_stricter = b.length_unit == LengthUnit::Characters && a.length_unit == LengthUnit::Bytes;
    let checks: [(&'static str, bool); 11] = [
        ("value_type", a.value_type.is_some() && a.value_type != b.value_type),
        ("min_length", more(b.min_length, a.min_length)),
        ("max_length", less(b.max_length, a.max_length) || (a.max_length.is_some() && unit_stricter)),
        ("min", min_tighter(b.min, a.min)),
        ("max", max_tighter(b.max, a.max)),
        ("max_decimals", less(b.max_decimals, a.max_decimals)),
        ("min_values", more(b.min_values, a.min_values)),
        ("max_values", less(b.max_values, a.max_values)),
        ("patterns", a.patterns.iter().any(|p| !b.patterns.contains(p))),
        ("custom_values", a.custom_values == Some(false) && b.custom_values != Some(false)),
        // A unit no longer allowed makes values typed with it fail.
        ("units", b.units.iter().any(|u| !a.units.contains(u))),
    ];
    out.extend(checks.iter().filter(|(_, t)| *t).map(|(n, _)| *n));
    if a.required_when.is_some() && a.required_when != b.required_when {
        out.push("required_when");
    }
    if a.disabled_when.is_some() && a.disabled_when != b.disabled_when {
        out.push("disabled_when");
    }
    out
}

/// Whether a category's price limits got stricter.
pub(crate) fn price_tightened(before: Option<PriceBounds>, after: Option<PriceBounds>) -> bool {
    let (b, a) = (before.unwrap_or_default(), after.unwrap_or_default());
    min_tighter(b.min, a.min) || max_tighter(b.max, a.max)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;

    fn c(v: serde_json::Value) -> Constraints {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn stricter_bounds_are_named_looser_ones_are_not() {
        let before = c(serde_json::json!({"max_length": 60, "max_values": 3, "min": {"value": 0}}));
        let stricter =
            c(serde_json::json!({"max_length": 40, "max_values": 3, "min": {"value": 0, "exclusive": true}}));
        assert_eq!(tightened(Some(&before), Some(&stricter)), vec!["max_length", "min"]);
        let looser = c(serde_json::json!({"max_length": 80, "max_values": 5}));
        assert!(tightened(Some(&before), Some(&looser)).is_empty());
        let bytes =
            c(serde_json::json!({"max_length": 60, "length_unit": "bytes", "max_values": 3, "min": {"value": 0}}));
        assert_eq!(tightened(Some(&before), Some(&bytes)), vec!["max_length"]);
        let cond = c(serde_json::json!({"required_when": {"test": {"pid": 1, "op": "is_null"}}}));
        assert_eq!(tightened(None, Some(&cond)), vec!["required_when"]);
        assert!(tightened(Some(&cond), None).is_empty());
    }

    #[test]
    fn the_diff_reports_stricter_properties_new_required_fields_and_prices() {
        let snap = |constraints: serde_json::Value, category: serde_json::Value| -> shelfcheck_core::Snapshot {
            let mut cat = serde_json::json!({"id": 1, "name": "衬衫", "leaf": true});
            cat.as_object_mut().unwrap().extend(category.as_object().unwrap().clone());
            serde_json::from_value(serde_json::json!({"format": 1, "platform": "tmall", "categories": [cat],
                "properties": [{"category_id": 1, "pid": 7, "name": "货号", "input": "text", "constraints": constraints}]}))
            .unwrap()
        };
        let old = snap(serde_json::json!({"max_length": 60}), serde_json::json!({}));
        let new = snap(
            serde_json::json!({"max_length": 30}),
            serde_json::json!({"required_fields": ["description"], "price": {"min": {"value": 10}}}),
        );
        let kinds: Vec<String> =
            crate::diff(&old, &new).iter().map(|c| c.message(shelfcheck_core::Locale::En)).collect();
        assert_eq!(
            kinds,
            vec![
                "category `衬衫` (1) now requires item field(s): description",
                "category `衬衫` (1) has stricter price limits",
                "property `货号` (7) of category 1 has stricter constraints: max_length",
            ]
        );
        assert!(crate::diff(&new, &old).is_empty());
        // A field the platform's limits now require is newly required in every category; one
        // the category already required is not new.
        let mut platform = new.clone();
        platform.limits.required_fields = vec!["description".into(), "images".into()];
        let kinds: Vec<String> =
            crate::diff(&new, &platform).iter().map(|c| c.message(shelfcheck_core::Locale::En)).collect();
        assert_eq!(kinds, vec!["category `衬衫` (1) now requires item field(s): images"]);
    }

    #[test]
    fn category_prices() {
        let p = |min: f64| PriceBounds { min: Some(Bound { value: min, exclusive: false }), max: None };
        assert!(price_tightened(None, Some(p(10.0))) && price_tightened(Some(p(5.0)), Some(p(10.0))));
        assert!(!price_tightened(Some(p(10.0)), Some(p(5.0))) && !price_tightened(Some(p(10.0)), None));
    }
}
