//! `SKU_COMBINATION_MISSING`: a combination of the chosen sale values without a SKU.
//!
//! A warning by default (a seller may leave one out on purpose). The expected combinations
//! are built by the matrix helper, which gives up past the SKU limit, so the work is bounded
//! by the limit, and each lookup is a hash probe.
//!
//! One mistake, one issue: a SKU already reported (a value unknown or not chosen, a property
//! missing or not a sale property, a broken native string) was most likely meant for one of
//! the missing combinations, the first whose values include every sound value of that SKU;
//! that combination is not reported as well. And a property that takes one value but was
//! given several (`PROP_NOT_MULTI`) spans the matrix with the values the SKUs use only.

use super::Rule;
use crate::forms::matrix;
use crate::model::ids::Id;
use crate::report::{Code, IssueKind, Pair, Severity, Sink};
use crate::validate::engine::{Ctx, ResolvedProp, ResolvedSku};
use smallvec::SmallVec;

pub(crate) const RULE: Rule = Rule { codes: &[Code::SkuCombinationMissing], check };

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    let skus = &ctx.skus;
    if skus.list.is_empty() || complete_without_dependencies(ctx) {
        return;
    }
    // Only the sale properties the SKUs actually use span the matrix.
    let selection: Vec<(u32, Vec<Id>)> = selected(ctx).map(|(pi, rp)| (pi, spanning_values(ctx, pi, rp))).collect();
    let applies = |prop: &crate::catalog::CompiledProperty, combo: &[Pair]| match prop.property.parent() {
        None => true,
        Some((ppid, pvid)) => match ctx.cat.property(ppid) {
            Some(parent) if parent.property.sale => combo.iter().any(|p| p.pid == ppid && p.vid == pvid),
            _ => ctx.has_value(ppid, pvid),
        },
    };
    let Ok(combos) = matrix::build(ctx.cat, &selection, ctx.catalog.limits.max_skus, applies) else {
        return;
    };
    let mut reported = reported_skus(ctx, sink);
    for combo in combos {
        // The SKU index is keyed by pairs sorted by id; the combination stays in sale order.
        let mut key: SmallVec<[(Id, Id); 4]> = combo.iter().map(|p| (p.pid, p.vid)).collect();
        key.sort_unstable();
        if skus.find(key.iter().copied()).is_none() {
            if let Some(i) = reported.iter().position(|&sku| meant_for(ctx, sku, &combo)) {
                reported.swap_remove(i);
                continue;
            }
            let names = combo.iter().map(|p| ctx.value_label(p.pid, p.vid)).collect();
            let kind = IssueKind::SkuCombinationMissing { combination: combo, names };
            sink.push(kind, ctx.options.missing_combinations, "/skus");
        }
    }
}

/// The values of a selected property that span the matrix: those the listing chose, or, for a
/// property that takes one value and was given several, those the SKUs use.
fn spanning_values(ctx: &Ctx<'_>, pi: u32, rp: &ResolvedProp<'_>) -> Vec<Id> {
    let chosen = rp.values.iter().filter_map(|v| v.vid);
    if rp.prop.property.multi || rp.values.len() < 2 {
        return chosen.collect();
    }
    let used = |vid: Id| {
        let skus = &ctx.skus;
        skus.list.iter().any(|s| skus.pairs_of(s).iter().any(|p| p.prop_idx == pi && p.vid == vid))
    };
    chosen.filter(|&vid| used(vid)).collect()
}

/// The SKUs an error has been reported for (at the SKU or inside it), in listing order.
fn reported_skus<'c>(ctx: &'c Ctx<'_>, sink: &Sink) -> Vec<&'c ResolvedSku> {
    let mut at: Vec<usize> = sink
        .issues
        .iter()
        .filter(|(_, severity, _)| *severity == Severity::Error)
        .filter_map(|(_, _, path)| {
            let rest = path.strip_prefix("/skus/")?;
            let end = rest.find('/').unwrap_or(rest.len());
            rest[..end].parse::<usize>().ok()
        })
        .collect();
    at.sort_unstable();
    at.dedup();
    ctx.skus.list.iter().filter(|s| at.binary_search(&s.index).is_ok()).collect()
}

/// Whether every sound pair of a reported SKU (a value the listing chose, of a property that
/// applies to the SKU) is in `combo`: the SKU may have been meant for it.
fn meant_for(ctx: &Ctx<'_>, sku: &ResolvedSku, combo: &[Pair]) -> bool {
    let pairs = ctx.skus.pairs_of(sku);
    pairs
        .iter()
        .filter(|p| p.chosen && ctx.applies_to_sku(&ctx.cat.props[p.prop_idx as usize], pairs))
        .all(|p| combo.iter().any(|c| c.pid == p.pid && c.vid == p.vid))
}

