//! `SKU_VALUE_NOT_IN_PROPS`: a SKU may only use values the listing chose for that property
//! (Taobao rejects an `item.add` whose SKU values are missing from `props`).

use super::Rule;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::{pair_path, Ctx};

pub(crate) const RULE: Rule = Rule { codes: &[Code::SkuValueNotInProps], check };

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    for (sku, p) in ctx.skus.unchosen_pairs() {
        let prop = &ctx.cat.props[p.prop_idx as usize];
        let kind = IssueKind::SkuValueNotInProps {
            pid: p.pid,
            prop: prop.property.name.clone(),
            vid: p.vid,
            value: prop.value_name(p.vid),
        };
        sink.error(kind, pair_path(&ctx.listing.skus[sku.index], sku.index, p.k));
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::rules::testkit::*;
    use serde_json::json;

    #[test]
    fn sku_values_must_be_chosen_in_props() {
        let mut l = tshirt();
        set(&mut l, "/skus/3/props/1", json!({"pid": 20509, "vid": 28385}));
        assert_eq!(paths_of(l, "SKU_VALUE_NOT_IN_PROPS"), vec!["/skus/3/props/1"]);
    }
}
