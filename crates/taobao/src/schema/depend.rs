//! `depend-group` → [`Condition`]. A group can be mapped only when every expression in it names
//! a field the snapshot can see: a category property (`prop_<pid>` of this schema) or an item
//! field of `ITEM_FIELDS`. Otherwise the whole rule is kept as a hint, since a condition with a
//! part left out would fire when the platform's does not.

use shelfcheck_core::model::rule_model::{Condition, Op, Operand, Test};

use super::fields::{item_field, prop_pid};
use super::tree::{DependExpress, DependGroup};

/// The condition a group states; `None` when some part of it cannot be expressed.
/// `known` says whether a property id is one this schema defines.
pub fn condition(group: &DependGroup, known: &dyn Fn(i64) -> bool) -> Option<Condition> {
    let mut parts = Vec::with_capacity(group.expresses.len() + group.groups.len());
    for e in &group.expresses {
        parts.push(express(e, known)?);
    }
    for g in &group.groups {
        parts.push(condition(g, known)?);
    }
    if parts.len() == 1 {
        return parts.pop();
    }
    Some(if group.any { Condition::Any(parts) } else { Condition::All(parts) })
}

/// The negation of `c`, written as a plain test where the model has the opposite operator
/// (`==` / `!=`, `contains` / `not contains`), so that messages read "when 质地 is PU" rather
/// than "when not (质地 is not PU)". The engine's `!=` and `not contains` are exactly the
/// negations of `==` and `contains`.
pub fn negate(c: Condition) -> Condition {
    match c {
        Condition::Not(inner) => *inner,
        Condition::Test(mut t) => {
            let opposite = match t.op {
                Op::Eq => Some(Op::Ne),
                Op::Ne => Some(Op::Eq),
                Op::Contains => Some(Op::NotContains),
                Op::NotContains => Some(Op::Contains),
                _ => None,
            };
            match opposite {
                Some(op) => {
                    t.op = op;
                    Condition::Test(t)
                }
                None => Condition::Not(Box::new(Condition::Test(t))),
            }
        }
        other => Condition::Not(Box::new(other)),
    }
}

