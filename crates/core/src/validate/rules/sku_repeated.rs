//! `PROP_NOT_MULTI` within a SKU: a SKU takes exactly one value of each sale property, so
//! two colours in one SKU cannot be sold as one item even though 颜色分类 is multi-valued on
//! the listing.

use super::Rule;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::{pair_path, Ctx};

pub(crate) const RULE: Rule = Rule { codes: &[Code::PropNotMulti], check };

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    // Every SKU names each property once: nothing to walk.
    for sku in ctx.skus.repeating_a_prop() {
        let pairs = ctx.skus.pairs_of(sku);
        // Pairs are sorted by pid: a repeat is a run of equal pids.
        let mut i = 0;
        while i < pairs.len() {
            let run = pairs[i..].iter().take_while(|p| p.pid == pairs[i].pid).count();
            if run > 1 {
                // Reported at the repeat the seller wrote last.
                let last = pairs[i..i + run].iter().map(|p| p.k).max().unwrap_or(0);
                let prop = &ctx.cat.props[pairs[i].prop_idx as usize];
                let kind =
                    IssueKind::PropNotMulti { pid: prop.property.pid, prop: prop.property.name.clone(), count: run };
                sink.error(kind, pair_path(&ctx.listing.skus[sku.index], sku.index, last));
            }
            i += run;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::rules::testkit::*;
    use serde_json::json;

    #[test]
    fn two_values_of_one_sale_property_in_a_sku() {
        let mut l = tshirt();
        set(
            &mut l,
            "/skus/0/props",
            json!([{"pid": 1627207, "vid": 28321}, {"pid": 1627207, "vid": 28320}, {"pid": 20509, "vid": 28383}]),
        );
        assert_eq!(paths_of(l, "PROP_NOT_MULTI"), vec!["/skus/0/props/1"]);
        assert!(paths_of(tshirt(), "PROP_NOT_MULTI").is_empty());
    }
}
