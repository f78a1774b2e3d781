//! `SKU_DUPLICATE`: two SKUs with the same combination. Found through a hash index built once
//! per listing (see `engine::resolve_sku`), so the check is linear, not quadratic.

use super::Rule;
use crate::report::{Code, IssueKind, Pair, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule = Rule { codes: &[Code::SkuDuplicate], check };

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    for (sku, first) in ctx.skus.repeats() {
        let pairs = ctx.in_sale_order(ctx.skus.pairs_of(sku));
        let combination = pairs.iter().map(|p| Pair { pid: p.pid, vid: p.vid }).collect();
        let names = pairs.iter().map(|p| ctx.value_label(p.pid, p.vid)).collect();
        sink.error(IssueKind::SkuDuplicate { first: first.index, combination, names }, format!("/skus/{}", sku.index));
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::rules::testkit::*;
    use crate::ValidateOptions;
    use serde_json::json;

    #[test]
    fn the_repeat_is_reported_with_the_first() {
        let mut l = tshirt();
        // Same combination, pairs in the other order: still the same SKU.
        set(&mut l, "/skus/3/props", json!([{"pid": 20509, "vid": 28383}, {"pid": 1627207, "vid": 28321}]));
        let report = run(&demo(), l.clone(), &ValidateOptions::default());
        assert_eq!(report.issues[0].message, "SKU 组合 `乳白色 / M` 与第 1 个 SKU 重复");
        let got = issues(l);
        assert_eq!(got[0], ("SKU_DUPLICATE".into(), "/skus/3".into()));
        assert!(paths_of(tshirt(), "SKU_DUPLICATE").is_empty());
    }

    #[test]
    fn every_repeat_names_the_first_in_order_and_empty_skus_repeat_nothing() {
        let mut l = tshirt();
        let skus = l["skus"].as_array().cloned().unwrap_or_default();
        let mut all: Vec<serde_json::Value> = Vec::new();
        for round in 0..3 {
            for (i, sku) in skus.iter().enumerate() {
                let mut sku = sku.clone();
                // Later rounds give the pairs in the other order, or as a native string.
                match (round, i % 2) {
                    (1, _) => sku["props"].as_array_mut().unwrap_or_else(|| unreachable!()).reverse(),
                    (2, 0) => {
                        let p = &sku["props"];
                        sku["props"] =
                            json!(format!("{}:{};{}:{}", p[0]["pid"], p[0]["vid"], p[1]["pid"], p[1]["vid"]));
                    }
                    _ => {}
                }
                all.push(sku);
            }
            all.push(json!({"props": [], "price": "1", "quantity": 1}));
        }
        l["skus"] = json!(all);
        let r = run(&demo(), l, &ValidateOptions::default());
        let got: Vec<(String, u64)> = serde_json::to_value(&r.issues)
            .unwrap_or_default()
            .as_array()
            .unwrap_or_else(|| unreachable!())
            .iter()
            .filter(|i| i["code"] == "SKU_DUPLICATE")
            .map(|i| (i["path"].as_str().unwrap_or_default().to_owned(), i["params"]["first"].as_u64().unwrap_or(99)))
            .collect();
        let want: Vec<(String, u64)> =
            [5, 6, 7, 8, 10, 11, 12, 13].iter().map(|&j| (format!("/skus/{j}"), (j % 5) as u64)).collect();
        assert_eq!(got, want);
    }
}