fn express(e: &DependExpress, known: &dyn Fn(i64) -> bool) -> Option<Condition> {
    let (pid, field) = match prop_pid(&e.field_id) {
        Some(pid) if known(pid) => (Some(pid), None),
        Some(_) => return None,
        None => {
            let name = item_field(&e.field_id)?;
            (None, Some(name.to_owned()))
        }
    };
    // A property's operand is a value id when it is one; item fields compare text.
    let operand = |v: &str| match (pid, v.trim().parse::<i64>()) {
        (Some(_), Ok(id)) => Operand::Vid(id),
        _ => Operand::Text(v.trim().to_owned()),
    };
    let test = |op: Op, values: Vec<Operand>| Condition::Test(Test { pid, field: field.clone(), op, values });
    let one = || vec![operand(&e.value)];
    let list = || e.value.split(',').filter(|v| !v.trim().is_empty()).map(operand).collect::<Vec<_>>();
    let symbol = e.symbol.to_ascii_lowercase();
    // The model compares numbers only with a numeric operand, and `in` needs one at least.
    let numeric = matches!(symbol.as_str(), ">" | "<" | ">=" | "<=");
    if (numeric && e.value.trim().parse::<f64>().map_or(true, |n| !n.is_finite()))
        || (symbol.ends_with("in") && list().is_empty())
    {
        return None;
    }
    Some(match symbol.as_str() {
        "==" => test(Op::Eq, one()),
        "!=" => test(Op::Ne, one()),
        ">" => test(Op::Gt, one()),
        "<" => test(Op::Lt, one()),
        ">=" => test(Op::Ge, one()),
        "<=" => test(Op::Le, one()),
        "contains" => test(Op::Contains, one()),
        "not contains" => test(Op::NotContains, one()),
        "is null" => test(Op::IsNull, Vec::new()),
        "is not null" | "not null" => Condition::Not(Box::new(test(Op::IsNull, Vec::new()))),
        "in" => test(Op::In, list()),
        "not in" => Condition::Not(Box::new(test(Op::In, list()))),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;

    fn ex(field_id: &str, value: &str, symbol: &str) -> DependExpress {
        DependExpress { field_id: field_id.into(), value: value.into(), symbol: symbol.into() }
    }

    fn pid_test(pid: i64, op: Op, values: Vec<Operand>) -> Condition {
        Condition::Test(Test { pid: Some(pid), field: None, op, values })
    }

    #[test]
    fn every_symbol_maps_onto_an_operator() {
        let known = |_| true;
        let cases = [
            ("==", pid_test(5, Op::Eq, vec![Operand::Vid(7)])),
            ("!=", pid_test(5, Op::Ne, vec![Operand::Vid(7)])),
            (">", pid_test(5, Op::Gt, vec![Operand::Vid(7)])),
            ("<", pid_test(5, Op::Lt, vec![Operand::Vid(7)])),
            (">=", pid_test(5, Op::Ge, vec![Operand::Vid(7)])),
            ("<=", pid_test(5, Op::Le, vec![Operand::Vid(7)])),
            ("contains", pid_test(5, Op::Contains, vec![Operand::Vid(7)])),
            ("not contains", pid_test(5, Op::NotContains, vec![Operand::Vid(7)])),
            ("is null", pid_test(5, Op::IsNull, vec![])),
            ("is not null", Condition::Not(Box::new(pid_test(5, Op::IsNull, vec![])))),
            ("in", pid_test(5, Op::In, vec![Operand::Vid(7)])),
            ("not in", Condition::Not(Box::new(pid_test(5, Op::In, vec![Operand::Vid(7)])))),
        ];
        for (symbol, want) in cases {
            let g = DependGroup { any: false, expresses: vec![ex("prop_5", "7", symbol)], groups: vec![] };
            assert_eq!(condition(&g, &known), Some(want), "{symbol}");
        }
        let g = DependGroup { any: false, expresses: vec![ex("prop_5", "7", "~=")], groups: vec![] };
        assert_eq!(condition(&g, &known), None);
    }

    #[test]
    fn negation_flips_operators_that_have_an_opposite() {
        let ne = pid_test(5, Op::Ne, vec![Operand::Vid(7)]);
        assert_eq!(negate(ne.clone()), pid_test(5, Op::Eq, vec![Operand::Vid(7)]));
        assert_eq!(negate(pid_test(5, Op::NotContains, vec![])), pid_test(5, Op::Contains, vec![]));
        let lt = pid_test(5, Op::Lt, vec![Operand::Vid(7)]);
        assert_eq!(negate(lt.clone()), Condition::Not(Box::new(lt.clone())));
        assert_eq!(negate(Condition::Not(Box::new(lt.clone()))), lt);
        let any = Condition::Any(vec![ne]);
        assert_eq!(negate(any.clone()), Condition::Not(Box::new(any)));
    }

    #[test]
    fn groups_nest_and_item_fields_compare_text() {
        let inner = DependGroup { any: false, expresses: vec![ex("title", "礼盒", "contains")], groups: vec![] };
        let g = DependGroup { any: true, expresses: vec![ex("prop_5", "1,2", "in")], groups: vec![inner] };
        let c = condition(&g, &|_| true).unwrap();
        let want = Condition::Any(vec![
            pid_test(5, Op::In, vec![Operand::Vid(1), Operand::Vid(2)]),
            Condition::Test(Test {
                pid: None,
                field: Some("title".into()),
                op: Op::Contains,
                values: vec![Operand::Text("礼盒".into())],
            }),
        ]);
        assert_eq!(c, want);
    }

    #[test]
    fn a_group_naming_a_field_the_snapshot_cannot_see_is_not_mapped() {
        let g = DependGroup { any: false, expresses: vec![ex("item_status", "1", "!=")], groups: vec![] };
        assert_eq!(condition(&g, &|_| true), None);
        let g = DependGroup { any: false, expresses: vec![ex("prop_9", "1", "==")], groups: vec![] };
        assert_eq!(condition(&g, &|pid| pid != 9), None);
    }
}
