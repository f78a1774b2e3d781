//! `BRAND_NOT_AUTHORIZED`: with a seller scope, brand values must be authorised.
//!
//! A brand of the seller's own where the property takes listed values only is refused by
//! `PROP_CUSTOM_VALUE_NOT_ALLOWED` already: it is not reported twice.

use super::Rule;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule = Rule { codes: &[Code::BrandNotAuthorized], check };

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(seller) = ctx.catalog.seller.as_ref().filter(|_| ctx.options.seller_scope) else { return };
    let Some(brands) = &seller.brands else { return };
    for rp in ctx.props.iter().filter(|rp| seller.brand_pids.contains(&rp.prop.property.pid)) {
        let pid = rp.prop.property.pid;
        let custom_ok = ctx.cat.accepts_custom(rp.prop);
        for v in &rp.values {
            let own = v.vid.is_none_or(|vid| vid < 0);
            if own && !custom_ok {
                continue;
            }
            let authorised = v.vid.is_some_and(|vid| brands.contains(&(pid, vid)));
            if !authorised {
                let vid = v.vid.unwrap_or(0);
                let value = match (v.vid, v.text) {
                    (Some(vid), _) => rp.prop.value_name(vid),
                    (None, Some(t)) => t.to_owned(),
                    _ => String::new(),
                };
                sink.error(IssueKind::BrandNotAuthorized { pid, vid, value }, ctx.value_path(rp.input, v.at));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use crate::model::snapshot::{BrandGrant, SellerScope};
    use crate::validate::rules::testkit::*;
    use crate::{Catalog, ValidateOptions};
    use serde_json::json;

    #[test]
    fn only_granted_brands_pass() {
        let mut s = demo_snapshot();
        s.seller = Some(SellerScope {
            brands: Some(vec![BrandGrant { pid: 20000, vid: 3233, name: None }]),
            ..Default::default()
        });
        let c = Catalog::compile(s).unwrap();
        let o = ValidateOptions::default();
        assert!(pairs(&run(&c, tshirt(), &o)).is_empty());
        let mut l = tshirt();
        set(&mut l, "/props/0", json!({"pid": 20000, "vids": [81147]}));
        assert_eq!(pairs(&run(&c, l.clone(), &o)), vec![("BRAND_NOT_AUTHORIZED".into(), "/props/0/vids/0".into())]);
        set(&mut l, "/props/0", json!({"pid": 20000, "text": "无名"}));
        assert_eq!(pairs(&run(&c, l, &o)), vec![("BRAND_NOT_AUTHORIZED".into(), "/props/0/text".into())]);
    }
}