/// The sale properties that span the matrix, in category order: those the SKUs use and the
/// listing chose values for.
fn selected<'c, 'a>(ctx: &'c Ctx<'a>) -> impl Iterator<Item = (u32, &'c ResolvedProp<'a>)> + 'c {
    let skus = &ctx.skus;
    ctx.cat.sale.iter().copied().filter(|&pi| skus.names_prop(pi)).filter_map(|pi| ctx.chosen(pi).map(|rp| (pi, rp)))
}

/// Fast path for the common case, with no dependencies among the selected properties: the
/// matrix is the plain product, and it is covered exactly when that many distinct SKUs use
/// one chosen value of each selected property. Counting avoids building the matrix, and even
/// the lists of chosen values.
fn complete_without_dependencies(ctx: &Ctx<'_>) -> bool {
    let mut expected: usize = 1;
    let mut selected_props = 0;
    for (pi, rp) in selected(ctx) {
        if ctx.cat.props[pi as usize].property.parent().is_some() {
            return false;
        }
        let n = rp.values.iter().filter(|v| v.vid.is_some()).count();
        if n == 0 {
            continue;
        }
        selected_props += 1;
        expected = match expected.checked_mul(n) {
            Some(e) => e,
            None => return false,
        };
    }
    // A complete SKU naming each selected property once with a chosen value is a distinct
    // matrix cell: a pair with a chosen value is of a selected property (a live sale property
    // the SKUs use, with that value among its ids), so counting properties is enough.
    ctx.skus.distinct_chosen_combinations(selected_props) == expected
}

#[cfg(test)]
mod tests {
    use crate::report::Severity;
    use crate::validate::rules::testkit::*;
    use crate::ValidateOptions;

    #[test]
    fn missing_combinations_are_warnings_unless_asked() {
        let mut l = tshirt();
        l["skus"].as_array_mut().unwrap_or_else(|| unreachable!()).truncate(1);
        let r = run(&demo(), l.clone(), &ValidateOptions::default());
        assert!(r.valid);
        assert_eq!(r.warnings, 3);
        assert!(r.issues.iter().all(|i| i.code().as_str() == "SKU_COMBINATION_MISSING" && i.path == "/skus"));
        let strict = ValidateOptions { missing_combinations: Severity::Error, ..Default::default() };
        assert!(!run(&demo(), l, &strict).valid);
        assert!(paths_of(tshirt(), "SKU_COMBINATION_MISSING").is_empty());
    }

    #[test]
    fn a_missing_combination_is_named_colour_before_size_as_the_category_lists_them() {
        let mut l = tshirt();
        l["skus"].as_array_mut().unwrap_or_else(|| unreachable!()).truncate(3);
        let r = run(&demo(), l, &ValidateOptions::default());
        let crate::IssueKind::SkuCombinationMissing { combination, names } = &r.issues[0].kind else {
            unreachable!("{:?}", r.issues)
        };
        assert_eq!(names, &["白色", "L"]);
        assert_eq!(combination.iter().map(|p| p.pid).collect::<Vec<_>>(), [1627207, 20509]);
        assert_eq!(r.issues[0].message, "缺少组合 `白色 / L` 的 SKU");
    }

    #[test]
    fn a_sku_already_reported_stands_for_one_missing_combination_only() {
        let mut l = tshirt();
        l["skus"].as_array_mut().unwrap_or_else(|| unreachable!()).truncate(2);
        // SKU 1 was meant for 乳白色 / L, but its size is not a size: that combination is not
        // reported again; 白色 / M and 白色 / L, which no SKU stands for, are.
        set(&mut l, "/skus/1/props/1", serde_json::json!({"pid": 20509, "value": "大码"}));
        let r = run(&demo(), l, &ValidateOptions::default());
        let missing: Vec<&[String]> = r
            .issues
            .iter()
            .filter_map(|i| match &i.kind {
                crate::IssueKind::SkuCombinationMissing { names, .. } => Some(names.as_slice()),
                _ => None,
            })
            .collect();
        assert_eq!(missing, [["白色", "M"], ["白色", "L"]]);
        assert_eq!(r.issues[0].code().as_str(), "SKU_VALUE_UNKNOWN");
    }

    #[test]
    fn a_sku_naming_one_property_twice_covers_no_combination() {
        let mut l = tshirt();
        set(
            &mut l,
            "/skus/3/props",
            serde_json::json!([{"pid": 1627207, "vid": 28320}, {"pid": 1627207, "vid": 28321}]),
        );
        assert_eq!(paths_of(l, "SKU_COMBINATION_MISSING"), vec!["/skus"]);
    }
}
