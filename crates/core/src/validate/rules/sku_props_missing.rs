//! `SKU_PROP_MISSING` and, per SKU, `PROP_DEPENDENCY_UNMET`.
//!
//! Every SKU must give a value for each sale property the listing's SKUs use and for each
//! required sale property the listing gives values for, as far as the property applies to
//! that SKU: 地市 (上海) applies only to SKUs whose 省份 is 上海.
//!
//! One mistake, one issue: a required sale property absent from the listing altogether is
//! `PROP_REQUIRED`'s alone (not also missing from every SKU), and a SKU whose value of a
//! property is of the wrong branch (浙江省's 地市 under 上海) is told so once, by
//! `PROP_DEPENDENCY_UNMET`, not also as lacking the 地市 that would apply.

use super::dependency::unmet;
use super::Rule;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::{pair_path, Ctx};
use smallvec::SmallVec;

pub(crate) const RULE: Rule = Rule { codes: &[Code::SkuPropMissing, Code::PropDependencyUnmet], check };

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    if ctx.skus.list.is_empty() {
        return;
    }
    // A few properties at most: kept inline, with no allocation.
    let mut needed: SmallVec<[u32; 8]> = ctx
        .cat
        .sale
        .iter()
        .copied()
        .filter(|&i| ctx.cat.props[i as usize].property.must && ctx.chosen(i).is_some())
        .collect();
    ctx.skus.add_named_props(&mut needed);
    // Without dependencies among them, a SKU that names as many properties as are needed, none
    // twice, lacks nothing (every resolved pair's property is needed); for the others the full
    // check below decides.
    let no_dependencies = needed.iter().all(|&pi| ctx.cat.props[pi as usize].property.parent().is_none());
    // Every SKU is such a SKU: nothing to walk.
    if no_dependencies && ctx.skus.all_name_each_once(needed.len()) {
        return;
    }
    for sku in ctx.skus.list.iter().filter(|s| s.complete) {
        if no_dependencies && sku.names_each_once(needed.len()) {
            continue;
        }
        let pairs = ctx.skus.pairs_of(sku);
        let listing_sku = &ctx.listing.skus[sku.index];
        // Names of the properties whose pair is of a branch that does not apply.
        let mut misplaced: SmallVec<[&str; 2]> = SmallVec::new();
        for p in pairs {
            let prop = &ctx.cat.props[p.prop_idx as usize];
            if !ctx.applies_to_sku(prop, pairs) {
                sink.error(unmet(ctx, prop), pair_path(listing_sku, sku.index, p.k));
                misplaced.push(&prop.property.name);
            }
        }
        for &pi in &needed {
            let prop = &ctx.cat.props[pi as usize];
            if !pairs.iter().any(|p| p.prop_idx == pi)
                && ctx.applies_to_sku(prop, pairs)
                && !misplaced.contains(&prop.property.name.as_str())
            {
                let kind = IssueKind::SkuPropMissing { pid: prop.property.pid, prop: prop.property.name.clone() };
                let path = if sku.native || listing_sku.properties.is_some() {
                    pair_path(listing_sku, sku.index, 0)
                } else {
                    format!("/skus/{}/props", sku.index)
                };
                sink.error(kind, path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::rules::testkit::*;
    use serde_json::json;

    #[test]
    fn a_sku_without_a_used_sale_property() {
        let mut l = tshirt();
        set(&mut l, "/skus/1/props", json!([{"pid": 1627207, "vid": 28321}]));
        assert_eq!(paths_of(l, "SKU_PROP_MISSING"), vec!["/skus/1/props"]);
    }

    #[test]
    fn a_required_sale_property_left_out_everywhere_is_reported_once() {
        let mut l = tshirt();
        l["props"].as_array_mut().unwrap_or_else(|| unreachable!()).pop();
        let skus = l["skus"].as_array_mut().unwrap_or_else(|| unreachable!());
        skus.truncate(2);
        for (j, vid) in [28321, 28320].into_iter().enumerate() {
            skus[j]["props"] = json!([{"pid": 1627207, "vid": vid}]);
        }
        assert_eq!(issues(l), vec![("PROP_REQUIRED".to_owned(), "/props".to_owned())]);
    }

    #[test]
    fn native_sku_strings_are_checked_too() {
        let mut l = tshirt();
        set(&mut l, "/skus/1/props", json!("1627207:28321"));
        assert_eq!(paths_of(l, "SKU_PROP_MISSING"), vec!["/skus/1/props"]);
    }
}
